#include <gtest/gtest.h>

#include <tuple>

#include <algorithm>

#include "export/document.hpp"
#include "export_fixture.hpp"
#include "report/entry.hpp"

namespace rb::exporting {
namespace {
using namespace testing;

const AppendixRow* row(const ExportDocument& d, const std::string& code) {
    for (const auto& r : d.appendix.rows)
        if (r.code == code) return &r;
    return nullptr;
}

// The section text rebuilt from its paragraphs as document.hpp says a reader does.
std::string rebuilt(const ExportDocument& d, const std::string& section) {
    std::string out;
    bool first = true;
    for (const auto& b : d.body) {
        if (b.kind != Block::Kind::Paragraph || b.section_id != section) continue;
        if (!first) out += "\n" + std::string(static_cast<std::size_t>(b.blank_lines_before), '\n');
        out += b.text;
        first = false;
    }
    return out;
}

TEST(Document, HeaderFollowsDecree30) {
    const auto d = document_of(seed(), nam_dinh(), nullptr);
    EXPECT_EQ(d.header.parent_body, "UBND HUYỆN TRỰC NINH");
    EXPECT_EQ(d.header.issuing_body, "UBND XÃ PHƯƠNG ĐỊNH");
    EXPECT_EQ(d.header.number_line, "Số: 09/BC-UBND");
    EXPECT_EQ(d.header.place_date, "Phương Định, ngày 08 tháng 3 năm 2024");
    EXPECT_EQ(d.header.summary, "Kết quả công tác cải cách hành chính Quý I năm 2024");
    EXPECT_EQ(d.signature.authority, "TM. ỦY BAN NHÂN DÂN");
    EXPECT_EQ(d.signature.signer_name, "Nguyễn Minh Khâm");
    ASSERT_FALSE(d.signature.recipients.empty());
    EXPECT_EQ(d.signature.recipients.front(), "- UBND huyện Trực Ninh;");
    EXPECT_EQ(d.signature.recipients.back(), "- Lưu: VT.");
}

TEST(Document, UnnumberedDocumentLeavesRoomForTheNumberAndDate) {
    report::Report r = seed();
    r.header.number = "";
    r.header.date.reset();
    const auto d = document_of(r, nam_dinh(), nullptr);
    EXPECT_EQ(d.header.number_line, "Số:       /BC-UBND");
    EXPECT_EQ(d.header.place_date, "Phương Định, ngày      tháng      năm 2024");
    r.header.number = "7";
    EXPECT_EQ(document_of(r, nam_dinh(), nullptr).header.number_line, "Số: 07/BC-UBND");
}

TEST(Document, HeadingsAreNumberedAndTopLevelOnesUppercase) {
    const auto d = document_of(seed(), nam_dinh(), nullptr);
    std::vector<std::string> headings;
    for (const auto& b : d.body)
        if (b.kind == Block::Kind::Heading) headings.push_back(b.text);
    ASSERT_GE(headings.size(), 3u);
    EXPECT_EQ(headings[0], "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH");
    EXPECT_EQ(headings[1], "1. Việc xây dựng và ban hành kế hoạch cải cách hành chính");
    // A section left empty, with nothing under it, prints no heading (the seed has no V).
    EXPECT_TRUE(seed().narrative.count("V") == 0 || seed().narrative.at("V").empty());
    EXPECT_EQ(std::count_if(headings.begin(), headings.end(),
                            [](const std::string& h) { return h.rfind("V. ", 0) == 0; }),
              0);
    EXPECT_EQ(std::count_if(headings.begin(), headings.end(),
                            [](const std::string& h) { return h.rfind("IV. ", 0) == 0; }),
              1);
    // The opening and closing paragraphs have no heading of their own.
    EXPECT_EQ(std::count_if(d.body.begin(), d.body.end(),
                            [](const Block& b) { return b.section_id == "intro" && b.kind == Block::Kind::Heading; }),
              0);
}

TEST(Document, ParagraphsRebuildEverySectionExactly) {
    const auto& r = seed();
    const auto d = document_of(r, nam_dinh(), nullptr);
    int checked = 0;
    for (const auto& [id, text] : r.narrative) {
        std::string trimmed = text;
        while (!trimmed.empty() && (trimmed.back() == '\n' || trimmed.back() == ' ')) trimmed.pop_back();
        EXPECT_EQ(rebuilt(d, id), trimmed) << id;
        ++checked;
    }
    EXPECT_GT(checked, 10);
}

TEST(Document, AppendixRowsCarryDisplaysNumbersAndFormulas) {
    const auto d = document_of(seed(), nam_dinh(), nullptr);
    EXPECT_EQ(d.appendix.number_line, "Phụ lục 2");
    EXPECT_EQ(d.appendix.title, "BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH ĐỊNH KỲ CẤP XÃ");
    EXPECT_EQ(d.appendix.subtitle, "(Kèm theo Báo cáo số 09/BC-UBND ngày 08/3/2024 của UBND xã Phương Định)");
    ASSERT_EQ(d.appendix.value_column, 3);
    const auto* i2 = row(d, "I.2");
    ASSERT_NE(i2, nullptr);
    EXPECT_TRUE(i2->computed);
    EXPECT_EQ(i2->cells[3], "16,67%");
    EXPECT_EQ(i2->cells[0], "2");
    EXPECT_EQ(i2->depth, 1);
    ASSERT_TRUE(i2->number);
    EXPECT_NEAR(*i2->number, 16.6667, 1e-3);
    EXPECT_FALSE(i2->formula.empty());
    const auto* group = row(d, "I");
    ASSERT_NE(group, nullptr);
    EXPECT_TRUE(group->group);
    EXPECT_EQ(group->cells[1], "CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH");
    const auto* i21 = row(d, "I.2.1");
    ASSERT_NE(i21, nullptr);
    EXPECT_EQ(i21->depth, 2);
    EXPECT_FALSE(i21->computed);
    // The definition's own layout keeps the supplementary case-file breakdown.
    EXPECT_NE(row(d, "HS.1"), nullptr);
}

// A row whose figure is a sum explains itself in Ghi chú ("1.034" on time is early 717 + on
// time 317, which the narrative states as "đúng hạn 317"); a note the user wrote comes first,
// and a breakdown with a blank part is not printed half-filled.
TEST(Document, ARowsGeneratedNoteExplainsItsSumUnlessTheUserWroteOne) {
    const auto note_of = [](const ExportDocument& d) { return row(d, "III.3.1.2")->cells[4]; };
    EXPECT_EQ(note_of(document_of(seed(), nam_dinh(), nullptr)), "Trước hạn 717; đúng hạn 317");
    report::Report r = seed();
    r.values["III.3.1.2"].note = "Theo sổ theo dõi";
    EXPECT_EQ(note_of(document_of(r, nam_dinh(), nullptr)), "Theo sổ theo dõi");
    r = seed();
    r.values.erase("HS.4.1");
    EXPECT_EQ(note_of(document_of(r, nam_dinh(), nullptr)), "");
}

// The seed prints V.1 as two rows: its long heading with STT 1, and under it an unnumbered row
// with the figure and what makes it, "184/184 = 100%"; so do the other rates it prints that way.
TEST(Document, ACaptionedRateIsTwoRowsAndARateShowsItsParts) {
    const auto p = profile("plugins/cchc/profiles/cchc-nam-dinh-phu-luc-2.xml");
    const auto d = document_of(seed(), nam_dinh(), &p);
    const auto it = std::find_if(d.appendix.rows.begin(), d.appendix.rows.end(),
                                 [](const AppendixRow& r) { return r.code == "V.1"; });
    ASSERT_NE(it, d.appendix.rows.end());
    ASSERT_NE(it, d.appendix.rows.begin());
    const AppendixRow& caption = *(it - 1);
    EXPECT_TRUE(caption.heading);
    EXPECT_EQ(caption.cells[0], "1");
    EXPECT_EQ(caption.cells[1].rfind("Tỷ lệ sử dụng văn bản điện tử của địa phương (", 0), 0u) << caption.cells[1];
    EXPECT_EQ(caption.cells[3], "");
    EXPECT_EQ(it->cells[0], "");
    EXPECT_EQ(it->cells[1], "Tỷ lệ sử dụng văn bản điện tử của UBND cấp xã");
    EXPECT_EQ(it->cells[3], "184/184 = 100%");
    ASSERT_TRUE(it->parts);
    EXPECT_EQ(it->parts->first, 184);
    EXPECT_EQ(row(d, "V.2.1")->cells[3], "27/101 = 26,73%");
    EXPECT_EQ(row(d, "I.2")->cells[3], "16,67%");  // printed as the seed prints it: the rate alone
    EXPECT_TRUE(d.appendix.keeps_with_next(static_cast<std::size_t>(it - 1 - d.appendix.rows.begin())));
}

// The label's level comes from the definition's structure, not from dots in the printed STT:
// the form writes "1.1." and "2." with a trailing dot where their siblings have none.
TEST(Document, ALabelsLevelIsItsPlaceInTheGroup) {
    const auto d = document_of(seed(), nam_dinh(), nullptr);
    for (const auto& [code, stt, depth] : {std::tuple{"II.1.1", "1.1.", 2}, std::tuple{"II.2", "2.", 1},
                                           std::tuple{"II.3", "3", 1}, std::tuple{"III.3.1.2", "3.1.2", 3}}) {
        SCOPED_TRACE(code);
        const auto* r = row(d, code);
        ASSERT_NE(r, nullptr);
        EXPECT_EQ(r->cells[0], stt);  // printed as the form has it
        EXPECT_EQ(r->depth, depth);
    }
}

TEST(Document, DistrictProfileReproducesTheSeedsAppendix) {
    const auto p = profile("plugins/cchc/profiles/cchc-nam-dinh-phu-luc-2.xml");
    const auto d = document_of(seed(), nam_dinh(), &p);
    EXPECT_EQ(row(d, "HS.1"), nullptr);  // the seed's Phụ lục 2 has no case-file breakdown
    EXPECT_EQ(d.appendix.subtitle,
              "(Ban hành kèm theo Báo cáo số 09/BC-UBND ngày 08/3/2024 của UBND xã Phương Định)");
    ASSERT_EQ(d.appendix.columns.size(), 5u);
    EXPECT_EQ(d.appendix.columns[1].heading.vi,
              "Chỉ tiêu thống kê (Sử dụng trong kỳ báo cáo hàng quý, 6 tháng, năm)");
    // Every row of the seed's table, in its order.
    std::vector<std::string> codes;
    for (const auto& r : d.appendix.rows) codes.push_back(r.code);
    const auto first = std::find(codes.begin(), codes.end(), "I");
    const auto next = std::find(codes.begin(), codes.end(), "I.1");
    ASSERT_NE(first, codes.end());
    EXPECT_EQ(next, first + 1);
}

TEST(Document, ProvinceProfileUsesItsOwnNumberingAndOrder) {
    const auto type = definition("plugins/cchc/cchc-ninh-binh-2025.xml");
    report::Report r = report::new_report(*type, *report::Period::parse("2025-Q3"),
                                          report::UnitInfo{"Phương Định", "xã", "", "", "Ninh Bình", {}, ""});
    r.values["I.1"] = {"5", "gồm 2 kế hoạch"};
    const auto p = profile("plugins/cchc/profiles/cchc-ninh-binh-bieu-01.xml");
    const auto d = document_of(r, type, &p);
    ASSERT_FALSE(d.appendix.rows.empty());
    EXPECT_EQ(d.appendix.rows[0].code, "I");
    EXPECT_EQ(d.appendix.rows[0].cells[0], "A");
    EXPECT_EQ(d.appendix.rows[0].cells[1], "I");  // the code column
    const auto* i1 = row(d, "I.1");
    ASSERT_NE(i1, nullptr);
    EXPECT_EQ(i1->cells[4], "5");
    EXPECT_EQ(i1->cells[5], "gồm 2 kế hoạch");
    EXPECT_NE(row(d, "HS.1"), nullptr);
    EXPECT_TRUE(d.print_justifications);
    EXPECT_EQ(d.header.parent_body, "");
}

TEST(Document, JustificationsOfAcceptedWarningsAreCarried) {
    const auto type = nam_dinh();
    report::Report r = seed();
    auto ev = validate::Evaluation::create(type);
    ev->load(r);
    auto findings = validate::validate(*ev, r);
    auto it = std::find_if(findings.findings.begin(), findings.findings.end(),
                           [](const validate::Finding& f) { return f.severity == schema::Severity::Warning; });
    ASSERT_NE(it, findings.findings.end());
    it->justification = "Đã đối chiếu với sổ theo dõi";
    const auto d = build_document(r, *ev, findings, nullptr);
    ASSERT_EQ(d.justifications.size(), 1u);
    EXPECT_EQ(d.justifications[0].text, "Đã đối chiếu với sổ theo dõi");
    EXPECT_EQ(d.justifications[0].rule, it->rule);
}

TEST(Document, FileNamesNeverBecomePaths) {
    report::Report r = seed();
    EXPECT_EQ(file_name_for(nullptr, r, "docx"), "cchc_Phuong-Dinh_2024-Q1.docx");
    RecipientProfile p;
    p.file_name = "../{unit}/x";
    EXPECT_EQ(file_name_for(&p, r, "pdf"), "-Phương Định-x.pdf");
    r.amendment = 2;
    EXPECT_EQ(file_name_for(nullptr, r, "xml"), "cchc_Phuong-Dinh_2024-Q1_sua-doi-2.xml");
}

}  // namespace
}  // namespace rb::exporting
