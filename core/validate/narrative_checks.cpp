#include "validate/narrative_checks.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "i18n/i18n.hpp"

namespace rb::validate {
namespace {

constexpr std::size_t npos = std::string::npos;

// ---------------------------------------------------------------------------------------------
// UTF-8 and folding

char32_t cp_at(std::string_view s, std::size_t i, std::size_t* next = nullptr) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
        if (next) *next = i + 1;
        return static_cast<char32_t>(s[i]);
    }
    auto j = static_cast<int32_t>(i);
    UChar32 c;
    U8_NEXT(s.data(), j, static_cast<int32_t>(s.size()), c);
    if (next) *next = static_cast<std::size_t>(j);
    return c < 0 ? 0xFFFD : static_cast<char32_t>(c);
}

char32_t cp_before(std::string_view s, std::size_t i, std::size_t* start = nullptr) {
    auto j = static_cast<int32_t>(i);
    UChar32 c;
    U8_PREV(s.data(), 0, j, c);
    if (start) *start = static_cast<std::size_t>(j);
    return c < 0 ? 0xFFFD : static_cast<char32_t>(c);
}

bool is_mark(char32_t c) { return (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_M_MASK) != 0; }
// ASCII answered inline: most of a Vietnamese text is ASCII and these run on every character.
bool is_word_cp(char32_t c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return u_isalnum(static_cast<UChar32>(c)) || is_mark(c);
}
bool is_space_cp(char32_t c) {
    if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');
    return u_isUWhiteSpace(static_cast<UChar32>(c));
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool word_char_at(std::string_view t, std::size_t i) { return i < t.size() && is_word_cp(cp_at(t, i)); }
bool word_char_before(std::string_view t, std::size_t i) { return i > 0 && is_word_cp(cp_before(t, i)); }

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

// Case-folded NFC text plus, for each of its bytes, the byte offset in the original: matching
// runs on the folded form, findings point into the text as typed.
struct Folded {
    std::string text;
    std::vector<std::size_t> orig;
    std::size_t orig_size = 0;
    std::size_t to_orig(std::size_t i) const { return i >= text.size() ? orig_size : orig[i]; }
};

// Folds one base character with its combining marks at a time (NFC never composes across
// such clusters for the scripts in question); repeated clusters come from a cache, which keeps
// a 25 KB narrative well under a millisecond.
class Folder {
public:
    Folded fold(std::string_view s) {
        Folded f;
        f.orig_size = s.size();
        f.text.reserve(s.size());
        f.orig.reserve(s.size());
        std::size_t i = 0;
        while (i < s.size()) {
            const std::size_t start = i;
            std::size_t end;
            cp_at(s, i, &end);
            while (end < s.size() && static_cast<unsigned char>(s[end]) >= 0x80) {  // ASCII never combines
                std::size_t n;
                const char32_t m = cp_at(s, end, &n);
                if (u_getCombiningClass(static_cast<UChar32>(m)) == 0) break;
                end = n;
            }
            if (end - start == 1) {
                const char c = s[start];
                f.text.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
                f.orig.push_back(start);
            } else if (const UChar32 one = single_foldable(s, start, end); one >= 0) {
                char buf[U8_MAX_LENGTH];
                int32_t n = 0;
                U8_APPEND_UNSAFE(buf, n, one);
                f.text.append(buf, static_cast<std::size_t>(n));
                f.orig.insert(f.orig.end(), static_cast<std::size_t>(n), start);
            } else {
                const std::string& out = fold_cluster(s.substr(start, end - start));
                f.text += out;
                f.orig.insert(f.orig.end(), out.size(), start);
            }
            i = end;
        }
        return f;
    }

    std::string fold_string(std::string_view s) { return fold(s).text; }

private:
    // A lone code point whose simple case folding is already NFC (every Vietnamese letter):
    // folded without building strings. -1 otherwise.
    static UChar32 single_foldable(std::string_view s, std::size_t start, std::size_t end) {
        std::size_t next;
        const char32_t c = cp_at(s, start, &next);
        if (next != end || c == 0xFFFD) return -1;
        const UChar32 f = u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT);
        if (u_getIntPropertyValue(f, UCHAR_NFC_QUICK_CHECK) == UNORM_NO) return -1;
        return f;
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

std::size_t edit_distance(const std::u32string& a, const std::u32string& b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
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

std::vector<std::string> split_words(std::string_view folded) {
    std::vector<std::string> out;
    for (const Span& w : words_of(folded, 0, folded.size())) out.emplace_back(folded.substr(w.b, w.e - w.b));
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

bool only_spaces(std::string_view t, std::size_t b, std::size_t e) { return b < e && skip_spaces(t, b, e) == e; }

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
    return i < t.size() && (t[i] == '-' || t.compare(i, 3, "\u2013") == 0 || t.compare(i, 3, "\u2014") == 0);
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
// and before "trong đó", which the seed writes without punctuation.
std::vector<Span> split_clauses(std::string_view t) {
    static const std::vector<std::string> trong_do = {"trong", "đó"};
    std::vector<Span> out;
    std::size_t start = 0, i = 0;
    auto cut = [&](std::size_t at, std::size_t next) {
        if (at > start) out.push_back({start, at});
        start = next;
    };
    while (i < t.size()) {
        const char c = t[i];
        if (c == '.' || c == ',' || c == ':') {
            if (!(i > 0 && is_digit(t[i - 1]) && i + 1 < t.size() && is_digit(t[i + 1]))) cut(i, i + 1);
            ++i;
        } else if (c == ';' || c == '\n' || c == '!' || c == '?') {
            cut(i, i + 1);
            ++i;
        } else if (t.compare(i, 3, "\u2026") == 0) {
            cut(i, i + 3);
            i += 3;
        } else if (c == 't' && !word_char_before(t, i) && match_words(t, i, t.size(), trong_do) != npos) {
            cut(i, i);
            i += 5;
        } else {
            ++i;
        }
    }
    cut(t.size(), t.size());
    return out;
}

// ---------------------------------------------------------------------------------------------
// The checks

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
    const Mention* m;
    std::vector<std::vector<std::string>> phrases;
    std::vector<std::string> unit;
};

void numbers_check(const NarrativeInput& in, Prepared& p, std::vector<Indexed>& out) {
    std::vector<PreparedMention> mentions;
    for (const Mention& m : in.mentions) {
        PreparedMention pm{&m, {}, split_words(p.folder.fold_string(m.unit_noun))};
        for (const auto& ph : m.phrases) {
            auto words = split_words(p.folder.fold_string(ph));
            if (!words.empty()) pm.phrases.push_back(std::move(words));
        }
        if (!pm.phrases.empty()) mentions.push_back(std::move(pm));
    }
    if (mentions.empty()) return;
    // Phrases by their first word, so that each word of the text costs one lookup.
    std::unordered_map<std::string_view, std::vector<std::pair<std::size_t, const std::vector<std::string>*>>>
        by_first_word;
    for (std::size_t mi = 0; mi < mentions.size(); ++mi)
        for (const auto& ph : mentions[mi].phrases) by_first_word[ph.front()].emplace_back(mi, &ph);

    for (std::size_t si = 0; si < in.sections.size(); ++si) {
        const NarrativeSection& sec = in.sections[si];
        const Folded& f = p.sections[si];
        const std::string_view t = f.text;
        for (const Span& cl : split_clauses(t)) {
            const std::vector<Span> words = words_of(t, cl.b, cl.e);
            std::vector<std::size_t> best(mentions.size(), 0);  // words of the longest phrase matched
            bool any = false;
            for (const Span& w : words) {
                const auto hit = by_first_word.find(t.substr(w.b, w.e - w.b));
                if (hit == by_first_word.end()) continue;
                for (const auto& [mi, ph] : hit->second)
                    if (ph->size() > best[mi] && match_words(t, w.b, cl.e, *ph) != npos) {
                        best[mi] = ph->size();
                        any = true;
                    }
            }
            if (!any) continue;
            const std::vector<Num> nums = scan_numbers(t, cl.b, cl.e);
            if (nums.empty()) continue;

            auto unit_follows = [&](const PreparedMention& pm, const Num& n) {
                return pm.unit.empty() || match_words(t, skip_spaces(t, n.e, cl.e), cl.e, pm.unit) != npos;
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
                        (pm.unit.empty() ? !n.date_like : unit_follows(pm, n)))
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
            const Mention& m = *mentions[winner].m;

            auto report = [&](const Num& n, const std::string& expected) {
                NarrativeFinding fd = make(CheckKind::NumberContradicts, sec, f, n.b, n.e);
                fd.code = m.code;
                fd.message = rb::trf("Mục {}: số “{}” trong đoạn văn không khớp với chỉ tiêu {} của phụ lục ({})",
                                     label(sec), fd.excerpt, m.code, expected);
                out.push_back({si, std::move(fd)});
            };
            const std::string shown = !m.display.empty() ? m.display
                                      : m.value          ? format_count(*m.value) + (m.is_ratio ? "%" : "")
                                                         : std::string();
            if (wc.plain.size() == 1 && m.value && std::fabs(wc.plain[0]->x - *m.value) > 0.5)
                report(*wc.plain[0], shown);
            if (wc.percent.size() == 1 && m.value) {
                const Num& n = *wc.percent[0];
                const double scale = std::pow(10.0, n.decimals);
                if (std::llround(*m.value * scale) != std::llround(n.x * scale)) report(n, shown);
            }
            if (wc.fraction.size() == 1 && m.numerator && m.denominator) {
                const Num& n = *wc.fraction[0];
                if (std::fabs(n.x - *m.numerator) > 0.5 || std::fabs(n.y - *m.denominator) > 0.5)
                    report(n, format_count(*m.numerator) + "/" + format_count(*m.denominator));
            }
        }
    }
}

void names_check(const NarrativeInput& in, Prepared& p, std::vector<Indexed>& out) {
    struct Name {
        const std::string* typed;
        std::string folded;  // words joined by one space
        std::u32string u32, stripped;
        std::size_t syllables;
        bool short_name;
    };
    std::vector<Name> names;
    for (const std::string& n : in.unit.names) {
        const auto words = split_words(p.folder.fold_string(n));
        if (words.empty()) continue;
        Name nm{&n, {}, {}, {}, words.size(), false};
        for (const auto& w : words) nm.folded += (nm.folded.empty() ? "" : " ") + w;
        nm.u32 = to_u32(nm.folded);
        nm.stripped = strip_diacritics(nm.folded);
        std::size_t letters = 0;
        for (char32_t c : nm.u32) letters += c != U' ';
        nm.short_name = letters < 5;
        names.push_back(std::move(nm));
    }
    if (names.empty()) return;

    for (std::size_t si = 0; si < in.sections.size(); ++si) {
        const NarrativeSection& sec = in.sections[si];
        const Folded& f = p.sections[si];
        const std::string_view t = f.text;
        const std::vector<Span> words = words_of(t, 0, t.size());
        for (std::size_t i = 0; i < words.size(); ++i) {
            const char32_t first = cp_at(sec.text, f.to_orig(words[i].b));
            if (!u_isupper(static_cast<UChar32>(first)) && !u_istitle(static_cast<UChar32>(first))) continue;
            const Name* best = nullptr;
            std::size_t best_d = 3, best_k = 0;
            bool exact = false;
            std::string window;
            std::size_t k = 0;  // syllables in `window`
            for (const Name& nm : names) {
                if (i + nm.syllables > words.size()) continue;
                if (k != nm.syllables) {  // build the window of this many syllables
                    window.clear();
                    k = 0;
                    for (std::size_t j = i; j < i + nm.syllables; ++j) {
                        if (j > i && !only_spaces(t, words[j - 1].e, words[j].b)) break;
                        const std::string_view w = t.substr(words[j].b, words[j].e - words[j].b);
                        if (std::any_of(w.begin(), w.end(), [](char c) { return is_digit(c); })) break;
                        if (j > i) window += ' ';
                        window += w;
                        ++k;
                    }
                    if (k != nm.syllables) {
                        k = 0;
                        window.clear();
                        continue;
                    }
                }
                if (window == nm.folded) {
                    exact = true;
                    break;
                }
                const std::u32string w32 = to_u32(window);
                const std::size_t diff =
                    w32.size() > nm.u32.size() ? w32.size() - nm.u32.size() : nm.u32.size() - w32.size();
                if (diff > 2) continue;
                const std::size_t d = edit_distance(w32, nm.u32);
                if (d == 0 || d > 2 || d >= best_d) continue;
                if ((d == 2 || nm.short_name) && strip_diacritics(window) != nm.stripped) continue;
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
    struct First {
        std::size_t section;
    };
    std::unordered_map<std::string, First> seen;
    for (std::size_t si = 0; si < in.sections.size(); ++si) {
        const NarrativeSection& sec = in.sections[si];
        const Folded& f = p.sections[si];
        const std::string_view t = f.text;
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
            std::string key;
            std::size_t letters = 0, content_end = cs;
            bool pending_space = false;
            for (std::size_t i = cs; i < le;) {
                std::size_t n;
                const char32_t c = cp_at(t, i, &n);
                if (is_space_cp(c)) {
                    pending_space = true;
                } else {
                    if (pending_space && !key.empty()) {
                        key += ' ';
                        ++letters;
                    }
                    pending_space = false;
                    key.append(t.substr(i, n - i));
                    ++letters;
                    content_end = n;
                }
                i = n;
            }
            if (letters >= 60) {
                auto [it, inserted] = seen.emplace(key, First{si});
                if (!inserted) {
                    NarrativeFinding fd = make(CheckKind::RepeatedParagraph, sec, f, cs, content_end);
                    fd.message = rb::trf("Mục {}: đoạn văn “{}” lặp lại nguyên văn một đoạn ở mục {}", label(sec),
                                         opening_words(fd.excerpt, 8), label(in.sections[it->second.section]));
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
        const std::vector<Span> words = words_of(t, 0, t.size());
        auto word = [&](std::size_t i) { return t.substr(words[i].b, words[i].e - words[i].b); };
        // The word before words[i] when only whitespace separates them.
        auto before = [&](std::size_t i, std::size_t back) -> std::string_view {
            for (std::size_t k = 0; k < back; ++k, --i)
                if (i == 0 || !only_spaces(t, words[i - 1].e, words[i].b)) return {};
            return word(i);
        };
        for (std::size_t i = 0; i + 1 < words.size(); ++i) {
            if (word(i) != "năm" || !only_spaces(t, words[i].e, words[i + 1].b)) continue;
            const std::string_view y = word(i + 1);
            if (y.size() != 4 || !all_digits(y)) continue;
            const std::size_t after = skip_spaces(t, words[i + 1].e, t.size());
            if (starts_dash(t, after) || (after < t.size() && t[after] == '/')) continue;  // 2023-2024
            const int year = std::stoi(std::string(y));
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

void fractions_check(const NarrativeInput& in, Prepared& p, std::vector<Indexed>& out) {
    for (std::size_t si = 0; si < in.sections.size(); ++si) {
        const NarrativeSection& sec = in.sections[si];
        const Folded& f = p.sections[si];
        const std::string_view t = f.text;
        std::size_t i = 0;
        while (i < t.size()) {
            if (!is_digit(t[i])) {
                ++i;
                continue;
            }
            const Blob fr = read_blob(t, i, t.size());
            i = fr.e;
            if (fr.slashes != 1 || fr.colon_or_dash) continue;
            if (fr.b > 0 && joins_before(cp_before(t, fr.b))) continue;
            std::size_t k = skip_spaces(t, fr.e, t.size());
            if (k >= t.size() || t[k] != '=') continue;
            k = skip_spaces(t, k + 1, t.size());
            if (k >= t.size() || !is_digit(t[k])) continue;
            const Blob pc = read_blob(t, k, t.size());
            if (pc.slashes != 0 || pc.colon_or_dash) continue;
            std::size_t e = pc.e;
            if (e < t.size() && is_space_cp(cp_at(t, e))) cp_at(t, e, &e);
            if (e >= t.size() || t[e] != '%') continue;
            ++e;
            const std::string_view fs = t.substr(fr.b, fr.e - fr.b);
            const std::size_t slash = fs.find('/');
            const auto a = parse_vi_number(fs.substr(0, slash)), b = parse_vi_number(fs.substr(slash + 1));
            const auto x = parse_vi_number(t.substr(pc.b, pc.e - pc.b));
            if (!a || !b || !x) continue;
            i = e;
            if (b->value == 0) {
                NarrativeFinding fd = make(CheckKind::FractionArithmetic, sec, f, fr.b, e);
                fd.message = rb::trf("Mục {}: “{}” chia cho 0; tỉ lệ có mẫu số bằng 0 phải ghi là “không phát sinh”",
                                     label(sec), fd.excerpt);
                out.push_back({si, std::move(fd)});
                continue;
            }
            const double right = 100.0 * a->value / b->value;
            if (std::fabs(right - x->value) <= 0.5 * std::pow(10.0, -x->decimals) + 1e-9) continue;
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
        }
    }
}

using CheckFn = void (*)(const NarrativeInput&, Prepared&, std::vector<Indexed>&);

std::vector<NarrativeFinding> run(const NarrativeInput& in, std::initializer_list<CheckFn> checks) {
    Prepared p = prepare(in);
    std::vector<Indexed> found;
    for (CheckFn c : checks) c(in, p, found);
    std::stable_sort(found.begin(), found.end(), [](const Indexed& a, const Indexed& b) {
        return std::tie(a.section, a.f.offset) < std::tie(b.section, b.f.offset);
    });
    std::vector<NarrativeFinding> out;
    out.reserve(found.size());
    for (auto& x : found) out.push_back(std::move(x.f));
    return out;
}

}  // namespace

std::vector<NarrativeFinding> check_narrative(const NarrativeInput& in) {
    return run(in, {numbers_check, names_check, repeats_check, years_check, fractions_check});
}
std::vector<NarrativeFinding> check_number_contradictions(const NarrativeInput& in) { return run(in, {numbers_check}); }
std::vector<NarrativeFinding> check_name_typos(const NarrativeInput& in) { return run(in, {names_check}); }
std::vector<NarrativeFinding> check_repeated_paragraphs(const NarrativeInput& in) { return run(in, {repeats_check}); }
std::vector<NarrativeFinding> check_wrong_years(const NarrativeInput& in) { return run(in, {years_check}); }
std::vector<NarrativeFinding> check_fraction_arithmetic(const NarrativeInput& in) { return run(in, {fractions_check}); }

}  // namespace rb::validate
