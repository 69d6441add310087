// The PDF of the seed report (xã Phương Định, Q1 2024) under the CCHC definition, through the
// exporter interface, for the definition's own layout and for the Nam Định district profile.
// Also renders preview PNGs of the first page, a body page and an appendix page to
// <build>/export-previews/ for a person to look at.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "export/document.hpp"
#include "export/pdf/pdf.hpp"
#include "export/profile.hpp"
#include "locale/vi.hpp"
#include "pdf_probe.hpp"
#include "report/entry.hpp"
#include "report/report.hpp"
#include "schema/report_type.hpp"
#include "validate/evaluation.hpp"
#include "validate/findings.hpp"

namespace {

using namespace rb;
using namespace rb::exporting;
using namespace rb::testing;
namespace fs = std::filesystem;

// Joins every run of white space into one space, so that text broken over lines compares whole.
std::string squeeze(const std::string& s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

struct Seed {
    schema::ReportTypePtr type;
    report::Report report;
    RecipientProfile district;

    static const Seed& get() {
        static const Seed s = [] {
            Seed x;
            auto t = schema::load_definition(std::string(RB_SOURCE_DIR) + "/plugins/cchc/cchc-nam-dinh-2024.xml");
            if (!t) throw std::runtime_error(t.error());
            x.type = *t;
            auto r = report::load(std::string(RB_SOURCE_DIR) + "/plugins/cchc/samples/phuong-dinh-2024-q1.rbr");
            if (!r) throw std::runtime_error(r.error());
            x.report = std::move(*r);
            auto p = load_profile(std::string(RB_SOURCE_DIR) + "/plugins/cchc/profiles/cchc-nam-dinh-phu-luc-2.xml");
            if (!p) throw std::runtime_error(p.error());
            x.district = std::move(*p);
            return x;
        }();
        return s;
    }
};

// Exports the seed through the exporter interface; returns the PDF's path.
std::string export_seed(const RecipientProfile* profile, const std::string& name, int* progress_calls = nullptr) {
    const Seed& seed = Seed::get();
    auto ev = validate::Evaluation::create(seed.type);
    if (!ev) throw std::runtime_error(ev.error());
    ev->load(seed.report);
    const validate::ValidationResult findings = validate::validate(*ev, seed.report);
    const ExportDocument doc = build_document(seed.report, *ev, findings, profile);
    const RecipientProfile fallback = default_profile(*seed.type);
    const ExportInput in{seed.report, *ev, findings, profile ? *profile : fallback, doc};
    const std::string path = output_dir("seed") + "/" + name + ".pdf";
    fs::remove(path);
    int calls = 0;
    const Status st = make_pdf_exporter()->write(in, path, [&](double, const std::string&) { ++calls; });
    if (!st) throw std::runtime_error(st.error());
    if (progress_calls) *progress_calls = calls;
    return path;
}

class PdfSeed : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        if (!have_program("pdftotext")) return;
        own_pdf_ = export_seed(nullptr, "seed-definition-layout");
        district_pdf_ = export_seed(&Seed::get().district, "seed-district-profile", &progress_calls_);
    }
    void SetUp() override {
        if (!have_program("pdftotext") || !have_program("pdffonts") || !have_program("pdftoppm"))
            FAIL() << "missing, and ./test installs it (packaging/debian-deps.sh): " << "poppler-utils not installed";
    }
    static std::string own_pdf_, district_pdf_;
    static int progress_calls_;
};
std::string PdfSeed::own_pdf_, PdfSeed::district_pdf_;
int PdfSeed::progress_calls_ = 0;

TEST_F(PdfSeed, HoldsTheFiguresAsStaffWriteThemAndTheDocumentsParts) {
    for (const std::string& pdf : {own_pdf_, district_pdf_}) {
        const std::string text = squeeze(pdf_text(pdf, false));
        for (const char* s : {"1.034", "16,67%", "BÁO CÁO", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                              "Độc lập - Tự do - Hạnh phúc", "Phụ lục 2", "Nơi nhận:", "Trực Ninh", "nghị", "ủy",
                              "Phương Định"})
            EXPECT_NE(text.find(s), std::string::npos) << s << " in " << pdf;
        const report::Header& h = Seed::get().report.header;
        EXPECT_NE(text.find(h.signer_name), std::string::npos) << h.signer_name;
        EXPECT_NE(text.find(squeeze(h.summary)), std::string::npos) << h.summary;
    }
}

