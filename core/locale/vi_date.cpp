// Vietnamese dates: day first, and the zero-padding rule of Nghị định 30/2020.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <ctime>
#include <optional>
#include <vector>

#include "locale/chars.hpp"
#include "i18n/i18n.hpp"
#include "locale/input.hpp"
#include "locale/vi.hpp"

namespace rb::locale {
namespace {


bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// Nghị định 30/2020: the day below 10 and months 1 and 2 take a leading zero.
std::string official_day(int day) { return fmt::format("{:02}", day); }
std::string official_month(int month) {
    return month <= 2 ? fmt::format("{:02}", month) : fmt::format("{}", month);
}

// Days since 1970-01-01 and back (proleptic Gregorian; H. Hinnant's civil-date algorithms).
long long days_from_civil(int year, int month, int day) {
    const long long y = static_cast<long long>(year) - (month <= 2 ? 1 : 0);
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const long long year_of_era = y - era * 400;
    const long long day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const long long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

Date civil_from_days(long long z) {
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const long long day_of_era = z - era * 146097;
    const long long year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const long long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const long long mp = (5 * day_of_year + 2) / 153;
    const int day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int year = static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0));
    return Date{year, month, day};
}

int to_int(std::string_view digits) {
    int value = 0;
    for (char c : digits) value = value * 10 + (c - '0');
    return value;
}

// The three fields as typed, kept as digits so that their lengths can be judged.
struct DateFields {
    std::string_view day;
    std::string_view month;
    std::string_view year;
};

// "ngày 08 tháng 3 năm 2024", as copied from a document's date line.
std::optional<std::array<std::string, 3>> long_form_fields(std::string_view normalized) {
    const std::string folded = fold_case(normalized);
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start < folded.size()) {
        const std::size_t end = std::min(folded.find(' ', start), folded.size());
        if (end > start) words.emplace_back(folded.substr(start, end - start));
        start = end + 1;
    }
    if (words.size() != 6 || words[0] != "ngày" || words[2] != "tháng" || words[4] != "năm")
        return std::nullopt;
    return std::array<std::string, 3>{words[1], words[3], words[5]};
}

}  // namespace

Result<Date> parse_date(std::string_view text) {
    const std::string quoted = detail::quoted_input(text);
    auto fail = [&quoted](const std::string& reason) {
        // TRANSLATORS: the text as typed, then one of the lower-case reasons of this file.
        return Result<Date>::fail(trf("“{}” không phải là ngày hợp lệ: {}.", quoted, reason));
    };
    const char* format_hint = RB_N_("hãy viết theo dạng ngày/tháng/năm, ví dụ “08/3/2024”");
    if (!is_valid_utf8(text)) return fail(tr("văn bản không phải UTF-8 hợp lệ"));
    const std::string s = detail::normalized_input(text);
    if (s.empty()) return fail(tr("giá trị để trống"));

    DateFields fields;
    std::array<std::string, 3> long_fields;
    if (is_digit(s.front())) {
        // Three runs of digits with one kind of separator between them.
        std::array<std::string_view, 3> runs;
        std::array<char, 2> separators = {};
        std::size_t at = 0;
        for (std::size_t k = 0; k < 3; ++k) {
            const std::size_t begin = at;
            while (at < s.size() && is_digit(s[at])) ++at;
            runs[k] = std::string_view(s).substr(begin, at - begin);
            if (runs[k].empty()) return fail(tr(format_hint));
            if (k < 2) {
                if (at >= s.size() || (s[at] != '/' && s[at] != '-' && s[at] != '.'))
                    return fail(tr(format_hint));
                separators[k] = s[at++];
            }
        }
        if (at != s.size()) return fail(tr(format_hint));
        if (separators[0] != separators[1])
            return fail(tr("các phần của ngày phải ngăn cách bằng cùng một dấu (“/”, “-” hoặc “.”)"));
        if (runs[0].size() == 4 && separators[0] == '-') {
            fields = {runs[2], runs[1], runs[0]};  // ISO 8601, year first
        } else {
            fields = {runs[0], runs[1], runs[2]};
        }
    } else if (auto words = long_form_fields(s)) {
        long_fields = std::move(*words);
        for (const std::string& field : long_fields)
            if (field.empty() || !std::all_of(field.begin(), field.end(), is_digit))
                return fail(tr(format_hint));
        fields = {long_fields[0], long_fields[1], long_fields[2]};
    } else {
        return fail(tr(format_hint));
    }

    if (fields.day.size() > 2 || fields.month.size() > 2) return fail(tr(format_hint));
    if (fields.year.size() != 4) return fail(tr("năm phải viết đủ 4 chữ số, ví dụ “2024”"));
    const Date date{to_int(fields.year), to_int(fields.month), to_int(fields.day)};
    if (date.year == 0) return fail(tr("không có năm 0"));
    if (date.month < 1 || date.month > 12) return fail(tr("tháng phải từ 1 đến 12"));
    if (date.day == 0) return fail(tr("không có ngày 0"));
    if (date.day > days_in_month(date.year, date.month))
        // TRANSLATORS: month number, year, number of days in that month.
        return fail(trf("tháng {} năm {} chỉ có {} ngày", date.month, date.year,
                        days_in_month(date.year, date.month)));
    return Result<Date>::ok(date);
}

Date today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
#ifdef _WIN32
    localtime_s(&local, &now);
#else
    localtime_r(&now, &local);
#endif
    return {local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

std::string format_date_iso(Date d) { return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day); }

std::string format_date_short(Date d) {
    return fmt::format("{}/{}/{}", official_day(d.day), official_month(d.month), d.year);
}

std::string format_date_long(Date d) {
    return fmt::format("ngày {} tháng {} năm {}", official_day(d.day), official_month(d.month), d.year);
}

std::string format_date_long_en(Date d) {
    static constexpr std::array<const char*, 12> kMonths = {
        "January", "February", "March",     "April",   "May",      "June",
        "July",    "August",   "September", "October", "November", "December"};
    const char* month = (d.month >= 1 && d.month <= 12) ? kMonths[std::size_t(d.month - 1)] : "?";
    return fmt::format("{} {} {}", d.day, month, d.year);
}

bool is_valid(Date d) {
    return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
           d.day <= days_in_month(d.year, d.month);
}

int days_in_month(int year, int month) {
    static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    if (month == 2 && is_leap_year(year)) return 29;
    return kDays[std::size_t(month - 1)];
}

Date add_days(Date d, int days) {
    return civil_from_days(days_from_civil(d.year, d.month, d.day) + days);
}

}  // namespace rb::locale
