// Reading a workbook back (import_appendix_xlsx): our own export, a recipient's sheet in its
// own layout, and files that are broken on purpose.
#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <fstream>

#include "export/xlsx/xlsx_import.hpp"
#include "report/entry.hpp"
#include "xlsx_test_support.hpp"

namespace rb::exporting {
namespace {

using namespace testing;

const schema::ReportType& cchc_definition() { return *validate::testing::cchc(); }

TEST(XlsxImport, OurOwnExportGivesBackEveryEnteredValueOfTheSeed) {
    const auto s = export_seed("roundtrip");
    auto imported = import_appendix_xlsx(s.path, s.profile, cchc_definition());
    ASSERT_TRUE(imported) << imported.error();
    EXPECT_TRUE(imported->sheet_found_by_name);
    for (const auto& p : imported->problems) ADD_FAILURE() << p.message;
    std::map<std::string, std::string> got;
    for (const auto& v : imported->values)
        if (!v.value.empty()) got[v.code] = v.value;
    std::map<std::string, std::string> entered;
    for (const auto& [code, entry] : validate::testing::sample().values) {
        const auto* ind = cchc_definition().indicator(code);
        if (ind && !ind->is_computed() && !ind->heading && !entry.value.empty()) entered[code] = entry.value;
    }
    EXPECT_GT(entered.size(), 50u);
    EXPECT_EQ(got, entered);
}

TEST(XlsxImport, AProfileWithItsOwnCellsStillReadsOurExportByOurLayout) {
    auto profile = default_profile(cchc_definition());
    profile.rows = {{"I.2.1", "", {}, "Z99", {}}, {"I.2.2", "", {}, "Z100", {}}};
    const auto s = export_seed("own-cells", &profile);
    auto imported = import_appendix_xlsx(s.path, profile, cchc_definition());
    ASSERT_TRUE(imported) << imported.error();
    ASSERT_EQ(imported->values.size(), 2u);
    EXPECT_EQ(imported->values[0].value, "6");
    EXPECT_EQ(imported->values[1].value, "1");
    EXPECT_EQ(imported->values[0].cell, "D8");
}

// A recipient's sheet: values in column F from row 20, its own titles, a percent cell and
// text typed by hand.
std::string recipient_sheet(const fs::path& dir) {
    const std::string path = (dir / "huyen.xlsx").string();
    lxw_workbook* wb = workbook_new(path.c_str());
    workbook_add_worksheet(wb, "Ghi chú");
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Biểu CCHC");
    lxw_format* pct = workbook_add_format(wb);
    format_set_num_format(pct, "0.00%");
    worksheet_write_string(ws, 0, 0, "BIỂU TỔNG HỢP CỦA HUYỆN", nullptr);
    worksheet_write_number(ws, 19, 5, 6, nullptr);              // F20: I.2.1
    worksheet_write_number(ws, 20, 5, 1, nullptr);              // F21: I.2.2
    worksheet_write_number(ws, 21, 5, 0.5, pct);                // F22: I.2 (computed), shown 50,00%
    worksheet_write_string(ws, 22, 5, "1.034", nullptr);        // F23: I.5.1 typed as text
    worksheet_write_string(ws, 23, 5, "12", nullptr);           // F24: I.1
    worksheet_write_string(ws, 24, 5, "mười hai", nullptr);     // F25: I.3.1, not a number
    worksheet_write_number(ws, 25, 5, 2.5, nullptr);            // F26: I.3.2, not a whole number
    worksheet_write_formula_num(ws, 26, 5, "=F20", nullptr, 6);  // F27: I.4.1 as a formula
    worksheet_write_string(ws, 27, 5, "Có", nullptr);           // F28: I.5
    workbook_close(wb);
    return path;
}

RecipientProfile recipient_profile() {
    RecipientProfile p = default_profile(cchc_definition());
    p.id = "huyen";
    p.sheet.name = "Biểu CCHC";
    p.rows = {{"I.2.1", "", {}, "F20", {}}, {"I.2.2", "", {}, "F21", {}}, {"I.2", "", {}, "F22", {}},
              {"I.5.1", "", {}, "F23", {}}, {"I.1", "", {}, "F24", {}},   {"I.3.1", "", {}, "F25", {}},
              {"I.3.2", "", {}, "F26", {}}, {"I.4.1", "", {}, "$F$27", {}}, {"I.5", "", {}, "F28", {}},
              {"I.4.2", "", {}, "F29", {}}};
    return p;
}

TEST(XlsxImport, ARecipientSheetInItsOwnLayoutIsReadFromTheCellsTheProfileNames) {
    const auto path = recipient_sheet(out_dir("recipient"));
    auto imported = import_appendix_xlsx(path, recipient_profile(), cchc_definition());
    ASSERT_TRUE(imported) << imported.error();
    EXPECT_EQ(imported->sheet, "Biểu CCHC");
    EXPECT_TRUE(imported->sheet_found_by_name);
    std::map<std::string, SheetValue> by_code;
    for (const auto& v : imported->values) by_code[v.code] = v;
    EXPECT_EQ(by_code["I.2.1"].value, "6");
    EXPECT_EQ(by_code["I.2.2"].value, "1");
    EXPECT_EQ(by_code["I.5.1"].value, "1034");
    EXPECT_EQ(by_code["I.5.1"].typed, "1.034");
    EXPECT_EQ(by_code["I.5.1"].cell, "F23");
    EXPECT_EQ(by_code["I.1"].value, "12");
    EXPECT_EQ(by_code["I.4.1"].value, "6");
    EXPECT_EQ(by_code["I.5"].value, "1");
    EXPECT_EQ(by_code["I.4.2"].value, "");  // an empty cell
    EXPECT_EQ(by_code.count("I.2"), 0u) << "computed rows are not imported";

    std::map<std::string, CellProblem> problems;
    for (const auto& p : imported->problems) problems[p.code] = p;
    ASSERT_EQ(problems.size(), 3u);
    EXPECT_EQ(problems["I.3.1"].cell, "F25");
    EXPECT_NE(problems["I.3.1"].message.find("F25"), std::string::npos) << problems["I.3.1"].message;
    EXPECT_FALSE(problems["I.3.1"].ignored);
    EXPECT_EQ(problems["I.3.2"].cell, "F26");
    // 50% in the sheet; 1 of 6 is 16,67%: reported, not imported.
    EXPECT_TRUE(problems["I.2"].ignored);
    EXPECT_NE(problems["I.2"].message.find("50%"), std::string::npos) << problems["I.2"].message;
    EXPECT_NE(problems["I.2"].message.find("16,67%"), std::string::npos) << problems["I.2"].message;
}

TEST(XlsxImport, APercentIsAFractionInAPercentCellAndPercentPointsOtherwise) {
    const auto dir = out_dir("percent");
    const std::string path = (dir / "p.xlsx").string();
    lxw_workbook* wb = workbook_new(path.c_str());
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Phụ lục");
    lxw_format* pct = workbook_add_format(wb);
    format_set_num_format(pct, "[$-42A]0.00%");
    worksheet_write_number(ws, 0, 0, 0.1667, pct);
    worksheet_write_string(ws, 1, 0, "16,67%", nullptr);
    worksheet_write_number(ws, 2, 0, 16.67, nullptr);
    workbook_close(wb);
    // Every percent row of the seed's definition is computed: read each cell as I.2 and check
    // what the "computed, ignored" message says the sheet holds.
    for (const char* cell : {"A1", "A2", "A3"}) {
        RecipientProfile p = default_profile(cchc_definition());
        p.rows = {{"I.2", "", {}, cell, {}}};
        auto imported = import_appendix_xlsx(path, p, cchc_definition());
        ASSERT_TRUE(imported) << imported.error();
        ASSERT_EQ(imported->problems.size(), 1u) << cell;
        EXPECT_NE(imported->problems[0].message.find("“16,67%”"), std::string::npos)
            << cell << ": " << imported->problems[0].message;
    }
}

void expect_fails(const std::string& path, const std::string& fragment) {
    auto r = import_appendix_xlsx(path, default_profile(cchc_definition()), cchc_definition());
    ASSERT_FALSE(r) << path;
    EXPECT_NE(r.error().find(fragment), std::string::npos) << r.error();
}

const std::string kWorkbook =
    R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
    R"(<sheets><sheet name="Phụ lục" sheetId="1" r:id="rId1"/></sheets></workbook>)";
const std::string kRels =
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)"
    R"(</Relationships>)";

std::string sheet_with(const std::string& cells) {
    return R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" + cells +
           "</sheetData></worksheet>";
}

TEST(XlsxImport, AFileThatIsNotAZipIsRefused) {
    const auto path = (out_dir("hostile-nozip") / "x.xlsx").string();
    std::ofstream(path) << "STT;Chỉ tiêu;Số liệu\n1;x;2\n";
    expect_fails(path, "không phải tệp Excel");
    expect_fails((out_dir("hostile-missing") / "none.xlsx").string(), "none.xlsx");
}

TEST(XlsxImport, MissingOrMalformedPartsAreNamed) {
    const auto dir = out_dir("hostile-parts");
    write_zip((dir / "a.xlsx").string(), {{"hello.txt", "hi"}});
    expect_fails((dir / "a.xlsx").string(), "xl/workbook.xml");
    write_zip((dir / "b.xlsx").string(), {{"xl/workbook.xml", "<workbook><sheets><sheet"}});
    expect_fails((dir / "b.xlsx").string(), "xl/workbook.xml");
    write_zip((dir / "c.xlsx").string(), {{"xl/workbook.xml", kWorkbook}, {"xl/_rels/workbook.xml.rels", kRels}});
    expect_fails((dir / "c.xlsx").string(), "xl/worksheets/sheet1.xml");
    write_zip((dir / "d.xlsx").string(), {{"xl/workbook.xml", kWorkbook},
                                          {"xl/_rels/workbook.xml.rels", kRels},
                                          {"xl/worksheets/sheet1.xml", "<worksheet><sheetData><row>"}});
    expect_fails((dir / "d.xlsx").string(), "sheet1.xml");
    const std::string escaping = std::string(kRels).replace(kRels.find("worksheets/"), 11, "../../../");
    write_zip((dir / "e.xlsx").string(), {{"xl/workbook.xml", kWorkbook}, {"xl/_rels/workbook.xml.rels", escaping}});
    expect_fails((dir / "e.xlsx").string(), "Phụ lục");
}

TEST(XlsxImport, APartThatInflatesPastTheCapIsRefused) {
    const auto dir = out_dir("hostile-bomb");
    // Spaces compress about a thousand to one: a small file that would fill memory.
    const std::string zeros(kMaxXlsxPartBytes + 1024, ' ');
    const std::string sheet = sheet_with("") + zeros;
    write_zip((dir / "bomb.xlsx").string(), {{"xl/workbook.xml", kWorkbook},
                                             {"xl/_rels/workbook.xml.rels", kRels},
                                             {"xl/worksheets/sheet1.xml", sheet}});
    EXPECT_LT(fs::file_size(dir / "bomb.xlsx"), 1u << 20);
    expect_fails((dir / "bomb.xlsx").string(), "quá lớn");
}

TEST(XlsxImport, CellReferencesOutsideTheGridAreErrors) {
    const auto dir = out_dir("hostile-refs");
    for (const char* bad : {"XFE1", "A1048577", "A0", "1A", "AAAAA1"}) {
        write_zip((dir / "r.xlsx").string(),
                  {{"xl/workbook.xml", kWorkbook},
                   {"xl/_rels/workbook.xml.rels", kRels},
                   {"xl/worksheets/sheet1.xml", sheet_with(std::string("<row r=\"1\"><c r=\"") + bad + "\"><v>1</v></c></row>")}});
        expect_fails((dir / "r.xlsx").string(), bad);
    }
    // The profile's own cell: a problem of that row, the rest is read.
    write_zip((dir / "ok.xlsx").string(), {{"xl/workbook.xml", kWorkbook},
                                           {"xl/_rels/workbook.xml.rels", kRels},
                                           {"xl/worksheets/sheet1.xml", sheet_with(R"(<row r="3"><c r="B3" t="s"><v>7</v></c><c r="C3" t="inlineStr"><is><t>1.034</t></is></c></row>)")}});
    RecipientProfile p = default_profile(cchc_definition());
    p.rows = {{"I.1", "", {}, "ZZZZ9", {}}, {"I.2.1", "", {}, "B3", {}}, {"I.5.1", "", {}, "C3", {}}};
    auto r = import_appendix_xlsx((dir / "ok.xlsx").string(), p, cchc_definition());
    ASSERT_TRUE(r) << r.error();
    ASSERT_EQ(r->problems.size(), 2u);
    EXPECT_EQ(r->problems[0].cell, "ZZZZ9");
    EXPECT_EQ(r->problems[1].cell, "B3");  // shared string 7 does not exist
    ASSERT_EQ(r->values.size(), 1u);
    EXPECT_EQ(r->values[0].value, "1034");
}

}  // namespace
}  // namespace rb::exporting
