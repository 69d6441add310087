// The appendix as CSV: bytes (BOM, CRLF, RFC 4180 quoting), formula neutralisation, the
// numbers as staff write them, and the file as LibreOffice Calc opens it.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../../support/office.hpp"
#include "export/submission/csv.hpp"
#include "export/submission/submission.hpp"
#include "samples.hpp"

namespace rb::exporting {
namespace {

namespace fs = std::filesystem;

// Splits RFC 4180 text into records of fields (quotes removed, doubled quotes undone). Lines
// must end in CRLF; a bare LF or CR outside quotes fails the test.
std::vector<std::vector<std::string>> parse_csv(std::string_view text) {
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    bool quoted = false, in_quotes = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_quotes) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                in_quotes = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            EXPECT_TRUE(field.empty() && !quoted) << "quote inside an unquoted field at byte " << i;
            in_quotes = quoted = true;
        } else if (c == ',') {
            record.push_back(std::move(field));
            field.clear();
            quoted = false;
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            record.push_back(std::move(field));
            field.clear();
            quoted = false;
            records.push_back(std::move(record));
            record.clear();
            ++i;
        } else {
            EXPECT_TRUE(c != '\n' && c != '\r') << "bare line break outside quotes at byte " << i;
            field += c;
        }
    }
    EXPECT_FALSE(in_quotes) << "unterminated quoted field";
    EXPECT_TRUE(field.empty() && record.empty()) << "last line without CRLF";
    return records;
}

ExportDocument hand_made_document() {
    ExportDocument d;
    auto col = [](ColumnKind k, const char* vi) {
        Column c;
        c.kind = k;
        c.heading = {vi, ""};
        return c;
    };
    d.appendix.columns = {col(ColumnKind::Stt, "STT"), col(ColumnKind::Label, "Chỉ tiêu, \"thống kê\""),
                          col(ColumnKind::Unit, "Đơn vị tính"), col(ColumnKind::Value, "Số liệu"),
                          col(ColumnKind::Note, "Ghi chú")};
    d.appendix.value_column = 3;
    auto row = [](std::string code, std::vector<std::string> cells, std::optional<double> number,
                  bool heading = false) {
        AppendixRow r;
        r.code = std::move(code);
        r.cells = std::move(cells);
        r.number = number;
        r.heading = heading;
        return r;
    };
    d.appendix.rows = {
        row("I", {"I", "CÔNG TÁC CHỈ ĐẠO", "", "", ""}, std::nullopt, true),
        row("HS.2.2", {"2.2", "Số hồ sơ tiếp nhận", "Hồ sơ", "1.034", ""}, 1034),
        row("HS.3", {"3", "Tỷ lệ đúng hạn", "%", "16,67%", "Lũy kế, cả quý"}, 16.6666666667),
        row("X.1", {"4", "Chênh lệch so với quý trước", "Hồ sơ", "-3", "-3"}, -3),
        row("X.2", {"5", "=HYPERLINK(\"http://evil\",\"bấm\")", "", "không phát sinh", "+1 dòng"},
            std::nullopt),
        row("X.3", {"6", "@SUM(A1:A2)", "", "-1.034,5", "-1+2"}, -1034.5),
        row("X.4", {"7", "\tTab đầu", "", "", "\rCR đầu"}, std::nullopt),
        row("X.5", {"8", "Nhiều dòng\r\nthứ hai", "", "1.234.567", " cách đầu"}, 1234567),
        row("X.6", {"9", "- Gạch đầu dòng", "", "0", "=1+1"}, 0),
    };
    return d;
}

TEST(AppendixCsv, StartsWithAByteOrderMarkAndEndsEveryLineWithCrlf) {
    const std::string csv = appendix_to_csv(hand_made_document());
    ASSERT_GE(csv.size(), 3u);
    EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_EQ(csv.substr(csv.size() - 2), "\r\n");
    const auto records = parse_csv(std::string_view(csv).substr(3));
    ASSERT_EQ(records.size(), 10u);
    for (const auto& r : records) EXPECT_EQ(r.size(), 7u);  // 5 profile columns, code, number
}

TEST(AppendixCsv, HeadingLineHasTheProfileColumnsThenTheMachineColumns) {
    const auto records = parse_csv(std::string_view(appendix_to_csv(hand_made_document())).substr(3));
    const std::vector<std::string> expected = {
        "STT",     "Chỉ tiêu, \"thống kê\"", "Đơn vị tính",    "Số liệu",
        "Ghi chú", kCsvCodeHeading,          kCsvNumberHeading};
    EXPECT_EQ(records.at(0), expected);
}

