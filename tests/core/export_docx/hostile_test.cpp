// Hostile DOCX files given to the narrative import: entity declarations in the parts that are
// read, and entries whose names climb out of the package ("../../x", absolute names). The file
// is never unpacked, so nothing is written anywhere; parts other than word/document.xml and
// word/styles.xml are never read, whatever they hold. (The zip bomb, lying sizes and deep
// nesting are in import_test.cpp.)
#include <gtest/gtest.h>
#include <zip.h>

#include <fstream>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "base/paths.hpp"
#include "docx_test_support.hpp"
#include "export/docx/docx_import.hpp"

namespace {

using namespace rb::exporting;
using namespace rb::exporting::testing;

void zip_of(const fs::path& path, const std::vector<std::pair<std::string, std::string>>& entries) {
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

const std::string kOpen =
    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>";
const std::string kClose = "<w:sectPr/></w:body></w:document>";

std::string doc_with(const std::string& text) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + kOpen +
           "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH</w:t></w:r></w:p>"
           "<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p>" + kClose;
}

TEST(DocxHostile, EntityDeclarationsInTheDocumentOrItsStylesAreRefused) {
    const fs::path dir = output_dir("hostile-entities");
    const fs::path secret = dir / "secret.txt";
    std::ofstream(secret) << "TOP-SECRET-CONTENT";
    const std::string xxe = "<!DOCTYPE w:document [<!ENTITY x SYSTEM \"file://" + secret.string() + "\">]>";
    std::string laughs = "<!DOCTYPE w:document [<!ENTITY l0 \"lol\">";
    for (int i = 1; i <= 10; ++i) {
        laughs += "<!ENTITY l" + std::to_string(i) + " \"";
        for (int k = 0; k < 10; ++k) laughs += "&l" + std::to_string(i - 1) + ";";
        laughs += "\">";
    }
    laughs += "]>";
    const std::string decl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    struct Case {
        const char* part;
        std::string doctype;
        const char* use;
    };
    for (const Case& c : {Case{"word/document.xml", xxe, "&x;"}, Case{"word/document.xml", laughs, "&l10;"},
                          Case{"word/styles.xml", laughs, ""}}) {
        const fs::path path = dir / "entities.docx";
        std::string doc = doc_with(c.use);
        std::vector<std::pair<std::string, std::string>> entries;
        if (std::string(c.part) == "word/document.xml") {
            doc.insert(decl.size(), c.doctype);
            entries = {{"word/document.xml", doc}};
        } else {
            entries = {{"word/document.xml", doc},
                       {"word/styles.xml", decl + c.doctype +
                                               "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/"
                                               "wordprocessingml/2006/main\"/>"}};
        }
        zip_of(path, entries);
        auto r = import_docx_narrative(path.string(), *seed().type);
        std::string message;
        if (std::string(c.part) == "word/document.xml") {
            ASSERT_FALSE(r) << c.part;
            message = r.error();
        } else {
            // The styles part is optional: refused unread, it becomes a warning and the
            // headings are found by their numbering.
            ASSERT_TRUE(r) << r.error();
            for (const auto& w : r->warnings)
                if (w.find(c.part) != std::string::npos) message = w;
        }
        EXPECT_NE(message.find(path.string()), std::string::npos) << message;
        EXPECT_NE(message.find(c.part), std::string::npos) << message;
        EXPECT_NE(message.find("DOCTYPE"), std::string::npos) << message;
        EXPECT_EQ(message.find("TOP-SECRET"), std::string::npos) << message;
    }
}

TEST(DocxHostile, EntriesNamedOutOfThePackageAreNeitherReadNorWritten) {
    const fs::path dir = output_dir("hostile-traversal") / "inbox";
    fs::create_directories(dir);
    const std::string tag = "rb-escape-" + std::to_string(std::random_device{}());
    const std::vector<std::string> names = {"../../" + tag + ".txt", "../" + tag + ".txt", "/tmp/" + tag + ".txt",
                                            "word/../../" + tag + ".txt", "..\\..\\" + tag + ".txt"};
    std::vector<std::pair<std::string, std::string>> entries = {{"word/document.xml", doc_with("Nội dung thật.")}};
    for (const auto& n : names) entries.emplace_back(n, "<w:document>bad</w:document>");
    const fs::path path = dir / "traversal.docx";
    zip_of(path, entries);
    const auto cwd_before = fs::current_path();
    auto r = import_docx_narrative(path.string(), *seed().type);
    ASSERT_TRUE(r) << r.error();
    ASSERT_EQ(r->sections.size(), 1u);
    EXPECT_EQ(r->sections.begin()->second, "Nội dung thật.");
    // Nothing landed where those names point, from the file's folder or the working directory.
    for (const fs::path& base : {dir, dir.parent_path(), dir.parent_path().parent_path(), cwd_before,
                                 cwd_before.parent_path(), cwd_before.parent_path().parent_path(), fs::path("/tmp")})
        EXPECT_FALSE(fs::exists(base / (tag + ".txt"))) << base;
    for (const auto& e : fs::recursive_directory_iterator(dir.parent_path()))
        EXPECT_EQ(e.path().filename().string().find(tag), std::string::npos) << e.path();
}

}  // namespace
