#include <gtest/gtest.h>

#include <string>

#include "expr/expr.hpp"
#include "expr_test_support.hpp"

namespace rb::expr {
namespace {

using testing_support::eval;
using testing_support::parse_error;

std::vector<std::string> refs(std::string_view source) {
    auto e = Expr::parse(source);
    EXPECT_TRUE(e) << e.error();
    return e ? e->references() : std::vector<std::string>{};
}

TEST(ParseTest, NumbersUseTheDotDecimal) {
    EXPECT_EQ(eval("12"), Value::of(12));
    EXPECT_EQ(eval("0.5"), Value::of(0.5));
    EXPECT_EQ(eval(".25"), Value::of(0.25));
    EXPECT_EQ(eval("1e3"), Value::of(1000));
    EXPECT_EQ(parse_error("1,5"), "cột 2: thiếu toán tử trước ‘,’");
}

TEST(ParseTest, MalformedNumbersAreParseErrors) {
    EXPECT_EQ(parse_error("1.2.3"), "cột 1: số không hợp lệ ‘1.2.3’");
    EXPECT_EQ(parse_error("2 + 12abc"), "cột 5: số không hợp lệ ‘12abc’");
    EXPECT_EQ(parse_error("1e999"), "cột 1: số không hợp lệ ‘1e999’");
}

TEST(ParseTest, CodesWithRomanNumeralsParseAsReferences) {
    EXPECT_EQ(refs("III.3.1.2"), (std::vector<std::string>{"III.3.1.2"}));
    EXPECT_EQ(refs("I.2.1 + V.2.4.2 - HS.7.1 * X1 / HS.4"),
              (std::vector<std::string>{"I.2.1", "V.2.4.2", "HS.7.1", "X1", "HS.4"}));
    EXPECT_EQ(refs("A_1.b_2.3"), (std::vector<std::string>{"A_1.b_2.3"}));
}

TEST(ParseTest, ReferencesAreDistinctInOrderOfAppearance) {
    EXPECT_EQ(refs("B + A + B * A + C"), (std::vector<std::string>{"B", "A", "C"}));
}

TEST(ParseTest, AnEqualityIsOnlyAnOutermostEquals) {
    for (const char* src : {"sum(A, B, C) = T", "(A + B) = C", "A = B"}) {
        auto e = Expr::parse(src);
        ASSERT_TRUE(e) << src;
        EXPECT_TRUE(e->is_equality()) << src;
    }
    for (const char* src : {"A <= B", "A = 1 or blank(B)", "if(A = B, 1, 0)", "not (A = B)", "A != B"}) {
        auto e = Expr::parse(src);
        ASSERT_TRUE(e) << src << ": " << e.error();
        EXPECT_FALSE(e->is_equality()) << src;
    }
    EXPECT_FALSE(Expr().is_equality());
}

TEST(ParseTest, ComparisonsOfACodeWithANumberAreFoundEitherWayRound) {
    auto e = Expr::parse("I.3 >= 0.8 and 0.5 < I.4 and I.5 = I.6 and (I.7 + 1) > 0.2 and I.8 != 3 and prev(I.9) < 0.1");
    ASSERT_TRUE(e) << e.error();
    const auto found = e->code_number_comparisons();
    ASSERT_EQ(found.size(), 3u);
    EXPECT_EQ(found[0].code, "I.3");
    EXPECT_DOUBLE_EQ(found[0].number, 0.8);
    EXPECT_EQ(found[1].code, "I.4");
    EXPECT_DOUBLE_EQ(found[1].number, 0.5);
    EXPECT_EQ(found[2].code, "I.8");
    EXPECT_DOUBLE_EQ(found[2].number, 3);
    EXPECT_TRUE(Expr().code_number_comparisons().empty());
}

TEST(ParseTest, PrevReferencesAreListedSeparately) {
    auto e = Expr::parse("prev(I.1) + I.1 + prev(I.2) + prev(I.1)");
    ASSERT_TRUE(e) << e.error();
    EXPECT_EQ(e->references(), (std::vector<std::string>{"I.1"}));
    EXPECT_EQ(e->previous_references(), (std::vector<std::string>{"I.1", "I.2"}));
    EXPECT_EQ(e->source(), "prev(I.1) + I.1 + prev(I.2) + prev(I.1)");
}

TEST(ParseTest, MalformedCodesAreParseErrors) {
    EXPECT_EQ(parse_error("I.2. + 1"), "cột 1: mã chỉ tiêu không hợp lệ ‘I.2.’");
    EXPECT_EQ(parse_error("I..2"), "cột 1: mã chỉ tiêu không hợp lệ ‘I.’");
    EXPECT_EQ(parse_error("1 + #"), "cột 5: ký tự không hợp lệ ‘#’");
}

TEST(ParseTest, MultiplicationBindsTighterThanAddition) {
    EXPECT_EQ(eval("1 + 2 * 3"), Value::of(7));
    EXPECT_EQ(eval("(1 + 2) * 3"), Value::of(9));
    EXPECT_EQ(eval("2 * 3 + 4 * 5"), Value::of(26));
    EXPECT_EQ(eval("1 + 6 / 2"), Value::of(4));
}

TEST(ParseTest, SubtractionAndDivisionAreLeftAssociative) {
    EXPECT_EQ(eval("10 - 2 - 3"), Value::of(5));
    EXPECT_EQ(eval("12 / 2 / 3"), Value::of(2));
    EXPECT_EQ(eval("10 - 2 + 3"), Value::of(11));
}

TEST(ParseTest, UnaryMinusBindsTighterThanMultiplication) {
    EXPECT_EQ(eval("-2 * 3 + 10"), Value::of(4));
    EXPECT_EQ(eval("- -2"), Value::of(2));
    EXPECT_EQ(eval("2 - -2"), Value::of(4));
    EXPECT_EQ(eval("-(2 + 3)"), Value::of(-5));
}

TEST(ParseTest, ComparisonBindsLooserThanArithmeticAndTighterThanLogic) {
    EXPECT_EQ(eval("1 + 1 = 2"), Value::boolean(true));
    EXPECT_EQ(eval("2 * 3 > 5 and 1 < 2"), Value::boolean(true));
    EXPECT_EQ(eval("not 1 = 2"), Value::boolean(true));  // not (1 = 2)
    EXPECT_EQ(eval("not 1 = 1 or true"), Value::boolean(true));  // (not (1 = 1)) or true
}

TEST(ParseTest, AndBindsTighterThanOr) {
    EXPECT_EQ(eval("true or false and false"), Value::boolean(true));
    EXPECT_EQ(eval("(true or false) and false"), Value::boolean(false));
    EXPECT_EQ(eval("false and false or true"), Value::boolean(true));
}

TEST(ParseTest, AllComparisonSpellingsAreAccepted) {
    EXPECT_EQ(eval("2 = 2"), Value::boolean(true));
    EXPECT_EQ(eval("2 == 2"), Value::boolean(true));
    EXPECT_EQ(eval("2 != 3"), Value::boolean(true));
    EXPECT_EQ(eval("2 <> 2"), Value::boolean(false));
    EXPECT_EQ(eval("2 < 3"), Value::boolean(true));
    EXPECT_EQ(eval("3 <= 3"), Value::boolean(true));
    EXPECT_EQ(eval("2 > 3"), Value::boolean(false));
    EXPECT_EQ(eval("3 >= 4"), Value::boolean(false));
}

TEST(ParseTest, ChainedComparisonIsAParseError) {
    EXPECT_EQ(parse_error("1 < A < 10"),
              "cột 7: không được viết các phép so sánh liên tiếp; hãy nối chúng bằng ‘and’");
    EXPECT_TRUE(Expr::parse("1 < A and A < 10"));
}

TEST(ParseTest, KeywordsAreLowercase) {
    EXPECT_EQ(parse_error("A AND B"), "cột 3: thiếu toán tử trước ‘AND’");
    EXPECT_EQ(parse_error("1 + and"), "cột 5: cần một số, mã chỉ tiêu hoặc ‘(’");
}

TEST(ParseTest, UnknownFunctionIsAParseError) {
    EXPECT_EQ(parse_error("1 + foo(2)"), "cột 5: hàm không xác định ‘foo’");
    EXPECT_EQ(parse_error("I.2(3)"), "cột 1: hàm không xác định ‘I.2’");
}

TEST(ParseTest, UppercaseFunctionNameSuggestsTheLowercaseOne) {
    EXPECT_EQ(parse_error("SUM(A, B)"), "cột 1: hàm không xác định ‘SUM’ (tên hàm viết thường: ‘sum’)");
}

TEST(ParseTest, WrongArgumentCountIsAParseError) {
    EXPECT_EQ(parse_error("ratio(1)"), "cột 1: hàm ‘ratio’ cần đúng 2 đối số");
    EXPECT_EQ(parse_error("if(1, 2)"), "cột 1: hàm ‘if’ cần đúng 3 đối số");
    EXPECT_EQ(parse_error("sum()"), "cột 1: hàm ‘sum’ cần ít nhất 1 đối số");
    EXPECT_EQ(parse_error("round(1, 2, 3)"), "cột 1: hàm ‘round’ cần từ 1 đến 2 đối số");
    EXPECT_EQ(parse_error("sum(1, )"), "cột 8: cần một số, mã chỉ tiêu hoặc ‘(’");
    EXPECT_EQ(parse_error("sum(1 2)"), "cột 7: thiếu dấu ‘,’ hoặc ‘)’");
}

TEST(ParseTest, PrevTakesOneCode) {
    EXPECT_EQ(parse_error("prev(1)"), "cột 6: prev() cần đúng một mã chỉ tiêu");
    EXPECT_EQ(parse_error("prev(A + B)"), "cột 6: prev() cần đúng một mã chỉ tiêu");
    EXPECT_EQ(parse_error("prev()"), "cột 6: prev() cần đúng một mã chỉ tiêu");
}

TEST(ParseTest, UnbalancedParenthesisNamesTheColumn) {
    ParseError error;
    auto e = Expr::parse("(1 + 2", error);
    ASSERT_FALSE(e);
    EXPECT_EQ(e.error(), "cột 7: thiếu dấu ‘)’");
    EXPECT_EQ(error.offset, 6u);
    EXPECT_EQ(error.column, 7u);
    EXPECT_EQ(error.message, "thiếu dấu ‘)’");

    EXPECT_EQ(parse_error("1 + 2)"), "cột 6: thừa dấu ‘)’");
    EXPECT_EQ(parse_error("sum(A, (B + C)"), "cột 15: thiếu dấu ‘)’");
    EXPECT_EQ(parse_error("(1 + 2 3)"), "cột 8: thiếu dấu ‘)’");
}

TEST(ParseTest, ColumnCountsCharactersNotBytes) {
    // The no-break space is two bytes but one column.
    EXPECT_EQ(parse_error("1\xC2\xA0+ (2"), "cột 7: thiếu dấu ‘)’");
    EXPECT_EQ(parse_error("1 + đ"), "cột 5: ký tự không hợp lệ ‘đ’");
}

TEST(ParseTest, EmptyExpressionIsAParseError) {
    EXPECT_EQ(parse_error(""), "cột 1: biểu thức rỗng");
    EXPECT_EQ(parse_error("   "), "cột 1: biểu thức rỗng");
    EXPECT_EQ(parse_error("1 +"), "cột 4: cần một số, mã chỉ tiêu hoặc ‘(’");
}

TEST(ParseTest, DeepNestingIsRejectedNotCrashed) {
    const std::string parens = std::string(3000, '(') + "1" + std::string(3000, ')');
    EXPECT_NE(parse_error(parens).find("biểu thức lồng nhau quá sâu (tối đa 200 mức)"), std::string::npos);
    EXPECT_NE(parse_error(std::string(5000, '-') + "1").find("quá sâu"), std::string::npos);
    std::string nots;
    for (int i = 0; i < 2000; ++i) nots += "not ";
    EXPECT_NE(parse_error(nots + "true").find("quá sâu"), std::string::npos);
    std::string calls;
    for (int i = 0; i < 1500; ++i) calls += "abs(";
    EXPECT_NE(parse_error(calls + "1" + std::string(1500, ')')).find("quá sâu"), std::string::npos);

    // Moderate nesting is fine.
    EXPECT_EQ(eval(std::string(150, '(') + "1" + std::string(150, ')')), Value::of(1));
    EXPECT_EQ(eval(std::string(150, '-') + "1"), Value::of(1));
}

TEST(ParseTest, LongFlatChainsAreNotNesting) {
    std::string chain = "1";
    for (int i = 0; i < 4000; ++i) chain += "+1";
    EXPECT_EQ(eval(chain), Value::of(4001));
    std::string args = "sum(1";
    for (int i = 0; i < 3000; ++i) args += ",1";
    EXPECT_EQ(eval(args + ")"), Value::of(3001));
}

TEST(ParseTest, DeepRightNestingStillEvaluates) {
    // Deep enough to need more than the inline evaluation stack.
    std::string source;
    for (int i = 0; i < 120; ++i) source += "1 + (";
    source += "1" + std::string(120, ')');
    EXPECT_EQ(eval(source), Value::of(121));
}

TEST(ParseTest, OverlongSourceIsRejected) {
    std::string source = "1";
    while (source.size() <= kMaxSourceLength) source += " + 1";
    EXPECT_NE(parse_error(source).find("biểu thức quá dài (tối đa 10000 ký tự)"), std::string::npos);
}

TEST(ParseTest, BindNamesTheFirstUnknownCode) {
    auto e = Expr::parse("A + B + prev(C)");
    ASSERT_TRUE(e);
    EXPECT_FALSE(e->is_bound());
    const Status st = e->bind([](std::string_view code) -> std::optional<std::size_t> {
        if (code == "A") return 0;
        return std::nullopt;
    });
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error(), "Công thức tham chiếu chỉ tiêu không tồn tại: B");
    EXPECT_FALSE(e->is_bound());