TEST(AppendixCsv, QuotesFieldsPerRfc4180) {
    const std::string csv = appendix_to_csv(hand_made_document());
    EXPECT_NE(csv.find("\"Chỉ tiêu, \"\"thống kê\"\"\""), std::string::npos);
    EXPECT_NE(csv.find("\"Nhiều dòng\r\nthứ hai\""), std::string::npos);
    EXPECT_NE(csv.find("\"Lũy kế, cả quý\""), std::string::npos);
    EXPECT_NE(csv.find("\" cách đầu\""), std::string::npos);
    EXPECT_NE(csv.find(",1.034,"), std::string::npos) << "a plain number needs no quotes";
    EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
    EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csv_field("plain"), "plain");
    EXPECT_EQ(csv_field(""), "");
}

TEST(AppendixCsv, NumbersAreWrittenAsStaffWriteThemAndAsPlainNumbers) {
    const auto records = parse_csv(std::string_view(appendix_to_csv(hand_made_document())).substr(3));
    EXPECT_EQ(records[2][3], "1.034");
    EXPECT_EQ(records[2][5], "HS.2.2");
    EXPECT_EQ(records[2][6], "1034");
    EXPECT_EQ(records[3][3], "16,67%");
    EXPECT_EQ(records[3][6], "16.67") << "the figure as shown, not the unrounded 16.6666666667";
    EXPECT_EQ(records[5][3], "không phát sinh");
    EXPECT_EQ(records[5][6], "");
    EXPECT_EQ(records[8][3], "1.234.567");
    EXPECT_EQ(records[8][6], "1234567");
    EXPECT_EQ(records[1][6], "") << "a group row has no figure";
}

TEST(AppendixCsv, FormulaLikeTextIsNeutralisedButNegativeNumbersAreData) {
    const auto records = parse_csv(std::string_view(appendix_to_csv(hand_made_document())).substr(3));
    // A negative figure stays a number, in the value column and wherever it is plain data.
    EXPECT_EQ(records[4][3], "-3");
    EXPECT_EQ(records[4][4], "-3");
    EXPECT_EQ(records[4][6], "-3");
    EXPECT_EQ(records[6][3], "-1.034,5");
    EXPECT_EQ(records[6][6], "-1034.5");
    // Text that a spreadsheet would evaluate gets a leading quote.
    EXPECT_EQ(records[5][1], "'=HYPERLINK(\"http://evil\",\"bấm\")");
    EXPECT_EQ(records[5][4], "'+1 dòng");
    EXPECT_EQ(records[6][1], "'@SUM(A1:A2)");
    EXPECT_EQ(records[6][4], "'-1+2");
    EXPECT_EQ(records[7][1], "'\tTab đầu");
    EXPECT_EQ(records[7][4], "'\rCR đầu");
    EXPECT_EQ(records[9][1], "'- Gạch đầu dòng");
    EXPECT_EQ(records[9][4], "'=1+1");
    EXPECT_EQ(records[9][3], "0");

    EXPECT_TRUE(is_plain_number("-3"));
    EXPECT_TRUE(is_plain_number("-16,67%"));
    EXPECT_TRUE(is_plain_number("1.034"));
    EXPECT_FALSE(is_plain_number("-"));
    EXPECT_FALSE(is_plain_number("-3+1"));
    EXPECT_FALSE(is_plain_number("-3%%"));
    EXPECT_FALSE(is_plain_number("-1,2,3"));
    EXPECT_FALSE(is_plain_number("-1e5"));
    EXPECT_FALSE(is_plain_number("-3 "));
    EXPECT_EQ(csv_field("-3"), "-3");
    EXPECT_EQ(csv_field("-"), "-") << "rows numbered with a dash keep their STT";
    EXPECT_EQ(csv_field("--"), "'--");
    EXPECT_EQ(csv_field("- "), "\"'- \"");
    EXPECT_EQ(csv_field("-3)"), "'-3)");
    EXPECT_EQ(csv_field("=1,2"), "\"'=1,2\"");
}

TEST(AppendixCsv, InvalidBytesAndControlCharactersDoNotReachTheFile) {
    EXPECT_EQ(csv_field(std::string("a\x01") + "b\xFF"), "ab\xEF\xBF\xBD");
    EXPECT_EQ(csv_field(std::string("x") + '\0' + "y"), "xy");
}

