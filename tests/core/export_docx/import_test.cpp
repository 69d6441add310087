// Reading the narrative back from DOCX: our own exports give back every section's text
// exactly; documents written by people in Word are cut at their headings; hostile files are
// refused with a message that names the file and what is wrong.
#include <gtest/gtest.h>
#include <zip.h>

#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "base/paths.hpp"
#include "docx_test_support.hpp"
#include "export/docx/docx_import.hpp"

namespace {

using namespace rb::exporting;
using namespace rb::exporting::testing;

// ------------------------------------------------------------------------------------------
// Round trips of the bundled samples
// ------------------------------------------------------------------------------------------

struct SampleFile {
    const char* definition;
    const char* report;
};

// Names the sample in test listings instead of its bytes.
void PrintTo(const SampleFile& s, std::ostream* os) { *os << s.report; }

class RoundTrip : public ::testing::TestWithParam<SampleFile> {};

TEST_P(RoundTrip, ExportThenImportGivesBackEverySectionExactly) {
    const Sample s = load_sample(GetParam().definition, GetParam().report);
    const fs::path path =
        output_dir("round-trip-" + fs::path(GetParam().report).stem().string()) / "report.docx";
    const rb::Status written = write_docx(s, s.document, path);
    ASSERT_TRUE(written) << written.error();

    auto imported = import_docx_narrative(path.string(), *s.type);
    ASSERT_TRUE(imported) << imported.error();
    EXPECT_TRUE(imported->warnings.empty()) << imported->warnings.front();
    ASSERT_FALSE(s.report.narrative.empty());
    for (const auto& [id, text] : s.report.narrative) {
        SCOPED_TRACE(id);
        auto it = imported->sections.find(id);
        ASSERT_NE(it, imported->sections.end());
        EXPECT_EQ(it->second, text);
    }
    EXPECT_EQ(imported->sections.size(), s.report.narrative.size());
}

void make_zip(const fs::path& path, const std::vector<std::pair<std::string, std::string>>& entries);

// The same export with its bookmarks removed reads like a document written by hand: the
// headings (Word heading styles) and the closing line must still find every section.
TEST_P(RoundTrip, WithoutBookmarksTheHeadingsStillFindEverySection) {
    const Sample s = load_sample(GetParam().definition, GetParam().report);
    const fs::path dir = output_dir("no-bookmarks-" + fs::path(GetParam().report).stem().string());
    ASSERT_TRUE(write_docx(s, s.document, dir / "exported.docx"));
    auto package = docx::PackageReader::open((dir / "exported.docx").string());
    ASSERT_TRUE(package) << package.error();
    std::vector<std::pair<std::string, std::string>> parts;
    for (const char* name :
         {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
          "word/styles.xml", "word/settings.xml", "word/header1.xml", "word/header2.xml"}) {
        auto part = package->read(name);
        ASSERT_TRUE(part && *part) << name;
        parts.emplace_back(name, **part);
    }
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_buffer(parts[2].second.data(), parts[2].second.size(),
                                pugi::parse_default | pugi::parse_ws_pcdata_single));
    int removed = 0;
    for (const char* xpath : {"//w:bookmarkStart", "//w:bookmarkEnd"})
        for (const pugi::xpath_node& b : doc.select_nodes(xpath))
            removed += b.parent().remove_child(b.node()) ? 1 : 0;
    EXPECT_GT(removed, 10);
    std::ostringstream out;
    doc.save(out, "", pugi::format_raw);
    parts[2].second = out.str();
    const fs::path stripped = dir / "stripped.docx";
    make_zip(stripped, parts);

    auto imported = import_docx_narrative(stripped.string(), *s.type);
    ASSERT_TRUE(imported) << imported.error();
    for (const auto& w : imported->warnings) ADD_FAILURE() << w;
    for (const auto& [id, text] : s.report.narrative) EXPECT_EQ(imported->sections[id], text) << id;
    EXPECT_EQ(imported->sections.size(), s.report.narrative.size());
}

