// Every format through every shipped recipient profile, end to end through the real CLI, and
// each file opened by a real client: LibreOffice converts DOCX and XLSX to PDF, pdftotext reads
// the result, and the figures must be there as staff write them. Submissions are read back
// and must give the same report.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "../support/office.hpp"
#include "cli_test_support.hpp"

namespace rb::test {
namespace {
namespace fs = std::filesystem;

struct Case {
    const char* profile;
    const char* name;  // for test names
    // Makes the report to export in the sandbox; returns its path.
    std::string (*make)(const Sandbox&);
    std::vector<const char*> codes;  // indicators whose displayed value must appear
    std::vector<const char*> texts;  // headings and other text that must appear
};

std::string copy_sample(const Sandbox& box, const char* rel) {
    const fs::path to = box.path(fs::path(rel).filename().string());
    rb::test::copy_over(fs::path(RB_SOURCE_DIR) / rel, to);
    return to.string();
}

std::string seed(const Sandbox& box) { return copy_sample(box, "plugins/cchc/samples/phuong-dinh-2024-q1.rbr"); }
std::string iso(const Sandbox& box) { return copy_sample(box, "plugins/iso9001/samples/hai-hau-2025.rbr"); }
std::string digital(const Sandbox& box) { return copy_sample(box, "plugins/digital/samples/ninh-giang-2025-q3.rbr"); }

// A commune reporting straight to the province after 1 July 2025: no district in between.
std::string ninh_binh(const Sandbox& box) {
    const std::string r = box.path("phuong-dinh-2025-q3.rbr").string();
    auto made = box.cli({"new", "cchc", "--edition", "ninh-binh-2025", "--period", "2025-Q3", "--unit", "Phương Định",
                         "--province", "Ninh Bình", "-o", r});
    EXPECT_EQ(made.exit_code, 0) << made.err;
    auto set = box.cli({"set", r, "I.1=14", "I.2.1=6", "I.2.2=5", "III.2.1=1.034", "III.2.2=17", "III.2.3=0"});
    EXPECT_EQ(set.exit_code, 0) << set.err;
    auto text = box.cli({"text", r, "I.1", "--value", "UBND xã đã ban hành Kế hoạch cải cách hành chính năm 2025."});
    EXPECT_EQ(text.exit_code, 0) << text.err;
    auto header = box.cli({"header", r, "number=7", "date=06/10/2025", "signer=Trần Văn An"});
    EXPECT_EQ(header.exit_code, 0) << header.err;
    return r;
}

const Case kCases[] = {
    {"cchc-nam-dinh-phu-luc-2", "CchcDistrict", seed, {"I.2", "I.2.1", "III.1", "III.3.1.1", "V.2.1"},
     {"Phụ lục 2", "BIỂU MẪU THỐNG KÊ", "Kết quả thống kê"}},
    {"cchc-ninh-binh-bieu-01", "CchcProvince", ninh_binh, {"I.1", "I.2", "III.2.1"},
     {"Biểu số 01/CCHC-XA", "Mã chỉ tiêu", "Nội dung chỉ tiêu"}},
    {"iso9001-bao-cao-duy-tri", "Iso9001", iso, {}, {"Phụ lục 01"}},
    {"digital-so-khcn", "Digital", digital, {}, {"Phụ lục 01"}},
};

// The displayed values of the report (all non-blank ones when `codes` is empty, at most 8).
std::vector<std::string> displays(const Sandbox& box, const std::string& report, const std::vector<const char*>& codes) {
    std::vector<std::string> args = {"get", report, "--json"};
    for (const char* c : codes) args.push_back(c);
    const auto j = parse_json(box.cli(args));
    std::vector<std::string> out;
    for (const auto& [code, v] : j["values"].items()) {
        const std::string d = v["display"].get<std::string>();
        if (d.empty() || d == "—") continue;
        out.push_back(d);
        if (codes.empty() && out.size() >= 8) break;
    }
    return out;
}

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class ExportThroughProfile : public ::testing::TestWithParam<Case> {};

// pdftotext may break a long line differently from ours; whitespace is not significant.
std::string squeeze(const std::string& s) {
    std::string out;
    for (char c : s)
        if (c != ' ' && c != '\n' && c != '\f' && c != '\t') out += c;
    return out;
}

void expect_holds(const std::string& text, const std::vector<std::string>& values,
                  const std::vector<const char*>& texts, const std::string& what) {
    ASSERT_FALSE(text.empty()) << what << ": no text";
    const std::string flat = squeeze(text);
    for (const auto& v : values) EXPECT_NE(flat.find(squeeze(v)), std::string::npos) << what << " lacks " << v;
    for (const char* t : texts) EXPECT_NE(flat.find(squeeze(t)), std::string::npos) << what << " lacks " << t;
}

#ifndef _WIN32  // LibreOffice runs on the Debian side: the installed Windows build's exports are opened there (packaging/windows)
TEST_P(ExportThroughProfile, DocxAndXlsxOpenInLibreOfficeWithTheFigures) {
    if (!rb::testing::have_program("soffice")) FAIL() << "missing, and ./test installs it (packaging/debian-deps.sh): " << "LibreOffice is not installed";
    const Case& c = GetParam();
    Sandbox box;
    const std::string report = c.make(box);
    const auto values = displays(box, report, c.codes);
    ASSERT_FALSE(values.empty());
    for (const char* format : {"docx", "xlsx"}) {
        const fs::path out = box.path(std::string("out-") + format);
        fs::create_directories(out);
        const auto ex = box.cli({"export", report, "--format", format, "--profile", c.profile, "-o", out.string()});
        ASSERT_EQ(ex.exit_code, 0) << ex.err;
        ASSERT_EQ(std::distance(fs::directory_iterator(out), fs::directory_iterator{}), 1) << format;
        const fs::path file = fs::directory_iterator(out)->path();
        EXPECT_EQ(file.extension(), std::string(".") + format);
        const std::string pdf = rb::testing::office_to_pdf(file, box.path(std::string("pdf-") + format));
        ASSERT_FALSE(pdf.empty()) << "LibreOffice could not open " << file;
        std::vector<const char*> texts = c.texts;
        if (std::string(format) == "docx") texts.push_back("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        expect_holds(rb::testing::pdf_text(pdf, false), values, texts, format);
    }
}
#endif

TEST_P(ExportThroughProfile, PdfCsvAndSubmissionsHoldTheReport) {
    const Case& c = GetParam();
    Sandbox box;
    const std::string report = c.make(box);
    const auto values = displays(box, report, c.codes);
    const std::string before = box.cli({"get", report, "--json"}).out;
#ifdef RB_EXPORTS_PDF
    for (const char* format : {"pdf", "csv", "xml", "json"}) {
#else
    for (const char* format : {"csv", "xml", "json"}) {
#endif
        const std::string file = box.path(std::string("export.") + format).string();
        const auto ex = box.cli({"export", report, "--format", format, "--profile", c.profile, "-o", file});
        ASSERT_EQ(ex.exit_code, 0) << format << ": " << ex.err;
        const std::string f = format;
        if (f == "pdf") {
            expect_holds(rb::testing::pdf_text(file, false), values, c.texts, f);
        } else if (f == "csv") {
            const std::string csv = slurp(file);
            ASSERT_GE(csv.size(), 3u);
            EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF") << "UTF-8 BOM";
            expect_holds(csv, values, {}, f);
        } else if (f == "xml" || f == "json") {
            // The submission read back gives the same figures and texts.
            const std::string back = box.path("back-" + f + ".rbr").string();
            const auto im = box.cli({"import", back, file});
            ASSERT_EQ(im.exit_code, 0) << im.out << im.err;
            EXPECT_EQ(box.cli({"get", back, "--json"}).out, before) << f;
            EXPECT_EQ(slurp(back).size() > 0, true);
            const auto again = box.cli({"import", back, file, "--dry-run"});
            EXPECT_NE(again.out.find("không có gì thay đổi"), std::string::npos) << again.out;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Profiles, ExportThroughProfile, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(Export, RefusesWhatAProfileDoesNotAllow) {
    Sandbox box;
    const std::string report = seed(box);
    const std::string out = box.path("x.docx").string();
    auto wrong_type = box.cli({"export", report, "--format", "docx", "--profile", "digital-so-khcn", "-o", out});
    EXPECT_EQ(wrong_type.exit_code, 2);
    EXPECT_NE(wrong_type.err.find("digital-so-khcn"), std::string::npos) << wrong_type.err;
    auto wrong_edition = box.cli({"export", report, "--format", "docx", "--profile", "cchc-ninh-binh-bieu-01", "-o", out});
    EXPECT_EQ(wrong_edition.exit_code, 2);
    auto unknown = box.cli({"export", report, "--format", "odt", "-o", out});
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_NE(unknown.err.find("docx"), std::string::npos) << "lists the formats: " << unknown.err;
    auto no_folder = box.cli({"export", report, "--format", "docx", "-o", box.path("missing/x.docx").string()});
    EXPECT_EQ(no_folder.exit_code, 2);
    EXPECT_FALSE(fs::exists(out));
    // Nothing half-written is left behind.
    for (const auto& e : fs::directory_iterator(box.dir()))
        EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos) << e.path();
}

TEST(Export, AnExistingFileIsReplacedWhole) {
    Sandbox box;
    const std::string report = seed(box);
    const std::string out = box.path("seed.xml").string();
    ASSERT_EQ(box.cli({"export", report, "--format", "xml", "-o", out}).exit_code, 0);
    const std::string first = slurp(out);
    ASSERT_EQ(box.cli({"set", report, "I.1=13"}).exit_code, 0);
    ASSERT_EQ(box.cli({"export", report, "--format", "xml", "-o", out}).exit_code, 0);
    const std::string second = slurp(out);
    EXPECT_NE(first, second);
    EXPECT_NE(second.find("13"), std::string::npos);
}

TEST(Import, DryRunShowsTheConsequencesAndWritesNothing) {
    Sandbox box;
    const std::string report = seed(box);
    const std::string sub = box.path("sub.json").string();
    ASSERT_EQ(box.cli({"set", report, "I.2.2=2"}).exit_code, 0);
    ASSERT_EQ(box.cli({"export", report, "--format", "json", "-o", sub}).exit_code, 0);
    ASSERT_EQ(box.cli({"set", report, "I.2.2=1"}).exit_code, 0);
    const std::string on_disk = slurp(report);
    const auto dry = box.cli({"import", report, sub, "--dry-run"});
    ASSERT_EQ(dry.exit_code, 0) << dry.err;
    // The entered value and the ratio computed from it.
    EXPECT_NE(dry.out.find("I.2.2"), std::string::npos) << dry.out;
    EXPECT_NE(dry.out.find("16,67% → 33,33%"), std::string::npos) << dry.out;
    EXPECT_EQ(slurp(report), on_disk);
    ASSERT_EQ(box.cli({"import", report, sub}).exit_code, 0);
    EXPECT_NE(box.cli({"get", report, "I.2"}).out.find("33,33%"), std::string::npos);
}

TEST(Import, ABadSubmissionChangesNothing) {
    Sandbox box;
    const std::string report = seed(box);
    const std::string on_disk = slurp(report);
    const std::string bad = box.path("bad.json").string();
    std::ofstream(bad) << "{\"format\": \"reportbench-submission\", \"formatVersion\": 1, \"report\": ";
    const auto r = box.cli({"import", report, bad});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("bad.json"), std::string::npos) << r.err;
    EXPECT_EQ(slurp(report), on_disk);
    const auto unknown = box.cli({"import", report, box.path("x.odt").string()});
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_EQ(slurp(report), on_disk);
}

TEST(Import, LastPeriodsDocxGivesItsNarrativeToANewReport) {
    Sandbox box;
    const std::string q1 = seed(box);
    const std::string docx = box.path("q1.docx").string();
    ASSERT_EQ(box.cli({"export", q1, "--format", "docx", "-o", docx}).exit_code, 0);
    const std::string q2 = box.path("q2.rbr").string();
    ASSERT_EQ(box.cli({"new", "cchc", "--period", "2024-Q2", "--unit", "Phương Định", "--parent", "Trực Ninh", "-o", q2})
                  .exit_code,
              0);
    const auto im = box.cli({"import", q2, docx});
    ASSERT_EQ(im.exit_code, 0) << im.out << im.err;
    for (const char* section : {"intro", "I.1", "II.2", "closing"})
        EXPECT_EQ(box.cli({"text", q2, section}).out, box.cli({"text", q1, section}).out) << section;
    // Figures are not taken from a document.
    EXPECT_EQ(box.cli({"get", q2, "I.1", "--json"}).out.find("\"12\""), std::string::npos);
}

// Last quarter's DOCX imported into a new quarter: the sentences that still speak of Q1 and of
// Q1's data window are listed with what they should say; --replace-periods applies that; and
// validate warns of any left.
TEST(ImportDocx, StalePeriodTextIsListedWithItsReplacementAndReplacedWhenAsked) {
    Sandbox box;
    const std::string q1 = seed(box);
    const std::string docx = box.path("q1.docx").string();
    ASSERT_EQ(box.cli({"export", q1, "--format", "docx", "-o", docx}).exit_code, 0);
    const std::string q2 = box.path("q2.rbr").string();
    ASSERT_EQ(box.cli({"new", "cchc", "--period", "2024-Q2", "--unit", "Phương Định", "-o", q2}).exit_code, 0);

    const auto dry = box.cli({"import", q2, docx, "--dry-run"});
    EXPECT_EQ(dry.exit_code, 0) << dry.err;
    EXPECT_NE(dry.out.find("“Quý I năm 2024” → “Quý II năm 2024”"), std::string::npos) << dry.out;
    EXPECT_NE(dry.out.find("“từ ngày 15/12/2023 đến ngày 07/03/2024” → “từ ngày 15/3/2024 đến ngày 14/6/2024”"),
              std::string::npos)
        << dry.out;
    EXPECT_NE(dry.out.find("--replace-periods"), std::string::npos);

    ASSERT_EQ(box.cli({"import", q2, docx}).exit_code, 0);
    const auto warned = box.cli({"validate", q2});
    EXPECT_NE(warned.out.find("[narrative.period]"), std::string::npos) << warned.out;

    ASSERT_EQ(box.cli({"import", q2, docx, "--replace-periods"}).exit_code, 0);
    const auto clean = box.cli({"validate", q2});
    EXPECT_EQ(clean.out.find("[narrative.period]"), std::string::npos) << clean.out;
    const std::string saved = slurp(q2);
    EXPECT_EQ(saved.find("Quý I năm 2024"), std::string::npos);
    EXPECT_EQ(saved.find("15/12/2023"), std::string::npos);
    EXPECT_NE(saved.find("Trên đây là báo cáo"), std::string::npos);
}

}  // namespace
}  // namespace rb::test
