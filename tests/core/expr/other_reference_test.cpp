// "@type.CODE": a reference to another report type's indicator, used by cross checks.
#include <gtest/gtest.h>

#include <string>

#include "expr/expr.hpp"
#include "expr_test_support.hpp"

namespace rb::expr {
namespace {

using testing_support::parse_error;

TEST(OtherReferenceTest, AtPrefixedCodesAreReferencesKeptWithTheirPrefix) {
    auto e = Expr::parse("V.2.2.2 = @digital.I.2.2 and @cchc.III.1.2 >= 0");
    ASSERT_TRUE(e) << e.error();
    EXPECT_EQ(e->references(), (std::vector<std::string>{"V.2.2.2", "@digital.I.2.2", "@cchc.III.1.2"}));
}

TEST(OtherReferenceTest, AtPrefixedNamesAreNeverKeywords) {
    auto e = Expr::parse("@and.X + 1");
    ASSERT_TRUE(e) << e.error();
    EXPECT_EQ(e->references(), (std::vector<std::string>{"@and.X"}));
}

TEST(OtherReferenceTest, BindsThroughTheResolverLikeAnyCode) {
    auto e = Expr::parse("A - @other.B");
    ASSERT_TRUE(e) << e.error();
    ASSERT_TRUE(e->bind([](std::string_view code) -> std::optional<std::size_t> {
        if (code == "A") return 0;
        if (code == "@other.B") return 1;
        return std::nullopt;
    }));
    const Value values[] = {Value::of(10), Value::of(4)};
    EXPECT_EQ(e->evaluate(values), Value::of(6));
}

TEST(OtherReferenceTest, AnAtSignWithoutANameIsStillAnError) {
    EXPECT_EQ(parse_error("1 + @"), "cột 5: ký tự không hợp lệ ‘@’");
    EXPECT_EQ(parse_error("@1.2"), "cột 1: ký tự không hợp lệ ‘@’");
    EXPECT_EQ(parse_error("@x. + 1"), "cột 1: mã chỉ tiêu không hợp lệ ‘@x.’");
}

}  // namespace
}  // namespace rb::expr