INSTANTIATE_TEST_SUITE_P(
    Samples, RoundTrip,
    ::testing::Values(
        SampleFile{"plugins/cchc/cchc-nam-dinh-2024.xml", "plugins/cchc/samples/phuong-dinh-2024-q1.rbr"},
        SampleFile{"plugins/iso9001/iso9001-2024.xml", "plugins/iso9001/samples/hai-hau-2025.rbr"},
        SampleFile{"plugins/iso9001/iso9001-2024.xml", "plugins/iso9001/samples/hai-hau-2025-mistakes.rbr"},
        SampleFile{"plugins/digital/digital-2025.xml", "plugins/digital/samples/ninh-giang-2025-q3.rbr"},
        SampleFile{"plugins/digital/digital-2025.xml",
                   "plugins/digital/samples/ninh-giang-2025-q3-mistakes.rbr"}),
    [](const ::testing::TestParamInfo<SampleFile>& info) {
        std::string name = fs::path(info.param.report).stem().string();
        for (char& c : name)
            if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
        return name;
    });

TEST(DocxImport, RoundTripKeepsListsBlankLinesTabsAndMarkup) {
    Sample s =
        load_sample("plugins/cchc/cchc-nam-dinh-2024.xml", "plugins/cchc/samples/phuong-dinh-2024-q1.rbr");
    s.report.narrative["I.1"] =
        "Mở đầu <b>&amp;</b> \"trích\".\n- ý một;\n+ ý hai;\n\n\n\nSau ba dòng trống.\tCó tab.";
    s.report.narrative["V"] = "Kiến nghị duy nhất.";
    s.report.narrative["III.3"] = "1. Không phải đề mục mà là một dòng đánh số.\n\nI. Cũng vậy.";
    s.document = build_document(s.report, s.evaluation, s.findings, nullptr);
    const fs::path path = output_dir("round-trip-edges") / "edges.docx";
    ASSERT_TRUE(write_docx(s, s.document, path));
    auto imported = import_docx_narrative(path.string(), *s.type);
    ASSERT_TRUE(imported) << imported.error();
    for (const char* id : {"I.1", "V", "III.3", "intro", "closing"})
        EXPECT_EQ(imported->sections[id], s.report.narrative[id]) << id;
}

TEST(DocxImport, SectionsOfAnotherDefinitionAreReportedNotMixedIn) {
    const Sample& s = seed();
    const fs::path path = output_dir("other-definition") / "cchc.docx";
    ASSERT_TRUE(write_docx(s, s.document, path));
    auto iso = rb::schema::load_definition(std::string(RB_SOURCE_DIR) + "/plugins/iso9001/iso9001-2024.xml");
    ASSERT_TRUE(iso);
    auto imported = import_docx_narrative(path.string(), **iso);
    ASSERT_TRUE(imported) << imported.error();
    // intro, I, II… exist in both; I.1 and II.6 do not exist in the ISO definition.
    bool named = false;
    for (const auto& w : imported->warnings) named = named || w.find("\"II.6\"") != std::string::npos;
    EXPECT_TRUE(named);
    EXPECT_FALSE(imported->sections.count("II.6"));
}

// ------------------------------------------------------------------------------------------
// Zips built by hand
// ------------------------------------------------------------------------------------------

