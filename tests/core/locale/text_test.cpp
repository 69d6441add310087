#include <gtest/gtest.h>

#include <string>

#include "locale/vi.hpp"

namespace rb::locale {
namespace {

// "Định" as it may arrive decomposed: i + combining dot below (Đ has no decomposition).
constexpr std::string_view kDinhDecomposed = "\xC4\x90i\xCC\xA3nh";
constexpr std::string_view kDinhComposed = "Định";

TEST(TextTest, DecomposedVietnameseIsComposedByNfc) {
    ASSERT_NE(kDinhDecomposed, kDinhComposed);
    EXPECT_EQ(to_nfc(kDinhDecomposed), kDinhComposed);
    EXPECT_EQ(to_nfc("Phu\xCC\x9Bo\xCC\x9Bng \xC4\x90i\xCC\xA3nh"), "Phương Định");
    EXPECT_EQ(to_nfc(kDinhComposed), kDinhComposed);
}

TEST(TextTest, NfcKeepsCompatibilityCharacters) {
    EXPECT_EQ(to_nfc("１２"), "１２");
}

TEST(TextTest, NfkcTurnsFullwidthIntoAscii) {
    EXPECT_EQ(to_nfkc("１２，５％"), "12,5%");
    EXPECT_EQ(to_nfkc("1\xC2\xA0" "034"), "1 034");
    EXPECT_EQ(to_nfkc(kDinhDecomposed), kDinhComposed);
}

TEST(TextTest, InvalidUtf8IsDetected) {
    EXPECT_TRUE(is_valid_utf8(""));
    EXPECT_TRUE(is_valid_utf8("Trực Ninh"));
    EXPECT_FALSE(is_valid_utf8("\xFF"));
    EXPECT_FALSE(is_valid_utf8("Tr\xE1\xBB"));          // truncated sequence
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));            // overlong '/'
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));        // UTF-16 surrogate
    EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));    // above U+10FFFF
}

TEST(TextTest, InvalidUtf8IsReplacedNotDropped) {
    EXPECT_EQ(to_nfc("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
    EXPECT_EQ(fold_case("A\xFF"), "a\xEF\xBF\xBD");
    EXPECT_EQ(to_u32("a\xFF" "b"), (std::u32string{U'a', 0xFFFD, U'b'}));
}

TEST(TextTest, FoldCaseLowersVietnameseLetters) {
    EXPECT_EQ(fold_case("ƯỚC TÍNH"), "ước tính");
    EXPECT_EQ(fold_case("ĐỊNH"), "định");
    EXPECT_EQ(fold_case("Trực Ninh"), "trực ninh");
    EXPECT_EQ(fold_case(kDinhDecomposed), "định");
    EXPECT_EQ(fold_case("UBND Xã"), "ubnd xã");
}

TEST(TextTest, StripDiacriticsRemovesMarksAndTheStroke) {
    EXPECT_EQ(strip_diacritics("Trực Ninh"), "Truc Ninh");
    EXPECT_EQ(strip_diacritics("đ"), "d");
    EXPECT_EQ(strip_diacritics("Đ"), "D");
    EXPECT_EQ(strip_diacritics("Phương Định"), "Phuong Dinh");
    EXPECT_EQ(strip_diacritics(kDinhDecomposed), "Dinh");
    EXPECT_EQ(strip_diacritics("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
              "CONG HOA XA HOI CHU NGHIA VIET NAM");
    EXPECT_EQ(strip_diacritics("Hạnh phúc - 2024"), "Hanh phuc - 2024");
}

TEST(TextTest, CodePointsRoundTrip) {
    const std::u32string points = to_u32("Trực");
    EXPECT_EQ(points, (std::u32string{U'T', U'r', U'ự', U'c'}));
    EXPECT_EQ(from_u32(points), "Trực");
    EXPECT_EQ(to_u32(""), U"");
    EXPECT_EQ(from_u32(U"\U0001F600"), "\xF0\x9F\x98\x80");
}

TEST(TextTest, InvalidCodePointsBecomeReplacementCharacters) {
    EXPECT_EQ(from_u32(std::u32string{0xD800}), "\xEF\xBF\xBD");
    EXPECT_EQ(from_u32(std::u32string{0x110000}), "\xEF\xBF\xBD");
}

TEST(TextTest, EditDistanceCountsCodePointsNotBytes) {
    EXPECT_EQ(edit_distance(to_u32("Trục Ninh"), to_u32("Trực Ninh")), 1u);
    EXPECT_EQ(edit_distance(to_u32("Trực Ninh"), to_u32("Trực Ninh")), 0u);
}

TEST(TextTest, EditDistanceIsLevenshtein) {
    EXPECT_EQ(edit_distance(U"", U""), 0u);
    EXPECT_EQ(edit_distance(U"abc", U""), 3u);
    EXPECT_EQ(edit_distance(U"", U"abc"), 3u);
    EXPECT_EQ(edit_distance(U"kitten", U"sitting"), 3u);
    EXPECT_EQ(edit_distance(U"sitting", U"kitten"), 3u);
    EXPECT_EQ(edit_distance(U"flaw", U"lawn"), 2u);
    EXPECT_EQ(edit_distance(U"ab", U"ba"), 2u);
}

TEST(TextTest, TypoDistanceCountsASwapOfNeighboursAsOne) {
    EXPECT_EQ(typo_distance(U"ab", U"ba"), 1u);
    EXPECT_EQ(typo_distance(U"UNTI", U"UNIT"), 1u);
    EXPECT_EQ(typo_distance(U"2052", U"2025"), 1u);
    EXPECT_EQ(typo_distance(U"kitten", U"sitting"), 3u);
    EXPECT_EQ(typo_distance(U"", U"abc"), 3u);
    EXPECT_EQ(typo_distance(U"abc", U""), 3u);
    EXPECT_EQ(typo_distance(U"ca", U"abc"), 3u);  // no edit twice in one place (not Damerau's 2)
}

TEST(TextTest, ClosestMatchSuggestsOnlyWhatIsNear) {
    const std::vector<std::string> names = {"unit", "UNIT", "parent", "period", "next_period"};
    EXPECT_EQ(closest_match("UNTI", names), "UNIT");  // case decides between equals
    EXPECT_EQ(closest_match("unti", names), "unit");
    EXPECT_EQ(closest_match("perod", names), "period");
    EXPECT_EQ(closest_match("province", names), "");  // nothing near: no guess
    EXPECT_EQ(closest_match("unit", names), "UNIT");   // itself is not a suggestion
    EXPECT_EQ(closest_match("hotich", {"ho-tich", "cchc"}), "ho-tich");
    EXPECT_EQ(closest_match("I.55", {"I.1", "I.2"}), "");
}

}  // namespace
}  // namespace rb::locale