TEST(AppendixCsv, SeedAppendixHoldsTheFiguresAsStaffWriteThem) {
    const auto& seed = testing::seed();
    const std::string csv = appendix_to_csv(seed.document);
    EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_NE(csv.find("1.034"), std::string::npos);
    EXPECT_NE(csv.find("16,67%"), std::string::npos);
    const auto records = parse_csv(std::string_view(csv).substr(3));
    ASSERT_EQ(records.size(), seed.document.appendix.rows.size() + 1);
    bool found_1034 = false, found_percent = false;
    const auto value = static_cast<std::size_t>(seed.document.appendix.value_column);
    for (std::size_t i = 1; i < records.size(); ++i) {
        const auto& r = records[i];
        ASSERT_EQ(r.size(), seed.document.appendix.columns.size() + 2);
        EXPECT_EQ(r[r.size() - 2], seed.document.appendix.rows[i - 1].code);
        if (r[value] == "1.034") found_1034 = found_1034 || r.back() == "1034";
        if (r[value] == "16,67%") found_percent = found_percent || r.back() == "16.67";
    }
    EXPECT_TRUE(found_1034);
    EXPECT_TRUE(found_percent);
    // The seed numbers some rows with a dash (group IV): the STT stays a dash.
    const auto stt =
        std::find_if(seed.document.appendix.columns.begin(), seed.document.appendix.columns.end(),
                     [](const Column& c) { return c.kind == ColumnKind::Stt; });
    ASSERT_NE(stt, seed.document.appendix.columns.end());
    const auto stt_column = static_cast<std::size_t>(stt - seed.document.appendix.columns.begin());
    std::size_t dashes = 0;
    for (std::size_t i = 1; i < records.size(); ++i) {
        EXPECT_NE(records[i][stt_column], "'-");
        dashes += records[i][stt_column] == "-";
    }
    EXPECT_GT(dashes, 0u);
}

