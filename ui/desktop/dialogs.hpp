#pragma once
// The shell's dialogs. Each validates inside itself and shows its own errors in place (never a
// second modal box), so that tests can drive them through their real controls.
#include <wx/button.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/gauge.h>
#include <wx/radiobut.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "migrate/migrate.hpp"
#include "plugin/registry.hpp"
#include "report/report.hpp"
#include "report/unit_profile.hpp"
#include "session/edit_session.hpp"
#include "session/journal.hpp"
#include "session/workspace.hpp"

class wxListCtrl;

namespace rb::desktop {

// The new-report wizard: kind, edition, period and unit, or a new period carried over from a
// previous report; and the file it is created as in the workspace.
class NewReportDialog : public wxDialog {
public:
    NewReportDialog(wxWindow* parent, const plugin::Registry& registry, const session::Workspace& workspace,
                    const std::optional<report::UnitProfile>& profile);

    const report::Report& result() const { return result_; }
    const std::string& path() const { return path_; }
    const std::optional<report::Report>& previous() const { return previous_; }

    // The controls, for tests that drive the dialog as a user would.
    wxRadioButton* fresh_button() { return fresh_; }
    wxRadioButton* carry_button() { return carry_; }
    wxChoice* kind_choice() { return kind_; }
    wxChoice* edition_choice() { return edition_; }
    wxSpinCtrl* year_control() { return year_; }
    wxChoice* period_choice() { return period_; }
    wxTextCtrl* unit_control() { return unit_; }
    wxChoice* previous_choice() { return previous_choice_; }
    wxTextCtrl* path_control() { return path_ctrl_; }
    wxStaticText* error_text() { return error_; }

private:
    void fill_editions();
    void fill_periods();
    void update_mode();
    void suggest_path();
    bool build();
    std::optional<report::Period> chosen_period() const;

    const plugin::Registry& registry_;
    const session::Workspace& workspace_;
    std::optional<report::UnitProfile> profile_;
    std::vector<std::string> kind_ids_;
    std::vector<std::string> edition_ids_;
    std::vector<std::string> period_suffixes_;  // "Q1", "H1", "9M", "" (year)
    std::vector<std::string> previous_paths_;
    wxRadioButton *fresh_ = nullptr, *carry_ = nullptr;
    wxChoice *kind_ = nullptr, *edition_ = nullptr, *period_ = nullptr, *previous_choice_ = nullptr;
    wxSpinCtrl* year_ = nullptr;
    wxTextCtrl *unit_ = nullptr, *parent_ = nullptr, *province_ = nullptr, *path_ctrl_ = nullptr;
    wxStaticText* error_ = nullptr;
    bool path_edited_ = false;
    bool suggesting_ = false;
    report::Report result_;
    std::string path_;
    std::optional<report::Report> previous_;
};

// The commune's details, stored once and applied to every new report.
class UnitProfileDialog : public wxDialog {
public:
    UnitProfileDialog(wxWindow* parent, const report::UnitProfile& initial);
    const report::UnitProfile& profile() const { return profile_; }

private:
    report::UnitProfile profile_;
    std::map<std::string, wxTextCtrl*> fields_;
    wxStaticText* error_ = nullptr;
};

// Loaded plugins with versions and report types; failed ones with their reasons; conflicts.
class PluginDialog : public wxDialog {
public:
    PluginDialog(wxWindow* parent, const plugin::Registry& registry);
};

// Formats and recipient profiles of the core's export; progress; "open folder" at the end.
// What a report was last exported as, in this run of the program (the export dialog records it).
struct LastExport {
    std::string format, profile, folder;
};
const LastExport* last_export(const std::string& report_path);
// File → Export again: the same format, recipient's layout and folder as last time, no dialog.
// The written file, or why not (never exported in this run, the folder gone, the export's error).
Result<std::string> export_again(const plugin::Registry& registry, const session::EditSession& session);

class ExportDialog : public wxDialog {
public:
    ExportDialog(wxWindow* parent, const plugin::Registry& registry, const session::EditSession& session,
                 const std::string& folder);
    // Runs the export with the current choices (what the Export button does); the written file
    // or the error.
    Result<std::string> run_export();
    wxChoice* format_choice() { return format_; }
    wxChoice* profile_choice() { return profile_; }
    wxTextCtrl* folder_control() { return folder_; }

private:
    void fill_profiles();
    std::string chosen_profile() const;  // empty: the definition's own layout

    const plugin::Registry& registry_;
    const session::EditSession& session_;
    std::vector<std::string> format_ids_;
    std::vector<std::string> profile_ids_;
    wxChoice *format_ = nullptr, *profile_ = nullptr;
    wxTextCtrl* folder_ = nullptr;
    wxGauge* gauge_ = nullptr;
    wxStaticText* status_ = nullptr;
    wxButton *export_ = nullptr, *open_folder_ = nullptr;
    std::string written_;
};

// Report → Carry into another edition: the editions of the report's type, what would carry
// over, move or need attention (migrate::migrate's summary), and the new file's name (beside the
// original unless a path is typed, never over an existing file). The report shown is never changed.
class MigrateDialog : public wxDialog {
public:
    MigrateDialog(wxWindow* parent, const plugin::Registry& registry, const report::Report& report,
                  const std::string& path);
    // After wxID_OK: the new report and where to write it.
    const std::optional<migrate::Migrated>& result() const { return result_; }
    const std::string& path() const { return path_chosen_; }

    wxChoice* edition_choice() { return edition_; }
    wxTextCtrl* path_control() { return path_; }
    wxListCtrl* items_list() { return items_; }
    wxStaticText* summary_text() { return summary_; }
    wxStaticText* detail_text() { return detail_; }
    wxStaticText* error_text() { return error_; }

private:
    void preview();
    void show_detail(long row);
    bool accept();

    const plugin::Registry& registry_;
    const report::Report& old_;
    std::string old_path_;
    std::filesystem::path folder_;  // the original's: where a plain file name is saved
    schema::ReportTypePtr from_;
    std::vector<schema::ReportTypePtr> editions_;
    wxChoice* edition_ = nullptr;
    wxTextCtrl* path_ = nullptr;
    wxListCtrl* items_ = nullptr;
    wxStaticText *summary_ = nullptr, *detail_ = nullptr, *error_ = nullptr;
    wxButton* ok_ = nullptr;
    std::vector<std::size_t> listed_;  // the summary's items shown, by row
    bool path_edited_ = false;
    bool suggesting_ = false;
    std::optional<migrate::Migrated> result_;
    std::string path_chosen_;
};

// The user's reason for accepting one warning, shown with the warning and where it points.
// An empty reason is refused in place.
class JustifyDialog : public wxDialog {
public:
    JustifyDialog(wxWindow* parent, const std::string& warning, const std::string& place, const std::string& initial);
    std::string text() const;
    wxTextCtrl* text_control() { return text_; }
    wxStaticText* error_text() { return error_; }

private:
    wxTextCtrl* text_ = nullptr;
    wxStaticText* error_ = nullptr;
};

// Journals left by a run that crashed: recover the checked ones, delete them, or decide later.
// ShowModal returns wxID_OK (recover), wxID_DELETE (delete) or wxID_CANCEL (later).
class RecoveryDialog : public wxDialog {
public:
    RecoveryDialog(wxWindow* parent, const std::vector<session::Recovery>& pending);
    std::vector<std::size_t> checked() const;
    wxCheckListBox* list() { return list_; }

private:
    wxCheckListBox* list_ = nullptr;
};

}  // namespace rb::desktop
