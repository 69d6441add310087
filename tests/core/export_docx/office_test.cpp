// The seed's DOCX opened by a real client: LibreOffice converts it to PDF, and the PDF's text
// holds the figures as staff write them, the headings, the appendix, and page numbers from
// page 2 on. Pages are rendered to <build>/export-previews/ for people to look at.
// Skipped only when LibreOffice is not installed (CI installs it).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "../../support/office.hpp"
#include "docx_test_support.hpp"
#include "export/docx/docx_import.hpp"

namespace {

using namespace rb::exporting;
using namespace rb::exporting::testing;
using rb::testing::have_program;
using rb::testing::shell_quote;

std::string run(const std::string& cmd) {
    std::string out;
    FILE* pipe = popen(cmd.c_str(), "r");
    if (!pipe) return out;
    char buffer[4096];
    std::size_t n = 0;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
    pclose(pipe);
    return out;
}

// Whitespace runs (justified lines, line ends) collapsed to one space.
std::string squeeze(const std::string& text) {
    std::string out;
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r') {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

int page_count(const std::string& pdf) {
    std::istringstream info(run("pdfinfo " + shell_quote(pdf) + " 2>/dev/null"));
    for (std::string line; std::getline(info, line);)
        if (line.rfind("Pages:", 0) == 0) return std::stoi(line.substr(6));
    return 0;
}

std::string page_text(const std::string& pdf, int page) {
    return run("pdftotext -f " + std::to_string(page) + " -l " + std::to_string(page) + " " +
               shell_quote(pdf) + " -");
}

std::string first_line(const std::string& text) {
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        const auto b = line.find_first_not_of(" \t\f");
        if (b == std::string::npos) continue;
        const auto e = line.find_last_not_of(" \t\f");
        return line.substr(b, e - b + 1);
    }
    return {};
}

class DocxInOffice : public ::testing::Test {
protected:
    // Converted once per process, by whichever test comes first.
    void SetUp() override {
        if (!have_program("soffice")) FAIL() << "missing, and ./test installs it (packaging/debian-deps.sh): " << "LibreOffice (soffice) is not installed";
        if (!pdf_) {
            const fs::path dir = output_dir("office");
            const fs::path docx = dir / "seed.docx";
            const rb::Status written = write_docx(seed(), seed().document, docx);
            ASSERT_TRUE(written) << written.error();
            pdf_ = rb::testing::office_to_pdf(docx, dir / "pdf");
        }
        ASSERT_FALSE(pdf_->empty()) << "LibreOffice could not convert the DOCX";
    }
    static inline std::optional<std::string> pdf_;
};

TEST_F(DocxInOffice, TextHoldsFiguresHeadingsAndAppendix) {
    const std::string text = squeeze(rb::testing::pdf_text(*pdf_, false));
    for (const char* expected : {"1.034",
                                 "16,67%",
                                 "BÁO CÁO",
                                 "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                 "Độc lập - Tự do - Hạnh phúc",
                                 "UBND XÃ PHƯƠNG ĐỊNH",
                                 "Số: 09/BC-UBND",
                                 "Phương Định, ngày 08 tháng 3 năm 2024",
                                 "Kết quả công tác cải cách hành chính Quý I năm 2024",
                                 "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
                                 "1. Việc xây dựng và ban hành kế hoạch cải cách hành chính",
                                 "II. KẾT QUẢ THỰC HIỆN",
                                 "2. Cải cách thủ tục hành chính",
                                 "III. ĐÁNH GIÁ CHUNG",
                                 "Nơi nhận:",
                                 "TM. ỦY BAN NHÂN DÂN",
                                 "Nguyễn Minh Khâm",
                                 "Phụ lục 2",
                                 "Kết quả thống kê",
                                 "Đơn vị tính",
                                 "Số liệu"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected;
}

TEST_F(DocxInOffice, PageNumbersAppearFromPageTwoOn) {
    const int pages = page_count(*pdf_);
    ASSERT_GE(pages, 3);
    // Page 1 starts with the header table, not a number.
    const std::string one = page_text(*pdf_, 1);
    EXPECT_EQ(first_line(one).rfind("UBND HUYỆN TRỰC NINH", 0), 0u) << first_line(one);
    std::istringstream lines(one);
    for (std::string line; std::getline(lines, line);) EXPECT_NE(first_line(line), "1");
    for (int page = 2; page <= pages; ++page)
        EXPECT_EQ(first_line(page_text(*pdf_, page)), std::to_string(page)) << "page " << page;
}

TEST_F(DocxInOffice, AppendixStartsOnItsOwnPageAndRepeatsTheTableHeader) {
    const int pages = page_count(*pdf_);
    int appendix = 0;
    for (int page = 1; page <= pages && !appendix; ++page)
        if (squeeze(page_text(*pdf_, page)).find("Phụ lục 2") != std::string::npos) appendix = page;
    ASSERT_GT(appendix, 1);
    const std::string first = squeeze(page_text(*pdf_, appendix));
    // "Phụ lục 2" comes first on its page, right under the page number.
    EXPECT_EQ(first.find(std::to_string(appendix) + " Phụ lục 2"), 0u) << first.substr(0, 80);
    ASSERT_GT(pages, appendix) << "the seed's appendix should run over more than one page";
    const std::string next = squeeze(page_text(*pdf_, appendix + 1));
    EXPECT_NE(next.find("Chỉ tiêu thống kê"), std::string::npos) << next.substr(0, 200);
    EXPECT_NE(next.find("Kết quả thống kê"), std::string::npos);
}

TEST_F(DocxInOffice, TimesNewRomanResolvesToItsMetricTwin) {
    // The file names Times New Roman; without it LibreOffice must pick Liberation Serif (same
    // metrics), not some other fallback that would change the line breaks.
    const std::string fonts = run("pdffonts " + shell_quote(*pdf_));
    EXPECT_NE(fonts.find("LiberationSerif"), std::string::npos) << fonts;
    std::istringstream in(fonts);
    std::string line;
    std::getline(in, line);
    std::getline(in, line);
    while (std::getline(in, line)) EXPECT_NE(line.find("LiberationSerif"), std::string::npos) << line;
}

TEST_F(DocxInOffice, PagesAreRenderedForReview) {
    const fs::path previews = fs::path(RB_BUILD_DIR) / "export-previews";
    fs::create_directories(previews);
    const int pages = page_count(*pdf_);
    int appendix = 0;
    for (int page = 1; page <= pages && !appendix; ++page)
        if (squeeze(page_text(*pdf_, page)).find("Phụ lục 2") != std::string::npos) appendix = page;
    ASSERT_GT(appendix, 0);
    const std::vector<std::pair<int, std::string>> wanted = {{1, "docx-page1.png"},
                                                             {2, "docx-page2.png"},
                                                             {appendix - 1, "docx-signature.png"},
                                                             {appendix, "docx-appendix.png"},
                                                             {appendix + 1, "docx-appendix2.png"}};
    for (const auto& [page, name] : wanted) {
        if (page < 1 || page > pages) continue;
        const fs::path png = previews / name;
        fs::remove(png);
        EXPECT_TRUE(rb::testing::pdf_page_png(*pdf_, page, png.string(), 90)) << name;
        EXPECT_GT(fs::file_size(png), 10000u) << name;
    }
}

// A clerk opens the export and saves it again: LibreOffice rewrites every part (its own style
// ids, direct formatting, bookmarks). The narrative must still come back exactly.
TEST_F(DocxInOffice, ResavedByLibreOfficeTheNarrativeStillComesBack) {
    const fs::path dir = output_dir("office-resaved");
    const fs::path source = dir / "seed.docx";
    ASSERT_TRUE(write_docx(seed(), seed().document, source));
    const fs::path outdir = dir / "resaved";
    const std::string cmd =
        "soffice -env:UserInstallation=file://" + fs::absolute(dir / ".lo-profile").string() +
        " --headless --norestore --convert-to " + shell_quote("docx:MS Word 2007 XML") + " --outdir " +
        shell_quote(outdir.string()) + " " + shell_quote(source.string()) + " >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    const fs::path resaved = outdir / "seed.docx";
    ASSERT_TRUE(fs::exists(resaved));
    auto imported = import_docx_narrative(resaved.string(), *seed().type);
    ASSERT_TRUE(imported) << imported.error();
    EXPECT_TRUE(imported->warnings.empty());
    for (const auto& [id, text] : seed().report.narrative) EXPECT_EQ(imported->sections[id], text) << id;
    EXPECT_EQ(imported->sections.size(), seed().report.narrative.size());
}

TEST(DocxInOfficeHostile, TextWithControlCharactersStillOpens) {
    if (!have_program("soffice")) FAIL() << "missing, and ./test installs it (packaging/debian-deps.sh): " << "LibreOffice (soffice) is not installed";
    ExportDocument d = seed().document;
    d.header.summary = "Tóm\x01tắt \x0B<&> \xFF ]]>";
    auto paragraph = std::find_if(d.body.begin(), d.body.end(),
                                  [](const Block& b) { return b.kind == Block::Kind::Paragraph; });
    ASSERT_NE(paragraph, d.body.end());
    paragraph->text = "Nội\x02 dung <b>&amp;</b>";
    const fs::path dir = output_dir("office-hostile");
    ASSERT_TRUE(write_docx(seed(), d, dir / "hostile.docx"));
    const std::string pdf = rb::testing::office_to_pdf(dir / "hostile.docx", dir / "pdf");
    ASSERT_FALSE(pdf.empty());
    const std::string text = squeeze(rb::testing::pdf_text(pdf, false));
    EXPECT_NE(text.find("Tómtắt <&>"), std::string::npos);
    EXPECT_NE(text.find("Nội dung <b>&amp;</b>"), std::string::npos);
    EXPECT_NE(text.find("16,67%"), std::string::npos);
}

}  // namespace
