// What libxml2 says about a broken file reaches users in our words: each common mistake gets
// its own message with the fix, a file not saved as UTF-8 is told so before any parser runs,
// and no English sentence of libxml2's reaches a Vietnamese reader, whatever the damage.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "i18n/i18n.hpp"
#include "xml/xml.hpp"

namespace rb::xml {
namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

const std::string& definition() {
    static const std::string text = slurp(std::string(RB_SOURCE_DIR) + "/plugins/cchc/cchc-nam-dinh-2024.xml");
    return text;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

// Everything said about `text`: the schema check's issues, or the parser's error.
std::vector<std::string> said(const std::string& text, const char* xsd = "reporttype.xsd") {
    std::vector<std::string> out;
    for (const auto& i : validate(text, xsd, "f.xml")) out.push_back(i.to_string());
    pugi::xml_document doc;
    if (auto ok = parse(text, "f.xml", doc); !ok) out.push_back(ok.error());
    return out;
}

std::string all(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += "\n  " + x;
    return s;
}

void expect_said(const std::string& text, const std::string& expected) {
    const auto messages = said(text);
    for (const auto& m : messages)
        if (m.find(expected) != std::string::npos) return;
    ADD_FAILURE() << "expected “" << expected << "” in:" << all(messages);
}

class XmlMessages : public ::testing::Test {
protected:
    void TearDown() override { i18n::set_language(i18n::Language::Vietnamese, locale_dir()); }
    static std::string locale_dir() { return RB_BUILD_DIR "/share/locale"; }
};

TEST_F(XmlMessages, EachCommonMistakeIsSaidWithItsFix) {
    const std::string& d = definition();
    const std::string test_attr = "test=\"";
    const auto rule_at = d.find(test_attr);
    ASSERT_NE(rule_at, std::string::npos);
    struct Case {
        std::string text, vi, en;
    };
    const std::vector<Case> cases = {
        {replaced(d, "urn:reportbench:reporttype:1", "urn:reportbench:reporttype:2"),
         "tệp phải bắt đầu bằng <reportType xmlns=\"urn:reportbench:reporttype:1\">",
         "the file must begin with <reportType xmlns=\"urn:reportbench:reporttype:1\">"},
        {replaced(d, "type=\"percent\"", "typ=\"percent\""), "<indicator> không có thuộc tính “typ” (có phải “type”?)",
         "<indicator> has no attribute “typ” (did you mean “type”?)"},
        {replaced(d, "type=\"percent\"", "type=\"procent\""), "“procent” không phải giá trị được phép",
         "(did you mean “percent”?)"},
        {d.substr(0, rule_at) + "test=\"I.1 =< I.2\" " + d.substr(rule_at), "viết là “&lt;=”", "is written “&lt;=”"},
        {d.substr(0, rule_at) + "test=\"I.1 < I.2\" " + d.substr(rule_at), "phải viết “&lt;”", "must be written “&lt;”"},
        {replaced(d, "<title>", "<title>A & B "), "phải viết “&amp;”", "must be written “&amp;”"},
        {replaced(d, "<title>", "<title>&nbsp;"), "“&nbsp;” không phải ký hiệu của XML", "“&nbsp;” is not an XML entity"},
        {replaced(replaced(d, "<title>", "<titel>"), "</title>", "</titel>"), "ở chỗ này cần <title>",
         "what belongs here is <title>"},
        {replaced(d, "</title>", "</titl>"), "thẻ đóng </titl> không khớp thẻ mở <title> ở dòng",
         "the end tag </titl> does not match the start tag <title> on line"},
        {replaced(d, "min=\"0\"", "min=\"abc\""), "“abc” không hợp lệ; cần một số", "“abc” is not valid; it must be a number"},
        {replaced(d, "<periods>", "<periods>chữ"), "<periods> chỉ chứa phần tử con", "<periods> holds only elements"},
        {d.substr(0, d.size() / 2), "bị cắt cụt", "cut short"},
        {replaced(replaced(d, "encoding=\"UTF-8\"", "encoding=\"windows-1258\""), "Báo cáo", "B\xE1o c\xE1o"),
         "tệp khai báo encoding=\"windows-1258\", chương trình chỉ đọc UTF-8", "the file declares encoding=\"windows-1258\""},
        {replaced(d, "Báo cáo", "B\xE1o c\xE1o"), "tệp không phải UTF-8 (byte 0xE1 ở đây)", "not UTF-8 (byte 0xE1 here)"},
        {std::string("\xFF\xFE<\0?\0x\0m\0l\0", 12), "UTF-16", "UTF-16"},
    };
    const std::string mo = locale_dir() + "/en/LC_MESSAGES/reportbench.mo";
    ASSERT_TRUE(std::filesystem::exists(mo)) << "catalogs not built: " << mo;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        SCOPED_TRACE("case " + std::to_string(i) + ": " + cases[i].vi);
        i18n::set_language(i18n::Language::Vietnamese, locale_dir());
        expect_said(cases[i].text, cases[i].vi);
        i18n::set_language(i18n::Language::English, locale_dir());
        expect_said(cases[i].text, cases[i].en);
    }
}

TEST_F(XmlMessages, UtfEightBytesUnderAnotherDeclarationAreReadAsTheyAre) {
    const std::string text = replaced(definition(), "encoding=\"UTF-8\"", "encoding=\"windows-1258\"");
    EXPECT_TRUE(validate(text, "reporttype.xsd", "f.xml").empty());
}

TEST_F(XmlMessages, TheParserAndTheSchemaCheckSayTheSameAboutABrokenFile) {
    const std::string broken = replaced(definition(), "</title>", "</titl>");
    const auto issues = validate(broken, "reporttype.xsd", "f.xml");
    ASSERT_EQ(issues.size(), 1u);
    pugi::xml_document doc;
    const auto parsed = parse(broken, "f.xml", doc);
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error(), issues[0].to_string());
}

