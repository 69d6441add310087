// The receiving office's window, for real: six communes' submissions (one with a figure ten
// times the others), a commune that sent two different files, and one that sent nothing; the
// totals, the drill-down, the inputs and the problems; the consolidated table opened as a
// report in the main window.
#include <wx/listctrl.h>

#include <algorithm>

#include "consolidation_frame.hpp"
#include "export/submission/submission.hpp"
#include "gui_test_support.hpp"
#include "report/report.hpp"
#include "validate/evaluation.hpp"
#include "validate/findings.hpp"

namespace rb::test {
namespace {

using desktop::ConsolidationFrame;

class Consolidation : public GuiTest {
protected:
    // The seed report as another commune's submission, with its own figures.
    void submit(const std::string& file, const std::string& unit, const char* received, const char* plan,
                const char* done) {
        auto r = report::load(sample("cchc", "phuong-dinh-2024-q1.rbr").string());
        ASSERT_TRUE(r) << r.error();
        r->unit.name = unit;
        r->unit.code.clear();  // a made-up commune, not the seed's code
        r->values["HS.4.1"].value = received;
        r->values["I.2.1"].value = plan;
        r->values["I.2.2"].value = done;
        auto ev = validate::Evaluation::create(bundled_registry()->find(r->type_id, r->edition));
        ASSERT_TRUE(ev);
        ev->load(*r);
        const auto found = validate::validate(*ev, *r);
        fs::create_directories(dir_ / "inbox");
        std::ofstream(dir_ / "inbox" / file, std::ios::binary)
            << exporting::submission_to_xml(exporting::make_submission(*r, *ev, found));
    }
    static std::string item(wxListCtrl* list, long row, int column) {
        return desktop::utf8(list->GetItemText(row, column));
    }
    static long find_row(wxListCtrl* list, const std::string& first_column) {
        for (long i = 0; i < list->GetItemCount(); ++i)
            if (item(list, i, 0) == first_column) return i;
        return -1;
    }
};

TEST_F(Consolidation, SubmissionsBecomeTheDistrictTableWithDrillDownAndProblems) {
    // HS.4.1 of the five counted communes: 700 + 650 + 720 + 690 + 7.100 = 9.860.
    submit("a.xml", "Xã An", "700", "4", "1");
    submit("b.xml", "Xã Bình", "650", "6", "6");
    submit("c.xml", "Xã Cường", "720", "5", "5");
    submit("d.xml", "Xã Dũng", "690", "5", "3");
    submit("f.xml", "Xã Phúc", "7100", "5", "5");
    // Two different files for one commune: neither is counted.
    submit("e1.xml", "Xã Em", "710", "5", "5");
    submit("e2.xml", "Xã Em", "711", "5", "5");
    std::ofstream(dir_ / "phai-nop.txt") << "# Các xã phải nộp\nXã An\nXã Bình\nXã Cường\nXã Dũng\nXã Em\nXã Phúc\nXã Giang\n";

    auto* frame = make_frame();
    ConsolidationFrame* c = frame->show_consolidation();
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c, frame->show_consolidation()) << "one window at a time";
    ASSERT_TRUE(c->load_expected((dir_ / "phai-nop.txt").string())) << c->last_error();
    c->add_folder((dir_ / "inbox").string());
    pump(50);
    ASSERT_TRUE(c->result().has_value()) << c->last_error();
    const auto& res = c->result()->result;
    EXPECT_EQ(res.included, 5);
    // Xã Giang sent nothing; Xã Em's two files cancel each other out.
    ASSERT_EQ(res.missing.size(), 2u);
    EXPECT_NE(std::find(res.missing.begin(), res.missing.end(), "Xã Giang"), res.missing.end());
    EXPECT_NE(std::find(res.missing.begin(), res.missing.end(), "Xã Em"), res.missing.end());

    const std::string summary = label_text(c->summary());
    EXPECT_NE(summary.find("7 tệp, 5 được tính"), std::string::npos) << summary;
    EXPECT_NE(summary.find("thiếu 2 đơn vị"), std::string::npos) << summary;