// Writes a zip holding `entries` (name → bytes) with libzip, exactly as given.
void make_zip(const fs::path& path, const std::vector<std::pair<std::string, std::string>>& entries) {
    int error = 0;
    zip_t* z = zip_open(rb::paths::text_of(path).c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    ASSERT_NE(z, nullptr) << error;
    for (const auto& [name, data] : entries) {
        zip_source_t* src = zip_source_buffer(z, data.data(), data.size(), 0);
        ASSERT_NE(src, nullptr);
        ASSERT_GE(zip_file_add(z, name.c_str(), src, ZIP_FL_ENC_UTF_8), 0) << name << ": " << zip_strerror(z);
    }
    ASSERT_EQ(zip_close(z), 0) << zip_strerror(z);
}

constexpr const char* kDocOpen =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>";
constexpr const char* kDocClose = "<w:sectPr/></w:body></w:document>";

std::string para(const std::string& text, const std::string& style = {}, bool bold = false) {
    std::string p = "<w:p>";
    if (!style.empty()) p += "<w:pPr><w:pStyle w:val=\"" + style + "\"/></w:pPr>";
    p += "<w:r>";
    if (bold) p += "<w:rPr><w:b/></w:rPr>";
    p += "<w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>";
    return p;
}

std::string table(const std::string& text) {
    return "<w:tbl><w:tr><w:tc>" + para(text) + "</w:tc></w:tr></w:tbl>";
}

// Word in Vietnamese names its heading styles by localised ids; the name stays "heading 1".
constexpr const char* kStyles =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:style w:type=\"paragraph\" w:styleId=\"u1\"><w:name w:val=\"heading 1\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"u2\"><w:name w:val=\"heading 2\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"MyHeading\"><w:name w:val=\"Mục của tôi\"/><w:basedOn "
    "w:val=\"u2\"/></w:style>"
    "</w:styles>";

TEST(DocxImport, DocumentWrittenByAPersonIsCutAtItsHeadings) {
    const Sample& s = seed();
    std::string body = kDocOpen;
    body += table("UBND XÃ PHƯƠNG ĐỊNH");
    body += para("BÁO CÁO") + para("Kết quả công tác cải cách hành chính Quý I năm 2024");
    body += para("Thực hiện Kế hoạch số 02/KH-UBND.") + para("UBND xã báo cáo như sau:");
    body += para("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "u1");
    // No diacritics and another case: still the definition's I.1.
    body += para("1. Viec xay dung va ban hanh ke hoach cai cach hanh chinh", {}, true);
    body += para("Đã ban hành Kế hoạch số 05/KH-UBND.");
    body += para("2. Công tác tổ chức, chỉ đạo, điều hành cải cách hành chính");
    body += para("Quán triệt các kế hoạch.");
    body += "<w:p><w:pPr><w:spacing w:after=\"0\"/></w:pPr><w:r><w:t>- ý một;</w:t></w:r></w:p>";
    body += para("- ý hai.");
    body += para("II. KẾT QUẢ THỰC HIỆN", "u1");
    body += para("6. Xây dựng và phát triển chính quyền điện tử", "MyHeading");
    body += para("Dịch vụ công trực tuyến.");
    body += para("7. Một đề mục lạ", {}, true);
    body += para("Nội dung dưới đề mục lạ.");
    body += para("IV. NHIỆM VỤ TRỌNG TÂM QUÝ II NĂM 2024", "u1");
    body += para("Tiếp tục triển khai.");
    body += para(
        "Trên đây là báo cáo công tác cải cách hành chính nhà nước Quý I năm 2024 của UBND xã Phương "
        "Định./.");
    body += table("Nơi nhận:");
    body += para("Phụ lục 2") + para("Không thuộc phần lời văn.");
    body += kDocClose;
    const fs::path path = output_dir("human") / "human.docx";
    make_zip(path, {{"word/document.xml", body}, {"word/styles.xml", kStyles}});

    auto imported = import_docx_narrative(path.string(), *s.type);
    ASSERT_TRUE(imported) << imported.error();
    const auto& sec = imported->sections;
    EXPECT_EQ(sec.at("intro"), "Thực hiện Kế hoạch số 02/KH-UBND.\n\nUBND xã báo cáo như sau:");
    EXPECT_EQ(sec.at("I.1"), "Đã ban hành Kế hoạch số 05/KH-UBND.");
    EXPECT_EQ(sec.at("I.2"), "Quán triệt các kế hoạch.\n\n- ý một;\n- ý hai.");
    EXPECT_EQ(sec.at("II.6"), "Dịch vụ công trực tuyến.\n\n7. Một đề mục lạ\n\nNội dung dưới đề mục lạ.");
    EXPECT_EQ(sec.at("IV"), "Tiếp tục triển khai.");
    EXPECT_EQ(sec.at("closing"),
              "Trên đây là báo cáo công tác cải cách hành chính nhà nước Quý I năm 2024 của UBND xã Phương "
              "Định./.");
    EXPECT_FALSE(sec.count("I"));  // headings only, no text of their own
    ASSERT_EQ(imported->warnings.size(), 1u);
    EXPECT_NE(imported->warnings[0].find("7. Một đề mục lạ"), std::string::npos) << imported->warnings[0];
}

// Regression (found by fuzz_docx, AddressSanitizer stack-use-after-scope): the style loop kept a
// pointer to a temporary element name, read again at every sibling. Styles after other parts of
// styles.xml (defaults, latent styles, other elements) must all still be found.
TEST(DocxImport, HeadingStylesAmongOtherStylePartsAreAllFound) {
    const Sample& s = seed();
    const std::string styles =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
        "<w:docDefaults/><w:latentStyles/>"
        "<w:style w:type=\"character\" w:styleId=\"c1\"><w:name w:val=\"Strong\"/></w:style>"
        "<w:latentStyles/><w:docDefaults/>"
        "<w:style w:type=\"paragraph\" w:styleId=\"h1\"><w:name w:val=\"Heading 1\"/></w:style>"
        "<w:other/><w:other/><w:other/>"
        "<w:style w:type=\"paragraph\" w:styleId=\"h2\"><w:name w:val=\"heading 2\"/></w:style>"
        "</w:styles>";
    std::string body = kDocOpen;
    body += para("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "h1");
    body += para("1. Xây dựng và ban hành kế hoạch cải cách hành chính", "h2");
    body += para("Đã ban hành Kế hoạch số 05/KH-UBND.");
    body += kDocClose;
    const fs::path path = output_dir("styles") / "styles.docx";
    make_zip(path, {{"word/document.xml", body}, {"word/styles.xml", styles}});

    auto imported = import_docx_narrative(path.string(), *s.type);
    ASSERT_TRUE(imported) << imported.error();
    ASSERT_TRUE(imported->sections.count("I.1")) << ::testing::PrintToString(imported->warnings);
    EXPECT_EQ(imported->sections.at("I.1"), "Đã ban hành Kế hoạch số 05/KH-UBND.");
}

TEST(DocxImport, NumberedLinesThatReadAsSentencesAreNotHeadings) {
    std::string body = kDocOpen;
    body += para("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH");
    body += para("1. Việc xây dựng và ban hành kế hoạch cải cách hành chính");
    body += para("1. Kế hoạch số 05/KH-UBND về cải cách hành chính;");
    body += para("2. Kế hoạch số 06/KH-UBND về kiểm soát thủ tục.");
    body += kDocClose;
    const fs::path path = output_dir("numbered-lines") / "numbered.docx";
    make_zip(path, {{"word/document.xml", body}});
    auto imported = import_docx_narrative(path.string(), *seed().type);
    ASSERT_TRUE(imported) << imported.error();
    EXPECT_EQ(imported->sections["I.1"],
              "1. Kế hoạch số 05/KH-UBND về cải cách hành chính;\n\n2. Kế hoạch số 06/KH-UBND về kiểm soát "
              "thủ tục.");
    EXPECT_TRUE(imported->warnings.empty());
}

// ------------------------------------------------------------------------------------------
// Hostile input
// ------------------------------------------------------------------------------------------

TEST(DocxImport, MissingFileIsNamed) {
    const std::string path = (output_dir("missing") / "nowhere.docx").string();
    auto r = import_docx_narrative(path, *seed().type);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().find(path), std::string::npos) << r.error();
}

TEST(DocxImport, FileThatIsNotAZipIsRefused) {
    const fs::path dir = output_dir("not-zip");
    for (const std::string& content : {std::string("Đây là văn bản thường, không phải DOCX."), std::string(),
                                       std::string("PK\x03\x04garbage")}) {
        const fs::path path = dir / "plain.docx";
        std::ofstream(path, std::ios::binary) << content;
        auto r = import_docx_narrative(path.string(), *seed().type);
        ASSERT_FALSE(r);
        EXPECT_NE(r.error().find(path.string()), std::string::npos) << r.error();
        EXPECT_NE(r.error().find("DOCX"), std::string::npos) << r.error();
    }
}

TEST(DocxImport, ZipWithoutTheDocumentPartIsRefusedAndOtherNamesAreNeverRead) {
    const fs::path path = output_dir("no-document") / "parts.docx";
    const std::string doc = std::string(kDocOpen) + para("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH") + kDocClose;
    make_zip(path, {{"../../word/document.xml", doc},
                    {"/word/document.xml", doc},
                    {"word/Document.xml", doc},
                    {"word/other.xml", doc}});
    auto r = import_docx_narrative(path.string(), *seed().type);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().find("word/document.xml"), std::string::npos) << r.error();
    EXPECT_NE(r.error().find(path.string()), std::string::npos) << r.error();
}

TEST(DocxImport, ZipBombIsRefusedBeforeItIsInflated) {
    const fs::path path = output_dir("bomb") / "bomb.docx";
    // 60 MB of spaces compresses to a few dozen kilobytes.
    const std::string doc = std::string(kDocOpen) + std::string(60u << 20, ' ') + kDocClose;
    make_zip(path, {{"word/document.xml", doc}});
    EXPECT_LT(fs::file_size(path), 1u << 20);
    auto r = import_docx_narrative(path.string(), *seed().type);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().find("word/document.xml"), std::string::npos) << r.error();
    EXPECT_NE(r.error().find("quá lớn"), std::string::npos) << r.error();
}

