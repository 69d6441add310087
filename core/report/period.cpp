#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "i18n/i18n.hpp"
#include "report/date_iso.hpp"
#include "report/report.hpp"

namespace rb::report {
namespace {

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 9999;

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

Result<Period> bad_period(std::string_view text) {
    return Result<Period>::fail(
        trf("Kỳ báo cáo \"{}\" không hợp lệ. Các dạng được chấp nhận: 2024-Q1, 2024-Q2, 2024-Q3, "
            "2024-Q4 (quý), 2024-H1 (6 tháng đầu năm), 2024-9M (9 tháng đầu năm), 2024 (năm).",
            text));
}

// First and last month of the period, 1-based.
std::pair<int, int> month_span(const Period& p) {
    switch (p.kind) {
        case PeriodKind::Quarter:
            return {3 * p.index - 2, 3 * p.index};
        case PeriodKind::HalfYear:
            return {1, 6};
        case PeriodKind::NineMonths:
            return {1, 9};
        case PeriodKind::Year:
            break;
    }
    return {1, 12};
}

SimpleDate clamped(int year, int month, int day) {
    if (month < 1) {
        month += 12;
        --year;
    }
    day = std::clamp(day, 1, detail::days_in_month(year, month));
    return {year, month, day};
}

const char* roman(int quarter) {
    static constexpr const char* kRoman[] = {"I", "II", "III", "IV"};
    return quarter >= 1 && quarter <= 4 ? kRoman[quarter - 1] : "?";
}

}  // namespace

Result<Period> Period::parse(std::string_view text) {
    const std::string_view s = trim(text);
    if (s.size() < 4) return bad_period(text);
    int year = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        if (s[i] < '0' || s[i] > '9') return bad_period(text);
        year = year * 10 + (s[i] - '0');
    }
    if (year < kMinYear || year > kMaxYear) {
        return Result<Period>::fail(
            trf("Kỳ báo cáo \"{}\" không hợp lệ: năm phải từ {} đến {}.", text, kMinYear, kMaxYear));
    }
    if (s.size() == 4) return Result<Period>::ok(Period{PeriodKind::Year, year, 0});
    if (s.size() != 7 || s[4] != '-') return bad_period(text);
    const char a = static_cast<char>(std::toupper(static_cast<unsigned char>(s[5])));
    const char b = static_cast<char>(std::toupper(static_cast<unsigned char>(s[6])));
    if (a == 'Q' && b >= '1' && b <= '4')
        return Result<Period>::ok(Period{PeriodKind::Quarter, year, b - '0'});
    if (a == 'H' && b == '1') return Result<Period>::ok(Period{PeriodKind::HalfYear, year, 1});
    if (a == '9' && b == 'M') return Result<Period>::ok(Period{PeriodKind::NineMonths, year, 0});
    return bad_period(text);
}

std::string Period::code() const {
    switch (kind) {
        case PeriodKind::Quarter:
            return fmt::format("{:04}-Q{}", year, index);
        case PeriodKind::HalfYear:
            return fmt::format("{:04}-H1", year);
        case PeriodKind::NineMonths:
            return fmt::format("{:04}-9M", year);
        case PeriodKind::Year:
            break;
    }
    return fmt::format("{:04}", year);
}

std::string Period::label_vi() const {
    switch (kind) {
        case PeriodKind::Quarter:
            return fmt::format("Quý {} năm {}", roman(index), year);
        case PeriodKind::HalfYear:
            return fmt::format("6 tháng đầu năm {}", year);
        case PeriodKind::NineMonths:
            return fmt::format("9 tháng đầu năm {}", year);
        case PeriodKind::Year:
            break;
    }
    return fmt::format("năm {}", year);
}

std::string Period::label_en() const {
    switch (kind) {
        case PeriodKind::Quarter:
            return fmt::format("Q{} {}", index, year);
        case PeriodKind::HalfYear:
            return fmt::format("first half of {}", year);
        case PeriodKind::NineMonths:
            return fmt::format("first nine months of {}", year);
        case PeriodKind::Year:
            break;
    }
    return fmt::format("year {}", year);
}

std::pair<SimpleDate, SimpleDate> Period::default_window(const CutoffRule& rule) const {
    const auto [first, last] = month_span(*this);
    // A start day after the end day means the window reaches back into the previous month.
    const int start_month = rule.start_day > rule.end_day ? first - 1 : first;
    return {clamped(year, start_month, rule.start_day), clamped(year, last, rule.end_day)};
}

SimpleDate Period::last_day() const {
    const int last = month_span(*this).second;
    return clamped(year, last, 31);
}

std::optional<Period> Period::previous() const {
    switch (kind) {
        case PeriodKind::Quarter:
            if (index <= 1) return std::nullopt;
            return Period{PeriodKind::Quarter, year, index - 1};
        case PeriodKind::HalfYear:
            return std::nullopt;
        case PeriodKind::NineMonths:
            return Period{PeriodKind::HalfYear, year, 1};
        case PeriodKind::Year:
            return Period{PeriodKind::NineMonths, year, 0};
    }
    return std::nullopt;
}

}  // namespace rb::report
