// Hostile XLSX files given to the appendix import: entity declarations in the parts read,
// and entries whose names climb out of the package. The workbook is never unpacked; only the
// parts the workbook names are read. (The zip bomb and relationship targets that climb out
// are in import_test.cpp.)
#include <gtest/gtest.h>

#include <random>

#include "export/xlsx/xlsx_import.hpp"
#include "xlsx_test_support.hpp"

namespace rb::exporting {
namespace {

using namespace testing;

const schema::ReportType& cchc() { return *validate::testing::cchc(); }

const std::string kWb =
    R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
    R"(<sheets><sheet name="Phụ lục" sheetId="1" r:id="rId1"/></sheets></workbook>)";
const std::string kRel =
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)"
    R"(</Relationships>)";
const std::string kSheet =
    R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>)";

TEST(XlsxHostile, EntityDeclarationsInAnyPartReadAreRefused) {
    const auto dir = out_dir("hostile-entities");
    const std::string secret = (dir / "secret.txt").string();
    std::ofstream(secret) << "TOP-SECRET-CONTENT";
    const std::string decl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    const std::string xxe = decl + "<!DOCTYPE x [<!ENTITY e SYSTEM \"file://" + secret + "\">]>";
    std::string laughs = decl + "<!DOCTYPE x [<!ENTITY l0 \"lol\">";
    for (int i = 1; i <= 10; ++i) {
        laughs += "<!ENTITY l" + std::to_string(i) + " \"";
        for (int k = 0; k < 10; ++k) laughs += "&l" + std::to_string(i - 1) + ";";
        laughs += "\">";
    }
    laughs += "]>";
    for (const std::string part : {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml"}) {
        for (const std::string& doctype : {xxe, laughs}) {
            std::map<std::string, std::string> parts = {
                {"xl/workbook.xml", kWb}, {"xl/_rels/workbook.xml.rels", kRel}, {"xl/worksheets/sheet1.xml", kSheet}};
            parts[part] = doctype + parts[part];
            const std::string path = (dir / "entities.xlsx").string();
            write_zip(path, parts);
            auto r = import_appendix_xlsx(path, default_profile(cchc()), cchc());
            ASSERT_FALSE(r) << part;
            EXPECT_NE(r.error().find(path), std::string::npos) << r.error();
            EXPECT_NE(r.error().find(part), std::string::npos) << r.error();
            EXPECT_NE(r.error().find("DOCTYPE"), std::string::npos) << r.error();
            EXPECT_EQ(r.error().find("TOP-SECRET"), std::string::npos) << r.error();
        }
    }
}

TEST(XlsxHostile, EntriesNamedOutOfThePackageAreNeitherReadNorWritten) {
    const auto dir = out_dir("hostile-traversal") / "inbox";
    fs::create_directories(dir);
    const std::string tag = "rb-escape-" + std::to_string(std::random_device{}());
    // Only entries that climb out: the workbook the import looks for is not among them.
    std::map<std::string, std::string> parts = {{"../../xl/workbook.xml", kWb},
                                                {"../" + tag + ".txt", "x"},
                                                {"/tmp/" + tag + ".txt", "x"},
                                                {"xl/../../" + tag + ".txt", "x"}};
    const std::string path = (dir / "traversal.xlsx").string();
    write_zip(path, parts);
    auto r = import_appendix_xlsx(path, default_profile(cchc()), cchc());
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().find("xl/workbook.xml"), std::string::npos) << r.error();
    // With the real parts present as well, the import reads those and ignores the others.
    parts["xl/workbook.xml"] = kWb;
    parts["xl/_rels/workbook.xml.rels"] = kRel;
    parts["xl/worksheets/sheet1.xml"] = kSheet;
    parts["../../xl/worksheets/sheet1.xml"] = "<not-xml";
    write_zip(path, parts);
    auto ok = import_appendix_xlsx(path, default_profile(cchc()), cchc());
    EXPECT_TRUE(ok) << ok.error();
    for (const fs::path& base : {dir, dir.parent_path(), dir.parent_path().parent_path(), fs::current_path(),
                                 fs::current_path().parent_path(), fs::path("/tmp")})
        EXPECT_FALSE(fs::exists(base / (tag + ".txt"))) << base;
}

}  // namespace
}  // namespace rb::exporting