TEST(DocxImport, PartLargerThanItsAnnouncedSizeIsRefused) {
    const fs::path path = output_dir("lying-size") / "lie.docx";
    const std::string big(200000, 'a');
    make_zip(path, {{"word/document.xml", big}});
    // Patch both headers to announce 100 bytes where 200000 are stored.
    std::string bytes;
    {
        std::ifstream in(path, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    auto put32 = [&](std::size_t at, std::uint32_t v) {
        for (int i = 0; i < 4; ++i)
            bytes[at + static_cast<std::size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xFF);
    };
    const std::size_t local = bytes.find("PK\x03\x04");
    const std::size_t central = bytes.find("PK\x01\x02");
    ASSERT_NE(local, std::string::npos);
    ASSERT_NE(central, std::string::npos);
    put32(local + 22, 100);
    put32(central + 24, 100);
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;

    auto package = docx::PackageReader::open(path.string());
    ASSERT_TRUE(package) << package.error();
    auto part = package->read("word/document.xml", 1000);
    ASSERT_FALSE(part);  // either counted past the limit or found inconsistent: never 200 kB
    EXPECT_NE(part.error().find("word/document.xml"), std::string::npos) << part.error();
}

TEST(DocxImport, MalformedXmlNamesTheFileThePartAndThePlace) {
    const fs::path path = output_dir("malformed") / "broken.docx";
    make_zip(path, {{"word/document.xml", std::string(kDocOpen) + "\n<w:p><w:r></w:p>" + kDocClose}});
    auto r = import_docx_narrative(path.string(), *seed().type);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().find(path.string()), std::string::npos) << r.error();
    EXPECT_NE(r.error().find("word/document.xml"), std::string::npos) << r.error();
    EXPECT_NE(r.error().find(":2:"), std::string::npos) << r.error();
}

TEST(DocxImport, XmlThatIsNotAWordDocumentIsRefused) {
    const fs::path dir = output_dir("not-word");
    for (const std::string& doc :
         {std::string("<html><body><p>I. CÔNG TÁC</p></body></html>"),
          std::string("<w:document xmlns:w=\"urn:other\"><w:body/></w:document>"),
          std::string(
              "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>")}) {
        const fs::path path = dir / "x.docx";
        make_zip(path, {{"word/document.xml", doc}});
        auto r = import_docx_narrative(path.string(), *seed().type);
        ASSERT_FALSE(r) << doc;
        EXPECT_NE(r.error().find(path.string()), std::string::npos) << r.error();
    }
}

TEST(DocxImport, DeeplyNestedMarkupDoesNotExhaustTheStack) {
    const fs::path path = output_dir("deep") / "deep.docx";
    std::string doc = std::string(kDocOpen) + para("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH") +
                      para("1. Việc xây dựng và ban hành kế hoạch cải cách hành chính") + "<w:p>";
    const int depth = 200000;
    for (int i = 0; i < depth; ++i) doc += "<w:ins>";
    doc += "<w:r><w:t>Sâu.</w:t></w:r>";
    for (int i = 0; i < depth; ++i) doc += "</w:ins>";
    doc += "</w:p>";
    for (int i = 0; i < depth; ++i) doc += "<w:sdt><w:sdtContent>";
    for (int i = 0; i < depth; ++i) doc += "</w:sdtContent></w:sdt>";
    doc += kDocClose;
    make_zip(path, {{"word/document.xml", doc}});
    auto r = import_docx_narrative(path.string(), *seed().type);
    ASSERT_TRUE(r) << r.error();
    EXPECT_EQ(r->sections["I.1"], "Sâu.");
}

TEST(DocxImport, AnyPrefixForTheWordNamespaceIsRead) {
    const fs::path path = output_dir("prefix") / "prefix.docx";
    const std::string doc =
        "<x:document xmlns:x=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><x:body>"
        "<x:p><x:r><x:t>II. KẾT QUẢ THỰC HIỆN</x:t></x:r></x:p>"
        "<x:p><x:r><x:t>1. Cải cách thể chế</x:t></x:r></x:p>"
        "<x:p><x:r><x:t>Nội dung</x:t></x:r><x:r><x:tab/><x:t>sau tab.</x:t></x:r></x:p>"
        "</x:body></x:document>";
    make_zip(path, {{"word/document.xml", doc}});
    auto r = import_docx_narrative(path.string(), *seed().type);
    ASSERT_TRUE(r) << r.error();
    EXPECT_EQ(r->sections["II.1"], "Nội dung\tsau tab.");
}

}  // namespace