// Sentences and words of libxml2's own messages.
const std::regex kEnglish(
    R"((Element '|attribute '|not allowed|[Ee]xpected|is not |Couldn't|Premature|Opening|Extra content|Entity|xmlParse|facet|atomic|StartTag|EndTag|AttValue|Specification|[Mm]issing|[Ii]nput|[Ee]rror|[Ii]nvalid|required|mismatch|[Cc]har(acter)? ))");

TEST_F(XmlMessages, NoEnglishSentenceOfTheParserReachesAVietnameseReader) {
    i18n::set_language(i18n::Language::Vietnamese, locale_dir());
    const std::string& d = definition();
    // Damage of every kind at many places: characters that matter to XML inserted, a byte
    // removed, a name misspelt, a value changed; the first 400 each, the same every run.
    const std::vector<std::string> inserts = {"<", ">", "&", "\"", "'", "=", "</x>", "<x>", "&#xZZ;", "<!--", "]]>",
                                              "<?", "\xC3", "\x80", "\xFE", std::string(1, '\0'), " a=", "<a b=c>"};
    std::mt19937 rng(20251206);
    int leaks = 0, seen = 0;
    std::string first_leak;
    for (int n = 0; n < 400; ++n) {
        std::string text = d;
        const std::size_t at = std::uniform_int_distribution<std::size_t>(0, d.size() - 1)(rng);
        switch (n % 4) {
            case 0: text.insert(at, inserts[static_cast<std::size_t>(n / 4) % inserts.size()]); break;
            case 1: text.erase(at, 1); break;
            case 2: text.erase(at, std::min<std::size_t>(40, d.size() - at)); break;
            case 3: text.insert(at, "zq"); break;
        }
        for (const auto& m : said(text)) {
            ++seen;
            // The quoted parts are the file's own text; judge only our words around them.
            const std::string words = std::regex_replace(m, std::regex("“[^”]*”|\"[^\"]*\"|<[^>]*>|^[^ ]*: "), "");
            if (std::regex_search(words, kEnglish)) {
                if (first_leak.empty()) first_leak = m;
                ++leaks;
            }
        }
    }
    EXPECT_GT(seen, 300);
    EXPECT_EQ(leaks, 0) << "first: " << first_leak;
}

}  // namespace
}  // namespace rb::xml
