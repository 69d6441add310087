#include "validate/narrative_checks.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <regex>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "i18n/i18n.hpp"

namespace rb::validate {

// Builds and reads NarrativeAnalysis; the checks themselves are below, in the unnamed namespace.
struct detail::NarrativeBuilder {
    using Figure = NarrativeAnalysis::Figure;
    using Claim = NarrativeAnalysis::Claim;
    using MentionKey = NarrativeAnalysis::MentionKey;

    // Runs the text part of the checks in `checks` (a CheckSet).
    static NarrativeAnalysis build(const NarrativeInput& in, unsigned checks);
    // The claims of `a` compared with `mentions`; `sections` (when given) receives each
    // finding's section index.
    static void numbers(const NarrativeAnalysis& a, const std::vector<Mention>& mentions,
                        std::vector<NarrativeFinding>& out, std::vector<std::size_t>* sections);
    // build + numbers, merged in order.
    static std::vector<NarrativeFinding> run(const NarrativeInput& in, unsigned checks);
};

namespace {

constexpr std::size_t npos = std::string::npos;

// For the few helpers that run on every byte of the text.
#if defined(__GNUC__)
#define RB_HOT_INLINE [[gnu::always_inline]] inline
#else
#define RB_HOT_INLINE inline
#endif

// ---------------------------------------------------------------------------------------------
// UTF-8 and code point properties

// Decodes the code point at i (not ASCII), 0xFFFD for an invalid sequence; sets the next offset.
char32_t cp_decode(std::string_view s, std::size_t i, std::size_t* next) {
    auto j = static_cast<int32_t>(i);
    UChar32 c;
    U8_NEXT(s.data(), j, static_cast<int32_t>(s.size()), c);
    if (next) *next = static_cast<std::size_t>(j);
    return c < 0 ? 0xFFFD : static_cast<char32_t>(c);
}

// Decodes the code point at i and sets the next offset. ASCII and well-formed 2- and 3-byte
// sequences (every Vietnamese letter) are decoded inline; the rest goes to ICU.
RB_HOT_INLINE char32_t cp_at(std::string_view s, std::size_t i, std::size_t* next = nullptr) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const unsigned c = p[i];
    if (c < 0x80) {
        if (next) *next = i + 1;
        return c;
    }
    if (c >= 0xC2 && c < 0xE0 && i + 1 < s.size() && (p[i + 1] & 0xC0) == 0x80) {
        if (next) *next = i + 2;
        return ((c & 0x1F) << 6) | (p[i + 1] & 0x3F);
    }
    if (c >= 0xE0 && c < 0xF0 && i + 2 < s.size() && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
        const char32_t v = ((c & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
        if (v >= 0x800 && (v < 0xD800 || v > 0xDFFF)) {
            if (next) *next = i + 3;
            return v;
        }
    }
    return cp_decode(s, i, next);
}

char32_t cp_before_slow(std::string_view s, std::size_t i, std::size_t* start) {
    auto j = static_cast<int32_t>(i);
    UChar32 c;
    U8_PREV(s.data(), 0, j, c);
    if (start) *start = static_cast<std::size_t>(j);
    return c < 0 ? 0xFFFD : static_cast<char32_t>(c);
}

inline char32_t cp_before(std::string_view s, std::size_t i, std::size_t* start = nullptr) {
    const auto c = static_cast<unsigned char>(s[i - 1]);
    if (c < 0x80) {
        if (start) *start = i - 1;
        return c;
    }
    return cp_before_slow(s, i, start);
}

bool is_mark(char32_t c) { return (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_M_MASK) != 0; }

// What the checks ask of a code point, packed in 32 bits: flags, and the simple case folding
// when that is already NFC (kNoFold otherwise).
constexpr std::uint32_t kKnown = 1u << 31, kWord = 1u << 30, kSpace = 1u << 29, kCombining = 1u << 28,
                        kUpper = 1u << 27, kDigit = 1u << 26 /* ASCII digit */, kFoldMask = 0x1FFFFF,
                        kNoFold = 0x1FFFFF;

constexpr bool ascii_word(unsigned c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
constexpr bool ascii_space(unsigned c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

std::uint32_t compute_info(char32_t c) {
    const auto u = static_cast<UChar32>(c);
    std::uint32_t v = kKnown;
    if (c < 0x80) {
        if (ascii_word(c)) v |= kWord;
        if (ascii_space(c)) v |= kSpace;
        if (c >= '0' && c <= '9') v |= kDigit;
    } else {
        if (u_isalnum(u) || is_mark(c)) v |= kWord;
        if (u_isUWhiteSpace(u)) v |= kSpace;
    }
    if (u_getCombiningClass(u) != 0) v |= kCombining;
    if (u_isupper(u) || u_istitle(u)) v |= kUpper;
    const UChar32 f = u_foldCase(u, U_FOLD_CASE_DEFAULT);
    const bool nfc_ok = c != 0xFFFD && u_getIntPropertyValue(f, UCHAR_NFC_QUICK_CHECK) != UNORM_NO;
    return v | (nfc_ok ? static_cast<std::uint32_t>(f) : kNoFold);
}

// Code points below U+3000 (Latin with every Vietnamese letter, combining marks, general
// punctuation) are looked up in ICU once per process. Filled lazily; concurrent writers store
// the same value.
constexpr char32_t kCachedBelow = 0x3000;
std::atomic<std::uint32_t> g_info[kCachedBelow];

std::uint32_t cp_info_slow(char32_t c) {
    const std::uint32_t v = compute_info(c);
    if (c < kCachedBelow) g_info[c].store(v, std::memory_order_relaxed);
    return v;
}

RB_HOT_INLINE std::uint32_t cp_info(char32_t c) {
    if (c < kCachedBelow) {
        const std::uint32_t v = g_info[c].load(std::memory_order_relaxed);
        if (v != 0) return v;
    }
    return cp_info_slow(c);
}

RB_HOT_INLINE bool is_word_cp(char32_t c) { return c < 0x80 ? ascii_word(c) : (cp_info(c) & kWord) != 0; }
RB_HOT_INLINE bool is_space_cp(char32_t c) { return c < 0x80 ? ascii_space(c) : (cp_info(c) & kSpace) != 0; }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool word_char_at(std::string_view t, std::size_t i) { return i < t.size() && is_word_cp(cp_at(t, i)); }

const icu::Normalizer2& nfc() {
    static const icu::Normalizer2* n = [] {
        UErrorCode e = U_ZERO_ERROR;
        return icu::Normalizer2::getNFCInstance(e);
    }();
    return *n;
}

const icu::Normalizer2& nfd() {
    static const icu::Normalizer2* n = [] {
        UErrorCode e = U_ZERO_ERROR;
        return icu::Normalizer2::getNFDInstance(e);
    }();
    return *n;
}

// ---------------------------------------------------------------------------------------------
// Folding and words

// A word of folded text: a maximal run of letters, digits and marks.
struct Word {
    std::size_t b = 0, e = 0;
    std::uint32_t cps = 0;  // code points
    bool digit = false;     // holds an ASCII digit
    bool spaced = false;    // only whitespace up to the next word
    bool capital = false;   // the original text starts it with an uppercase or titlecase letter
};

// Where folding changed the length of a cluster: folded bytes [fb, fe) come from [ob, oe).
struct Shift {
    std::size_t fb, fe, ob, oe;
};

// Case-folded NFC text, its words, and the way back to byte offsets in the original: matching
// runs on the folded form, findings point into the text as typed.
struct Folded {
    std::string text;
    std::vector<Shift> shifts;  // by position; none when folding kept every length (the usual case)
    std::size_t orig_size = 0;
    std::vector<Word> words;

    // Offsets inside a reshaped cluster map to its start; offsets elsewhere keep their distance
    // to the last reshaped cluster.
    std::size_t to_orig(std::size_t i) const {
        if (i >= text.size()) return orig_size;
        if (shifts.empty()) return i;
        auto it = std::upper_bound(shifts.begin(), shifts.end(), i,
                                   [](std::size_t x, const Shift& s) { return x < s.fb; });
        if (it == shifts.begin()) return i;
        --it;
        return i < it->fe ? it->ob : i - it->fe + it->oe;
    }
};

// cp_info of the ASCII characters, as a constant for the loop over ASCII text.
constexpr std::array<std::uint32_t, 128> kAscii = [] {
    std::array<std::uint32_t, 128> a{};
    for (unsigned c = 0; c < 128; ++c) {
        const bool upper = c >= 'A' && c <= 'Z';
        a[c] = kKnown | (ascii_word(c) ? kWord : 0) | (ascii_space(c) ? kSpace : 0) |
               (c >= '0' && c <= '9' ? kDigit : 0) | (upper ? kUpper : 0) | (upper ? c + ('a' - 'A') : c);
    }
    return a;
}();

// Cuts folded text into words as its code points come: feed() each one, with its flags, in
// order, then finish(). One branch per code point, taken only where a word starts or ends.
class Tokenizer {
public:
    explicit Tokenizer(std::vector<Word>& words) : words_(words) {}

    RB_HOT_INLINE void feed(std::size_t at, std::uint32_t flags, bool capital) {
        const bool is_word = (flags & kWord) != 0;
        if (is_word != in_word_) {
            if (is_word) {
                if (!words_.empty()) words_.back().spaced = gap_spaces_;
                b_ = at;
                cps_ = 0;
                digit_ = false;
                capital_ = capital;
            } else {
                words_.push_back({b_, at, cps_, digit_, false, capital_});
                gap_spaces_ = true;
            }
            in_word_ = is_word;
        }
        cps_ += is_word;
        digit_ |= (flags & kDigit) != 0;  // digits are word characters
        gap_spaces_ &= is_word | ((flags & kSpace) != 0);
    }
    void finish(std::size_t end) {
        if (in_word_) words_.push_back({b_, end, cps_, digit_, false, capital_});
        in_word_ = false;
    }

private:
    std::vector<Word>& words_;
    std::size_t b_ = 0;  // the current word's start, length, ...
    std::uint32_t cps_ = 0;
    bool digit_ = false, capital_ = false;
    bool in_word_ = false;
    bool gap_spaces_ = true;  // only whitespace since the last word
};

// Words of text already folded (used when a stray byte made folding and tokenizing part ways).
void tokenize(Folded& f, std::string_view original) {
    const std::string_view t = f.text;
    f.words.clear();
    Tokenizer tok(f.words);
    for (std::size_t i = 0; i < t.size();) {
        std::size_t next;
        const char32_t c = cp_at(t, i, &next);
        const std::uint32_t flags = cp_info(c);
        // As typed: the first code point of the original cluster.
        const bool capital = (flags & kWord) && (cp_info(cp_at(original, f.to_orig(i))) & kUpper);
        tok.feed(i, flags, capital);
        i = next;
    }
    tok.finish(t.size());
}

// Folds one base character with its combining marks at a time (NFC never composes across
// such clusters for the scripts in question), and cuts the result into words on the way. A
// lone code point whose simple case folding is already NFC (every Vietnamese letter) is folded
// from the code point table; other clusters go through ICU once and are cached.
class Folder {
public:
    Folded fold(std::string_view s) {
        Folded f;
        f.orig_size = s.size();
        const std::size_t n = s.size();
        if (n == 0) return f;
        std::string& out = f.text;
        // Room for the rest of the input at one byte per byte; grown when a cluster folds longer.
        out.resize(n + 16);
        char* o = out.data();
        std::vector<Word>& words = f.words;
        words.reserve(n / 4 + 1);  // Vietnamese prose: about one word per 4.5 bytes
        std::size_t pos = 0;       // bytes written
        bool stray = false;        // a malformed byte was copied as it is

        Tokenizer tok(words);
        const auto* in = reinterpret_cast<const unsigned char*>(s.data());
        std::size_t i = 0;
        while (i < n) {
            // Most bytes: ASCII followed by ASCII, a cluster of its own (no mark can follow).
            while (i + 1 < n && (in[i] | in[i + 1]) < 0x80) {
                const std::uint32_t flags = kAscii[in[i]];
                o[pos] = static_cast<char>(flags & kFoldMask);
                tok.feed(pos, flags, (flags & kUpper) != 0);
                ++i;
                ++pos;
            }
            if (i >= n) break;
            // Any other cluster: [i, end), starting with c ([i, ce)).
            std::size_t ce;
            const char32_t c = cp_at(s, i, &ce);
            const std::uint32_t ci = cp_info(c);
            std::size_t end = ce;
            while (end < n && in[end] >= 0x80) {  // ASCII never combines
                std::size_t next;
                if (!(cp_info(cp_at(s, end, &next)) & kCombining)) break;
                end = next;
            }
            const bool capital = (ci & kUpper) != 0;
            const std::uint32_t folded = ci & kFoldMask;
            if (end == ce && folded == c) [[likely]] {  // one code point that folding keeps
                if (i + 4 <= n)
                    std::memcpy(o + pos, in + i, 4);  // the bytes past ce are overwritten next
                else
                    for (std::size_t k = i; k < ce; ++k) o[pos + k - i] = s[k];
                tok.feed(pos, ci, capital);
                pos += ce - i;
            } else if (c < 0x80 && end == ce) {  // uppercase ASCII
                o[pos] = static_cast<char>(folded);
                tok.feed(pos, kAscii[folded], capital);
                ++pos;
            } else if (end - i == 1) {  // a stray byte, kept as it is
                o[pos++] = s[i];
                stray = true;
            } else if (end == ce && folded != kNoFold) {  // one code point, folded from the table
                const auto len = static_cast<std::size_t>(U8_LENGTH(static_cast<UChar32>(folded)));
                if (len != end - i) {
                    o = reserve(out, pos, len, n - end);
                    f.shifts.push_back({pos, pos + len, i, end});
                }
                int32_t k = 0;
                U8_APPEND_UNSAFE(o + pos, k, static_cast<UChar32>(folded));
                tok.feed(pos, cp_info(folded), capital);
                pos += len;
            } else {
                const std::string& r = fold_cluster(s.substr(i, end - i));
                o = reserve(out, pos, r.size(), n - end);
                std::memcpy(o + pos, r.data(), r.size());
                for (std::size_t k = 0; k < r.size();) {  // ICU's output is well-formed
                    std::size_t next;
                    tok.feed(pos + k, cp_info(cp_at(r, k, &next)), capital);
                    k = next;
                }
                f.shifts.push_back({pos, pos + r.size(), i, end});
                pos += r.size();
            }
            i = end;
        }
        tok.finish(pos);
        out.resize(pos);
        if (stray) tokenize(f, s);
        return f;
    }

    // The folded words of a short text (a phrase, a name); unit nouns repeat, so kept.
    const std::vector<std::string>& words(const std::string& s) {
        auto it = words_cache_.find(s);
        if (it != words_cache_.end()) return it->second;
        const Folded f = fold(s);
        std::vector<std::string> out;
        out.reserve(f.words.size());
        for (const Word& w : f.words) out.emplace_back(f.text, w.b, w.e - w.b);
        return words_cache_.emplace(s, std::move(out)).first->second;
    }

private:
    // Makes room for `len` bytes at pos plus `rest` more; returns where the text now is.
    static char* reserve(std::string& out, std::size_t pos, std::size_t len, std::size_t rest) {
        if (out.size() < pos + len + rest) out.resize(pos + len + rest + 16);
        return out.data();
    }

    const std::string& fold_cluster(std::string_view cluster) {
        std::string key(cluster);
        auto it = cache_.find(key);
        if (it != cache_.end()) return it->second;
        icu::UnicodeString u =
            icu::UnicodeString::fromUTF8(icu::StringPiece(cluster.data(), static_cast<int32_t>(cluster.size())));
        u.foldCase(U_FOLD_CASE_DEFAULT);
        UErrorCode e = U_ZERO_ERROR;
        icu::UnicodeString n = nfc().normalize(u, e);
        std::string out;
        (U_SUCCESS(e) ? n : u).toUTF8String(out);
        return cache_.emplace(std::move(key), std::move(out)).first->second;
    }
    std::unordered_map<std::string, std::string> cache_;
    std::unordered_map<std::string, std::vector<std::string>> words_cache_;
};

std::u32string to_u32(std::string_view s) {
    std::u32string out;
    std::size_t i = 0;
    while (i < s.size()) out.push_back(cp_at(s, i, &i));
    return out;
}

// Diacritics removed from folded text: NFD, marks dropped, đ → d.
std::u32string strip_diacritics(std::string_view folded) {
    icu::UnicodeString u =
        icu::UnicodeString::fromUTF8(icu::StringPiece(folded.data(), static_cast<int32_t>(folded.size())));
    UErrorCode e = U_ZERO_ERROR;
    icu::UnicodeString d = nfd().normalize(u, e);
    std::u32string out;
    for (int32_t i = 0; i < d.length();) {
        const UChar32 c = d.char32At(i);
        i += U16_LENGTH(c);
        if (is_mark(static_cast<char32_t>(c))) continue;
        out.push_back(c == 0x111 ? U'd' : static_cast<char32_t>(c));
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Words and numbers in folded text

struct Span {
    std::size_t b = 0, e = 0;
};

std::vector<Span> words_of(std::string_view t, std::size_t from, std::size_t to) {
    std::vector<Span> out;
    std::size_t i = from;
    while (i < to) {
        std::size_t n;
        if (!is_word_cp(cp_at(t, i, &n))) {
            i = n;
            continue;
        }
        Span w{i, i};
        while (i < to) {
            if (!is_word_cp(cp_at(t, i, &n))) break;
            i = n;
        }
        w.e = i;
        out.push_back(w);
    }
    return out;
}

std::size_t skip_spaces(std::string_view t, std::size_t i, std::size_t end) {
    while (i < end) {
        std::size_t n;
        if (!is_space_cp(cp_at(t, i, &n))) break;
        i = n;
    }
    return i;
}

// Matches `words` at i as whole words separated by whitespace; returns the end or npos.
std::size_t match_words(std::string_view t, std::size_t i, std::size_t end, const std::vector<std::string>& words) {
    if (words.empty()) return npos;
    for (std::size_t k = 0; k < words.size(); ++k) {
        if (k > 0) {
            const std::size_t j = skip_spaces(t, i, end);
            if (j == i) return npos;
            i = j;
        }
        const std::string& w = words[k];
        if (i + w.size() > end || t.compare(i, w.size(), w) != 0) return npos;
        i += w.size();
        if (i < end && word_char_at(t, i)) return npos;
    }
    return i;
}

// The word just before i, separated from it by whitespace only; sets its start.
std::string_view word_before(std::string_view t, std::size_t i, std::size_t* start = nullptr) {
    std::size_t j = i;
    while (j > 0) {
        std::size_t p;
        if (!is_space_cp(cp_before(t, j, &p))) break;
        j = p;
    }
    const std::size_t e = j;
    while (j > 0) {
        std::size_t p;
        if (!is_word_cp(cp_before(t, j, &p))) break;
        j = p;
    }
    if (start) *start = j;
    return t.substr(j, e - j);
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return is_digit(c); });
}

// A Vietnamese number: dots group thousands ("1.034"), a comma starts decimals ("16,67"),
// leading zeros are fine ("05").
struct ViNumber {
    double value = 0;
    int decimals = 0;
};

std::optional<ViNumber> parse_vi_number(std::string_view s) {
    std::string_view int_part = s, frac;
    if (const auto comma = s.find(','); comma != npos) {
        int_part = s.substr(0, comma);
        frac = s.substr(comma + 1);
        if (!all_digits(frac)) return std::nullopt;
    }
    double v = 0;
    std::size_t group_start = 0;
    bool first = true;
    while (true) {
        const std::size_t dot = int_part.find('.', group_start);
        const std::string_view g = int_part.substr(group_start, dot == npos ? npos : dot - group_start);
        if (!all_digits(g)) return std::nullopt;
        if (!first && g.size() != 3) return std::nullopt;
        if (first && dot != npos && g.size() > 3) return std::nullopt;
        for (char c : g) v = v * 10 + (c - '0');
        first = false;
        if (dot == npos) break;
        group_start = dot + 1;
    }
    double scale = 0.1;
    for (char c : frac) {
        v += (c - '0') * scale;
        scale /= 10;
    }
    return ViNumber{v, static_cast<int>(frac.size())};
}

std::string format_vi(double v, int decimals) {
    const bool neg = v < 0;
    const double scale = std::pow(10.0, decimals);
    const auto n = static_cast<long long>(std::llround(std::fabs(v) * scale));
    const auto s = static_cast<long long>(scale);
    std::string digits = std::to_string(n / s);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back('.');
        out.push_back(digits[i]);
    }
    if (decimals > 0) {
        std::string f = std::to_string(n % s);
        out += ',' + std::string(static_cast<std::size_t>(decimals) - f.size(), '0') + f;
    }
    return neg ? "-" + out : out;
}

std::string format_count(double v) { return format_vi(v, std::fabs(v - std::round(v)) < 1e-9 ? 0 : 2); }

// Digits joined by . , / : - ("1.034", "29/12/2023", "2021-2025", "9001:2015").
struct Blob {
    std::size_t b = 0, e = 0;
    int slashes = 0;
    bool colon_or_dash = false;
};

Blob read_blob(std::string_view t, std::size_t i, std::size_t end) {
    Blob bl{i, i};
    std::size_t j = i;
    while (j < end) {
        const char c = t[j];
        if (is_digit(c)) {
            ++j;
            continue;
        }
        if ((c == '.' || c == ',' || c == '/' || c == ':' || c == '-') && j + 1 < end && is_digit(t[j + 1])) {
            if (c == '/') ++bl.slashes;
            if (c == ':' || c == '-') bl.colon_or_dash = true;
            ++j;
            continue;
        }
        break;
    }
    bl.e = j;
    return bl;
}

bool starts_dash(std::string_view t, std::size_t i) {
    return i < t.size() &&
           (t[i] == '-' || (t[i] == '\xE2' && (t.compare(i, 3, "\u2013") == 0 || t.compare(i, 3, "\u2014") == 0)));
}

// A character before a digit that makes it part of something else (a code, a range).
bool joins_before(char32_t c) {
    return is_word_cp(c) || c == '/' || c == '-' || c == '.' || c == ',' || c == ':' || c == '_' || c == '&' ||
           c == 0x2013 || c == 0x2014;
}

struct Num {
    enum Kind { Plain, Percent, Fraction } kind = Plain;
    std::size_t b = 0, e = 0;  // folded range of the number as typed (with "%")
    double x = 0, y = 0;       // value; for a fraction numerator and denominator
    int decimals = 0;
    bool date_like = false;  // "15/12": a fraction only when the unit noun follows
};

// Figures of a clause; see check_number_contradictions for what is left out.
std::vector<Num> scan_numbers(std::string_view t, std::size_t cb, std::size_t ce) {
    std::vector<Num> out;
    std::size_t i = cb;
    while (i < ce) {
        if (!is_digit(t[i])) {
            ++i;
            continue;
        }
        const Blob bl = read_blob(t, i, ce);
        i = bl.e;
        if (bl.b > cb && joins_before(cp_before(t, bl.b))) continue;
        if (bl.e < ce && word_char_at(t, bl.e)) continue;  // "4g", "10h30"
        const std::size_t k = skip_spaces(t, bl.e, ce);
        if (k < ce && t[k] == '/') continue;  // document number "02/KH-UBND", "09 /BC-UBND"
        if (starts_dash(t, k)) continue;      // span "2021 - 2025" or code "06-Ctr/HU"
        if (bl.colon_or_dash || bl.slashes >= 2) continue;
        std::size_t w1s = 0;
        const std::string_view w1 = word_before(t, bl.b, &w1s);
        if (w1 == "năm" || w1 == "quý" || w1 == "ngày" || w1 == "tháng") continue;
        if (w1 == "độ" && word_before(t, w1s) == "mức") continue;

        const std::string_view s = t.substr(bl.b, bl.e - bl.b);
        Num n;
        n.b = bl.b;
        n.e = bl.e;
        if (bl.slashes == 1) {
            const std::size_t slash = s.find('/');
            const std::string_view as = s.substr(0, slash), bs = s.substr(slash + 1);
            const auto a = parse_vi_number(as), b = parse_vi_number(bs);
            if (!a || !b) continue;
            n.kind = Num::Fraction;
            n.x = a->value;
            n.y = b->value;
            n.date_like = all_digits(as) && all_digits(bs) && as.size() <= 2 && bs.size() <= 2 && n.x >= 1 &&
                          n.x <= 31 && n.y >= 1 && n.y <= 12;
            if (n.date_like && (w1 == "từ" || w1 == "đến")) continue;
        } else {
            const auto v = parse_vi_number(s);
            if (!v) continue;
            n.x = v->value;
            n.decimals = v->decimals;
            std::size_t p = bl.e;
            if (p < ce && is_space_cp(cp_at(t, p))) cp_at(t, p, &p);
            if (p < ce && t[p] == '%') {
                n.kind = Num::Percent;
                n.e = p + 1;
            }
        }
        out.push_back(n);
    }
    return out;
}

// Clauses: cut at . ; : , ! ? … and newlines (not between digits: "1.034", "16,67", "9001:2015")
// and before "trong đó", which the seed writes without punctuation. Every cut falls between
// words, so only the gaps between them are scanned, and each clause knows its words.
struct Clause {
    std::size_t b = 0, e = 0;    // folded byte range
    std::size_t wb = 0, we = 0;  // its words: indices into Folded::words
};

bool word_is(std::string_view t, const Word& w, std::string_view s) { return t.substr(w.b, w.e - w.b) == s; }

std::vector<Clause> split_clauses(const Folded& f) {
    const std::string_view t = f.text;
    const std::vector<Word>& words = f.words;
    const std::size_t n = t.size(), nw = words.size();
    std::vector<Clause> out;
    std::size_t start = 0, wstart = 0;
    auto cut = [&](std::size_t at, std::size_t next, std::size_t wnext) {
        if (at > start) out.push_back({start, at, wstart, wnext});
        start = next;
        wstart = wnext;
    };
    for (std::size_t g = 0; g <= nw; ++g) {
        // The gap before word g (after the last word when g == nw).
        std::size_t i = g == 0 ? 0 : words[g - 1].e;
        const std::size_t ge = g < nw ? words[g].b : n;
        while (i < ge) {
            const char c = t[i];
            if (c == '.' || c == ',' || c == ':') {
                // "Số hồ sơ đã giải quyết: 1.034 hồ sơ" states one figure across its colon; a
                // colon before words ("trong đó: lĩnh vực …") opens a list and still cuts.
                std::size_t after = i + 1;
                while (after < n && (t[after] == ' ' || t[after] == '\t')) ++after;
                const bool labels_a_figure = c == ':' && after < n && is_digit(t[after]);
                if (!labels_a_figure && !(i > 0 && is_digit(t[i - 1]) && i + 1 < n && is_digit(t[i + 1])))
                    cut(i, i + 1, g);
                ++i;
            } else if (c == ';' || c == '\n' || c == '!' || c == '?') {
                cut(i, i + 1, g);
                ++i;
            } else if (c == '\xE2' && t.compare(i, 3, "\u2026") == 0) {
                cut(i, i + 3, g);
                i += 3;
            } else {
                ++i;
            }
        }
        if (g + 1 < nw && t[words[g].b] == 't' && words[g].spaced && word_is(t, words[g], "trong") &&
            word_is(t, words[g + 1], "đó"))
            cut(words[g].b, words[g].b, g);
    }
    cut(n, n, nw);
    return out;
}

// ---------------------------------------------------------------------------------------------
// The checks

using Figure = detail::NarrativeBuilder::Figure;
using Claim = detail::NarrativeBuilder::Claim;

struct Indexed {
    std::size_t section;
    NarrativeFinding f;
};

struct Prepared {
    Folder folder;
    std::vector<Folded> sections;
};

Prepared prepare(const NarrativeInput& in) {
    Prepared p;
    p.sections.reserve(in.sections.size());
    for (const auto& s : in.sections) p.sections.push_back(p.folder.fold(s.text));
    return p;
}

std::string label(const NarrativeSection& s) {
    if (!s.number.empty()) return s.number;
    if (!s.title.empty()) return s.title;
    return s.id;
}

NarrativeFinding make(CheckKind kind, const NarrativeSection& s, const Folded& f, std::size_t b, std::size_t e) {
    NarrativeFinding out;
    out.kind = kind;
    out.section_id = s.id;
    out.offset = f.to_orig(b);
    out.length = f.to_orig(e) - out.offset;
    out.excerpt = s.text.substr(out.offset, out.length);
    return out;
}

struct PreparedMention {
    std::size_t index;  // in NarrativeInput::mentions
    const Mention* m;
    std::vector<const std::vector<std::string>*> phrases;  // folded words, kept by the Folder
    const std::vector<std::string>* unit;
};

// Finds, clause by clause, the indicator the clause talks about and its figures to compare
// (see check_number_contradictions). Values are not looked at: that is number_findings' part.
void numbers_check(const NarrativeInput& in, Prepared& p, std::vector<Claim>& claims) {
    std::vector<PreparedMention> mentions;
    for (std::size_t i = 0; i < in.mentions.size(); ++i) {
        const Mention& m = in.mentions[i];
        PreparedMention pm{i, &m, {}, &p.folder.words(m.unit_noun)};
        for (const auto& ph : m.phrases) {
            const auto& words = p.folder.words(ph);
            if (!words.empty()) pm.phrases.push_back(&words);
        }
        if (!pm.phrases.empty()) mentions.push_back(std::move(pm));
    }
    if (mentions.empty()) return;
    // Phrases by their first word, in buckets by a hash of that word's length and end bytes: a
    // word of the text costs one table look-up, and a comparison only on a bucket hit.
    struct FirstWord {
        std::string_view word;
        std::vector<std::pair<std::size_t, const std::vector<std::string>*>> phrases;
    };
    auto bucket = [](std::string_view w) {
        return (w.size() * 31 + static_cast<unsigned char>(w.front()) * 7 + static_cast<unsigned char>(w.back())) &
               255;
    };
    std::vector<FirstWord> first_words;
    for (std::size_t mi = 0; mi < mentions.size(); ++mi)
        for (const auto* ph : mentions[mi].phrases) {
            auto it = std::find_if(first_words.begin(), first_words.end(),
                                   [&](const FirstWord& fw) { return fw.word == ph->front(); });
            if (it == first_words.end()) it = first_words.insert(first_words.end(), FirstWord{ph->front(), {}});
            it->phrases.emplace_back(mi, ph);
        }
    std::stable_sort(first_words.begin(), first_words.end(),
                     [&](const FirstWord& x, const FirstWord& y) { return bucket(x.word) < bucket(y.word); });
    std::array<std::size_t, 257> by_bucket{};  // first_words[by_bucket[h], by_bucket[h + 1]) are in bucket h
    for (const FirstWord& fw : first_words) ++by_bucket[bucket(fw.word) + 1];
    for (std::size_t h = 1; h < by_bucket.size(); ++h) by_bucket[h] += by_bucket[h - 1];

    std::vector<std::size_t> best(mentions.size());  // words of the longest phrase matched
    for (std::size_t si = 0; si < in.sections.size(); ++si) {
        const Folded& f = p.sections[si];
        const std::string_view t = f.text;
        const std::vector<Word>& words = f.words;
        auto text_of = [&](std::size_t k) { return t.substr(words[k].b, words[k].e - words[k].b); };
        for (const Clause& cl : split_clauses(f)) {
            std::fill(best.begin(), best.end(), 0);
            bool any = false;
            for (std::size_t k = cl.wb; k < cl.we; ++k) {
                const std::string_view w = text_of(k);
                const std::size_t h = bucket(w);
                for (std::size_t x = by_bucket[h]; x < by_bucket[h + 1]; ++x) {
                    const FirstWord& fw = first_words[x];
                    if (fw.word != w) continue;
                    // The phrase's words follow one another, separated by whitespace only.
                    for (const auto& [mi, ph] : fw.phrases) {
                        if (ph->size() <= best[mi] || k + ph->size() > cl.we) continue;
                        std::size_t q = 1;
                        while (q < ph->size() && words[k + q - 1].spaced && text_of(k + q) == (*ph)[q]) ++q;
                        if (q < ph->size()) continue;
                        best[mi] = ph->size();
                        any = true;
                    }
                    break;
                }
            }
            if (!any) continue;
            const std::vector<Num> nums = scan_numbers(t, cl.b, cl.e);
            if (nums.empty()) continue;

            auto unit_follows = [&](const PreparedMention& pm, const Num& n) {
                return pm.unit->empty() || match_words(t, skip_spaces(t, n.e, cl.e), cl.e, *pm.unit) != npos;
            };
            struct Cands {
                std::vector<const Num*> plain, percent, fraction;
                bool empty() const { return plain.empty() && percent.empty() && fraction.empty(); }
            };
            auto candidates = [&](const PreparedMention& pm) {
                Cands c;
                for (const Num& n : nums) {
                    if (n.kind == Num::Plain && !pm.m->is_ratio && unit_follows(pm, n)) c.plain.push_back(&n);
                    if (n.kind == Num::Percent && pm.m->is_ratio) c.percent.push_back(&n);
                    if (n.kind == Num::Fraction && pm.m->is_ratio &&
                        (pm.unit->empty() ? !n.date_like : unit_follows(pm, n)))
                        c.fraction.push_back(&n);
                }
                return c;
            };

            // The longest phrase among mentions that have something to compare.
            std::size_t winner = npos, winner_len = 0;
            bool tie = false;
            Cands wc;
            for (std::size_t mi = 0; mi < mentions.size(); ++mi) {
                if (best[mi] == 0 || best[mi] < winner_len) continue;
                Cands c = candidates(mentions[mi]);
                if (c.empty()) continue;
                if (best[mi] == winner_len && winner != npos) {
                    if (mentions[mi].m->code != mentions[winner].m->code) tie = true;
                    continue;
                }
                winner = mi;
                winner_len = best[mi];
                wc = std::move(c);
                tie = false;
            }
            if (winner == npos || tie) continue;

            // A figure is compared only when it is the clause's one candidate of its kind.
            Claim claim;
            claim.section = si;
            claim.mention = mentions[winner].index;
            claim.code = mentions[winner].m->code;
            auto take = [&](const std::vector<const Num*>& c, Figure::Kind kind) {
                if (c.size() != 1) return;
                Figure fg;
                fg.kind = kind;
                fg.x = c[0]->x;
                fg.y = c[0]->y;
                fg.decimals = c[0]->decimals;
                fg.offset = f.to_orig(c[0]->b);
                fg.length = f.to_orig(c[0]->e) - fg.offset;
                claim.figures.push_back(fg);
            };
            take(wc.plain, Figure::Count);
            take(wc.percent, Figure::Percent);
            take(wc.fraction, Figure::Fraction);
            if (claim.figures.empty()) continue;
            std::stable_sort(claim.figures.begin(), claim.figures.end(),
                             [](const Figure& a, const Figure& b) { return a.offset < b.offset; });
            claims.push_back(std::move(claim));
        }
    }
}

// A code point's bit in a 64-bit set of the characters of a string.
inline std::uint64_t char_bit(char32_t c) { return std::uint64_t{1} << ((c ^ (c >> 6)) & 63); }

std::uint64_t char_set(std::u32string_view s) {
    std::uint64_t m = 0;
    for (char32_t c : s) m |= char_bit(c);
    return m;
}

// Levenshtein distance between a window of folded text (words[i...] joined by one space, `len`
// code points) and `name` (whose char_set is `name_set`) when it is at most `limit`, else
// limit + 1. Two shortcuts keep most windows cheap: each character of one side whose bit is
// missing from the other side's set costs at least one edit, and only the diagonal band
// |r - j| <= limit is computed, stopping as soon as a whole row exceeds the limit.
std::size_t window_distance(std::string_view t, const std::vector<Word>& words, std::size_t i, std::size_t len,
                            std::u32string_view name, std::uint64_t name_set, std::size_t limit,
                            std::vector<std::size_t>& scratch) {
    const std::size_t m = name.size(), over = limit + 1;
    if ((len > m ? len - m : m - len) > limit) return over;
    constexpr std::size_t kMax = 64;
    char32_t buf[kMax];
    std::u32string decoded;
    std::u32string_view a;
    {
        char32_t* w = buf;
        if (len > kMax) {
            decoded.resize(len);
            w = decoded.data();
        }
        std::size_t r = 0;
        for (std::size_t j = i; r < len; ++j) {
            if (j > i) w[r++] = U' ';
            for (std::size_t x = words[j].b; x < words[j].e;) w[r++] = cp_at(t, x, &x);
        }
        a = std::u32string_view(w, len);
    }
    const std::uint64_t a_set = char_set(a);
    if (static_cast<std::size_t>(std::popcount(a_set & ~name_set)) > limit ||
        static_cast<std::size_t>(std::popcount(name_set & ~a_set)) > limit)
        return over;

    std::size_t rows[2][kMax + 2];
    std::size_t *prev = rows[0], *cur = rows[1];
    if (m + 2 > kMax + 2) {
        scratch.resize(2 * (m + 2));
        prev = scratch.data();
        cur = prev + m + 2;
    }
    std::fill(prev, prev + m + 2, over);
    std::fill(cur, cur + m + 2, over);
    for (std::size_t j = 0; j <= std::min(m, limit); ++j) prev[j] = j;
    for (std::size_t r = 1; r <= len; ++r) {
        const char32_t c = a[r - 1];
        const std::size_t lo = r > limit ? r - limit : 0, hi = std::min(m, r + limit);
        std::size_t row_min = over, j = lo;
        if (lo == 0) {
            cur[0] = row_min = r;
            j = 1;
        } else {
            cur[lo - 1] = over;
        }
        for (; j <= hi; ++j) {
            const std::size_t v =
                std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (c == name[j - 1] ? 0 : 1), over});
            cur[j] = v;
            row_min = std::min(row_min, v);
        }
        cur[hi + 1] = over;
        if (row_min > limit) return over;
        std::swap(prev, cur);
    }
    return std::min(prev[m], over);
}

void names_check(const NarrativeInput& in, Prepared& p, std::vector<Indexed>& out) {
    struct Name {
        const std::string* typed;
        std::vector<std::string> words;          // folded
        std::string folded;                      // the words joined by one space
        std::u32string u32;                      // the same, as code points
        std::uint64_t set;                       // char_set(u32)
        std::optional<std::u32string> stripped;  // without diacritics, when first needed
        bool short_name;
    };
    std::vector<Name> names;
    for (const std::string& n : in.unit.names) {
        std::vector<std::string> words = p.folder.words(n);
        if (words.empty()) continue;
        std::string folded;
        for (const auto& w : words) folded += (folded.empty() ? "" : " ") + w;
        Name nm{&n, std::move(words), folded, to_u32(folded), 0, std::nullopt, false};
        nm.set = char_set(nm.u32);
        nm.short_name = nm.u32.size() - (nm.words.size() - 1) < 5;  // letters, spaces left out
        names.push_back(std::move(nm));
    }
    if (names.empty()) return;

    std::vector<std::size_t> scratch;
    for (std::size_t si = 0; si < in.sections.size(); ++si) {
        const NarrativeSection& sec = in.sections[si];
        const Folded& f = p.sections[si];
        const std::string_view t = f.text;
        const std::vector<Word>& words = f.words;
        auto text_of = [&](std::size_t j) { return t.substr(words[j].b, words[j].e - words[j].b); };
        for (std::size_t i = 0; i < words.size(); ++i) {
            if (!words[i].capital) continue;
            Name* best = nullptr;
            std::size_t best_d = 3, best_k = 0;
            bool exact = false;
            for (Name& nm : names) {
                const std::size_t k = nm.words.size();  // syllables
                if (i + k > words.size()) continue;
                // The next k words, separated by whitespace only and without digits.
                std::size_t cps = k - 1;
                bool ok = true, same = true;
                for (std::size_t j = i; j < i + k && ok; ++j) {
                    ok = (j == i || words[j - 1].spaced) && !words[j].digit;
                    cps += words[j].cps;
                    same = same && text_of(j) == nm.words[j - i];
                }
                if (!ok) continue;
                if (same) {
                    exact = true;
                    break;
                }
                const std::size_t diff = cps > nm.u32.size() ? cps - nm.u32.size() : nm.u32.size() - cps;
                const std::size_t limit = std::min<std::size_t>(2, best_d - 1);
                if (diff > limit) continue;
                const std::size_t d = window_distance(t, words, i, cps, nm.u32, nm.set, limit, scratch);
                if (d == 0 || d > limit) continue;
                if (d == 2 || nm.short_name) {
                    std::string joined;
                    for (std::size_t j = i; j < i + k; ++j) (joined += j > i ? " " : "") += text_of(j);
                    if (!nm.stripped) nm.stripped = strip_diacritics(nm.folded);
                    if (strip_diacritics(joined) != *nm.stripped) continue;
                }
                best = &nm;
                best_d = d;
                best_k = k;
            }
            if (exact || !best) continue;
            NarrativeFinding fd = make(CheckKind::NameTypo, sec, f, words[i].b, words[i + best_k - 1].e);
            fd.message = rb::trf("Mục {}: “{}” có thể là lỗi chính tả của “{}”", label(sec), fd.excerpt, *best->typed);
            out.push_back({si, std::move(fd)});
        }
    }
}

// The first words of a paragraph, for a message that stays one line.
std::string opening_words(const std::string& text, std::size_t count) {
    const std::vector<Span> words = words_of(text, 0, text.size());
    if (words.size() <= count) return text;
    return text.substr(0, words[count - 1].e) + "…";
}

void repeats_check(const NarrativeInput& in, Prepared& p, std::vector<Indexed>& out) {
    // Each paragraph's key (folded, whitespace runs as one space) is written at the end of one
    // arena, which is never reallocated (a key is no longer than its paragraph), so the map can
    // hold views into it; a key that is not kept is overwritten by the next.
    std::size_t total = 0;
    for (const Folded& f : p.sections) total += f.text.size();
    std::string arena(total, '\0');
    std::size_t used = 0;
    std::unordered_map<std::string_view, std::size_t> seen;  // key → section of its first copy
    for (std::size_t si = 0; si < in.sections.size(); ++si) {
        const NarrativeSection& sec = in.sections[si];
        const Folded& f = p.sections[si];
        const std::string_view t = f.text;
        const std::vector<Word>& words = f.words;
        std::size_t w = 0;  // the first word not before the current position
        std::size_t lb = 0;
        while (lb < t.size()) {
            std::size_t le = t.find('\n', lb);
            if (le == npos) le = t.size();
            // Leading whitespace and bullets ("- ", "+ ", "- + ") are layout, not content.
            std::size_t cs = lb;
            while (true) {
                cs = skip_spaces(t, cs, le);
                std::size_t n;
                if (cs >= le) break;
                const char32_t c = cp_at(t, cs, &n);
                if ((c == '-' || c == '+' || c == '*' || c == 0x2022 || c == 0x2013) &&
                    (n == le || is_space_cp(cp_at(t, n))))
                    cs = n;
                else
                    break;
            }
            char* const key = arena.data() + used;
            std::size_t len = 0, letters = 0, content_end = cs;
            bool pending_space = false;
            auto put = [&](std::size_t b, std::size_t e, std::size_t cps) {
                if (pending_space && len > 0) {
                    key[len++] = ' ';
                    ++letters;
                }
                pending_space = false;
                std::memcpy(key + len, t.data() + b, e - b);
                len += e - b;
                letters += cps;
                content_end = e;
            };
            while (w < words.size() && words[w].b < cs) ++w;
            for (std::size_t i = cs; i < le;) {
                if (w < words.size() && words[w].b == i) {  // a word, copied whole
                    put(i, words[w].e, words[w].cps);
                    i = words[w++].e;
                    continue;
                }
                std::size_t n;
                if (is_space_cp(cp_at(t, i, &n)))
                    pending_space = true;
                else
                    put(i, n, 1);
                i = n;
            }
            if (letters >= 60) {
                auto [it, inserted] = seen.emplace(std::string_view(key, len), si);
                if (inserted) {
                    used += len;
                } else {
                    NarrativeFinding fd = make(CheckKind::RepeatedParagraph, sec, f, cs, content_end);
                    fd.message = rb::trf("Mục {}: đoạn văn “{}” lặp lại nguyên văn một đoạn ở mục {}", label(sec),
                                         opening_words(fd.excerpt, 8), label(in.sections[it->second]));
                    out.push_back({si, std::move(fd)});
                }
            }
            lb = le + 1;
        }
    }
}

void years_check(const NarrativeInput& in, Prepared& p, std::vector<Indexed>& out) {
    if (in.report_year == 0) return;
    for (std::size_t si = 0; si < in.sections.size(); ++si) {
        const NarrativeSection& sec = in.sections[si];
        const Folded& f = p.sections[si];
        const std::string_view t = f.text;
        const std::vector<Word>& words = f.words;
        auto word = [&](std::size_t i) { return t.substr(words[i].b, words[i].e - words[i].b); };
        // The word `back` words before words[i] when only whitespace separates them.
        auto before = [&](std::size_t i, std::size_t back) -> std::string_view {
            for (std::size_t k = 0; k < back; ++k, --i)
                if (i == 0 || !words[i - 1].spaced) return {};
            return word(i);
        };
        for (std::size_t i = 0; i + 1 < words.size(); ++i) {
            if (!words[i].spaced || word(i) != "năm") continue;
            const std::string_view y = word(i + 1);
            if (y.size() != 4 || !all_digits(y)) continue;
            const std::size_t after = skip_spaces(t, words[i + 1].e, t.size());
            if (starts_dash(t, after) || (after < t.size() && t[after] == '/')) continue;  // 2023-2024
            const int year = (y[0] - '0') * 1000 + (y[1] - '0') * 100 + (y[2] - '0') * 10 + (y[3] - '0');
            if (year == in.report_year || year < 1900 || year > 2100) continue;
            const std::string_view w1 = before(i, 1), w2 = before(i, 2);
            if (all_digits(w1) && w2 == "tháng") continue;  // ngày 29 tháng 12 năm 2023
            if (w1 == "từ" || w1 == "đến" || w1 == "với" || w1 == "kỳ" || w1 == "trước" || w1 == "sau" ||
                (w1 == "đoạn" && w2 == "giai"))
                continue;
            const bool qualified = w1 == "đầu" || w1 == "cuối" || w1 == "giữa";
            NarrativeFinding fd =
                make(CheckKind::WrongYear, sec, f, qualified ? words[i - 1].b : words[i].b, words[i + 1].e);
            fd.message = rb::trf("Mục {}: “{}” nhắc đến năm {}, trong khi đây là báo cáo năm {}", label(sec),
                                 fd.excerpt, year, in.report_year);
            out.push_back({si, std::move(fd)});
        }
    }
}

// Sentences kept from the previous period's report when its text was reused: another quarter
// of this year named as the period ("Quý I năm 2024" in a Q2 report), or a data window other
// than this report's ("từ ngày 15/12/2023 đến ngày 07/3/2024"). A quarter named to compare with
// ("so với quý I năm 2024", "từ quý I") is left alone.
void periods_check(const NarrativeInput& in, Prepared& p, std::vector<Indexed>& out) {
    static const std::regex quarter(R"(quý (iv|iii|ii|i|[1-4]) năm (\d{4}))");
    static const std::regex window(R"(từ ngày (\d{1,2})/(\d{1,2})/(\d{4}) đến ngày (\d{1,2})/(\d{1,2})/(\d{4}))");
    auto starts_word = [](std::string_view t, std::size_t i) {
        return i == 0 || std::string_view(" \t\n(\"“,;:.-").find(t[i - 1]) != std::string_view::npos;
    };
    // The replacement takes the excerpt's first letter case: "Từ ngày …" opening a sentence,
    // "quý II năm 2024" inside one.
    auto as_typed = [](const std::string& excerpt, std::string replacement) {
        if (excerpt.empty() || replacement.empty()) return replacement;
        const auto c = static_cast<unsigned char>(excerpt[0]);
        auto& r = replacement[0];
        if (std::islower(c)) r = static_cast<char>(std::tolower(static_cast<unsigned char>(r)));
        if (std::isupper(c)) r = static_cast<char>(std::toupper(static_cast<unsigned char>(r)));
        return replacement;
    };
    for (std::size_t si = 0; si < in.sections.size(); ++si) {
        const NarrativeSection& sec = in.sections[si];
        const Folded& f = p.sections[si];
        const std::string& t = f.text;
        if (in.report_quarter > 0 && !in.period_label.empty()) {
            for (auto it = std::sregex_iterator(t.begin(), t.end(), quarter); it != std::sregex_iterator(); ++it) {
                const auto& m = *it;
                const auto b = static_cast<std::size_t>(m.position(0));
                if (!starts_word(t, b)) continue;
                const std::string q = m[1];
                const int k = q == "i" || q == "1" ? 1 : q == "ii" || q == "2" ? 2 : q == "iii" || q == "3" ? 3 : 4;
                if (k == in.report_quarter || std::stoi(m[2]) != in.report_year) continue;
                std::string_view before = std::string_view(t).substr(0, b);
                while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
                const auto ends = [&](std::string_view w) {
                    return before.size() >= w.size() && before.substr(before.size() - w.size()) == w &&
                           starts_word(before, before.size() - w.size());
                };
                if (ends("với") || ends("từ") || ends("đến") || ends("sau") || ends("trước") || ends("kỳ") ||
                    ends("và"))
                    continue;
                NarrativeFinding fd = make(CheckKind::WrongPeriod, sec, f, b, b + static_cast<std::size_t>(m.length(0)));
                fd.replacement = as_typed(fd.excerpt, in.period_label);
                fd.message = rb::trf("Mục {}: “{}” nói về một quý khác, trong khi đây là báo cáo {}; có lẽ còn sót từ "
                                     "báo cáo kỳ trước (thay bằng “{}”)",
                                     label(sec), fd.excerpt, in.period_label, fd.replacement);
                out.push_back({si, std::move(fd)});
            }
        }
        if (in.window_from && in.window_to) {
            for (auto it = std::sregex_iterator(t.begin(), t.end(), window); it != std::sregex_iterator(); ++it) {
                const auto& m = *it;
                const auto b = static_cast<std::size_t>(m.position(0));
                if (!starts_word(t, b)) continue;
                const locale::Date from{std::stoi(m[3]), std::stoi(m[2]), std::stoi(m[1])};
                const locale::Date to{std::stoi(m[6]), std::stoi(m[5]), std::stoi(m[4])};
                if (from == *in.window_from && to == *in.window_to) continue;
                NarrativeFinding fd = make(CheckKind::WrongPeriod, sec, f, b, b + static_cast<std::size_t>(m.length(0)));
                // The document's words, in Vietnamese whatever the interface speaks.
                fd.replacement = as_typed(fd.excerpt, fmt::format("từ ngày {} đến ngày {}", locale::format_date_short(*in.window_from),
                                                              locale::format_date_short(*in.window_to)));
                fd.message = rb::trf("Mục {}: “{}” không phải khoảng lấy số liệu của báo cáo này; có lẽ còn sót từ "
                                     "báo cáo kỳ trước (thay bằng “{}”)",
                                     label(sec), fd.excerpt, fd.replacement);
                out.push_back({si, std::move(fd)});
            }
        }
    }
}

void fractions_check(const NarrativeInput& in, Prepared& p, std::vector<Indexed>& out) {
    for (std::size_t si = 0; si < in.sections.size(); ++si) {
        const NarrativeSection& sec = in.sections[si];
        const Folded& f = p.sections[si];
        const std::string_view t = f.text;
        // Looks at the number starting at i; returns where to go on.
        auto at = [&](std::size_t i) -> std::size_t {
            const Blob fr = read_blob(t, i, t.size());
            if (fr.slashes != 1 || fr.colon_or_dash) return fr.e;
            if (fr.b > 0 && joins_before(cp_before(t, fr.b))) return fr.e;
            std::size_t k = skip_spaces(t, fr.e, t.size());
            if (k >= t.size() || t[k] != '=') return fr.e;
            k = skip_spaces(t, k + 1, t.size());
            if (k >= t.size() || !is_digit(t[k])) return fr.e;
            const Blob pc = read_blob(t, k, t.size());
            if (pc.slashes != 0 || pc.colon_or_dash) return fr.e;
            std::size_t e = pc.e;
            if (e < t.size() && is_space_cp(cp_at(t, e))) cp_at(t, e, &e);
            if (e >= t.size() || t[e] != '%') return fr.e;
            ++e;
            const std::string_view fs = t.substr(fr.b, fr.e - fr.b);
            const std::size_t slash = fs.find('/');
            const auto a = parse_vi_number(fs.substr(0, slash)), b = parse_vi_number(fs.substr(slash + 1));
            const auto x = parse_vi_number(t.substr(pc.b, pc.e - pc.b));
            if (!a || !b || !x) return fr.e;
            if (b->value == 0) {
                NarrativeFinding fd = make(CheckKind::FractionArithmetic, sec, f, fr.b, e);
                fd.message = rb::trf("Mục {}: “{}” chia cho 0; tỉ lệ có mẫu số bằng 0 phải ghi là “không phát sinh”",
                                     label(sec), fd.excerpt);
                out.push_back({si, std::move(fd)});
                return e;
            }
            const double right = 100.0 * a->value / b->value;
            if (std::fabs(right - x->value) <= 0.5 * std::pow(10.0, -x->decimals) + 1e-9) return e;
            NarrativeFinding fd = make(CheckKind::FractionArithmetic, sec, f, fr.b, e);
            const std::string precise = format_vi(right, std::max(2, x->decimals));
            const std::string rounded = format_vi(right, x->decimals);
            const std::string as(fs.substr(0, slash)), bs(fs.substr(slash + 1));
            fd.message = precise == rounded
                             ? rb::trf("Mục {}: phép tính “{}” không đúng: {}/{} bằng {}%", label(sec), fd.excerpt, as,
                                       bs, precise)
                             : rb::trf("Mục {}: phép tính “{}” không đúng: {}/{} bằng {}% (làm tròn là {}%)",
                                       label(sec), fd.excerpt, as, bs, precise, rounded);
            out.push_back({si, std::move(fd)});
            return e;
        };
        // Digits are word characters: only words holding one are looked at.
        std::size_t i = 0;
        for (const Word& w : f.words) {
            if (!w.digit || w.e <= i) continue;
            for (i = std::max(i, w.b); i < w.e;) i = is_digit(t[i]) ? at(i) : i + 1;
        }
    }
}

std::string shown_value(const Mention& m) {
    if (!m.display.empty()) return m.display;
    if (m.value) return format_count(*m.value) + (m.is_ratio ? "%" : "");
    return {};
}

enum CheckSet : unsigned {
    kNumbers = 1,
    kNames = 2,
    kRepeats = 4,
    kYears = 8,
    kFractions = 16,
    kPeriods = 32,
    kAllChecks = 63,
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// NarrativeAnalysis

NarrativeAnalysis detail::NarrativeBuilder::build(const NarrativeInput& in, unsigned checks) {
    NarrativeAnalysis a;
    a.sections_ = in.sections;
    a.names_ = in.unit.names;
    a.mentions_.reserve(in.mentions.size());
    for (const Mention& m : in.mentions) a.mentions_.push_back({m.code, m.phrases, m.unit_noun, m.is_ratio});
    a.report_year_ = in.report_year;
    a.report_quarter_ = in.report_quarter;
    a.period_label_ = in.period_label;
    a.window_ = {in.window_from, in.window_to};
    a.language_ = static_cast<int>(i18n::language());

    Prepared p = prepare(in);
    if (checks & kNumbers) numbers_check(in, p, a.claims_);
    std::vector<Indexed> found;
    if (checks & kNames) names_check(in, p, found);
    if (checks & kRepeats) repeats_check(in, p, found);
    if (checks & kYears) years_check(in, p, found);
    if (checks & kFractions) fractions_check(in, p, found);
    if (checks & kPeriods) periods_check(in, p, found);
    std::stable_sort(found.begin(), found.end(), [](const Indexed& x, const Indexed& y) {
        return std::tie(x.section, x.f.offset) < std::tie(y.section, y.f.offset);
    });
    a.text_findings_.reserve(found.size());
    a.text_sections_.reserve(found.size());
    for (auto& x : found) {
        a.text_findings_.push_back(std::move(x.f));
        a.text_sections_.push_back(x.section);
    }
    return a;
}

void detail::NarrativeBuilder::numbers(const NarrativeAnalysis& a, const std::vector<Mention>& mentions,
                                       std::vector<NarrativeFinding>& out, std::vector<std::size_t>* sections) {
    for (const Claim& c : a.claims_) {
        const Mention* m = c.mention < mentions.size() && mentions[c.mention].code == c.code ? &mentions[c.mention]
                                                                                             : nullptr;
        if (!m) {
            const auto it = std::find_if(mentions.begin(), mentions.end(),
                                         [&](const Mention& x) { return x.code == c.code; });
            if (it == mentions.end()) continue;
            m = &*it;
        }
        for (const Figure& fg : c.figures) {
            bool wrong = false;
            switch (fg.kind) {
                case Figure::Count: wrong = m->value && std::fabs(fg.x - *m->value) > 0.5; break;
                case Figure::Percent:
                    if (m->value) {
                        const double scale = std::pow(10.0, fg.decimals);
                        wrong = std::llround(*m->value * scale) != std::llround(fg.x * scale);
                    }
                    break;
                case Figure::Fraction:
                    wrong = m->numerator && m->denominator &&
                            (std::fabs(fg.x - *m->numerator) > 0.5 || std::fabs(fg.y - *m->denominator) > 0.5);
                    break;
            }
            if (!wrong) continue;
            const NarrativeSection& sec = a.sections_[c.section];
            const std::string expected = fg.kind == Figure::Fraction
                                             ? format_count(*m->numerator) + "/" + format_count(*m->denominator)
                                             : shown_value(*m);
            NarrativeFinding fd;
            fd.kind = CheckKind::NumberContradicts;
            fd.section_id = sec.id;
            fd.code = m->code;
            fd.offset = fg.offset;
            fd.length = fg.length;
            fd.excerpt = sec.text.substr(fg.offset, fg.length);
            fd.message = rb::trf("Mục {}: số “{}” trong đoạn văn không khớp với chỉ tiêu {} của phụ lục ({})",
                                 label(sec), fd.excerpt, m->code, expected);
            out.push_back(std::move(fd));
            if (sections) sections->push_back(c.section);
        }
    }
}

std::vector<NarrativeFinding> detail::NarrativeBuilder::run(const NarrativeInput& in, unsigned checks) {
    NarrativeAnalysis a = build(in, checks);
    std::vector<NarrativeFinding> numbers_found;
    std::vector<std::size_t> numbers_sections;
    numbers(a, in.mentions, numbers_found, &numbers_sections);
    // Both lists are ordered by section then position; on a tie the number comes first.
    std::vector<NarrativeFinding> out;
    out.reserve(numbers_found.size() + a.text_findings_.size());
    std::size_t i = 0, j = 0;
    while (i < numbers_found.size() || j < a.text_findings_.size()) {
        const bool take_number =
            j == a.text_findings_.size() ||
            (i < numbers_found.size() && std::tie(numbers_sections[i], numbers_found[i].offset) <=
                                             std::tie(a.text_sections_[j], a.text_findings_[j].offset));
        if (take_number)
            out.push_back(std::move(numbers_found[i++]));
        else
            out.push_back(std::move(a.text_findings_[j++]));
    }
    return out;
}

NarrativeAnalysis NarrativeAnalysis::prepare(const NarrativeInput& in) {
    return detail::NarrativeBuilder::build(in, kAllChecks);
}

std::vector<NarrativeFinding> NarrativeAnalysis::number_findings(const std::vector<Mention>& mentions_with_values) const {
    std::vector<NarrativeFinding> out;
    detail::NarrativeBuilder::numbers(*this, mentions_with_values, out, nullptr);
    return out;
}

bool NarrativeAnalysis::matches(const NarrativeInput& in) const {
    if (in.report_year != report_year_ || in.report_quarter != report_quarter_ || in.period_label != period_label_ ||
        std::pair{in.window_from, in.window_to} != window_ || in.sections.size() != sections_.size() ||
        in.mentions.size() != mentions_.size() || static_cast<int>(i18n::language()) != language_ ||
        in.unit.names != names_)
        return false;
    for (std::size_t i = 0; i < sections_.size(); ++i)  // sizes first: a typical edit changes one
        if (in.sections[i].text.size() != sections_[i].text.size()) return false;
    for (std::size_t i = 0; i < sections_.size(); ++i) {
        const NarrativeSection &x = in.sections[i], &y = sections_[i];
        if (x.id != y.id || x.number != y.number || x.title != y.title || x.text != y.text) return false;
    }
    for (std::size_t i = 0; i < mentions_.size(); ++i) {
        const Mention& x = in.mentions[i];
        const MentionKey& y = mentions_[i];
        if (x.code != y.code || x.is_ratio != y.is_ratio || x.unit_noun != y.unit_noun || x.phrases != y.phrases)
            return false;
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// The checks one by one

std::vector<NarrativeFinding> check_narrative(const NarrativeInput& in) {
    return detail::NarrativeBuilder::run(in, kAllChecks);
}
std::vector<NarrativeFinding> check_number_contradictions(const NarrativeInput& in) {
    return detail::NarrativeBuilder::run(in, kNumbers);
}
std::vector<NarrativeFinding> check_name_typos(const NarrativeInput& in) {
    return detail::NarrativeBuilder::run(in, kNames);
}
std::vector<NarrativeFinding> check_repeated_paragraphs(const NarrativeInput& in) {
    return detail::NarrativeBuilder::run(in, kRepeats);
}
std::vector<NarrativeFinding> check_wrong_years(const NarrativeInput& in) {
    return detail::NarrativeBuilder::run(in, kYears);
}
std::vector<NarrativeFinding> check_fraction_arithmetic(const NarrativeInput& in) {
    return detail::NarrativeBuilder::run(in, kFractions);
}
std::vector<NarrativeFinding> check_other_periods(const NarrativeInput& in) {
    return detail::NarrativeBuilder::run(in, kPeriods);
}

}  // namespace rb::validate
