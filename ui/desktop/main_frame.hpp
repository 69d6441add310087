#pragma once
// The main window: the workspace (reports by kind and period) on the left, the open reports in
// tabs, menus, toolbar and status bar. It owns the journal: every few seconds, and when the
// window loses focus, the unsaved state of every open report is written aside; at start the
// journals of a crashed run are offered back.
#include <wx/frame.h>
#include <wx/infobar.h>
#include <wx/splitter.h>
#include <wx/notebook.h>
#include <wx/timer.h>
#include <wx/treectrl.h>

#include <memory>
#include <string>
#include <vector>

#include "plugin/registry.hpp"
#include "report_view.hpp"
#include "session/journal.hpp"
#include "session/settings.hpp"
#include "session/workspace.hpp"

class wxStaticText;
class wxMenu;

namespace rb::desktop {

class ConsolidationFrame;

// Menu and toolbar commands (tests post them as a user's menu choice would).
enum CommandId : int {
    kIdExport = wxID_HIGHEST + 1,
    kIdNextFinding,
    kIdPrevFinding,
    kIdDraft,
    kIdPageNarrative,
    kIdPageAppendix,
    kIdPageHeader,
    kIdRefreshWorkspace,
    kIdChooseWorkspace,
    kIdUnitProfile,
    kIdPlugins,
    kIdLangVi,
    kIdLangEn,
    kIdFocusWorkspace,
    kIdMarkComplete,
    kIdBackToDraft,
    kIdSubmit,
    kIdAmend,
    kIdJustify,
    kIdAddSamples,
    kIdPageHistory,
    kIdConsolidate,
    kIdMigrate,
    kIdExportAgain,
    kIdRecentBase,  // kIdRecentBase + i for the i-th recent file
};

struct ShellOptions {
    std::shared_ptr<const plugin::Registry> registry;
    std::string workspace;      // empty: the settings' folder, else ~/ReportBench
    std::string journal_dir;    // empty: Journal::default_dir()
    std::string settings_path;  // empty: Settings::default_path()
    int autosave_ms = 3000;
    // No modal message boxes (--exit-when-idle runs, benchmarks): problems go to standard error.
    bool unattended = false;
};

class MainFrame : public wxFrame {
public:
    explicit MainFrame(ShellOptions options);
    ~MainFrame() override;

    // Opens a report (or shows it when already open). Failures are shown and give nullptr.
    ReportView* open_file(const std::string& path);
    ReportView* add_session(std::unique_ptr<session::EditSession> s);
    ReportView* current_view();
    std::size_t view_count() const;
    ReportView* view(std::size_t index);
    void select_view(ReportView* v);

    bool save(ReportView& v);
    bool save_as(ReportView& v);
    // With `ask`, unsaved changes are offered to be saved first; false when the user cancels.
    bool close_view(ReportView& v, bool ask = true);
    void autosave();
    // The recovery dialog, when journals of a run that crashed are waiting.
    void offer_recoveries();
    // The first start: with an empty workspace, never asked before, the sample workspace is
    // offered, then the unit-profile dialog when no unit profile is stored. Remembered in the
    // settings whatever the answer. True when the offer was made. The program calls it only
    // when started with no file to open and not unattended (see docs/desktop.md).
    bool offer_first_start();
    // Says above the reports, once for each new set of refused plugins, which plugin was refused
    // and why, with a button to the plugin list. Returns whether it said so.
    bool notice_refused_plugins();
    wxInfoBar* plugin_notice() const { return plugin_notice_; }
    const std::string& plugin_notice_text() const { return plugin_notice_text_; }
    // Tools → Add the sample reports: copies them into the workspace (never over a file).
    void add_samples();
    void new_report();
    void edit_unit_profile();
    void show_plugins();
    void export_current();
    // Report → Mark as submitted: with `ask`, a confirmation first (a submitted report is
    // locked). The file is saved at once, since the lock is a statement about the file.
    bool submit(ReportView& v, bool ask = true);
    // Report → Create an amendment: asks where to save it (beside the original by default).
    ReportView* create_amendment(ReportView& v);
    // The same without asking: the amendment is written to `path` and opened in a new tab.
    ReportView* create_amendment(ReportView& v, const std::string& path);
    // Report → Carry into another edition: the dialog, then the new report written where it
    // says and opened in a new tab (the original is left as it is).
    ReportView* migrate_report(ReportView& v);
    void refresh_workspace();
    // File → Consolidate the communes' reports: the receiving office's window (one at a time).
    ConsolidationFrame* show_consolidation();
    // Stops the autosave timer (benchmarks and tests that measure without it).
    void stop_autosave() { autosave_timer_.Stop(); }

    session::Journal& journal() { return *journal_; }
    const session::Workspace& workspace() const { return workspace_; }
    const plugin::Registry& registry() const { return *registry_; }
    wxTreeCtrl* workspace_tree() { return tree_; }
    wxNotebook* notebook() { return notebook_; }
    session::Settings& settings() { return settings_; }
    void set_status(const std::string& message);
    // File → Export again: as last time, no dialog; the status bar names the file.
    void export_again_current();
    // A tab names the report by unit, period and kind; its tooltip gives the kind and file.
    static std::string tab_label(const session::EditSession& s);
    std::string tab_tooltip(std::size_t i);

private:
    void build_menus();
    void build_toolbar();
    void rebuild_recent_menu();
    void on_view_changed(ReportView& v);
    void update_status();
    void on_close(wxCloseEvent& e);
    void on_tree_activated(wxTreeEvent& e);
    void open_dialog();
    void choose_workspace();
    void set_language(const std::string& code);
    void remember(const std::string& path);
    void save_settings();
    // The size the user left, or the default, never larger than the screen's work area.
    void fit_to_screen();

    ShellOptions options_;
    std::shared_ptr<const plugin::Registry> registry_;
    std::unique_ptr<session::Journal> journal_;
    session::Settings settings_;
    session::Workspace workspace_;
    wxTreeCtrl* tree_ = nullptr;
    wxSplitterWindow* split_ = nullptr;
    wxStaticText* workspace_label_ = nullptr;
    wxNotebook* notebook_ = nullptr;
    wxInfoBar* plugin_notice_ = nullptr;
    std::string plugin_notice_text_;  // what it says, when shown
    wxPanel* welcome_ = nullptr;
    wxMenu* recent_menu_ = nullptr;
    wxTimer autosave_timer_;
    ConsolidationFrame* consolidation_ = nullptr;
};

}  // namespace rb::desktop
