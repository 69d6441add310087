// Expressions of the definition language as spreadsheet formulas (core/expr/spreadsheet.hpp).
// These tests pin the shape of each construct; tests/core/export_xlsx/formula_office_test.cpp
// checks, in LibreOffice, that the formulas compute what the language computes.
#include "expr/spreadsheet.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace rb::expr {
namespace {

// Cells of a small sheet: A, B, C in D10..D12, P (a percent) in D13 stored as a fraction.
std::optional<SheetCell> cell_of(std::string_view code) {
    static const std::map<std::string, SheetCell, std::less<>> cells = {
        {"A", {"D10", false}}, {"B", {"D11", false}}, {"C", {"D12", false}},
        {"P", {"D13", true}},  {"I.2.1", {"D5", false}}, {"I.2.2", {"D6", false}},
    };
    if (auto it = cells.find(code); it != cells.end()) return it->second;
    return std::nullopt;
}

Result<std::string> formula(std::string_view source, bool fraction = false, std::size_t max_length = 8192) {
    auto e = Expr::parse(source);
    if (!e) return Result<std::string>::fail(e.error());
    SpreadsheetOptions o;
    o.not_applicable_text = "không phát sinh";
    o.result_as_fraction = fraction;
    o.max_length = max_length;
    return to_spreadsheet_formula(*e, cell_of, o);
}

std::string ok(std::string_view source, bool fraction = false) {
    auto f = formula(source, fraction);
    EXPECT_TRUE(f) << source << ": " << f.error();
    return f ? *f : std::string{};
}

const std::string kNotApplicableText = "\"không phát sinh\"";

TEST(SpreadsheetFormula, AReferenceAloneShowsAnEmptyCellAsBlankNotZero) {
    EXPECT_EQ(ok("A"), R"(IF(D10="","",D10))");
}

TEST(SpreadsheetFormula, ArithmeticIsComputedOnceBehindOneTestOfItsInputs) {
    EXPECT_EQ(ok("A * (B + C)"), R"(IF(OR(D10="",D11="",D12=""),"",IF(OR(ISTEXT(D10),ISTEXT(D11),ISTEXT(D12)),)" +
                                     kNotApplicableText + ",D10*(D11+D12)))");
}

TEST(SpreadsheetFormula, GroupingOfTheExpressionIsKept) {
    EXPECT_NE(ok("A - (B - C)").find("D10-(D11-D12)"), std::string::npos);
    EXPECT_NE(ok("(A - B) - C").find("D10-D11-D12"), std::string::npos);
    EXPECT_NE(ok("A / (B * C)").find("D10/(D11*D12)"), std::string::npos);
    EXPECT_NE(ok("-(A + B)").find("-(D10+D11)"), std::string::npos);
}

TEST(SpreadsheetFormula, RatioIsInPercentPointsAndNotApplicableWhenTheDenominatorIsZero) {
    EXPECT_EQ(ok("ratio(I.2.2, I.2.1)"),
              R"(IF(OR(D6="",D5=""),"",IF(OR(ISTEXT(D6),ISTEXT(D5)),)" + kNotApplicableText + ",IF(D5=0," + kNotApplicableText + ",D6/D5*100)))");
}

TEST(SpreadsheetFormula, RatioInAPercentCellIsTheFractionItsFormatShows) {
    EXPECT_EQ(ok("ratio(I.2.2, I.2.1)", true),
              R"(IF(OR(D6="",D5=""),"",IF(OR(ISTEXT(D6),ISTEXT(D5)),)" + kNotApplicableText + ",IF(D5=0," + kNotApplicableText + ",D6/D5)))");
}

TEST(SpreadsheetFormula, OtherResultsInAPercentCellAreDividedByAHundred) {
    EXPECT_NE(ok("100 - P", true).find("(100-D13*100)/100"), std::string::npos);
    EXPECT_EQ(ok("P", true), R"(IF(D13="","",D13))");
    EXPECT_EQ(ok("A", true), R"(IF(D10="","",D10/100))");
}

TEST(SpreadsheetFormula, APercentCellIsReadInPercentPoints) {
    EXPECT_NE(ok("P > 50").find("IF(D13*100>50,1,0)"), std::string::npos);
}

TEST(SpreadsheetFormula, DivisionTestsItsDivisorUnlessItIsANonZeroNumber) {
    EXPECT_NE(ok("A / B").find("IF(D11=0," + kNotApplicableText), std::string::npos);
    EXPECT_EQ(ok("A / 4").find("=0,"), std::string::npos);
    EXPECT_NE(ok("A / 0").find("IF(0=0," + kNotApplicableText), std::string::npos);
}

TEST(SpreadsheetFormula, SumSkipsBlankCellsAndIsBlankWhenAllAre) {
    EXPECT_EQ(ok("sum(A, B)"), R"(IF(COUNT(D10,D11)=0,"",SUM(D10,D11)))");
    EXPECT_EQ(ok("sum(A, B, 1)"), "SUM(D10,D11,1)");
}

TEST(SpreadsheetFormula, SumOfComputedArgumentsCountsOnlyKnownOnes) {
    const std::string f = ok("sum(A, B / C)");
    EXPECT_EQ(f.rfind("IF(OR(COUNT(D10)>0,ISNUMBER(", 0), 0u) << f;
    EXPECT_NE(f.find("SUM(D10,N("), std::string::npos) << f;
}

TEST(SpreadsheetFormula, MinAndMaxSkipBlankCells) {
    EXPECT_EQ(ok("min(A, B)"), R"(IF(COUNT(D10,D11)=0,"",MIN(D10,D11)))");
    EXPECT_EQ(ok("max(A, 3)"), "MAX(D10,3)");
    const std::string f = ok("max(A, B * 2)");
    EXPECT_NE(f.find("MAX(IF(COUNT(D10)=0,\"\",MAX(D10)),"), std::string::npos) << f;
}

TEST(SpreadsheetFormula, IfIsBlankWhenItsConditionIsUnknown) {
    EXPECT_EQ(ok("if(A > 0, B, C)"),
              R"(IF(ISNUMBER(IF(ISNUMBER(D10),IF(D10>0,1,0),"")),IF(IF(ISNUMBER(D10),IF(D10>0,1,0),"")<>0,)"
              R"(IF(D11="","",D11),IF(D12="","",D12)),""))");
    EXPECT_EQ(ok("if(1, A, 0)"), R"(IF(1<>0,IF(D10="","",D10),0))");
}

TEST(SpreadsheetFormula, BlankTestsForAnEmptyCellOrAnEmptyResult) {
    EXPECT_EQ(ok("blank(A)"), R"(IF(D10="",1,0))");
    EXPECT_EQ(ok("if(blank(A), 0, A)"), R"(IF(IF(D10="",1,0)<>0,0,IF(D10="","",D10)))");
}

TEST(SpreadsheetFormula, ComparisonsGiveOneOrZeroOrBlank) {
    const std::pair<const char*, const char*> ops[] = {{"=", "="},  {"==", "="}, {"!=", "<>"}, {"<>", "<>"},
                                                       {"<", "<"},  {"<=", "<="}, {">", ">"},  {">=", ">="}};
    for (const auto& [lang, sheet] : ops)
        EXPECT_EQ(ok(std::string("A ") + lang + " B"),
                  std::string(R"(IF(AND(ISNUMBER(D10),ISNUMBER(D11)),IF(D10)") + sheet + R"(D11,1,0),""))")
            << lang;
    EXPECT_EQ(ok("1 < 2"), "IF(1<2,1,0)");
}

TEST(SpreadsheetFormula, LogicIsThreeValued) {
    EXPECT_EQ(ok("not A"), R"(IF(ISNUMBER(D10),IF(D10=0,1,0),""))");
    EXPECT_EQ(ok("A and B"),
              R"(IF(OR(AND(ISNUMBER(D10),D10=0),AND(ISNUMBER(D11),D11=0)),0,IF(AND(ISNUMBER(D10),ISNUMBER(D11)),1,"")))");
    EXPECT_EQ(ok("A or B"),
              R"(IF(OR(AND(ISNUMBER(D10),D10<>0),AND(ISNUMBER(D11),D11<>0)),1,IF(AND(ISNUMBER(D10),ISNUMBER(D11)),0,"")))");
    EXPECT_EQ(ok("true"), "1");
    EXPECT_EQ(ok("false or true"), "IF(OR(0<>0,1<>0),1,0)");
}

TEST(SpreadsheetFormula, RoundAndAbsMapToTheirSpreadsheetFunctions) {
    EXPECT_NE(ok("round(A / 3, 2)").find("ROUND(D10/3,2)"), std::string::npos);
    EXPECT_NE(ok("round(A)").find("ROUND(D10,0)"), std::string::npos);
    EXPECT_NE(ok("round(A, 40)").find("ROUND(D10,15)"), std::string::npos);
    EXPECT_NE(ok("round(A, B)").find("ROUND(D10,ROUND(D11,0))"), std::string::npos);
    EXPECT_NE(ok("abs(A - B)").find("ABS(D10-D11)"), std::string::npos);
}

TEST(SpreadsheetFormula, NumbersAreWrittenWithADotAndEnoughDigits) {
    EXPECT_EQ(ok("0.5"), "0.5");
    EXPECT_EQ(ok("1234567"), "1234567");
    EXPECT_EQ(ok("0.1 + 0.2"), "0.1+0.2");
}

TEST(SpreadsheetFormula, PreviousPeriodValuesDoNotTranslate) {
    auto f = formula("A - prev(A)");
    ASSERT_FALSE(f);
    EXPECT_NE(f.error().find("prev()"), std::string::npos) << f.error();
}

TEST(SpreadsheetFormula, ACodeWithNoCellFailsNamingIt) {
    auto f = formula("A + HS.4");
    ASSERT_FALSE(f);
    EXPECT_NE(f.error().find("HS.4"), std::string::npos) << f.error();
}

TEST(SpreadsheetFormula, AFormulaOverTheLengthLimitFails) {
    EXPECT_FALSE(formula("A / B + C / B", false, 40));
    // Nested computed min() arguments are copied at each level: the limit stops the growth.
    std::string deep = "A";
    for (int i = 0; i < 12; ++i) deep = "min(" + deep + " / B, C / B)";
    EXPECT_FALSE(formula(deep));
}

TEST(SpreadsheetFormula, TheNotApplicableTextIsQuotedAndMustNotBeEmpty) {
    auto e = Expr::parse("A / B");
    ASSERT_TRUE(e);
    SpreadsheetOptions o;
    o.not_applicable_text = "say \"n/a\"";
    auto f = to_spreadsheet_formula(*e, cell_of, o);
    ASSERT_TRUE(f) << f.error();
    EXPECT_NE(f->find(R"("say ""n/a""")"), std::string::npos) << *f;
    o.not_applicable_text.clear();
    EXPECT_FALSE(to_spreadsheet_formula(*e, cell_of, o));
}

TEST(SpreadsheetFormula, AnEmptyExpressionDoesNotTranslate) {
    EXPECT_FALSE(to_spreadsheet_formula(Expr{}, cell_of));
}

}  // namespace
}  // namespace rb::expr