    // Totals: a sum, and a ratio of the sums (20/25 = 80%), not the mean of the percentages.
    const long received = find_row(c->totals(), "HS.4.1");
    ASSERT_GE(received, 0);
    EXPECT_EQ(item(c->totals(), received, ConsolidationFrame::kTotValue), "9.860");
    EXPECT_EQ(item(c->totals(), received, ConsolidationFrame::kTotUnits), "5");
    const long ratio = find_row(c->totals(), "I.2");
    ASSERT_GE(ratio, 0);
    EXPECT_EQ(item(c->totals(), ratio, ConsolidationFrame::kTotValue), "80%");

    // Drill-down: the five communes counted, the far one marked.
    c->select_code("HS.4.1");
    pump(50);
    ASSERT_EQ(c->drill()->GetItemCount(), 5);
    const long phuc = find_row(c->drill(), "Phúc");
    const long phuc_full = phuc >= 0 ? phuc : find_row(c->drill(), "Xã Phúc");
    ASSERT_GE(phuc_full, 0);
    EXPECT_EQ(item(c->drill(), phuc_full, ConsolidationFrame::kDrillValue), "7.100");
    EXPECT_FALSE(item(c->drill(), phuc_full, ConsolidationFrame::kDrillNote).empty()) << "the outlier is marked";
    const long an = find_row(c->drill(), "Xã An") >= 0 ? find_row(c->drill(), "Xã An") : find_row(c->drill(), "An");
    ASSERT_GE(an, 0);
    EXPECT_TRUE(item(c->drill(), an, ConsolidationFrame::kDrillNote).empty());

    // Inputs and problems.
    EXPECT_EQ(c->input_list()->GetItemCount(), 7);
    int duplicates = 0;
    for (long i = 0; i < c->input_list()->GetItemCount(); ++i)
        if (item(c->input_list(), i, ConsolidationFrame::kInState) == "trùng đơn vị") ++duplicates;
    EXPECT_EQ(duplicates, 2);
    bool missing_listed = false;
    for (long i = 0; i < c->issue_list()->GetItemCount(); ++i)
        missing_listed |= item(c->issue_list(), i, ConsolidationFrame::kIssMessage).find("Giang") != std::string::npos;
    EXPECT_TRUE(missing_listed);
    c->SetSize(wxSize(1200, 760));
    capture_window(c, "consolidation-vi.png", 1000, 600);
    c->pages()->SetSelection(2);
    capture_window(c, "consolidation-problems-vi.png", 1000, 600);

    // The table as a report: opened in the main window, where every exporter applies.
    const fs::path out = dir_ / "ws" / "tong-hop.rbr";
    ASSERT_TRUE(c->open_as_report(out.string())) << c->last_error();
    pump(50);
    ASSERT_EQ(frame->view_count(), 1u);
    auto* v = frame->current_view();
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(cell(v, "HS.4.1"), "9.860");
    EXPECT_EQ(cell(v, "I.2"), "80%");
}

TEST_F(Consolidation, AFileThatIsNotASubmissionIsListedAndTheRestConsolidated) {
    submit("a.xml", "Xã An", "700", "4", "1");
    submit("b.xml", "Xã Bình", "650", "6", "6");
    std::ofstream(dir_ / "inbox" / "hong.xml") << "<submission><unclosed>";
    auto* frame = make_frame();
    ConsolidationFrame* c = frame->show_consolidation();
    c->add_folder((dir_ / "inbox").string());
    pump(50);
    ASSERT_TRUE(c->result().has_value()) << c->last_error();
    EXPECT_EQ(c->result()->result.included, 2);
    const long bad = find_row(c->input_list(), "hong.xml");
    ASSERT_GE(bad, 0);
    EXPECT_EQ(item(c->input_list(), bad, ConsolidationFrame::kInState), "không đọc được");
    const std::string reason = item(c->input_list(), bad, ConsolidationFrame::kInReason);
    EXPECT_NE(reason.find("hong.xml"), std::string::npos) << reason;
    EXPECT_EQ(reason.find(dir_.string()), std::string::npos) << "file names, not paths: " << reason;
    EXPECT_EQ(item(c->totals(), find_row(c->totals(), "HS.4.1"), ConsolidationFrame::kTotValue), "1.350");
}

}  // namespace
}  // namespace rb::test
