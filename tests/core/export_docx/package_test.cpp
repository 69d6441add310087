// The pieces the DOCX writer and reader share: text made safe for XML, section bookmarks,
// and how a section's paragraphs become its stored text again.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "export/docx/docx_package.hpp"

namespace {

using rb::exporting::docx::join_section;
using rb::exporting::docx::section_bookmark;
using rb::exporting::docx::section_of_bookmark;
using rb::exporting::docx::SectionParagraph;
using rb::exporting::docx::xml_text;

TEST(DocxPackage, XmlTextDropsControlCharactersButKeepsTabAndNewline) {
    EXPECT_EQ(xml_text("a\x01"
                       "b\x0B"
                       "c\td\ne\rf\x7F"),
              "abc\td\nef\x7F");
    EXPECT_EQ(xml_text(std::string("x\0y", 3)), "xy");
}

TEST(DocxPackage, XmlTextReplacesInvalidUtf8AndDropsNonCharacters) {
    EXPECT_EQ(xml_text("\xFF"), "\xEF\xBF\xBD");
    EXPECT_EQ(xml_text("a\xC3"), "a\xEF\xBF\xBD");                                // truncated sequence
    EXPECT_EQ(xml_text("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '/'
    EXPECT_EQ(xml_text("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
    EXPECT_EQ(xml_text("a\xEF\xBF\xBE"
                       "b\xEF\xBF\xBF"),
              "ab");  // U+FFFE, U+FFFF
}

TEST(DocxPackage, XmlTextKeepsVietnameseAndMarkupCharacters) {
    const std::string text = "Ủy ban nhân dân xã Phương Định <&> \"16,67%\" 𝔸";
    EXPECT_EQ(xml_text(text), text);
}

TEST(DocxPackage, SectionBookmarksNameTheSectionAndComeBack) {
    for (const char* id : {"intro", "II.2", "III.3.1.2", "a_b", "closing", "V-1"}) {
        const std::string name = section_bookmark(id);
        ASSERT_FALSE(name.empty()) << id;
        EXPECT_EQ(name.rfind("_RbSec_", 0), 0u) << name;
        for (char c : name) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '_') << name;
        EXPECT_LE(name.size(), 40u);
        const auto back = section_of_bookmark(name);
        ASSERT_TRUE(back.has_value()) << name;
        EXPECT_EQ(*back, id);
    }
    EXPECT_EQ(section_bookmark("II.2"), "_RbSec_II_2E2");
}

TEST(DocxPackage, SectionBookmarkIsEmptyWhenWordWouldRefuseItsLength) {
    EXPECT_TRUE(section_bookmark(std::string(40, 'x')).empty());
    EXPECT_TRUE(section_bookmark("").empty());
}

TEST(DocxPackage, OtherBookmarksAreNotSections) {
    EXPECT_FALSE(section_of_bookmark("_GoBack").has_value());
    EXPECT_FALSE(section_of_bookmark("_RbSec_").has_value());
    EXPECT_FALSE(section_of_bookmark("_RbSec_II_2").has_value());    // cut escape
    EXPECT_FALSE(section_of_bookmark("_RbSec_II_ZZ2").has_value());  // not hex
}

TEST(DocxPackage, JoinSectionSeparatesParagraphsByABlankLineAndTightLinesByANewline) {
    const std::vector<SectionParagraph> paragraphs = {
        {"Đoạn một.", false}, {"- ý một;", true}, {"- ý hai;", false}, {"Đoạn cuối.", false}};
    EXPECT_EQ(join_section(paragraphs), "Đoạn một.\n\n- ý một;\n- ý hai;\n\nĐoạn cuối.");
}

TEST(DocxPackage, JoinSectionKeepsExtraBlankLinesAndDropsThoseAtTheEnds) {
    const std::vector<SectionParagraph> paragraphs = {{"", false},  {"A", false}, {"", true},
                                                      {"B", false}, {"", false},  {"  ", false}};
    EXPECT_EQ(join_section(paragraphs), "A\n\n\nB");
    EXPECT_EQ(join_section({}), "");
}

}  // namespace
