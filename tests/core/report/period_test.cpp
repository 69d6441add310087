#include <gtest/gtest.h>

#include "report/report.hpp"

namespace rb::report {
namespace {

struct Form {
    const char* text;
    PeriodKind kind;
    int index;
    const char* vi;
    const char* en;
    SimpleDate from, to;
};

const Form kForms[] = {
    {"2024-Q1", PeriodKind::Quarter, 1, "Quý I năm 2024", "Q1 2024", {2023, 12, 15}, {2024, 3, 14}},
    {"2024-Q2", PeriodKind::Quarter, 2, "Quý II năm 2024", "Q2 2024", {2024, 3, 15}, {2024, 6, 14}},
    {"2024-Q3", PeriodKind::Quarter, 3, "Quý III năm 2024", "Q3 2024", {2024, 6, 15}, {2024, 9, 14}},
    {"2024-Q4", PeriodKind::Quarter, 4, "Quý IV năm 2024", "Q4 2024", {2024, 9, 15}, {2024, 12, 14}},
    {"2024-H1",
     PeriodKind::HalfYear,
     1,
     "6 tháng đầu năm 2024",
     "first half of 2024",
     {2023, 12, 15},
     {2024, 6, 14}},
    {"2024-9M",
     PeriodKind::NineMonths,
     0,
     "9 tháng đầu năm 2024",
     "first nine months of 2024",
     {2023, 12, 15},
     {2024, 9, 14}},
    {"2024", PeriodKind::Year, 0, "năm 2024", "year 2024", {2023, 12, 15}, {2024, 12, 14}},
};

TEST(Period, EveryFormParsesAndPrintsItsCodeLabelsAndWindow) {
    for (const Form& f : kForms) {
        SCOPED_TRACE(f.text);
        auto p = Period::parse(f.text);
        ASSERT_TRUE(p) << p.error();
        EXPECT_EQ(p->kind, f.kind);
        EXPECT_EQ(p->year, 2024);
        EXPECT_EQ(p->index, f.index);
        EXPECT_EQ(p->code(), f.text);
        EXPECT_EQ(p->label_vi(), f.vi);
        EXPECT_EQ(p->label_en(), f.en);
        const auto [from, to] = p->default_window();
        EXPECT_EQ(from, f.from);
        EXPECT_EQ(to, f.to);
    }
}

TEST(Period, ParsingAcceptsLowercaseLettersAndSurroundingBlanks) {
    auto p = Period::parse(" 2025-q3\t");
    ASSERT_TRUE(p) << p.error();
    EXPECT_EQ(p->code(), "2025-Q3");
    EXPECT_EQ(Period::parse("2025-h1")->code(), "2025-H1");
    EXPECT_EQ(Period::parse("2025-9m")->code(), "2025-9M");
}

TEST(Period, BadTextFailsWithAMessageListingTheAcceptedForms) {
    for (const char* bad : {"", "   ", "2024-Q5", "2024-Q0", "2024-H2", "24-Q1", "2024Q1", "2024-", "Q1-2024",
                            "2024-Q1x", "abcd", "2024-06", "2024/Q1", "20245", "２０２４"}) {
        SCOPED_TRACE(bad);
        auto p = Period::parse(bad);
        ASSERT_FALSE(p);
        EXPECT_NE(p.error().find(std::string("\"") + bad + "\""), std::string::npos) << p.error();
        for (const char* form : {"2024-Q1", "2024-Q4", "2024-H1", "2024-9M", "2024 (năm)"})
            EXPECT_NE(p.error().find(form), std::string::npos) << p.error();
    }
}

TEST(Period, YearsOutsideTheSupportedRangeAreRefused) {
    EXPECT_FALSE(Period::parse("0000"));
    EXPECT_FALSE(Period::parse("1899-Q1"));
    EXPECT_TRUE(Period::parse("1900-Q1"));
    EXPECT_TRUE(Period::parse("9999"));
}

TEST(Period, CodeParsesBackToTheSamePeriod) {
    for (const Form& f : kForms) {
        const Period p = *Period::parse(f.text);
        EXPECT_EQ(*Period::parse(p.code()), p);
    }
}

TEST(Period, LeapYearDoesNotShiftTheWindow) {
    const auto [from, to] = Period::parse("2025-Q1")->default_window();
    EXPECT_EQ(from, (SimpleDate{2024, 12, 15}));
    EXPECT_EQ(to, (SimpleDate{2025, 3, 14}));
}

TEST(Period, CalendarMonthRuleStartsInTheFirstMonthAndEndsOnTheLastDay) {
    const CutoffRule calendar{1, 31};
    auto [from, to] = Period::parse("2024-Q1")->default_window(calendar);
    EXPECT_EQ(from, (SimpleDate{2024, 1, 1}));
    EXPECT_EQ(to, (SimpleDate{2024, 3, 31}));
    std::tie(from, to) = Period::parse("2024-H1")->default_window(calendar);
    EXPECT_EQ(to, (SimpleDate{2024, 6, 30}));  // clamped to the month's end
    std::tie(from, to) = Period::parse("2023-9M")->default_window(calendar);
    EXPECT_EQ(to, (SimpleDate{2023, 9, 30}));
}

TEST(Period, RuleDaysPastTheMonthEndAreClamped) {
    const auto [from, to] = Period::parse("2024-Q2")->default_window(CutoffRule{31, 31});
    EXPECT_EQ(from, (SimpleDate{2024, 4, 30}));
    EXPECT_EQ(to, (SimpleDate{2024, 6, 30}));
    const auto [f2, t2] = Period::parse("2023-Q4")->default_window(CutoffRule{30, 29});
    EXPECT_EQ(f2, (SimpleDate{2023, 9, 30}));
    EXPECT_EQ(t2, (SimpleDate{2023, 12, 29}));
}

TEST(Period, PreviousReportIsTheEarlierOneOfTheSameYear) {
    auto prev = [](const char* code) { return Period::parse(code)->previous(); };
    EXPECT_FALSE(prev("2024-Q1"));
    EXPECT_EQ(prev("2024-Q2")->code(), "2024-Q1");
    EXPECT_EQ(prev("2024-Q3")->code(), "2024-Q2");
    EXPECT_EQ(prev("2024-Q4")->code(), "2024-Q3");
    EXPECT_FALSE(prev("2024-H1"));
    EXPECT_EQ(prev("2024-9M")->code(), "2024-H1");
    EXPECT_EQ(prev("2024")->code(), "2024-9M");
}

}  // namespace
}  // namespace rb::report