TEST_F(PdfSeed, EverySectionHeadingIsPrintedInOrder) {
    const std::string text = squeeze(pdf_text(own_pdf_, false));
    std::size_t at = 0;
    for (const schema::Section& s : Seed::get().type->sections) {
        if (s.number.empty()) continue;
        // Sections left empty, with nothing under them, print no heading.
        bool has_text = false;
        for (const auto& [id, body] : Seed::get().report.narrative)
            if ((id == s.id || id.rfind(s.id + ".", 0) == 0) &&
                body.find_first_not_of(" \t\r\n") != std::string::npos)
                has_text = true;
        if (!has_text) continue;
        // Titles may name the period ("{NEXT_PERIOD}"): filled as the report's own text is.
        const std::string title = report::fill_placeholders(s.title.vi, Seed::get().report, report::kDocument);
        ASSERT_EQ(title.find('{'), std::string::npos) << title;
        const std::string heading = squeeze(s.number + ". " + (s.level == 0 ? locale::to_upper(title) : title));
        const std::size_t found = text.find(heading, at);
        ASSERT_NE(found, std::string::npos) << "heading missing or out of order: " << heading;
        at = found + heading.size();
    }
    EXPECT_LT(at, text.find("Nơi nhận:")) << "the foot comes after the last section";
}

TEST_F(PdfSeed, BookmarksLeadToEachPartAndTheAppendix) {
    const std::vector<PdfBookmark> marks = pdf_outline(own_pdf_);
    const PdfWords w = pdf_words(own_pdf_);
    int parts = 0;
    for (const schema::Section& s : Seed::get().type->sections)
        if (!s.number.empty() && s.level == 0) ++parts;
    ASSERT_GT(parts, 0);
    int found = 0;
    for (const PdfBookmark& m : marks) {
        // A heading's bookmark points to the page that prints its number and first word.
        const std::size_t dot = m.title.find(". ");
        if (dot == std::string::npos) continue;
        const std::string number = m.title.substr(0, dot + 1);
        const std::string first_word = m.title.substr(dot + 2, m.title.find(' ', dot + 2) - dot - 2);
        bool on_page = false;
        const auto words = w.on_page(m.page);
        for (std::size_t i = 0; i + 1 < words.size(); ++i)
            on_page = on_page || (words[i]->text == number && words[i + 1]->text == first_word);
        EXPECT_TRUE(on_page) << m.title << " -> page " << m.page;
        ++found;
    }
    EXPECT_GE(found, parts);
    ASSERT_FALSE(marks.empty());
    EXPECT_EQ(marks.back().title, "Phụ lục 2");
    EXPECT_EQ(marks.back().page, w.page_of("STT"));
}

TEST_F(PdfSeed, TheDistrictTableGroupsUnitAndFigureUnderOneHeading) {
    const PdfWords w = pdf_words(district_pdf_);
    const int appendix = w.page_of("STT");  // the table starts on the appendix's first page
    ASSERT_GT(appendix, 1);
    // "Kết quả thống kê" sits above "Đơn vị tính" and "Số liệu", spanning both.
    const PdfWord *group = nullptr, *unit = nullptr, *figure = nullptr;
    for (const PdfWord* word : w.on_page(appendix)) {
        if (word->text == "quả" && !group) group = word;
        if (word->text == "vị" && !unit) unit = word;
        if (word->text == "liệu" && !figure) figure = word;
    }
    ASSERT_TRUE(group && unit && figure);
    EXPECT_LT(group->y1, unit->y0);
    EXPECT_LT(group->y1, figure->y0);
    EXPECT_LT(unit->x0, group->x0);
    EXPECT_GT(figure->x1, group->x1);
}

