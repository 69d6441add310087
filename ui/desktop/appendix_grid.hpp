#pragma once
// The appendix as a grid generated from the definition: one row per group title and per
// indicator (STT, indicator, unit, value, note). Computed rows are read-only on a tinted
// background, headings bold, cells with findings tinted with the message as tooltip; yes/no and
// choice indicators edit through a drop-down. What the user types goes to EditSession as typed;
// the grid shows the core's display text.
#include <wx/grid.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "session/edit_session.hpp"

namespace rb::desktop {

class AppendixTable;

class AppendixGrid : public wxGrid {
public:
    enum Column { kStt = 0, kLabel, kUnit, kValue, kNote, kColumns };
    // Called with an indicator code, the column (kValue or kNote) and what was typed.
    using EditHandler = std::function<void(const std::string& code, int column, const std::string& typed)>;

    AppendixGrid(wxWindow* parent, session::EditSession& session, EditHandler on_edit);

    // After an edit, undo or redo: findings may have moved anywhere, so all marks are redone.
    void refresh_findings();
    // The row of an indicator, if it has one.
    std::optional<int> row_of(const std::string& code) const;
    std::string code_at(int row) const;
    void go_to(const std::string& code);

private:
    void on_motion(wxMouseEvent& e);
    void layout_columns();

    AppendixTable* table_ = nullptr;
    int tooltip_row_ = -1;
};

}  // namespace rb::desktop
