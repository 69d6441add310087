#pragma once
// The receiving office's window: the communes' submission files go in, the consolidated table
// comes out, with who submitted and who did not, what was excluded and why, and each total's
// drill-down to the communes it came from (outliers marked). Everything is computed by
// core/consolidate; the consolidated table opens as a report so every exporter and recipient
// profile applies to it.
#include <wx/frame.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/stattext.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "consolidate/files.hpp"
#include "plugin/registry.hpp"

namespace rb::desktop {

class ConsolidationFrame : public wxFrame {
public:
    enum TotalColumn { kTotCode, kTotLabel, kTotUnit, kTotValue, kTotUnits };
    enum DrillColumn { kDrillUnit, kDrillValue, kDrillFile, kDrillNote };
    enum InputColumn { kInFile, kInUnit, kInState, kInErrors, kInWarnings, kInReason };
    enum IssueColumn { kIssSeverity, kIssKind, kIssUnit, kIssMessage };
    using OpenReport = std::function<void(const std::string& path)>;

    ConsolidationFrame(wxWindow* parent, std::shared_ptr<const plugin::Registry> registry, OpenReport open_report,
                       bool unattended = false);

    // The same paths the buttons take (the file dialogs only choose the paths).
    void add_files(const std::vector<std::string>& paths);
    void add_folder(const std::string& folder);
    bool load_expected(const std::string& path);  // false: the reason is shown
    void clear_inputs();
    // Saves the consolidated table as a report file and opens it in the main window.
    bool open_as_report(const std::string& path);
    void select_code(const std::string& code);

    const std::optional<consolidate::FilesResult>& result() const { return result_; }
    const std::vector<std::string>& inputs() const { return paths_; }
    wxListCtrl* totals() { return totals_; }
    wxListCtrl* drill() { return drill_; }
    wxListCtrl* input_list() { return inputs_; }
    wxListCtrl* issue_list() { return issues_; }
    wxStaticText* summary() { return summary_; }
    wxNotebook* pages() { return pages_; }
    const std::string& last_error() const { return last_error_; }

private:
    void recompute();
    void show_result();
    void show_drill(const std::string& code);
    void show_error(const std::string& message);
    std::string short_names(std::string message) const;
    void choose_files();
    void choose_folder();
    void choose_expected();
    void choose_report_path();

    std::shared_ptr<const plugin::Registry> registry_;
    OpenReport open_report_;
    bool unattended_ = false;
    std::vector<std::string> paths_;
    std::vector<std::string> expected_;
    std::string expected_file_;
    std::optional<consolidate::FilesResult> result_;
    std::vector<std::string> total_codes_;  // row → indicator code
    std::string last_error_;

    wxStaticText* summary_ = nullptr;
    wxNotebook* pages_ = nullptr;
    wxListCtrl* totals_ = nullptr;
    wxListCtrl* drill_ = nullptr;
    wxStaticText* drill_title_ = nullptr;
    wxListCtrl* inputs_ = nullptr;
    wxListCtrl* issues_ = nullptr;
};

}  // namespace rb::desktop
