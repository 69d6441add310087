#pragma once
// One open report, generated from its definition (no screen is made by hand for a report
// kind): the narrative as a section tree beside an editor with the section's guidance and an
// "insert draft" action, the appendix grid, the document header as a form, and the findings
// under them. Every edit goes to the EditSession; the view then shows what changed. A locked
// report (submitted, or of a newer format) is shown read-only with the reason above it.
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/infobar.h>
#include <wx/notebook.h>
#include <wx/panel.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/treectrl.h>

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "appendix_grid.hpp"
#include "findings_panel.hpp"
#include "history_panel.hpp"
#include "session/edit_session.hpp"

namespace rb::desktop {

class ReportView : public wxPanel {
public:
    enum class Page { Narrative = 0, Appendix = 1, Header = 2, History = 3 };
    using Changed = std::function<void(ReportView&)>;

    ReportView(wxWindow* parent, std::unique_ptr<session::EditSession> session, Changed on_changed);

    session::EditSession& session() { return *session_; }
    const session::EditSession& session() const { return *session_; }

    // The same paths the controls take, for menus and keyboard shortcuts.
    void undo();
    void redo();
    bool edit_value(const std::string& code, const std::string& typed);  // false: refused, message shown
    void go_to_finding(std::size_t index);
    void next_finding(int direction);  // +1 / -1, wrapping; false when there is none
    void insert_draft();
    // The document status through the session; a refusal is shown in the message bar.
    bool set_status(report::Status to);
    // Asks for the reason of the warning at `index` in the findings (a dialog) and stores it.
    void justify(std::size_t index);
    void justify_selected();
    bool remove_justification(std::size_t index);
    // Why the finding at `index` cannot be justified now; empty when it can.
    std::string why_not_justifiable(std::size_t index) const;
    void show_page(Page p);
    Page page() const;
    void select_section(const std::string& id);
    const std::string& current_section() const { return section_; }
    // Pending text in a header field or an open grid editor is committed (before a save).
    void commit_pending_edits();
    void show_error(const std::string& message);
    void hide_error();
    // Re-reads everything from the session (after a recovery or an external change).
    void reload();
    // The unit's earlier reports from the workspace, for the History page.
    void set_history_context(std::shared_ptr<const history::Context> context);
    // The findings pane keeps this height (device-independent pixels) whatever the window's
    // size, up to a part of it; `on_resized` hears when the user drags it to another.
    void set_findings_height(int dip, std::function<void(int)> on_resized);
    int findings_height() const;

    AppendixGrid* grid() { return grid_; }
    wxTextCtrl* editor() { return editor_; }
    FindingsList* findings() { return findings_; }
    HistoryPanel* history() { return history_; }
    wxTreeCtrl* sections() { return tree_; }
    wxTextCtrl* header_control(session::HeaderField f) { return header_[f]; }
    wxInfoBar* info_bar() { return info_; }
    wxButton* justify_button() { return justify_button_; }
    wxChoice* severity_filter() { return severity_filter_; }
    wxButton* unjustify_button() { return unjustify_button_; }
    wxStaticText* lock_banner() { return lock_banner_; }
    wxStaticText* title_line() { return title_; }
    const std::string& last_error() const { return last_error_; }

private:
    wxWindow* make_narrative_page(wxWindow* parent);
    wxWindow* make_header_page(wxWindow* parent);
    void apply(const session::Change& c);
    void load_section_text();
    void load_header();
    void commit_header(session::HeaderField f);
    void update_title();
    void update_lock();
    void update_justify_buttons();
    void show_findings_menu(long item);
    void place_sash();

    std::unique_ptr<session::EditSession> session_;
    Changed on_changed_;
    wxInfoBar* info_ = nullptr;
    wxStaticText* title_ = nullptr;
    wxNotebook* pages_ = nullptr;
    wxSplitterWindow* split_ = nullptr;
    int findings_dip_ = 170;
    std::function<void(int)> on_findings_resized_;
    bool placing_sash_ = false;
    wxTreeCtrl* tree_ = nullptr;
    std::map<std::string, wxTreeItemId> section_items_;
    wxStaticText* section_title_ = nullptr;
    wxTextCtrl* guidance_ = nullptr;
    wxTextCtrl* editor_ = nullptr;
    wxButton* draft_button_ = nullptr;
    AppendixGrid* grid_ = nullptr;
    HistoryPanel* history_ = nullptr;
    FindingsList* findings_ = nullptr;
    wxStaticText* findings_label_ = nullptr;
    wxChoice* severity_filter_ = nullptr;
    wxButton* justify_button_ = nullptr;
    wxButton* unjustify_button_ = nullptr;
    wxStaticText* lock_banner_ = nullptr;
    int shown_lock_ = -1;  // the lock state the controls show: -1 none yet, 0 editable, 1 locked
    std::map<session::HeaderField, wxTextCtrl*> header_;
    std::string section_;
    std::string last_error_;
    bool loading_ = false;
};

}  // namespace rb::desktop
