#pragma once
// The report's "History" page: every figure beside the previous period's and the same period
// a year before (from the unit's reports in the workspace, a merged commune's predecessors
// summed), and a chart of the selected indicator across the unit's periods. The figures come
// from core/history; this page only lays them out and draws the chart.
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/stattext.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "history/history.hpp"
#include "session/edit_session.hpp"

namespace rb::desktop {

// A bar per period, the open report's bar last and highlighted; a bar the history check flags
// is drawn in the warning colour.
class HistoryChart : public wxPanel {
public:
    explicit HistoryChart(wxWindow* parent);
    void set_series(std::string title, std::vector<history::SeriesPoint> points, bool last_is_outlier);
    const std::vector<history::SeriesPoint>& points() const { return points_; }
    bool last_is_outlier() const { return last_is_outlier_; }

private:
    void on_paint(wxPaintEvent& e);
    std::string title_;
    std::vector<history::SeriesPoint> points_;
    bool last_is_outlier_ = false;
};

class HistoryPanel : public wxPanel {
public:
    enum Column { kCode, kLabel, kNow, kPrevious, kPreviousChange, kYearAgo, kYearAgoChange };

    HistoryPanel(wxWindow* parent, const session::EditSession& session);
    // The unit's earlier reports, read when the report was opened (nullptr: no workspace).
    void set_context(std::shared_ptr<const history::Context> context);
    // Recomputes the comparison from the session's current values (after an edit).
    void refresh();
    void select_code(const std::string& code);
    const std::string& selected_code() const { return code_; }

    wxListCtrl* table() { return table_; }
    HistoryChart* chart() { return chart_; }
    wxStaticText* sources() { return sources_; }

private:
    void update_chart();

    const session::EditSession& session_;
    std::shared_ptr<const history::Context> context_;
    wxStaticText* sources_ = nullptr;
    wxListCtrl* table_ = nullptr;
    HistoryChart* chart_ = nullptr;
    std::vector<std::string> codes_;  // row → indicator code
    std::string code_;
};

}  // namespace rb::desktop
