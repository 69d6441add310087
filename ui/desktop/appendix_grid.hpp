#pragma once
// The appendix as a grid generated from the definition: one row per group title and per
// indicator (STT, indicator, unit, value, note). Computed rows are read-only on a tinted
// background, headings bold, cells with findings tinted with the message as tooltip; yes/no and
// choice indicators edit through a drop-down. What the user types goes to EditSession as typed;
// the grid shows the core's display text.
//
// The keyboard walks only through cells that take input, as in HTKK: Enter goes down to the
// next one in the column, Tab across (value, note, next row), the arrows skip headings and
// computed rows. A refused entry keeps the cursor and the typed text, with the reason in a note
// under the cell; typing where nothing can be entered says why in the same place. Nothing typed
// disappears without a word.
#include <wx/grid.h>
#include <wx/stattext.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "session/edit_session.hpp"

namespace rb::desktop {

class AppendixTable;

class AppendixGrid : public wxGrid {
public:
    enum Column { kStt = 0, kLabel, kUnit, kValue, kNote, kColumns };
    // Called with an indicator code, the column (kValue or kNote) and what was typed; returns
    // why it was refused, or nothing when it was taken.
    using EditHandler =
        std::function<std::string(const std::string& code, int column, const std::string& typed)>;
    enum class Move { Down, Up, Next, Previous };

    AppendixGrid(wxWindow* parent, session::EditSession& session, EditHandler on_edit);

    // After an edit, undo or redo: findings may have moved anywhere, so all marks are redone.
    void refresh_findings();
    // The row of an indicator, if it has one.
    std::optional<int> row_of(const std::string& code) const;
    std::string code_at(int row) const;
    void go_to(const std::string& code);

    // Whether the cell takes what is typed (a value or note of a row that is neither a heading
    // nor computed, in a report that is not locked); if not, why, in the user's words.
    bool takes_input(int row, int col) const;
    std::string why_no_input(int row, int col) const;
    // The next cell that takes input from (row, col) in that direction, if there is one.
    std::optional<std::pair<int, int>> next_input(int row, int col, Move m) const;
    // What Enter, Tab and the arrows do: commit the open editor (a refusal keeps the cursor and
    // the typed text), then move.
    void commit_and_move(Move m);

    // The note under a cell: a refusal or why a cell takes no input. Empty when none is shown.
    void show_cell_message(int row, int col, const std::string& text);
    void hide_cell_message();
    std::string cell_message() const;
    std::pair<int, int> cell_message_cell() const { return message_cell_; }

    // The table reports a refused entry here, whatever path committed it (Enter, a click
    // elsewhere, a save).
    void on_refused(int row, int col, const std::string& typed, const std::string& why);

private:
    void on_motion(wxMouseEvent& e);
    void on_key_down(wxKeyEvent& e);
    void on_char(wxKeyEvent& e);
    void on_editor_key(wxKeyEvent& e);
    void layout_columns();
    void reopen_with(int row, int col, const std::string& typed);

    AppendixTable* table_ = nullptr;
    int tooltip_row_ = -1;
    wxWindow* message_ = nullptr;
    wxStaticText* message_text_ = nullptr;
    std::pair<int, int> message_cell_{-1, -1};
    // Set while commit_and_move() commits: a refusal then reopens the editor instead of moving.
    bool committing_ = false;
    bool refused_ = false;
    std::string refused_text_;
};

}  // namespace rb::desktop