TEST_F(PdfSeed, PageOneHasNoNumberAndPageTwoShowsTwo) {
    const PdfWords w = pdf_words(own_pdf_);
    ASSERT_GE(w.pages, 3);
    const double top = 20 * 72.0 / 25.4;
    std::string page1_margin, page2_margin;
    for (const PdfWord& word : w.words) {
        if (word.y1 > top) continue;
        if (word.page == 1) page1_margin += word.text;
        if (word.page == 2) page2_margin += word.text;
    }
    EXPECT_EQ(page1_margin, "");
    EXPECT_EQ(page2_margin, "2");
}

TEST_F(PdfSeed, NothingIsDrawnOutsideTheMarginsButThePageNumber) {
    const double mm = 72.0 / 25.4, tol = 1.0;
    for (const std::string& pdf : {own_pdf_, district_pdf_}) {
        const PdfWords w = pdf_words(pdf);
        ASSERT_FALSE(w.words.empty());
        for (const PdfWord& word : w.words) {
            EXPECT_GE(word.x0, 30 * mm - tol) << word.text << " on page " << word.page;
            EXPECT_LE(word.x1, w.page_width - 15 * mm + tol) << word.text << " on page " << word.page;
            EXPECT_LE(word.y1, w.page_height - 20 * mm + tol) << word.text << " on page " << word.page;
            if (word.y0 < 20 * mm - tol) {
                EXPECT_EQ(word.text, std::to_string(word.page));
            }
        }
    }
}

TEST_F(PdfSeed, EveryFontIsEmbeddedAndIsTheResolvedTimesNewRomanSubstitute) {
    const auto font = resolve_pdf_font("Times New Roman");
    ASSERT_TRUE(font) << font.error();
    std::string family = font->family;
    family.erase(std::remove(family.begin(), family.end(), ' '), family.end());
    for (const std::string& pdf : {own_pdf_, district_pdf_}) {
        const auto fonts = pdf_fonts(pdf);
        ASSERT_FALSE(fonts.empty());
        for (const auto& f : fonts) {
            EXPECT_TRUE(f.embedded) << f.name;
            EXPECT_TRUE(f.unicode) << f.name;
            EXPECT_NE(f.name.find(family), std::string::npos) << f.name;
        }
    }
}

TEST_F(PdfSeed, ProgressIsReportedOncePerPageAndAtTheEnd) {
    const int pages = std::stoi(pdf_info(district_pdf_)["Pages"]);
    EXPECT_EQ(progress_calls_, pages + 1);
}

TEST_F(PdfSeed, PreviewsOfTheFirstABodyAndAnAppendixPageAreRendered) {
    // The definition's own layout, as the DOCX previews show it, and the district's appendix.
    const fs::path dir = fs::path(RB_BUILD_DIR) / "export-previews";
    fs::create_directories(dir);
    const PdfWords own = pdf_words(own_pdf_);
    const PdfWords district = pdf_words(district_pdf_);
    const int appendix = own.page_of("STT");
    const int district_appendix = district.page_of("STT");
    ASSERT_GT(appendix, 2);
    ASSERT_GT(district_appendix, 2);
    const struct {
        const std::string& pdf;
        int page;
        const char* name;
    } previews[] = {{own_pdf_, 1, "pdf-page1.png"},
                    {own_pdf_, 2, "pdf-page2.png"},
                    {own_pdf_, appendix - 1, "pdf-page-signature.png"},
                    {own_pdf_, appendix, "pdf-page-appendix.png"},
                    {own_pdf_, appendix + 1, "pdf-page-appendix2.png"},
                    {district_pdf_, district_appendix, "pdf-page-district-appendix.png"}};
    for (const auto& p : previews) {
        const std::string png = (dir / p.name).string();
        fs::remove(png);
        EXPECT_TRUE(pdf_page_png(p.pdf, p.page, png, 90)) << png;
    }
}

}  // namespace
