// The History page and the check against the unit's past, in the real window: a report of
// 2025-Q1 opened from a workspace that holds the unit's four earlier quarters.
#include <wx/listctrl.h>

#include "gui_test_support.hpp"
#include "report/report.hpp"

namespace rb::test {
namespace {

using desktop::ReportView;

class History : public GuiTest {
protected:
    // The seed report moved to `period` with HS.4.1 = `received`, saved in the workspace.
    fs::path make(const char* period, const char* value) {
        auto r = report::load(sample("cchc", "phuong-dinh-2024-q1.rbr").string());
        EXPECT_TRUE(r) << r.error();
        r->period = *report::Period::parse(period);
        std::tie(r->window_from, r->window_to) = r->period.default_window();
        r->values["HS.4.1"].value = value;
        const fs::path to = dir_ / "ws" / (std::string(period) + ".rbr");
        EXPECT_TRUE(report::save(*r, to.string()));
        return to;
    }
    static bool has_finding(ReportView* v, const std::string& key) {
        for (const auto& f : v->session().findings().findings)
            if (f.key == key) return true;
        return false;
    }
    static std::string item(wxListCtrl* table, const std::string& code, int column) {
        for (long i = 0; i < table->GetItemCount(); ++i)
            if (desktop::utf8(table->GetItemText(i, 0)) == code) return desktop::utf8(table->GetItemText(i, column));
        return "<no row " + code + ">";
    }
};

TEST_F(History, TheHistoryPageComparesAndChartsAndAFigureFarFromThePastIsFlagged) {
    make("2024-Q1", "600");
    make("2024-Q2", "702");
    make("2024-Q3", "690");
    make("2024-Q4", "731");
    const fs::path now = make("2025-Q1", "7170");
    auto* frame = make_frame();
    ReportView* v = frame->open_file(now.string());
    ASSERT_NE(v, nullptr);
    EXPECT_TRUE(has_finding(v, "history.outlier:HS.4.1"));

    // The grid's row is the page's indicator; Ctrl+4 brings the page up.
    v->show_page(ReportView::Page::Appendix);
    pump();
    v->grid()->go_to("HS.4.1");
    pump();
    menu(frame, desktop::kIdPageHistory);
    pump(100);
    ASSERT_EQ(v->page(), ReportView::Page::History);
    auto* h = v->history();
    EXPECT_EQ(h->selected_code(), "HS.4.1");
    using P = desktop::HistoryPanel;
    EXPECT_EQ(item(h->table(), "HS.4.1", P::kNow), "7.170");
    EXPECT_EQ(item(h->table(), "HS.4.1", P::kPrevious), "731");
    EXPECT_EQ(item(h->table(), "HS.4.1", P::kPreviousChange), "+6.439 (+880,85%)");
    EXPECT_EQ(item(h->table(), "HS.4.1", P::kYearAgo), "600");
    const auto& points = h->chart()->points();
    ASSERT_EQ(points.size(), 5u);
    EXPECT_EQ(points.front().period.code(), "2024-Q1");
    EXPECT_EQ(*points.back().number, 7170);
    EXPECT_TRUE(h->chart()->last_is_outlier());
    capture_window(frame, "history-vi.png", 1000, 700);

    // The slip corrected: the warning goes, the page and the chart follow.
    type_value(v, "HS.4.1", "717");
    EXPECT_FALSE(has_finding(v, "history.outlier:HS.4.1"));
    menu(frame, desktop::kIdPageHistory);
    pump(100);
    EXPECT_EQ(item(h->table(), "HS.4.1", P::kNow), "717");
    EXPECT_EQ(item(h->table(), "HS.4.1", P::kPreviousChange), "−14 (−1,92%)");
    EXPECT_FALSE(h->chart()->last_is_outlier());
    EXPECT_EQ(*h->chart()->points().back().number, 717);
    // Undo brings the slip and its warning back.
    v->undo();
    pump();
    EXPECT_TRUE(has_finding(v, "history.outlier:HS.4.1"));
}

TEST_F(History, AReportWithNoEarlierPeriodsSaysSo) {
    const fs::path now = make("2025-Q1", "700");
    auto* frame = make_frame();
    ReportView* v = frame->open_file(now.string());
    ASSERT_NE(v, nullptr);
    v->show_page(ReportView::Page::History);
    pump(100);
    const std::string sources = label_text(v->history()->sources());
    EXPECT_NE(sources.find("Quý IV năm 2024: không có báo cáo"), std::string::npos) << sources;
    EXPECT_EQ(item(v->history()->table(), "HS.4.1", desktop::HistoryPanel::kPrevious), "—");
    EXPECT_EQ(v->history()->chart()->points().size(), 1u);
}

}  // namespace
}  // namespace rb::test
