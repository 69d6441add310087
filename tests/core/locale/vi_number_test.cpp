#include <gtest/gtest.h>

#include <climits>
#include <cmath>
#include <string>

#include "locale/vi.hpp"

namespace rb::locale {
namespace {

double parsed(std::string_view text, NumberKind kind) {
    const auto r = parse_number(text, kind);
    EXPECT_TRUE(r.has_value()) << "“" << text << "”: " << r.error();
    return r ? *r : -12345.678;
}

// Fails the test unless `text` is rejected with a message that quotes it and contains `reason`.
void expect_rejected(std::string_view text, NumberKind kind, std::string_view reason = {}) {
    const auto r = parse_number(text, kind);
    ASSERT_FALSE(r.has_value()) << "“" << text << "” parsed as " << *r;
    EXPECT_FALSE(r.error().empty());
    EXPECT_NE(r.error().find(std::string(text)), std::string::npos)
        << "message does not quote the text: " << r.error();
    if (!reason.empty()) {
        EXPECT_NE(r.error().find(reason), std::string::npos) << r.error();
    }
}

// --- Counts ---------------------------------------------------------------------------------

TEST(VietnameseNumberTest, PlainCountIsParsed) {
    EXPECT_EQ(parsed("317", NumberKind::Count), 317);
    EXPECT_EQ(parsed("0", NumberKind::Count), 0);
    EXPECT_EQ(parsed("007", NumberKind::Count), 7);
}

TEST(VietnameseNumberTest, CountWithDotThousandsIsParsed) {
    EXPECT_EQ(parsed("1.034", NumberKind::Count), 1034);
    EXPECT_EQ(parsed("1.034.567", NumberKind::Count), 1034567);
    EXPECT_EQ(parsed("904.497", NumberKind::Count), 904497);
}

TEST(VietnameseNumberTest, CountWithSpaceOrNbspThousandsIsParsed) {
    EXPECT_EQ(parsed("1 034", NumberKind::Count), 1034);
    EXPECT_EQ(parsed("1\xC2\xA0" "034\xC2\xA0" "567", NumberKind::Count), 1034567);
}

TEST(VietnameseNumberTest, SurroundingSpacesAndNbspAreTrimmed) {
    EXPECT_EQ(parsed("  42\t", NumberKind::Count), 42);
    EXPECT_EQ(parsed("\xC2\xA0" "42\xC2\xA0", NumberKind::Count), 42);
}

TEST(VietnameseNumberTest, CommaInCountIsRejected) {
    expect_rejected("1,5", NumberKind::Count, "phần thập phân");
    expect_rejected("1,034", NumberKind::Count, "phần thập phân");
}

TEST(VietnameseNumberTest, DotGroupsOtherThanThreeDigitsAreRejectedInCount) {
    expect_rejected("1.5", NumberKind::Count, "3 chữ số");
    expect_rejected("1.03", NumberKind::Count, "3 chữ số");
    expect_rejected("1.0345", NumberKind::Count, "3 chữ số");
    expect_rejected("1 03", NumberKind::Count, "3 chữ số");
}

TEST(VietnameseNumberTest, FirstGroupLongerThanThreeDigitsIsRejected) {
    expect_rejected("1034.567", NumberKind::Count, "nhiều hơn 3 chữ số");
}

TEST(VietnameseNumberTest, GroupedNumberStartingWithZeroIsRejected) {
    expect_rejected("0.034", NumberKind::Count, "chữ số 0");
}

TEST(VietnameseNumberTest, EmptyGroupsAreRejected) {
    expect_rejected("1..034", NumberKind::Count, "sai chỗ");
    expect_rejected("1.034.", NumberKind::Count, "sai chỗ");
    expect_rejected(".034", NumberKind::Count, "sai chỗ");
    expect_rejected("1  034", NumberKind::Count, "sai chỗ");
}

TEST(VietnameseNumberTest, MixedThousandsSeparatorsAreRejected) {
    expect_rejected("1.034 567", NumberKind::Count, "một loại");
}

TEST(VietnameseNumberTest, NegativeCountParses) {
    EXPECT_EQ(parsed("-3", NumberKind::Count), -3);
    EXPECT_EQ(parsed("-1.034", NumberKind::Count), -1034);
    EXPECT_EQ(parsed("+5", NumberKind::Count), 5);
}

TEST(VietnameseNumberTest, UnicodeMinusSignIsAMinus) {
    EXPECT_EQ(parsed("\xE2\x88\x92" "7", NumberKind::Count), -7);
}

TEST(VietnameseNumberTest, NegativeZeroIsZero) {
    const double zero = parsed("-0", NumberKind::Count);
    EXPECT_EQ(zero, 0.0);
    EXPECT_FALSE(std::signbit(zero));
}

TEST(VietnameseNumberTest, FullwidthDigitsAreAccepted) {
    EXPECT_EQ(parsed("１２", NumberKind::Count), 12);
    EXPECT_EQ(parsed("１．０３４", NumberKind::Count), 1034);
    EXPECT_DOUBLE_EQ(parsed("１６，６７％", NumberKind::Percent), 16.67);
}

TEST(VietnameseNumberTest, MultipleOrMisplacedSignsAreRejected) {
    expect_rejected("--5", NumberKind::Count, "một lần");
    expect_rejected("+-5", NumberKind::Count, "một lần");
    expect_rejected("5-", NumberKind::Count, "một lần");
    expect_rejected("5-3", NumberKind::Decimal, "một lần");
    expect_rejected("- 5", NumberKind::Count, "liền");
}

TEST(VietnameseNumberTest, LettersAreRejected) {
    expect_rejected("12a", NumberKind::Count, "“a”");
    expect_rejected("mười", NumberKind::Count, "“m”");
    expect_rejected("1e5", NumberKind::Decimal, "“e”");
    expect_rejected("12đ", NumberKind::Count, "“đ”");
}

TEST(VietnameseNumberTest, NanAndInfinityTextAreRejected) {
    expect_rejected("NaN", NumberKind::Decimal);
    expect_rejected("nan", NumberKind::Percent);
    expect_rejected("inf", NumberKind::Decimal);
    expect_rejected("-Infinity", NumberKind::Decimal);
    expect_rejected("∞", NumberKind::Decimal);
}

TEST(VietnameseNumberTest, SignWithoutDigitsIsRejected) {
    expect_rejected("-", NumberKind::Count, "không có chữ số");
    expect_rejected("%", NumberKind::Percent, "không có chữ số");
    expect_rejected(".", NumberKind::Decimal);
}

TEST(VietnameseNumberTest, EmptyIsRejected) {
    for (std::string_view text : {"", "   ", "\xC2\xA0"}) {
        const auto r = parse_number(text, NumberKind::Count);
        ASSERT_FALSE(r.has_value());
        EXPECT_NE(r.error().find("để trống"), std::string::npos) << r.error();
        EXPECT_NE(r.error().find("“"), std::string::npos) << r.error();
    }
}

TEST(VietnameseNumberTest, HugeNumberIsRejected) {
    EXPECT_EQ(parsed("1.000.000.000.000.000", NumberKind::Count), 1e15);
    expect_rejected("1.000.000.000.000.001", NumberKind::Count, "quá lớn");
    expect_rejected("99999999999999999999999999", NumberKind::Decimal, "quá lớn");
    expect_rejected("-2000000000000000", NumberKind::Count, "quá lớn");
    expect_rejected(std::string(400, '9'), NumberKind::Decimal, "quá lớn");
}

TEST(VietnameseNumberTest, InvalidUtf8IsRejectedWithAValidMessage) {
    const auto r = parse_number("12\xFF", NumberKind::Count);
    ASSERT_FALSE(r.has_value());
    EXPECT_TRUE(is_valid_utf8(r.error()));
    EXPECT_NE(r.error().find("UTF-8"), std::string::npos);
    EXPECT_NE(r.error().find("12\xEF\xBF\xBD"), std::string::npos) << r.error();
}

// --- Decimals and percentages ---------------------------------------------------------------

TEST(VietnameseNumberTest, DecimalUsesComma) {
    EXPECT_DOUBLE_EQ(parsed("16,67", NumberKind::Decimal), 16.67);
    EXPECT_DOUBLE_EQ(parsed("1.034,5", NumberKind::Decimal), 1034.5);
    EXPECT_DOUBLE_EQ(parsed("1 034,5", NumberKind::Decimal), 1034.5);
    EXPECT_DOUBLE_EQ(parsed("-0,25", NumberKind::Decimal), -0.25);
    EXPECT_DOUBLE_EQ(parsed("42", NumberKind::Decimal), 42);
}

TEST(VietnameseNumberTest, DotWithThreeDigitsInDecimalIsThousands) {
    EXPECT_DOUBLE_EQ(parsed("1.034", NumberKind::Decimal), 1034);
}

TEST(VietnameseNumberTest, LoneCommaWithThreeDigitsIsADecimalComma) {
    EXPECT_DOUBLE_EQ(parsed("1,034", NumberKind::Decimal), 1.034);
}

TEST(VietnameseNumberTest, EnglishDecimalIsRejectedAsAmbiguous) {
    expect_rejected("16.67", NumberKind::Decimal, "“16,67”");
    expect_rejected("16.67", NumberKind::Decimal, "không rõ nghĩa");
    expect_rejected("1,234.5", NumberKind::Decimal, "“1.234,5”");
    expect_rejected("1,234,567", NumberKind::Decimal, "“1.234.567”");
    expect_rejected("0.5", NumberKind::Decimal, "“0,5”");
    expect_rejected(".5", NumberKind::Decimal, "“0,5”");
    expect_rejected("-1.5", NumberKind::Decimal, "“-1,5”");
    expect_rejected("12.5%", NumberKind::Percent, "“12,5%”");
}

TEST(VietnameseNumberTest, MalformedDecimalsAreRejected) {
    expect_rejected("1,2,3", NumberKind::Decimal, "một dấu phẩy");
    expect_rejected("5,", NumberKind::Decimal, "sau dấu phẩy");
    expect_rejected(",5", NumberKind::Decimal, "trước dấu phẩy");
    expect_rejected("1,5 6", NumberKind::Decimal, "sau dấu phẩy");
    expect_rejected("1.234.56", NumberKind::Decimal, "3 chữ số");
}

TEST(VietnameseNumberTest, PercentSignIsAccepted) {
    EXPECT_DOUBLE_EQ(parsed("16,67%", NumberKind::Percent), 16.67);
    EXPECT_DOUBLE_EQ(parsed("99,51 %", NumberKind::Percent), 99.51);
    EXPECT_DOUBLE_EQ(parsed("100", NumberKind::Percent), 100);
    EXPECT_DOUBLE_EQ(parsed("31%", NumberKind::Percent), 31);
}

TEST(VietnameseNumberTest, PercentSignOutsidePercentIsRejected) {
    expect_rejected("16,67%", NumberKind::Decimal, "phần trăm");
    expect_rejected("%16", NumberKind::Percent, "cuối");
    expect_rejected("16%%", NumberKind::Percent, "cuối");
}

// --- Formatting -----------------------------------------------------------------------------

TEST(VietnameseNumberTest, CountIsFormattedWithDots) {
    EXPECT_EQ(format_count(0), "0");
    EXPECT_EQ(format_count(999), "999");
    EXPECT_EQ(format_count(1034), "1.034");
    EXPECT_EQ(format_count(904497), "904.497");
    EXPECT_EQ(format_count(1034567), "1.034.567");
    EXPECT_EQ(format_count(-3), "-3");
    EXPECT_EQ(format_count(-1034), "-1.034");
    EXPECT_EQ(format_count(LLONG_MIN), "-9.223.372.036.854.775.808");
}

TEST(VietnameseNumberTest, DecimalIsFormattedWithComma) {
    EXPECT_EQ(format_decimal(16.666, 2), "16,67");
    EXPECT_EQ(format_decimal(1034.5, 1), "1.034,5");
    EXPECT_EQ(format_decimal(1034.5, 0), "1.035");
    EXPECT_EQ(format_decimal(2.5, 3), "2,500");
    EXPECT_EQ(format_decimal(0.05, 2), "0,05");
    EXPECT_EQ(format_decimal(-1234567.891, 2), "-1.234.567,89");
    EXPECT_EQ(format_decimal(1e15, 0), "1.000.000.000.000.000");
}

TEST(VietnameseNumberTest, RoundingIsHalfAwayFromZeroOnTheDecimalValue) {
    EXPECT_EQ(format_decimal(0.125, 2), "0,13");
    EXPECT_EQ(format_decimal(16.665, 2), "16,67");
    EXPECT_EQ(format_decimal(1.005, 2), "1,01");
    EXPECT_EQ(format_decimal(2.675, 2), "2,68");
    EXPECT_EQ(format_decimal(-0.125, 2), "-0,13");
    EXPECT_EQ(format_decimal(0.5, 0), "1");
    EXPECT_EQ(format_decimal(-2.5, 0), "-3");
    EXPECT_EQ(format_decimal(9.995, 2), "10,00");
    EXPECT_EQ(format_decimal(999.5, 0), "1.000");
    EXPECT_EQ(format_decimal(0.124999, 2), "0,12");
}

TEST(VietnameseNumberTest, NegativeValueRoundingToZeroHasNoSign) {
    EXPECT_EQ(format_decimal(-0.001, 2), "0,00");
    EXPECT_EQ(format_decimal(-0.0, 0), "0");
}

TEST(VietnameseNumberTest, TinyAndNonFiniteValuesAreHandled) {
    EXPECT_EQ(format_decimal(1e-300, 2), "0,00");
    EXPECT_EQ(format_decimal(std::nan(""), 2), "");
    EXPECT_EQ(format_percent(HUGE_VAL, 2), "");
}

TEST(VietnameseNumberTest, DecimalsAreClamped) {
    EXPECT_EQ(format_decimal(1.5, -1), "2");
    EXPECT_EQ(format_decimal(0.1, 40), "0,100000000000000");
}

TEST(VietnameseNumberTest, PercentIsFormattedWithCommaAndSign) {
    EXPECT_EQ(format_percent(16.6667, 2), "16,67%");
    EXPECT_EQ(format_percent(26.7327, 2), "26,73%");
    EXPECT_EQ(format_percent(50.5, 2), "50,50%");
    EXPECT_EQ(format_percent(99.51, 2), "99,51%");
    EXPECT_EQ(format_percent(317.0 / 1034.0 * 100.0, 2), "30,66%");
}

TEST(VietnameseNumberTest, IntegralPercentHasNoDecimals) {
    EXPECT_EQ(format_percent(100, 2), "100%");
    EXPECT_EQ(format_percent(0, 2), "0%");
    EXPECT_EQ(format_percent(31, 2), "31%");
    // Binary noise from a computation still counts as integral.
    EXPECT_EQ(format_percent(0.1 * 3 / 0.3 * 100, 2), "100%");
}

TEST(VietnameseNumberTest, PercentThatOnlyRoundsToIntegerKeepsDecimals) {
    EXPECT_EQ(format_percent(99.999, 2), "100,00%");
}

TEST(VietnameseNumberTest, FormattedValuesParseBack) {
    for (double v : {0.0, 1.5, 16.67, 1034.5, -2.25, 904497.0, 123456789.12}) {
        EXPECT_DOUBLE_EQ(parsed(format_decimal(v, 2), NumberKind::Decimal), v);
        EXPECT_DOUBLE_EQ(parsed(format_percent(v, 2), NumberKind::Percent), v);
    }
    EXPECT_EQ(parsed(format_count(-1034567), NumberKind::Count), -1034567);
}

}  // namespace
}  // namespace rb::locale
