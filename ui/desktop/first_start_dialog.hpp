#pragma once
// The first start: the workspace is empty, so the sample workspace is offered (one finished
// report of each installed kind) before the commune starts its own.
#include <wx/button.h>
#include <wx/dialog.h>

#include <string>
#include <vector>

#include "session/sample_workspace.hpp"

namespace rb::desktop {

// A folder or file as shown to the user: "~/ReportBench" for one in the home folder.
std::string display_folder(const std::string& folder);

// ShowModal returns wxID_OK ("open the sample workspace") or wxID_CANCEL ("start empty").
class FirstStartDialog : public wxDialog {
public:
    FirstStartDialog(wxWindow* parent, const std::string& folder, const std::vector<session::Sample>& samples);
    wxButton* samples_button() { return samples_; }
    wxButton* empty_button() { return empty_; }

private:
    wxButton* samples_ = nullptr;
    wxButton* empty_ = nullptr;
};

}  // namespace rb::desktop
