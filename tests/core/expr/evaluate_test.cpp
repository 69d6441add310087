#include <gtest/gtest.h>

#include "expr/expr.hpp"
#include "expr_test_support.hpp"

namespace rb::expr {
namespace {

using testing_support::eval;

const Value kBlank = Value::blank();
const Value kNa = Value::not_applicable();
const Value kTrue = Value::boolean(true);
const Value kFalse = Value::boolean(false);

TEST(EvaluateTest, BlankIsNotZero) {
    EXPECT_EQ(eval("A + 1", {{"A", kBlank}}), kBlank);
    EXPECT_EQ(eval("A * 0", {{"A", kBlank}}), kBlank);
    EXPECT_EQ(eval("-A", {{"A", kBlank}}), kBlank);
    EXPECT_EQ(eval("A = 0", {{"A", kBlank}}), kBlank);
    EXPECT_EQ(eval("blank(A)", {{"A", kBlank}}), kTrue);

    EXPECT_EQ(eval("A + 1", {{"A", Value::of(0)}}), Value::of(1));
    EXPECT_EQ(eval("A = 0", {{"A", Value::of(0)}}), kTrue);
    EXPECT_EQ(eval("blank(A)", {{"A", Value::of(0)}}), kFalse);
    EXPECT_EQ(eval("blank(A)", {{"A", kNa}}), kFalse);
}

TEST(EvaluateTest, NotApplicablePropagatesAndBlankWins) {
    EXPECT_EQ(eval("A + 1", {{"A", kNa}}), kNa);
    EXPECT_EQ(eval("A * B", {{"A", kNa}, {"B", kBlank}}), kBlank);
    EXPECT_EQ(eval("B - A", {{"A", kNa}, {"B", kBlank}}), kBlank);
    EXPECT_EQ(eval("abs(A)", {{"A", kNa}}), kNa);
    EXPECT_EQ(eval("round(A, 1)", {{"A", kNa}}), kNa);
}

TEST(EvaluateTest, DivisionByZeroIsNotApplicable) {
    EXPECT_EQ(eval("1 / 0"), kNa);
    EXPECT_EQ(eval("0 / 0"), kNa);
    EXPECT_EQ(eval("A / B", {{"A", Value::of(5)}, {"B", Value::of(0)}}), kNa);
    EXPECT_EQ(eval("A / B", {{"A", kBlank}, {"B", Value::of(0)}}), kBlank);
    EXPECT_EQ(eval("6 / 4"), Value::of(1.5));
}

TEST(EvaluateTest, OverflowIsNotApplicable) {
    EXPECT_EQ(eval("1e308 * 10"), kNa);
    EXPECT_EQ(eval("sum(1e308, 1e308, 1)"), kNa);
}

TEST(EvaluateTest, RatioIsAPercent) {
    EXPECT_EQ(eval("ratio(1, 4)"), Value::of(25));
    EXPECT_EQ(eval("ratio(A, B)", {{"A", Value::of(30)}, {"B", Value::of(20)}}), Value::of(150));
}

TEST(EvaluateTest, RatioWithZeroDenominatorIsNotApplicable) {
    EXPECT_EQ(eval("ratio(5, 0)"), kNa);
    EXPECT_EQ(eval("ratio(0, 0)"), kNa);
    EXPECT_EQ(eval("ratio(A, B)", {{"A", Value::of(3)}, {"B", Value::of(0)}}), kNa);
    EXPECT_EQ(eval("ratio(0, 5)"), Value::of(0));
}

TEST(EvaluateTest, RatioWithBlankOperandIsBlank) {
    EXPECT_EQ(eval("ratio(A, 5)", {{"A", kBlank}}), kBlank);
    EXPECT_EQ(eval("ratio(5, A)", {{"A", kBlank}}), kBlank);
    EXPECT_EQ(eval("ratio(A, 0)", {{"A", kBlank}}), kBlank);
}

TEST(EvaluateTest, SumSkipsBlanks) {
    const testing_support::Named env{{"A", Value::of(2)}, {"B", kBlank}, {"C", Value::of(5)}, {"D", kNa}};
    EXPECT_EQ(eval("sum(A, B, C)", env), Value::of(7));
    EXPECT_EQ(eval("sum(B, A, D, C)", env), Value::of(7));
    EXPECT_EQ(eval("sum(A)", env), Value::of(2));
    EXPECT_EQ(eval("sum(A, B) + 1", env), Value::of(3));
    // The + operator does not skip: that is what sum() is for.
    EXPECT_EQ(eval("A + B + C", env), kBlank);
}

TEST(EvaluateTest, SumOfAllBlanksIsBlank) {
    EXPECT_EQ(eval("sum(A, B)", {{"A", kBlank}, {"B", kBlank}}), kBlank);
    EXPECT_EQ(eval("sum(A, B)", {{"A", kBlank}, {"B", kNa}}), kBlank);
    EXPECT_EQ(eval("sum(A, B)", {{"A", Value::of(0)}, {"B", kBlank}}), Value::of(0));
}

TEST(EvaluateTest, MinAndMaxSkipBlanks) {
    const testing_support::Named env{{"A", Value::of(4)}, {"B", kBlank}, {"C", Value::of(-1)}, {"D", kNa}};
    EXPECT_EQ(eval("min(A, B, C, D)", env), Value::of(-1));
    EXPECT_EQ(eval("max(B, A, C, D)", env), Value::of(4));
    EXPECT_EQ(eval("max(B, D)", env), kBlank);
    EXPECT_EQ(eval("min(B)", env), kBlank);
    EXPECT_EQ(eval("max(3, 9, 2)"), Value::of(9));
}

TEST(EvaluateTest, ComparisonWithBlankIsUnknown) {
    EXPECT_EQ(eval("A > 0", {{"A", kBlank}}), kBlank);
    EXPECT_EQ(eval("A = A", {{"A", kBlank}}), kBlank);
    EXPECT_EQ(eval("A <= 100", {{"A", kNa}}), kBlank);
    EXPECT_EQ(eval("A > 0", {{"A", Value::of(1)}}), kTrue);
    EXPECT_FALSE(eval("A > 0", {{"A", kBlank}}).is_false());
}

TEST(EvaluateTest, EqualityToleratesRoundingNoise) {
    EXPECT_EQ(eval("0.1 + 0.2 = 0.3"), kTrue);
    EXPECT_EQ(eval("0.1 + 0.2 - 0.3 = 0"), kTrue);
    EXPECT_EQ(eval("ratio(1, 3) * 3 <= 100"), kTrue);
    EXPECT_EQ(eval("ratio(1, 3) * 3 < 100"), kFalse);
    EXPECT_EQ(eval("1 = 1.000001"), kFalse);
    EXPECT_EQ(eval("1000000 != 1000001"), kTrue);
}

TEST(EvaluateTest, KleeneAndWithFalseIsFalse) {
    const testing_support::Named env{{"U", kBlank}};
    EXPECT_EQ(eval("false and U", env), kFalse);
    EXPECT_EQ(eval("U and false", env), kFalse);
    EXPECT_EQ(eval("true and U", env), kBlank);
    EXPECT_EQ(eval("U > 1 and 1 > 2", env), kFalse);
    EXPECT_EQ(eval("true and true", env), kTrue);
}

TEST(EvaluateTest, KleeneOrWithTrueIsTrue) {
    const testing_support::Named env{{"U", kBlank}};
    EXPECT_EQ(eval("true or U", env), kTrue);
    EXPECT_EQ(eval("U or true", env), kTrue);
    EXPECT_EQ(eval("false or U", env), kBlank);
    EXPECT_EQ(eval("false or false", env), kFalse);
}

TEST(EvaluateTest, NotOfUnknownIsUnknown) {
    EXPECT_EQ(eval("not U", {{"U", kBlank}}), kBlank);
    EXPECT_EQ(eval("not false"), kTrue);
    EXPECT_EQ(eval("not 0"), kTrue);
    EXPECT_EQ(eval("not 5"), kFalse);
}

TEST(EvaluateTest, BooleansActAsOneAndZero) {
    EXPECT_EQ(eval("true + true"), Value::of(2));
    EXPECT_EQ(eval("(1 < 2) * 10"), Value::of(10));
    EXPECT_EQ(eval("sum(true, false, 3)"), Value::of(4));
    EXPECT_EQ(eval("true = 1"), kTrue);
}

TEST(EvaluateTest, IfSelectsABranch) {
    EXPECT_EQ(eval("if(A > 0, 1, 2)", {{"A", Value::of(5)}}), Value::of(1));
    EXPECT_EQ(eval("if(A > 0, 1, 2)", {{"A", Value::of(-5)}}), Value::of(2));
    EXPECT_EQ(eval("if(A, B, 2)", {{"A", Value::of(3)}, {"B", kNa}}), kNa);
    EXPECT_EQ(eval("if(1 > 0, true, false)"), kTrue);
}

TEST(EvaluateTest, IfWithUnknownConditionIsBlank) {
    EXPECT_EQ(eval("if(A > 0, 1, 2)", {{"A", kBlank}}), kBlank);
    EXPECT_EQ(eval("if(A, 1, 2)", {{"A", kNa}}), kBlank);
}

TEST(EvaluateTest, RoundIsHalfAwayFromZero) {
    EXPECT_EQ(eval("round(2.5)"), Value::of(3));
    EXPECT_EQ(eval("round(-2.5)"), Value::of(-3));
    EXPECT_EQ(eval("round(2.4999)"), Value::of(2));
    EXPECT_EQ(eval("round(2.675, 2)"), Value::of(2.68));
    EXPECT_EQ(eval("round(-1.005, 2)"), Value::of(-1.01));
    EXPECT_EQ(eval("round(1.2345, 3)"), Value::of(1.235));
    EXPECT_EQ(eval("round(1250, -2)"), Value::of(1300));
    EXPECT_EQ(eval("round(ratio(1, 3), 1)"), Value::of(33.3));
    EXPECT_EQ(to_string(eval("round(-0.4)")), "0");
    EXPECT_EQ(eval("round(A, 1)", {{"A", kBlank}}), kBlank);
    EXPECT_EQ(eval("round(2.5, A)", {{"A", kBlank}}), kBlank);
}

TEST(EvaluateTest, AbsOfNegative) {
    EXPECT_EQ(eval("abs(-3.5)"), Value::of(3.5));
    EXPECT_EQ(eval("abs(A)", {{"A", kBlank}}), kBlank);
}

TEST(EvaluateTest, PrevReadsPreviousPeriod) {
    // A cumulative indicator: this period plus what was accumulated before.
    const testing_support::Named current{{"I.1", Value::of(5)}};
    const testing_support::Named previous{{"I.1", Value::of(10)}};
    EXPECT_EQ(eval("prev(I.1) + I.1", current, previous), Value::of(15));
    EXPECT_EQ(eval("prev(I.1)", current, previous), Value::of(10));
    // No previous period: prev() is blank, so sum() still gives this period alone.
    EXPECT_EQ(eval("prev(I.1)", current), kBlank);
    EXPECT_EQ(eval("prev(I.1) + I.1", current), kBlank);
    EXPECT_EQ(eval("sum(prev(I.1), I.1)", current), Value::of(5));
}

TEST(EvaluateTest, PrevOfACodeOnlyInThePreviousPeriod) {
    auto e = Expr::parse("prev(B) * 2");
    ASSERT_TRUE(e);
    ASSERT_TRUE(e->bind([](std::string_view) -> std::optional<std::size_t> { return 1; }));
    const std::vector<Value> current{Value::of(1), Value::of(2)};
    const std::vector<Value> previous{Value::of(100), Value::of(21)};
    EXPECT_EQ(e->evaluate(current, previous), Value::of(42));
    EXPECT_EQ(e->evaluate(current), kBlank);
    EXPECT_EQ(e->evaluate(current, std::vector<Value>{Value::of(1)}), kBlank);  // too short
}

TEST(EvaluateTest, SlotsOutsideTheArrayReadAsBlank) {
    auto e = Expr::parse("A + 1");
    ASSERT_TRUE(e);
    ASSERT_TRUE(e->bind([](std::string_view) -> std::optional<std::size_t> { return 9; }));
    EXPECT_EQ(e->evaluate(std::vector<Value>{Value::of(1)}), kBlank);
}

TEST(EvaluateTest, ToStringForms) {
    EXPECT_EQ(to_string(kBlank), "blank");
    EXPECT_EQ(to_string(kNa), "n/a");
    EXPECT_EQ(to_string(Value::of(12)), "12");
    EXPECT_EQ(to_string(Value::of(0.5)), "0.5");
    EXPECT_EQ(to_string(kTrue), "true");
    EXPECT_EQ(to_string(kFalse), "false");
}

TEST(EvaluateTest, TruthOfValues) {
    EXPECT_TRUE(kTrue.is_true());
    EXPECT_TRUE(Value::of(2).is_true());
    EXPECT_TRUE(Value::of(0).is_false());
    EXPECT_FALSE(kBlank.is_true());
    EXPECT_FALSE(kBlank.is_false());
    EXPECT_FALSE(kNa.is_true());
    EXPECT_FALSE(kNa.is_false());
}

}  // namespace
}  // namespace rb::expr
