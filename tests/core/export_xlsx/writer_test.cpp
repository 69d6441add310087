// The XLSX exporter: the seed report's appendix as a worksheet, checked part by part and in
// LibreOffice (tests named Office* need soffice; they skip only when it is absent).
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <cmath>
#include <regex>

#include "../../support/office.hpp"
#include "export/xlsx/layout.hpp"
#include "xlsx_test_support.hpp"

namespace rb::exporting {
namespace {

using namespace testing;
namespace L = xlsx_layout;

std::string value_cell(const ExportDocument& doc, const std::string& code) {
    const int i = row_of(doc, code);
    EXPECT_GE(i, 0) << code;
    return L::cell_name(8 + i, doc.appendix.value_column);
}

pugi::xml_node sheet_cell(const pugi::xml_document& sheet, const std::string& ref) {
    return sheet.select_node(("//c[@r='" + ref + "']").c_str()).node();
}

TEST(XlsxExporter, IsRegisteredAsXlsxWithItsLabels) {
    auto e = make_xlsx_exporter();
    EXPECT_EQ(e->id(), "xlsx");
    EXPECT_EQ(e->extension(), "xlsx");
    EXPECT_EQ(e->label().vi, "Bảng tính Excel (XLSX)");
    EXPECT_EQ(e->label().en, "Excel workbook (XLSX)");
}

TEST(XlsxExporter, TheRateRowIsALiveFormulaOverItsPartsWithItsValueCached) {
    const auto s = export_seed("formula");
    pugi::xml_document sheet;
    ASSERT_TRUE(sheet.load_string(read_part(s.path, "xl/worksheets/sheet1.xml").c_str()));
    const auto c = sheet_cell(sheet, value_cell(s.doc, "I.2"));
    ASSERT_TRUE(c);
    const std::string f = c.child_value("f");
    EXPECT_NE(f.find(value_cell(s.doc, "I.2.1")), std::string::npos) << f;
    EXPECT_NE(f.find(value_cell(s.doc, "I.2.2")), std::string::npos) << f;
    EXPECT_NE(f.find("không phát sinh"), std::string::npos) << "a zero denominator must not show 0%: " << f;
    // 1 of 6 tasks: 16.666…%, stored as the fraction a 0.00% format shows.
    EXPECT_NEAR(std::stod(c.child_value("v")), 1.0 / 6.0, 1e-12);
    // The entered parts are plain numbers.
    const auto part = sheet_cell(sheet, value_cell(s.doc, "I.2.1"));
    EXPECT_FALSE(part.child("f"));
    EXPECT_STREQ(part.child_value("v"), "6");
}

// A rate whose parts the recipient's sheet leaves out (the district's Phụ lục 2 prints no
// supplementary rows) is still a formula showing what makes it.
TEST(XlsxExporter, ARateWithoutItsPartRowsIsAFormulaOfItsParts) {
    const auto p = load_profile(std::string(RB_SOURCE_DIR) + "/plugins/cchc/profiles/cchc-nam-dinh-phu-luc-2.xml");
    ASSERT_TRUE(p) << p.error();
    const auto s = export_seed("parts", &*p);
    pugi::xml_document sheet;
    ASSERT_TRUE(sheet.load_string(read_part(s.path, "xl/worksheets/sheet1.xml").c_str()));
    const auto c = sheet_cell(sheet, value_cell(s.doc, "V.1"));
    ASSERT_TRUE(c);
    EXPECT_STREQ(c.child_value("f"), "184/184");
    EXPECT_DOUBLE_EQ(std::stod(c.child_value("v")), 1.0);
}

TEST(XlsxExporter, ANotApplicableRateCachesItsText) {
    const auto s = export_seed("na");
    pugi::xml_document sheet;
    ASSERT_TRUE(sheet.load_string(read_part(s.path, "xl/worksheets/sheet1.xml").c_str()));
    // I.3.3: 0 problems found, 0 solved.
    const auto c = sheet_cell(sheet, value_cell(s.doc, "I.3.3"));
    ASSERT_TRUE(c.child("f"));
    EXPECT_STREQ(c.attribute("t").value(), "str");
    EXPECT_STREQ(c.child_value("v"), "không phát sinh");
}

TEST(XlsxExporter, EveryFontIsTimesNewRoman) {
    const auto s = export_seed("fonts");
    pugi::xml_document styles;
    ASSERT_TRUE(styles.load_string(read_part(s.path, "xl/styles.xml").c_str()));
    int fonts = 0;
    for (auto f : styles.select_nodes("//fonts/font")) {
        EXPECT_STREQ(f.node().child("name").attribute("val").value(), "Times New Roman");
        ++fonts;
    }
    EXPECT_GE(fonts, 3);  // Normal, body, bold, italic at least
}

TEST(XlsxExporter, NumberFormatsAreTaggedVietnamese) {
    const auto s = export_seed("numfmt");
    const std::string styles = read_part(s.path, "xl/styles.xml");
    EXPECT_NE(styles.find("formatCode=\"[$-42A]#,##0\""), std::string::npos);
    EXPECT_NE(styles.find("formatCode=\"[$-42A]0.00%\""), std::string::npos);
}

TEST(XlsxExporter, PrintsOnA4PortraitOnePageWideWithTheHeadingsRepeated) {
    const auto s = export_seed("page");
    const std::string sheet = read_part(s.path, "xl/worksheets/sheet1.xml");
    EXPECT_NE(sheet.find("<pageSetUpPr fitToPage=\"1\"/>"), std::string::npos);
    EXPECT_TRUE(std::regex_search(sheet, std::regex("<pageSetup paperSize=\"9\"[^>]*orientation=\"portrait\"")));
    EXPECT_TRUE(std::regex_search(sheet, std::regex("<pageSetup[^>]*fitToHeight=\"0\"")));
    const std::string book = read_part(s.path, "xl/workbook.xml");
    EXPECT_NE(book.find("_xlnm.Print_Titles"), std::string::npos);
    EXPECT_NE(book.find("$6:$7"), std::string::npos) << book;
}

TEST(XlsxExporter, PagesAreNumberedInTheTopMarginFromTheSecondOn) {
    const auto s = export_seed("page-numbers");
    pugi::xml_document sheet;
    ASSERT_TRUE(sheet.load_string(read_part(s.path, "xl/worksheets/sheet1.xml").c_str()));
    const pugi::xml_node hf = sheet.select_node("//headerFooter").node();
    ASSERT_TRUE(hf);
    EXPECT_STREQ(hf.attribute("differentFirst").value(), "1");  // page 1 has none (the decree)
    const std::string odd = hf.child("oddHeader").text().get();
    EXPECT_EQ(odd.rfind("&C", 0), 0u) << odd;  // centred
    EXPECT_NE(odd.find("&P"), std::string::npos) << odd;
    EXPECT_NE(odd.find("&13"), std::string::npos) << odd;  // 13 pt
    EXPECT_FALSE(hf.child("firstHeader"));
}

TEST(XlsxExporter, GroupAndHeadingRowsAreBoldAsInTheDocument) {
    const auto s = export_seed("bold");
    pugi::xml_document sheet, styles;
    ASSERT_TRUE(sheet.load_string(read_part(s.path, "xl/worksheets/sheet1.xml").c_str()));
    ASSERT_TRUE(styles.load_string(read_part(s.path, "xl/styles.xml").c_str()));
    const auto xfs = styles.select_nodes("//cellXfs/xf");
    const auto fonts = styles.select_nodes("//fonts/font");
    int headings = 0;
    for (const auto& row : s.doc.appendix.rows) {
        if (row.code.empty()) continue;
        const auto c = sheet_cell(sheet, L::cell_name(8 + row_of(s.doc, row.code), 1));  // the label column
        ASSERT_TRUE(c) << row.code;
        const auto font = fonts[xfs[c.attribute("s").as_uint()].node().attribute("fontId").as_uint()].node();
        EXPECT_EQ(static_cast<bool>(font.child("b")), row.group || row.heading) << row.code;
        headings += row.heading && !row.group;
    }
    EXPECT_GT(headings, 3);  // I.4, II.2, II.3, III.2, … in the seed
}

// A recipient's sheet that starts its table higher (the Ninh Bình sheet) keeps an empty row
// between the last title line and the headings; the lines that do not fit go, the issuing
// body first.
TEST(XlsxExporter, AMovedTableKeepsARowBetweenTheTitlesAndTheHeadings) {
    auto profile = default_profile(*validate::testing::cchc());
    profile.sheet.first_row = 7;  // headings on rows 5 and 6
    const auto s = export_seed("moved", &profile);
    pugi::xml_document sheet;
    ASSERT_TRUE(sheet.load_string(read_part(s.path, "xl/worksheets/sheet1.xml").c_str()));
    EXPECT_FALSE(sheet.select_node("//row[@r='4']/c")) << "row 4 must stay empty";
    EXPECT_TRUE(sheet.select_node("//row[@r='3']/c")) << "the subtitle on row 3";
    EXPECT_TRUE(sheet.select_node("//row[@r='5']/c")) << "the headings from row 5";
    const std::string strings = read_part(s.path, "xl/sharedStrings.xml");
    EXPECT_NE(strings.find("Kèm theo Báo cáo"), std::string::npos);
    EXPECT_EQ(strings.find("UBND XÃ PHƯƠNG ĐỊNH"), std::string::npos);  // the issuing body gave way
}

// "không phát sinh" in a figure column used to shrink to about 7 pt: words wrap at full size.
TEST(XlsxExporter, AValueInWordsWrapsAndAFigureShrinksToFit) {
    const auto s = export_seed("words");
    pugi::xml_document sheet, styles;
    ASSERT_TRUE(sheet.load_string(read_part(s.path, "xl/worksheets/sheet1.xml").c_str()));
    ASSERT_TRUE(styles.load_string(read_part(s.path, "xl/styles.xml").c_str()));
    const auto xfs = styles.select_nodes("//cellXfs/xf");
    auto alignment = [&](const std::string& code) {
        const auto c = sheet_cell(sheet, value_cell(s.doc, code));
        return xfs[c.attribute("s").as_uint()].node().child("alignment");
    };
    ASSERT_EQ(s.doc.appendix.rows[static_cast<std::size_t>(row_of(s.doc, "I.3.3"))].cells[3], "không phát sinh");
    EXPECT_STREQ(alignment("I.3.3").attribute("wrapText").value(), "1");
    EXPECT_FALSE(alignment("I.3.3").attribute("shrinkToFit"));
    EXPECT_STREQ(alignment("I.1").attribute("shrinkToFit").value(), "1");
}

// The appendix title takes two even lines, never a full line over "XÃ" alone.
TEST(XlsxExporter, ATwoLineTitleBreaksWhereItsHalvesAreEven) {
    const auto s = export_seed("title");
    const std::string strings = read_part(s.path, "xl/sharedStrings.xml");
    EXPECT_NE(strings.find("BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO\nCẢI CÁCH HÀNH CHÍNH ĐỊNH KỲ CẤP XÃ"), std::string::npos)
        << strings.substr(0, 600);
}

// A rate's number format follows the value the formula gives, not the value at export: its
// decimals are the cell's format, and a whole percent drops them ("50%", never "50,00%";
// "98,02%", never "98%").
TEST(XlsxExporter, APercentFormatFollowsTheValueTheFormulaGives) {
    const auto s = export_seed("percent-format");
    pugi::xml_document sheet, styles;
    ASSERT_TRUE(sheet.load_string(read_part(s.path, "xl/worksheets/sheet1.xml").c_str()));
    ASSERT_TRUE(styles.load_string(read_part(s.path, "xl/styles.xml").c_str()));
    for (const char* code : {"I.2", "III.3.1"}) {  // 16,67% and 100% at export
        SCOPED_TRACE(code);
        const std::string ref = value_cell(s.doc, code);
        const auto c = sheet_cell(sheet, ref);
        const auto xf = styles.select_nodes("//cellXfs/xf")[c.attribute("s").as_uint()].node();
        const auto fmt = styles.select_node(
            ("//numFmts/numFmt[@numFmtId='" + std::string(xf.attribute("numFmtId").value()) + "']").c_str());
        EXPECT_STREQ(fmt.node().attribute("formatCode").value(), "[$-42A]0.00%");
        const auto rule = sheet.select_node(("//conditionalFormatting[@sqref='" + ref + "']/cfRule").c_str()).node();
        ASSERT_TRUE(rule);
        EXPECT_EQ(std::string(rule.child_value("formula")), "ABS(" + ref + "*100-ROUND(" + ref + "*100,0))<1E-9");
        const auto dxf = styles.select_nodes("//dxfs/dxf")[rule.attribute("dxfId").as_uint()].node();
        EXPECT_STREQ(dxf.child("numFmt").attribute("formatCode").value(), "[$-42A]0%");
    }
}

TEST(XlsxExporter, ComputedCellsAreShadedAndLockedEnteredOnesEditable) {
    const auto s = export_seed("locks");
    pugi::xml_document sheet, styles;
    ASSERT_TRUE(sheet.load_string(read_part(s.path, "xl/worksheets/sheet1.xml").c_str()));
    ASSERT_TRUE(styles.load_string(read_part(s.path, "xl/styles.xml").c_str()));
    EXPECT_TRUE(sheet.select_node("//sheetProtection"));
    const auto xfs = styles.select_nodes("//cellXfs/xf");
    const auto fills = styles.select_nodes("//fills/fill");
    auto xf_of = [&](const std::string& code) {
        const auto c = sheet_cell(sheet, value_cell(s.doc, code));
        return xfs[c.attribute("s").as_uint()].node();
    };
    const auto computed = xf_of("I.2");
    const auto fill = fills[computed.attribute("fillId").as_uint()].node();
    EXPECT_STREQ(fill.select_node(".//fgColor").node().attribute("rgb").value(), "FFF2F2F2");
    EXPECT_FALSE(computed.child("protection"));  // locked is the default
    const auto entered = xf_of("I.2.1");
    EXPECT_STREQ(entered.child("protection").attribute("locked").value(), "0");
}

TEST(XlsxExporter, TheGroupHeadingSpansItsColumnsAndTheSheetIsNamedByTheProfile) {
    auto profile = default_profile(*validate::testing::cchc());
    profile.sheet.name = "Biểu 2: CCHC";  // ':' is not allowed in a sheet name
    const auto s = export_seed("heading", &profile);
    const std::string sheet = read_part(s.path, "xl/worksheets/sheet1.xml");
    EXPECT_NE(sheet.find("<mergeCell ref=\"C6:D6\"/>"), std::string::npos);  // over unit and figure
    EXPECT_NE(sheet.find("<mergeCell ref=\"A6:A7\"/>"), std::string::npos);  // STT over both rows
    EXPECT_NE(read_part(s.path, "xl/sharedStrings.xml").find("Kết quả thống kê"), std::string::npos);
    EXPECT_NE(read_part(s.path, "xl/workbook.xml").find("name=\"Biểu 2- CCHC\""), std::string::npos);
}

ExportDocument hostile_notes_document() {
    ExportDocument d;
    d.header.issuing_body = "UBND XÃ THỬ";
    d.appendix.number_line = "Phụ lục 1";
    d.appendix.title = "THỬ";
    d.appendix.columns = default_profile(*validate::testing::cchc()).columns;
    d.appendix.columns[4].width_mm = 110;  // the whole note on one line, for pdftotext
    d.appendix.value_column = 3;
    const char* notes[] = {"=HYPERLINK(\"http://example.invalid\",\"bấm\")", "+1", "-2", "@SUM(A1)"};
    int n = 0;
    for (const char* note : notes) {
        AppendixRow r;
        r.code = "X." + std::to_string(++n);
        r.cells = {std::to_string(n), "=1+1", "-", "", note};
        d.appendix.rows.push_back(r);
    }
    return d;
}

TEST(XlsxExporter, TextThatLooksLikeAFormulaStaysText) {
    const auto doc = hostile_notes_document();
    const auto path = (out_dir("neutral") / "notes.xlsx").string();
    ASSERT_TRUE(write_xlsx(doc, default_profile(*validate::testing::cchc()), path, {}));
    pugi::xml_document sheet, styles;
    ASSERT_TRUE(sheet.load_string(read_part(path, "xl/worksheets/sheet1.xml").c_str()));
    ASSERT_TRUE(styles.load_string(read_part(path, "xl/styles.xml").c_str()));
    EXPECT_FALSE(sheet.select_node("//f")) << "no cell of this table is a formula";
    const auto xfs = styles.select_nodes("//cellXfs/xf");
    for (int row = 8; row < 12; ++row) {
        for (const char* col : {"B", "E"}) {
            const auto c = sheet_cell(sheet, col + std::to_string(row));
            ASSERT_TRUE(c) << col << row;
            EXPECT_STREQ(c.attribute("t").value(), "s");
            // "@": the Text format, so editing the cell later keeps it text.
            EXPECT_STREQ(xfs[c.attribute("s").as_uint()].node().attribute("numFmtId").value(), "49");
        }
    }
}

bool have_office() { return rb::testing::have_program("soffice") && rb::testing::have_program("pdftotext"); }

TEST(XlsxExporterOffice, LibreOfficeShowsTheNotesAsTyped) {
    if (!have_office()) FAIL() << "missing, and ./test installs it (packaging/debian-deps.sh): " << "soffice not installed";
    const auto doc = hostile_notes_document();
    const auto dir = out_dir("neutral-office");
    const auto path = (dir / "notes.xlsx").string();
    ASSERT_TRUE(write_xlsx(doc, default_profile(*validate::testing::cchc()), path, {}));
    const std::string pdf = rb::testing::office_to_pdf(path, dir / "pdf");
    ASSERT_FALSE(pdf.empty());
    const std::string text = rb::testing::pdf_text(pdf);
    for (const char* shown : {"=HYPERLINK(", "+1", "-2", "@SUM(A1)", "=1+1"})
        EXPECT_NE(text.find(shown), std::string::npos) << shown << "\n" << text;
}

TEST(XlsxExporterOffice, TheSeedShowsVietnameseNumbersAndHeadingsInLibreOffice) {
    if (!have_office()) FAIL() << "missing, and ./test installs it (packaging/debian-deps.sh): " << "soffice not installed";
    const auto s = export_seed("office");
    const auto dir = fs::path(s.path).parent_path();
    const std::string pdf = rb::testing::office_to_pdf(s.path, dir / "pdf");
    ASSERT_FALSE(pdf.empty()) << "LibreOffice did not convert " << s.path;
    const std::string text = rb::testing::pdf_text(pdf);
    // Words may wrap inside their cell ("không phát" over "sinh", at full size): one space
    // stands for any run of white space.
    std::string flat;
    for (char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\f';
        if (!space) flat += c;
        else if (!flat.empty() && flat.back() != ' ') flat += ' ';
    }
    for (const char* expected : {"1.034", "16,67%", "Phụ lục 2", "Kết quả thống kê", "Đơn vị tính", "Số liệu",
                                 "Chỉ tiêu thống kê", "CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH", "UBND XÃ PHƯƠNG ĐỊNH",
                                 "không phát"})  // "sinh" wraps to the cell's next line
        EXPECT_NE(flat.find(expected), std::string::npos) << expected << "\n" << text;
    EXPECT_EQ(text.find("1,034"), std::string::npos);
    EXPECT_EQ(text.find("16.67%"), std::string::npos);
    // A whole percent without decimals, through the conditional format LibreOffice applies.
    EXPECT_NE(text.find("100%"), std::string::npos);
    EXPECT_EQ(text.find("100,00%"), std::string::npos);
    const fs::path previews = fs::path(RB_BUILD_DIR) / "export-previews";
    fs::create_directories(previews);
    EXPECT_TRUE(rb::testing::pdf_page_png(pdf, 1, (previews / "xlsx-page1.png").string(), 80));
}

}  // namespace
}  // namespace rb::exporting
