#pragma once
// Vietnamese (vi-VN) numbers and dates as commune staff type and print them, and the Unicode
// text helpers the rest of the core needs (normalisation, case folding, diacritic-insensitive
// matching). Everything is UTF-8 in and out; ICU does the Unicode work.
#include <compare>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace rb::locale {

// ---------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------

enum class NumberKind { Count, Decimal, Percent };

// Largest magnitude parse_number() accepts; every integer up to it is exact in a double.
inline constexpr double kMaxNumberMagnitude = 1e15;

// Parses what staff type. The text is NFKC-normalised first (fullwidth "１２" becomes "12", NBSP
// becomes a space) and trimmed. Empty text fails: callers treat empty as "clear the value"
// before calling.
//   Count:   optional leading '-' or '+', digits, thousands grouped by '.' or a space in groups
//            of exactly 3 ("1.034", "1 034"; one kind of separator per number). No decimal
//            part: "1,5" and "1.5" fail. Bounds (e.g. negative) are the caller's job.
//   Decimal: '.' or space for thousands, ',' for the decimal part ("16,67", "1.034,5"). A lone
//            comma followed by 3 digits is a decimal comma ("1,034" is 1.034). English-style
//            text ("16.67", "1,234.5", "0.5") is rejected as ambiguous, and the message shows
//            the Vietnamese form.
//   Percent: as Decimal, with an optional trailing '%' (spaces before it are ignored). The
//            result is in percentage points: "16,67%" gives 16.67.
// Rejected: letters (so "NaN", "inf", "1e5"), more than one sign or a misplaced one, empty or
// misplaced groups, magnitude above kMaxNumberMagnitude, invalid UTF-8. The error is a complete
// Vietnamese sentence (through rb::tr) that quotes the text and says why; callers prefix the
// field name.
Result<double> parse_number(std::string_view text, NumberKind kind);

// Output as staff write it. Rounding is half away from zero on the decimal value: the double
// is first rounded to 15 significant digits (the precision a double reliably carries, as
// spreadsheets do), so that 0.125 → "0,13", 16.665 → "16,67" and 1.005 → "1,01" although
// their binary values lie just below the half. Negative values that round to zero print
// without a sign. Non-finite values print as an empty string. `decimals` is clamped to 0..15.
std::string format_count(long long v);                  // 1034 → "1.034", -3 → "-3"
std::string format_decimal(double v, int decimals);     // (1034.5, 1) → "1.034,5"
// An integral value prints with no decimals ("100%"); a value that merely rounds to an integer
// keeps them ("99,999" at 2 → "100,00%") so that an almost-complete rate is visibly not 100%.
std::string format_percent(double v, int decimals);     // (16.6667, 2) → "16,67%"

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

struct Date {
    int year = 0;
    int month = 0;
    int day = 0;
    auto operator<=>(const Date&) const = default;
};

// Accepts "08/3/2024", "8/3/2024", "08/03/2024", "08-03-2024", "08.03.2024" (day first always),
// ISO "2024-03-08", and the long form "ngày 08 tháng 3 năm 2024". Years have exactly four
// digits (two-digit years are rejected). The calendar is checked, leap years included.
Result<Date> parse_date(std::string_view text);

std::string format_date_iso(Date d);      // "2024-03-08"
// Per Nghị định 30/2020: the day takes a leading 0 below 10; months 1 and 2 take one
// ("05/01/2026"), the others do not ("08/3/2024", "15/12/2023").
std::string format_date_short(Date d);
std::string format_date_long(Date d);     // "ngày 08 tháng 3 năm 2024", same zero rule
std::string format_date_long_en(Date d);  // "8 March 2024"

// The user's calendar day (local time): a note written at 6 in the morning in Hà Nội is dated
// that day, not the previous one as the UTC date would say.
Date today();

// Years 1..9999 of the proleptic Gregorian calendar.
bool is_valid(Date d);
int days_in_month(int year, int month);   // 0 for a month outside 1..12
Date add_days(Date d, int days);          // `d` must be valid

// ---------------------------------------------------------------------------------------------
// Text (UTF-8). Invalid input bytes become U+FFFD instead of failing.
// ---------------------------------------------------------------------------------------------

bool is_valid_utf8(std::string_view s);
std::size_t invalid_utf8_at(std::string_view s);  // offset of the first byte that is not UTF-8, or npos
std::string to_nfc(std::string_view s);            // Vietnamese may arrive decomposed
std::string to_nfkc(std::string_view s);
std::string fold_case(std::string_view s);         // full Unicode case folding, NFC result
std::string to_upper(std::string_view s);          // Vietnamese upper case, NFC: "ủy" → "ỦY"
std::string strip_diacritics(std::string_view s);  // "Trực Ninh" → "Truc Ninh", "Đ" → "D"

// Code points, for edit distances on Vietnamese text. No normalisation happens here: pass NFC
// text so that "ự" is one code point on both sides.
std::u32string to_u32(std::string_view s);
std::string from_u32(std::u32string_view s);      // invalid code points become U+FFFD
std::size_t edit_distance(std::u32string_view a, std::u32string_view b);  // Levenshtein
// Levenshtein where swapping two neighbours also costs 1 ("UNTI" is one typo from "UNIT").
std::size_t typo_distance(std::u32string_view a, std::u32string_view b);
// The candidate nearest to `word` for a "did you mean" (by typo_distance, case ignored, then
// the closer case), or empty when none is close: at most a third of the word's length away
// (at least 1, at most 3).
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace rb::locale