TEST(AppendixCsv, ExporterWritesTheFileAndNamesAPathItCannotWrite) {
    const auto exporter = make_csv_exporter();
    EXPECT_EQ(exporter->id(), "csv");
    EXPECT_EQ(exporter->extension(), "csv");
    EXPECT_EQ(exporter->label().vi, "Bảng số liệu CSV");
    EXPECT_FALSE(exporter->label().en.empty());

    const auto& seed = testing::seed();
    const fs::path dir = fs::path(RB_BUILD_DIR) / "export-submission-tests";
    fs::create_directories(dir);
    const fs::path file = dir / "seed.csv";
    std::vector<double> fractions;
    auto written = exporter->write(seed.input(), file.string(),
                                   [&](double f, const std::string&) { fractions.push_back(f); });
    ASSERT_TRUE(written) << written.error();
    std::ifstream in(file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(bytes, appendix_to_csv(seed.document));
    ASSERT_FALSE(fractions.empty());
    EXPECT_EQ(fractions.back(), 1.0);

    const std::string bad = "/nonexistent/folder/bang.csv";
    auto failed = exporter->write(seed.input(), bad, {});
    ASSERT_FALSE(failed);
    EXPECT_NE(failed.error().find(bad), std::string::npos);
}

TEST(SubmissionExporters, WriteTheFilesThatImportBack) {
    const auto& seed = testing::seed();
    const fs::path dir = fs::path(RB_BUILD_DIR) / "export-submission-tests";
    fs::create_directories(dir);
    for (const auto& exporter : {make_submission_xml_exporter(), make_submission_json_exporter()}) {
        SCOPED_TRACE(exporter->id());
        EXPECT_EQ(exporter->extension(), exporter->id());
        const fs::path file = dir / ("seed." + exporter->extension());
        auto written = exporter->write(seed.input(), file.string(), {});
        ASSERT_TRUE(written) << written.error();
        auto back = load_submission(file.string());
        ASSERT_TRUE(back) << back.error();
        EXPECT_TRUE(*back == seed.report);
        auto failed = exporter->write(seed.input(), "/nonexistent/folder/nop." + exporter->extension(), {});
        ASSERT_FALSE(failed);
        EXPECT_NE(failed.error().find("/nonexistent/folder/nop."), std::string::npos);
    }
    EXPECT_EQ(make_submission_xml_exporter()->label().vi, "Tệp nộp báo cáo (XML)");
    EXPECT_EQ(make_submission_xml_exporter()->label().en, "Submission file (XML)");
    EXPECT_EQ(make_submission_json_exporter()->id(), "json");
}

// LibreOffice Calc opens the CSV as UTF-8, comma-separated (filter options 44,34,76,1:
// separator ',', text delimiter '"', character set 76 = UTF-8, from line 1).
std::string calc_to_pdf(const fs::path& csv, const fs::path& outdir) {
    fs::create_directories(outdir);
    const fs::path profile = fs::absolute(outdir) / ".lo-profile";
    const std::string cmd =
        "soffice -env:UserInstallation=file://" + profile.string() +
        " --headless --norestore --infilter=\"CSV:44,34,76,1\" --convert-to pdf --outdir " +
        rb::testing::shell_quote(outdir.string()) + " " + rb::testing::shell_quote(csv.string()) + " >" +
        rb::testing::shell_quote((outdir / "soffice.log").string()) + " 2>&1";
    if (std::system(cmd.c_str()) != 0) return {};
    const fs::path pdf = outdir / (csv.stem().string() + ".pdf");
    return fs::exists(pdf) ? pdf.string() : std::string{};
}

TEST(AppendixCsvOffice, LibreOfficeCalcShowsTheFiguresAsStaffWriteThem) {
    if (!rb::testing::have_program("soffice")) FAIL() << "missing, and ./test installs it (packaging/debian-deps.sh): " << "LibreOffice (soffice) is not installed";
    if (!rb::testing::have_program("pdftotext")) FAIL() << "missing, and ./test installs it (packaging/debian-deps.sh): " << "pdftotext is not installed";
    const auto& seed = testing::seed();
    const fs::path dir = fs::path(RB_BUILD_DIR) / "export-submission-tests" / "office";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path csv = dir / "phuong-dinh-2024-q1.csv";
    {
        std::ofstream out(csv, std::ios::binary);
        out << appendix_to_csv(seed.document);
    }
    const std::string pdf = calc_to_pdf(csv, dir);
    ASSERT_FALSE(pdf.empty()) << "LibreOffice did not convert " << csv;
    const std::string text = rb::testing::pdf_text(pdf);
    EXPECT_NE(text.find("1.034"), std::string::npos) << text.substr(0, 2000);
    EXPECT_NE(text.find("16,67%"), std::string::npos) << text.substr(0, 2000);
    // Vietnamese came through as UTF-8, headings included.
    EXPECT_NE(text.find("Chỉ tiêu"), std::string::npos);
    EXPECT_NE(text.find("Số liệu"), std::string::npos);
    EXPECT_NE(text.find(kCsvNumberHeading), std::string::npos);

    const fs::path previews = fs::path(RB_BUILD_DIR) / "export-previews";
    fs::create_directories(previews);
    EXPECT_TRUE(rb::testing::pdf_page_png(pdf, 1, (previews / "csv-seed-page1.png").string(), 80));
}

TEST(AppendixCsvOffice, LibreOfficeCalcDoesNotEvaluateNeutralisedFormulas) {
    if (!rb::testing::have_program("soffice")) FAIL() << "missing, and ./test installs it (packaging/debian-deps.sh): " << "LibreOffice (soffice) is not installed";
    if (!rb::testing::have_program("pdftotext")) FAIL() << "missing, and ./test installs it (packaging/debian-deps.sh): " << "pdftotext is not installed";
    const fs::path dir = fs::path(RB_BUILD_DIR) / "export-submission-tests" / "office-formulas";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path csv = dir / "formulas.csv";
    {
        std::ofstream out(csv, std::ios::binary);
        out << appendix_to_csv(hand_made_document());
    }
    const std::string pdf = calc_to_pdf(csv, dir);
    ASSERT_FALSE(pdf.empty());
    const std::string text = rb::testing::pdf_text(pdf);
    EXPECT_NE(text.find("=1+1"), std::string::npos) << text;       // shown as text, not 2
    EXPECT_NE(text.find("HYPERLINK"), std::string::npos) << text;  // shown as text, not a link
    EXPECT_NE(text.find("-3"), std::string::npos) << text;

    const fs::path previews = fs::path(RB_BUILD_DIR) / "export-previews";
    fs::create_directories(previews);
    EXPECT_TRUE(rb::testing::pdf_page_png(pdf, 1, (previews / "csv-formulas-page1.png").string(), 80));
}

}  // namespace
}  // namespace rb::exporting
