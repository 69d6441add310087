// The PDF writer on documents built by hand: pages, margins, fonts, the appendix table and the
// metadata, read back with poppler's tools.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "export/pdf/pdf.hpp"
#include "pdf_probe.hpp"

namespace {

using namespace rb::exporting;
using namespace rb::testing;
namespace fs = std::filesystem;

constexpr double kMm = 72.0 / 25.4;
constexpr double kTol = 1.0;  // points: glyph boxes may overhang their advance slightly

// A sentence numbered `n` that reads as report text and carries stacked diacritics.
std::string sentence(int n) {
    return "Câu số " + std::to_string(n) +
           " nói về việc UBND xã Phương Định thực hiện nghị quyết của Ủy ban nhân dân huyện Trực Ninh, "
           "rà soát thủ tục hành chính và giải quyết hồ sơ đúng hạn cho người dân.";
}

std::string paragraph(int first, int count) {
    std::string p;
    for (int i = first; i < first + count; ++i) p += (p.empty() ? "" : " ") + sentence(i);
    return p;
}

Column column(ColumnKind kind, const char* heading, const char* group = "") {
    Column c;
    c.kind = kind;
    c.heading = {heading, heading};
    c.group = {group, group};
    return c;
}

ExportDocument hand_document(int paragraphs, int sentences_each, int rows, int group_phase = 0) {
    ExportDocument d;
    d.header.parent_body = "UBND HUYỆN TRỰC NINH";
    d.header.issuing_body = "UBND XÃ PHƯƠNG ĐỊNH";
    d.header.number_line = "Số: 09/BC-UBND";
    d.header.place_date = "Phương Định, ngày 08 tháng 3 năm 2024";
    d.header.summary = "Kết quả công tác cải cách hành chính Quý I năm 2024";
    int n = 1;
    for (int p = 0; p < paragraphs; ++p) {
        if (p % 3 == 0) {
            Block h;
            h.kind = Block::Kind::Heading;
            h.level = (p / 3) % 3;
            const std::string part = std::to_string(p);
            h.text = h.level == 0   ? "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH PHẦN " + part
                     : h.level == 1 ? "1. Cải cách thể chế phần " + part
                                    : "1.1. Rà soát văn bản phần " + part;
            d.body.push_back(h);
        }
        Block b;
        b.text = paragraph(n, sentences_each);
        n += sentences_each;
        d.body.push_back(b);
        if (p % 4 == 1) {
            Block item;
            item.text = "- Kế hoạch kiểm soát thủ tục hành chính năm 2024 số " + std::to_string(p) + ";";
            d.body.push_back(item);
        }
    }
    d.signature.recipients = {"- UBND huyện Trực Ninh;", "- Phòng Nội vụ huyện;", "- Lưu: VT."};
    d.signature.authority = "TM. ỦY BAN NHÂN DÂN";
    d.signature.signer_title = "CHỦ TỊCH";
    d.signature.signer_name = "Nguyễn Minh Khâm";
    d.appendix.number_line = "Phụ lục 2";
    d.appendix.title = "Biểu mẫu thống kê số liệu báo cáo cải cách hành chính định kỳ của UBND cấp xã";
    d.appendix.subtitle = "(Kèm theo Báo cáo số 09/BC-UBND ngày 08/3/2024 của UBND xã Phương Định)";
    d.appendix.columns = {column(ColumnKind::Stt, "STT"),
                          column(ColumnKind::Label, "Chỉ tiêu thống kê"),
                          column(ColumnKind::Unit, "Đơn vị tính", "Kết quả thống kê"),
                          column(ColumnKind::Value, "Số liệu", "Kết quả thống kê"),
                          column(ColumnKind::Note, "Ghi chú")};
    d.appendix.value_column = 3;
    for (int r = 0; r < rows; ++r) {
        AppendixRow row;
        row.group = r % 10 == group_phase;
        row.heading = row.group;
        row.computed = r % 10 == 3;
        const std::string tag = "R" + std::to_string(r);
        // Long labels wrap over several lines; their first and last words show whether a row split.
        row.cells = {std::to_string(r), tag + "a Số hồ sơ thủ tục hành chính đã tiếp nhận trực tuyến một phần, "
                                               "toàn trình trong kỳ báo cáo của địa phương " + tag + "z",
                     "Hồ sơ", row.group ? "" : (row.computed ? "16,67%" : "1.034"), ""};
        d.appendix.rows.push_back(row);
    }
    return d;
}

std::string write(const ExportDocument& d, const std::string& name, const Progress& progress = {}) {
    const std::string path = output_dir("writer") + "/" + name + ".pdf";
    fs::remove(path);
    const rb::Status st = write_pdf(d, path, progress);
    EXPECT_TRUE(st) << st.error();
    return path;
}

bool have_poppler() { return have_program("pdftotext") && have_program("pdffonts") && have_program("pdftoppm"); }

#define REQUIRE_POPPLER() \
    if (!have_poppler()) FAIL() << "missing, and ./test installs it (packaging/debian-deps.sh): " << "poppler-utils (pdftotext, pdffonts, pdftoppm) not installed"

TEST(PdfExporter, IsNamedPdf) {
    const auto e = make_pdf_exporter();
    EXPECT_EQ(e->id(), "pdf");
    EXPECT_EQ(e->extension(), "pdf");
    EXPECT_EQ(e->label().vi, "Tài liệu PDF");
    EXPECT_EQ(e->label().en, "PDF document");
}

TEST(PdfFont, TimesNewRomanResolvesToAMetricCompatibleFontWithVietnamese) {
    const auto font = resolve_pdf_font("Times New Roman");
    ASSERT_TRUE(font) << font.error();
    EXPECT_EQ(font->requested, "Times New Roman");
    // Times New Roman itself, or a metric-compatible substitute; anything else (DejaVu…) means
    // fontconfig fell back silently and every line would break differently from the DOCX.
    const std::vector<std::string> compatible = {"Times New Roman", "Liberation Serif", "Tinos"};
    EXPECT_NE(std::find(compatible.begin(), compatible.end(), font->family), compatible.end()) << font->family;
    EXPECT_FALSE(font->file.empty());
    // The same answer fontconfig gives on its own.
    bool ok = false;
    const std::string fc = run_capture("fc-match -f '%{family[0]}' 'Times New Roman'", &ok);
    ASSERT_TRUE(ok) << "fc-match (fontconfig) missing: ./test installs it";
    EXPECT_EQ(font->family, fc);
}

TEST(PdfFont, AFontWithoutVietnameseIsRefusedBeforeAnythingIsWritten) {
    bool ok = false;
    const std::string has = run_capture("fc-list OpenSymbol family", &ok);
    if (!ok || has.find("OpenSymbol") == std::string::npos) FAIL() << "missing, and ./test installs it (packaging/debian-deps.sh): " << "OpenSymbol (a font without Vietnamese) not installed";
    const auto font = resolve_pdf_font("OpenSymbol");
    ASSERT_FALSE(font);
    EXPECT_NE(font.error().find("OpenSymbol"), std::string::npos) << font.error();

    const std::string path = output_dir("writer") + "/no-vietnamese.pdf";
    fs::remove(path);
    PdfOptions options;
    options.font_family = "OpenSymbol";
    const rb::Status st = write_pdf(hand_document(1, 2, 2), path, {}, options);
    EXPECT_FALSE(st);
    EXPECT_FALSE(fs::exists(path));
}

TEST(PdfWriter, AnUnwritablePathFailsWithAMessageNamingIt) {
    const std::string path = output_dir("writer") + "/no-such-folder/report.pdf";
    const rb::Status st = write_pdf(hand_document(1, 2, 2), path, {});
    ASSERT_FALSE(st);
    EXPECT_NE(st.error().find(path), std::string::npos) << st.error();
    EXPECT_FALSE(fs::exists(path));
}

TEST(PdfWriter, DamagedOrOddTextStillGivesAWholeFile) {
    REQUIRE_POPPLER();
    ExportDocument d = hand_document(2, 2, 4);
    d.header.summary = "Tóm tắt \xff\xfe hỏng";  // invalid UTF-8
    d.body.push_back({Block::Kind::Paragraph, 0, "Điều khiển\x01\x02\ttab\nxuống dòng trong một đoạn", ""});
    d.body.push_back({Block::Kind::Paragraph, 0, std::string(3000, 'x'), ""});  // a word longer than a line
    d.body.push_back({Block::Kind::Paragraph, 0, "", ""});
    d.body.push_back({Block::Kind::Heading, 7, "", ""});
    d.appendix.rows.push_back({});  // no cells at all
    d.appendix.rows.back().cells = {"1"};
    d.appendix.value_column = -1;
    d.signature = {};
    const std::string pdf = write(d, "damaged");
    EXPECT_GE(std::stoi(pdf_info(pdf)["Pages"]), 3);
    const PdfWords w = pdf_words(pdf);
    EXPECT_GT(w.page_of("hỏng"), 0);
    EXPECT_GT(w.page_of("khiển"), 0);
    EXPECT_EQ(pdf_text(pdf, false).find("0001"), std::string::npos) << "a control character drawn as a hex box";
    for (const PdfWord& word : w.words) {
        EXPECT_GE(word.x0, 30 * kMm - kTol) << word.text.substr(0, 20);
        EXPECT_LE(word.x1, w.page_width - 15 * kMm + kTol) << word.text.substr(0, 20);
    }

    ExportDocument bare;  // nothing but the defaults
    EXPECT_EQ(pdf_info(write(bare, "bare"))["Pages"], "1");
}

TEST(PdfWriter, LongParagraphsFlowAcrossPagesInsideTheMargins) {
    REQUIRE_POPPLER();
    const std::string pdf = write(hand_document(14, 9, 40), "long");
    const PdfWords w = pdf_words(pdf);
    ASSERT_GT(w.pages, 3);
    EXPECT_NEAR(w.page_width, 595.276, 0.01);
    EXPECT_NEAR(w.page_height, 841.89, 0.01);
    const double left = 30 * kMm, right = w.page_width - 15 * kMm;
    const double top = 20 * kMm, bottom = w.page_height - 20 * kMm;
    for (const PdfWord& word : w.words) {
        EXPECT_GE(word.x0, left - kTol) << word.text << " on page " << word.page;
        EXPECT_LE(word.x1, right + kTol) << word.text << " on page " << word.page;
        EXPECT_LE(word.y1, bottom + kTol) << word.text << " on page " << word.page;
        if (word.y0 < top - kTol) {
            // Only the page number lives in the top margin, and never on page 1.
            EXPECT_EQ(word.text, std::to_string(word.page));
            EXPECT_GT(word.page, 1);
        }
    }
}

TEST(PdfWriter, TextKeepsItsOrderAcrossPages) {
    REQUIRE_POPPLER();
    const int paragraphs = 14, each = 9;
    const std::string pdf = write(hand_document(paragraphs, each, 5), "order");
    // The words in reading order, without the page numbers of the top margin.
    std::string text;
    for (const PdfWord& word : pdf_words(pdf).words)
        if (word.y0 >= 20 * kMm - kTol) text += word.text + " ";
    std::size_t at = 0;
    for (int n = 1; n <= paragraphs * each; ++n) {
        const std::size_t found = text.find("Câu số " + std::to_string(n) + " ", at);
        ASSERT_NE(found, std::string::npos) << "sentence " << n << " missing or out of order";
        at = found;
    }
    // Every paragraph reached the PDF whole: the last words of the last sentence too.
    EXPECT_NE(text.find("đúng hạn cho người dân.", at), std::string::npos);
}

TEST(PdfWriter, PageNumbersStartOnPageTwoInTheTopMargin) {
    REQUIRE_POPPLER();
    const std::string pdf = write(hand_document(10, 8, 60), "numbers");
    const PdfWords w = pdf_words(pdf);
    ASSERT_GE(w.pages, 3);
    const double top = 20 * kMm;
    for (int p = 1; p <= w.pages; ++p) {
        std::vector<std::string> in_margin;
        for (const PdfWord* word : w.on_page(p))
            if (word->y1 <= top + kTol) in_margin.push_back(word->text);
        if (p == 1) {
            EXPECT_TRUE(in_margin.empty()) << "page 1 has text in the top margin: " << in_margin.front();
        } else {
            ASSERT_EQ(in_margin.size(), 1u) << "page " << p;
            EXPECT_EQ(in_margin.front(), std::to_string(p));
        }
    }
}

TEST(PdfWriter, VietnameseWithStackedDiacriticsIsExtractedExactly) {
    REQUIRE_POPPLER();
    const std::string pdf = write(hand_document(2, 2, 3), "diacritics");
    const std::string text = pdf_text(pdf, false);
    for (const char* s : {"Trực Ninh", "nghị quyết", "Ủy ban", "ỦY BAN NHÂN DÂN", "Phương Định", "Nguyễn Minh Khâm",
                          "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO",
                          "Số: 09/BC-UBND", "Nơi nhận:", "Phụ lục 2", "Kết quả thống kê"})
        EXPECT_NE(text.find(s), std::string::npos) << s;
}

TEST(PdfWriter, EveryFontIsEmbeddedAndIsTheResolvedFamily) {
    REQUIRE_POPPLER();
    const auto font = resolve_pdf_font("Times New Roman");
    ASSERT_TRUE(font) << font.error();
    std::string family = font->family;
    family.erase(std::remove(family.begin(), family.end(), ' '), family.end());  // PostScript names drop spaces

    const std::string pdf = write(hand_document(9, 4, 12), "fonts");
    const auto fonts = pdf_fonts(pdf);
    // Regular (body), bold (titles), italic (place and date), bold italic (level-2 headings,
    // "Nơi nhận:"): four faces of one family. Cairo may split a face into two subsets (a simple
    // font for Latin-1, a CID font for the rest); the subset tag "ABCDEF+" differs.
    std::set<std::string> faces;
    for (const auto& f : fonts) faces.insert(f.name.substr(f.name.find('+') + 1));
    EXPECT_EQ(faces.size(), 4u);
    for (const char* face : {"-Bold", "-Italic", "-BoldItalic"})
        EXPECT_EQ(faces.count(family + face), 1u) << family + face;
    for (const auto& f : fonts) {
        EXPECT_TRUE(f.embedded) << f.name;
        EXPECT_TRUE(f.subset) << f.name;
        EXPECT_TRUE(f.unicode) << f.name << " has no ToUnicode map";
        EXPECT_NE(f.name.find(family), std::string::npos) << f.name << " is not " << font->family;
    }
}

TEST(PdfWriter, TheTableHeaderRepeatsOnEveryPageAndRowsNeverSplit) {
    REQUIRE_POPPLER();
    const int rows = 90;
    const std::string pdf = write(hand_document(1, 2, rows), "table");
    const PdfWords w = pdf_words(pdf);
    const int first = w.page_of("R0a");
    const int last = w.page_of("R" + std::to_string(rows - 1) + "z");
    ASSERT_GT(first, 0);
    ASSERT_GT(last, first) << "the table should need more than one page";
    for (int p = first; p <= last; ++p) {
        int stt = 0, values = 0, groups = 0;
        for (const PdfWord* word : w.on_page(p)) {
            stt += word->text == "STT";
            values += word->text == "liệu";  // "Số liệu"
            groups += word->text == "quả";  // "Kết quả thống kê"
        }
        EXPECT_EQ(stt, 1) << "page " << p;
        EXPECT_EQ(values, 1) << "page " << p;
        EXPECT_EQ(groups, 1) << "page " << p;
    }
    for (int r = 0; r < rows; ++r) {
        const std::string tag = "R" + std::to_string(r);
        EXPECT_EQ(w.page_of(tag + "a"), w.page_of(tag + "z")) << "row " << r << " split across pages";
    }
}

TEST(PdfWriter, AGroupRowNeverEndsAPageWithoutTheRowUnderIt) {
    REQUIRE_POPPLER();
    // Every tenth row is a group's title; shifting them row by row puts one at a page's end.
    int kept = 0;
    for (int phase = 0; phase < 10; ++phase) {
        const int rows = 70;
        const PdfWords w = pdf_words(write(hand_document(0, 0, rows, phase), "group-rows"));
        for (int r = phase; r + 1 < rows; r += 10) {
            const int group_page = w.page_of("R" + std::to_string(r) + "z");
            const int next_page = w.page_of("R" + std::to_string(r + 1) + "a");
            EXPECT_EQ(group_page, next_page) << "phase " << phase << ", group row " << r;
            // Count the groups that open a page: the rule moved them there.
            kept += group_page > 0 && group_page != w.page_of("R" + std::to_string(r - 1) + "z") && r > 0;
        }
    }
    EXPECT_GT(kept, 0) << "no group row fell at a page end: the test does not exercise the rule";
}

TEST(PdfWriter, ComputedValueCellsAreShadedAndOthersAreNot) {
    REQUIRE_POPPLER();
    ExportDocument shaded = hand_document(0, 0, 12);
    const std::string with = write(shaded, "shaded");
    for (auto& row : shaded.appendix.rows) row.computed = false;
    const std::string without = write(shaded, "unshaded");
    const int page_with = pdf_words(with).page_of("R3a");
    const int page_without = pdf_words(without).page_of("R3a");
    ASSERT_GT(page_with, 0);
    ASSERT_GT(page_without, 0);
    const Raster a = pdf_page_raster(with, page_with);
    const Raster b = pdf_page_raster(without, page_without);
    ASSERT_GT(a.width, 0);
    ASSERT_GT(b.width, 0);
    EXPECT_GT(a.count(0xF2, 0xF2, 0xF2), 50);
    EXPECT_EQ(b.count(0xF2, 0xF2, 0xF2), 0);
}

TEST(PdfWriter, AcceptedWarningsArePrintedOnlyWhenTheProfileAsks) {
    REQUIRE_POPPLER();
    ExportDocument d = hand_document(1, 2, 3);
    d.justifications = {{"plan-done-within-plan", "Số nhiệm vụ hoàn thành vượt số đề ra.", "Nhiệm vụ bổ sung giữa kỳ."}};
    d.print_justifications = false;
    EXPECT_EQ(pdf_text(write(d, "no-justifications"), false).find("Giải trình các cảnh báo"), std::string::npos);
    d.print_justifications = true;
    const std::string text = pdf_text(write(d, "justifications"), false);
    const auto head = text.find("Giải trình các cảnh báo đã chấp nhận");
    ASSERT_NE(head, std::string::npos);
    EXPECT_NE(text.find("Nhiệm vụ bổ sung giữa kỳ.", head), std::string::npos);
    EXPECT_GT(head, text.find("R2z")) << "the list belongs after the table";
}

TEST(PdfWriter, ProgressIsReportedForEveryPageAndEndsAtOne) {
    REQUIRE_POPPLER();
    std::vector<double> fractions;
    const std::string pdf =
        write(hand_document(10, 8, 60), "progress", [&](double f, const std::string&) { fractions.push_back(f); });
    const int pages = std::stoi(pdf_info(pdf)["Pages"]);
    ASSERT_EQ(static_cast<int>(fractions.size()), pages + 1);
    EXPECT_TRUE(std::is_sorted(fractions.begin(), fractions.end()));
    EXPECT_LT(fractions[fractions.size() - 2], 1.0);
    EXPECT_DOUBLE_EQ(fractions.back(), 1.0);
}

TEST(PdfWriter, MetadataNamesTheReportAndReportBench) {
    REQUIRE_POPPLER();
    auto info = pdf_info(write(hand_document(1, 1, 1), "metadata"));
    EXPECT_EQ(info["Creator"], "ReportBench");
    EXPECT_NE(info["Title"].find("Kết quả công tác cải cách hành chính"), std::string::npos) << info["Title"];
    EXPECT_NE(info["Page size"].find("595.276 x 841.89"), std::string::npos) << info["Page size"];
}

TEST(PdfWriter, TheFootStaysWholeOnOnePage) {
    REQUIRE_POPPLER();
    // Grow the body one paragraph at a time so that the foot meets the page end at every offset.
    for (int sentences = 1; sentences <= 12; ++sentences) {
        ExportDocument d = hand_document(2, 10, 0);
        d.body.push_back({Block::Kind::Paragraph, 0, paragraph(500, sentences), ""});
        const PdfWords w = pdf_words(write(d, "foot"));
        const int heading = w.page_of("nhận:");
        ASSERT_GT(heading, 0);
        EXPECT_EQ(w.page_of("Lưu:"), heading) << sentences;
        EXPECT_EQ(w.page_of("TM."), heading) << sentences;
        EXPECT_EQ(w.page_of("Khâm"), heading) << sentences;
    }
}

}  // namespace