    const Status ok = e->bind([](std::string_view code) -> std::optional<std::size_t> {
        return code == "A" ? 3 : code == "B" ? 1 : 7;
    });
    ASSERT_TRUE(ok) << ok.error();
    EXPECT_TRUE(e->is_bound());
    EXPECT_EQ(e->reference_slots(), (std::vector<std::size_t>{3, 1}));
    EXPECT_EQ(e->previous_reference_slots(), (std::vector<std::size_t>{7}));
}

TEST(ParseTest, ConstantExpressionsNeedNoBinding) {
    auto e = Expr::parse("round(2.5) + 1");
    ASSERT_TRUE(e);
    EXPECT_TRUE(e->is_bound());
    EXPECT_EQ(e->evaluate({}), Value::of(4));
}

TEST(ParseTest, CopiesKeepTheirOwnBinding) {
    auto parsed = Expr::parse("A * 2");
    ASSERT_TRUE(parsed);
    Expr unbound = *parsed;
    Expr bound = *parsed;
    ASSERT_TRUE(bound.bind([](std::string_view) -> std::optional<std::size_t> { return 1; }));
    const std::vector<Value> values{Value::of(5), Value::of(7)};
    EXPECT_EQ(bound.evaluate(values), Value::of(14));
    EXPECT_FALSE(unbound.is_bound());
    EXPECT_EQ(unbound.evaluate(values), Value::blank());
    EXPECT_EQ(Expr().evaluate(values), Value::blank());
}

}  // namespace
}  // namespace rb::expr
