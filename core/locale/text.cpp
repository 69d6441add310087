// Unicode text helpers over ICU. UTF-8 in and out; ICU's UTF-8 conversion replaces ill-formed
// bytes with U+FFFD, which is what every function here promises.
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

#include "locale/vi.hpp"

namespace rb::locale {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

icu::UnicodeString from_utf8(std::string_view s) {
    return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

std::string to_utf8(const icu::UnicodeString& u) {
    std::string out;
    u.toUTF8String(out);
    return out;
}

// The ICU normaliser singletons only fail when ICU's data is missing, which would break every
// Unicode operation; falling back to the unnormalised text keeps the program usable.
icu::UnicodeString normalize(const icu::Normalizer2* (*instance)(UErrorCode&),
                             const icu::UnicodeString& u) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* normalizer = instance(status);
    if (U_FAILURE(status) || normalizer == nullptr) return u;
    icu::UnicodeString out = normalizer->normalize(u, status);
    return U_FAILURE(status) ? u : out;
}

icu::UnicodeString nfc(const icu::UnicodeString& u) {
    return normalize(&icu::Normalizer2::getNFCInstance, u);
}

}  // namespace

std::size_t invalid_utf8_at(std::string_view s) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
    const auto length = static_cast<int64_t>(s.size());
    int64_t i = 0;
    while (i < length) {
        const int64_t at = i;
        UChar32 c = 0;
        // U8_NEXT rejects overlong forms, surrogates and values above U+10FFFF (c < 0).
        U8_NEXT(bytes, i, length, c);
        if (c < 0) return static_cast<std::size_t>(at);
    }
    return std::string_view::npos;
}

bool is_valid_utf8(std::string_view s) { return invalid_utf8_at(s) == std::string_view::npos; }

std::string to_nfc(std::string_view s) { return to_utf8(nfc(from_utf8(s))); }

std::string to_nfkc(std::string_view s) {
    return to_utf8(normalize(&icu::Normalizer2::getNFKCInstance, from_utf8(s)));
}

std::string fold_case(std::string_view s) {
    icu::UnicodeString u = nfc(from_utf8(s));
    u.foldCase(U_FOLD_CASE_DEFAULT);
    return to_utf8(nfc(u));
}

std::string to_upper(std::string_view s) {
    icu::UnicodeString u = nfc(from_utf8(s));
    u.toUpper(icu::Locale("vi"));
    return to_utf8(nfc(u));
}

std::string strip_diacritics(std::string_view s) {
    const icu::UnicodeString decomposed =
        normalize(&icu::Normalizer2::getNFDInstance, from_utf8(s));
    icu::UnicodeString kept;
    for (int32_t i = 0; i < decomposed.length();) {
        const UChar32 c = decomposed.char32At(i);
        i += U16_LENGTH(c);
        if (u_charType(c) == U_NON_SPACING_MARK) continue;
        // đ and Đ have a stroke, not a combining mark, so NFD leaves them whole.
        if (c == 0x0111) {
            kept.append(static_cast<UChar32>(u'd'));
        } else if (c == 0x0110) {
            kept.append(static_cast<UChar32>(u'D'));
        } else {
            kept.append(c);
        }
    }
    return to_utf8(nfc(kept));
}

std::u32string to_u32(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
    const auto length = static_cast<int32_t>(s.size());
    int32_t i = 0;
    while (i < length) {
        UChar32 c = 0;
        // Like ICU's own conversion, one U+FFFD per maximal ill-formed subsequence.
        U8_NEXT_OR_FFFD(bytes, i, length, c);
        out.push_back(static_cast<char32_t>(c));
    }
    return out;
}

std::string from_u32(std::u32string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char32_t c : s) {
        if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = kReplacement;
        uint8_t buffer[U8_MAX_LENGTH] = {};
        int32_t n = 0;
        U8_APPEND_UNSAFE(buffer, n, static_cast<UChar32>(c));
        out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(n));
    }
    return out;
}

std::size_t edit_distance(std::u32string_view a, std::u32string_view b) {
    if (a.size() < b.size()) std::swap(a, b);
    // Two rows over the shorter string: row[j] is the distance between a[0..i) and b[0..j).
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const std::size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
            row[j] = std::min({above + 1, row[j - 1] + 1, substitution});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::size_t typo_distance(std::u32string_view a, std::u32string_view b) {
    // Optimal string alignment: three rows, the one two back for the transposition.
    std::vector<std::size_t> before(b.size() + 1), prev(b.size() + 1), row(b.size() + 1);
    std::iota(prev.begin(), prev.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            row[j] = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                row[j] = std::min(row[j], before[j - 2] + 1);
        }
        std::swap(before, prev);
        std::swap(prev, row);
    }
    return prev[b.size()];
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
    const std::u32string raw = to_u32(word), folded = to_u32(fold_case(word));
    const std::size_t limit = std::clamp<std::size_t>(folded.size() / 3, 1, 3);
    std::string best;
    std::pair<std::size_t, std::size_t> best_score{limit + 1, 0};
    for (const auto& c : candidates) {
        if (c == word) continue;
        const std::pair score{typo_distance(folded, to_u32(fold_case(c))), typo_distance(raw, to_u32(c))};
        if (score < best_score) best = c, best_score = score;
    }
    return best;
}

}  // namespace rb::locale
