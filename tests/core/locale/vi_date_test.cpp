#include <gtest/gtest.h>

#include <string>

#include "locale/vi.hpp"

namespace rb::locale {
namespace {

Date parsed(std::string_view text) {
    const auto r = parse_date(text);
    EXPECT_TRUE(r.has_value()) << "“" << text << "”: " << r.error();
    return r ? *r : Date{};
}

void expect_rejected(std::string_view text, std::string_view reason = {}) {
    const auto r = parse_date(text);
    ASSERT_FALSE(r.has_value()) << "“" << text << "” parsed as " << format_date_iso(*r);
    EXPECT_FALSE(r.error().empty());
    EXPECT_NE(r.error().find(std::string(text)), std::string::npos)
        << "message does not quote the text: " << r.error();
    if (!reason.empty()) {
        EXPECT_NE(r.error().find(reason), std::string::npos) << r.error();
    }
}

constexpr Date kSeedDate{2024, 3, 8};

TEST(VietnameseDateTest, DayFirstFormsAreParsed) {
    EXPECT_EQ(parsed("08/3/2024"), kSeedDate);
    EXPECT_EQ(parsed("8/3/2024"), kSeedDate);
    EXPECT_EQ(parsed("08/03/2024"), kSeedDate);
    EXPECT_EQ(parsed("08-03-2024"), kSeedDate);
    EXPECT_EQ(parsed("08.03.2024"), kSeedDate);
}

TEST(VietnameseDateTest, DayComesFirstEvenWhenBothCouldBeMonths) {
    EXPECT_EQ(parsed("03/08/2024"), (Date{2024, 8, 3}));
    EXPECT_EQ(parsed("12/11/2023"), (Date{2023, 11, 12}));
}

TEST(VietnameseDateTest, IsoDateIsParsed) {
    EXPECT_EQ(parsed("2024-03-08"), kSeedDate);
    EXPECT_EQ(parsed("2023-12-15"), (Date{2023, 12, 15}));
}

TEST(VietnameseDateTest, LongFormIsParsed) {
    EXPECT_EQ(parsed("ngày 08 tháng 3 năm 2024"), kSeedDate);
    EXPECT_EQ(parsed("Ngày 05 tháng 01 năm 2026"), (Date{2026, 1, 5}));
}

TEST(VietnameseDateTest, SpacesFullwidthAndDecomposedTextAreAccepted) {
    EXPECT_EQ(parsed("  08/3/2024\xC2\xA0"), kSeedDate);
    EXPECT_EQ(parsed("０８/３/２０２４"), kSeedDate);
    // "ngày" with a decomposed grave accent (a + U+0300).
    EXPECT_EQ(parsed("nga\xCC\x80y 08 tha\xCC\x81ng 3 na\xCC\x86m 2024"), kSeedDate);
}

TEST(VietnameseDateTest, TwoDigitYearIsRejected) {
    expect_rejected("08/03/24", "4 chữ số");
    expect_rejected("8-3-24", "4 chữ số");
    expect_rejected("08/03/20245", "4 chữ số");
}

TEST(VietnameseDateTest, NonExistentDayIsRejectedNamingWhy) {
    expect_rejected("31/2/2024", "tháng 2 năm 2024 chỉ có 29 ngày");
    expect_rejected("31/4/2024", "tháng 4 năm 2024 chỉ có 30 ngày");
    expect_rejected("00/3/2024", "ngày 0");
    expect_rejected("08/13/2024", "tháng phải từ 1 đến 12");
    expect_rejected("08/0/2024", "tháng phải từ 1 đến 12");
    expect_rejected("01/01/0000", "năm 0");
}

TEST(VietnameseDateTest, LeapYearsFollowTheGregorianRule) {
    EXPECT_EQ(parsed("29/2/2024"), (Date{2024, 2, 29}));
    EXPECT_EQ(parsed("29/2/2000"), (Date{2000, 2, 29}));
    expect_rejected("29/2/2023", "tháng 2 năm 2023 chỉ có 28 ngày");
    expect_rejected("29/2/1900", "chỉ có 28 ngày");
    EXPECT_EQ(days_in_month(2024, 2), 29);
    EXPECT_EQ(days_in_month(2023, 2), 28);
    EXPECT_EQ(days_in_month(2100, 2), 28);
    EXPECT_EQ(days_in_month(2400, 2), 29);
    EXPECT_EQ(days_in_month(2024, 12), 31);
    EXPECT_EQ(days_in_month(2024, 13), 0);
}

TEST(VietnameseDateTest, MalformedDatesAreRejected) {
    expect_rejected("08/03-2024", "cùng một dấu");
    expect_rejected("08/3", "ngày/tháng/năm");
    expect_rejected("2024/03/08", "ngày/tháng/năm");
    expect_rejected("8 tháng 3 2024", "ngày/tháng/năm");
    expect_rejected("ngày tám tháng 3 năm 2024", "ngày/tháng/năm");
    expect_rejected("08//2024", "ngày/tháng/năm");
    expect_rejected("008/3/2024", "ngày/tháng/năm");
    expect_rejected("hôm qua", "ngày/tháng/năm");
    expect_rejected("08/3/2024x", "ngày/tháng/năm");
}

TEST(VietnameseDateTest, EmptyDateIsRejected) {
    const auto r = parse_date("  ");
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().find("để trống"), std::string::npos) << r.error();
}

TEST(VietnameseDateTest, InvalidUtf8DateIsRejectedWithAValidMessage) {
    const auto r = parse_date("08/3/2024\xC3");
    ASSERT_FALSE(r.has_value());
    EXPECT_TRUE(is_valid_utf8(r.error()));
    EXPECT_NE(r.error().find("08/3/2024"), std::string::npos) << r.error();
}

TEST(VietnameseDateTest, IsoFormatPadsEveryField) {
    EXPECT_EQ(format_date_iso(kSeedDate), "2024-03-08");
    EXPECT_EQ(format_date_iso(Date{2023, 12, 15}), "2023-12-15");
}

TEST(VietnameseDateTest, ShortFormFollowsTheOfficialZeroRule) {
    EXPECT_EQ(format_date_short(kSeedDate), "08/3/2024");
    EXPECT_EQ(format_date_short(Date{2024, 2, 23}), "23/02/2024");
    EXPECT_EQ(format_date_short(Date{2026, 1, 5}), "05/01/2026");
    EXPECT_EQ(format_date_short(Date{2023, 12, 15}), "15/12/2023");
    EXPECT_EQ(format_date_short(Date{2024, 10, 1}), "01/10/2024");
}

TEST(VietnameseDateTest, LongFormPadsDayBelowTenAndJanuaryFebruaryOnly) {
    EXPECT_EQ(format_date_long(kSeedDate), "ngày 08 tháng 3 năm 2024");
    EXPECT_EQ(format_date_long(Date{2026, 1, 5}), "ngày 05 tháng 01 năm 2026");
    EXPECT_EQ(format_date_long(Date{2024, 2, 23}), "ngày 23 tháng 02 năm 2024");
    EXPECT_EQ(format_date_long(Date{2023, 12, 15}), "ngày 15 tháng 12 năm 2023");
    EXPECT_EQ(format_date_long(Date{2024, 11, 10}), "ngày 10 tháng 11 năm 2024");
}

TEST(VietnameseDateTest, EnglishLongFormHasNoPadding) {
    EXPECT_EQ(format_date_long_en(kSeedDate), "8 March 2024");
    EXPECT_EQ(format_date_long_en(Date{2023, 12, 15}), "15 December 2023");
    EXPECT_EQ(format_date_long_en(Date{2026, 1, 5}), "5 January 2026");
}

TEST(VietnameseDateTest, FormattedDatesParseBack) {
    for (Date d : {kSeedDate, Date{2026, 1, 5}, Date{2023, 12, 15}, Date{2024, 2, 29}}) {
        EXPECT_EQ(parsed(format_date_short(d)), d);
        EXPECT_EQ(parsed(format_date_long(d)), d);
        EXPECT_EQ(parsed(format_date_iso(d)), d);
    }
}

TEST(VietnameseDateTest, ValidityChecksTheCalendar) {
    EXPECT_TRUE(is_valid(kSeedDate));
    EXPECT_TRUE(is_valid(Date{2024, 2, 29}));
    EXPECT_FALSE(is_valid(Date{2023, 2, 29}));
    EXPECT_FALSE(is_valid(Date{2024, 4, 31}));
    EXPECT_FALSE(is_valid(Date{2024, 0, 1}));
    EXPECT_FALSE(is_valid(Date{2024, 1, 0}));
    EXPECT_FALSE(is_valid(Date{0, 1, 1}));
    EXPECT_FALSE(is_valid(Date{}));
}

TEST(VietnameseDateTest, AddDaysCrossesMonthsYearsAndLeapDays) {
    EXPECT_EQ(add_days(Date{2024, 2, 28}, 1), (Date{2024, 2, 29}));
    EXPECT_EQ(add_days(Date{2024, 2, 29}, 1), (Date{2024, 3, 1}));
    EXPECT_EQ(add_days(Date{2023, 2, 28}, 1), (Date{2023, 3, 1}));
    EXPECT_EQ(add_days(Date{2023, 12, 31}, 1), (Date{2024, 1, 1}));
    EXPECT_EQ(add_days(Date{2024, 1, 1}, -1), (Date{2023, 12, 31}));
    EXPECT_EQ(add_days(Date{2024, 3, 8}, 0), kSeedDate);
    EXPECT_EQ(add_days(Date{2023, 12, 15}, 366), (Date{2024, 12, 15}));
    // Q1 window of the seed: 15/12/2023 → 14/3/2024 is 90 days later.
    EXPECT_EQ(add_days(Date{2023, 12, 15}, 90), (Date{2024, 3, 14}));
}

TEST(VietnameseDateTest, DatesCompareChronologically) {
    EXPECT_LT((Date{2023, 12, 15}), kSeedDate);
    EXPECT_LT((Date{2024, 3, 7}), kSeedDate);
    EXPECT_GT((Date{2024, 4, 1}), kSeedDate);
}

}  // namespace
}  // namespace rb::locale
