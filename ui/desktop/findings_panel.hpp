#pragma once
// The findings of one report as a list: severity (icon and word), message, place. Activating an
// entry (double-click or Enter) asks the report view to go to the cell or the paragraph. A
// justified warning is greyed, with its reason after the message. Values not entered yet — a
// report being written has dozens — gather in one line after the other warnings, which Enter
// opens and closes. The list's API speaks of findings by their index in the session's result;
// rows are what is on screen.
#include <wx/listctrl.h>

#include <functional>
#include <optional>
#include <vector>

#include "session/edit_session.hpp"

namespace rb::desktop {

class FindingsList : public wxListCtrl {
public:
    using GoTo = std::function<void(std::size_t index)>;
    FindingsList(wxWindow* parent, const session::EditSession& session, GoTo go_to);

    // Re-reads the session's findings (a virtual list: cheap whatever their number).
    void refresh();
    std::size_t count() const;  // findings, shown or gathered
    // Selects finding `index` (and shows it, opening the gathered line if it is there) without
    // activating it.
    void select(std::size_t index);
    long selected() const;  // the selected finding; -1 for none or the gathered line
    // Rows on screen ↔ findings: -1 when the finding is inside the closed gathered line, or the
    // row is that line.
    long row_of(std::size_t index) const;
    long finding_at(long row) const;
    // The line gathering the values not entered yet: its row (-1 when there is none), open or not.
    long gathered_row() const;
    bool gathered_open() const { return open_; }
    void set_gathered_open(bool open);

    // Sorted by a column (a click on its heading; again reverses); -1 keeps the order of the
    // result (errors, then what is wrong, then what is not filled in yet).
    void sort_by(int column, bool ascending);
    int sort_column() const { return sort_column_; }
    // Only findings of this severity are listed (nullopt: all).
    void show_only(std::optional<schema::Severity> severity);
    // The finding after (or before) `from` among the rows listed, wrapping; -1 when none.
    long next_listed(long from, int direction) const;

    // Where a finding points, as a user reads it ("I.2.2 — STT 2.2", "Mục II.2").
    static std::string place_text(const session::EditSession& s, const validate::Finding& f);

private:
    wxString OnGetItemText(long item, long column) const override;
    int OnGetItemImage(long item) const override;
    wxItemAttr* OnGetItemAttr(long item) const override;

    void rebuild_rows();

    const session::EditSession& session_;
    GoTo go_to_;
    mutable wxItemAttr accepted_attr_;
    mutable wxItemAttr gathered_attr_;
    std::vector<long> rows_;  // finding index per row; kGathered for the gathered line
    std::size_t gathered_ = 0;  // how many findings the gathered line holds
    bool open_ = false;
    int sort_column_ = -1;
    bool ascending_ = true;
    std::optional<schema::Severity> only_;
    static constexpr long kGathered = -1;
};

}  // namespace rb::desktop
