#pragma once
// The desktop's few preferences, kept in <user data dir>/settings.ini as "key=value" lines:
// the workspace folder, the interface language (applied at the next start) and the recently
// opened files, whether the first-start offer was already made, and the window's size and panes
// as the user left them (device-independent pixels; 0 means "not set": the defaults apply).
#include <string>
#include <vector>

#include "base/result.hpp"

namespace rb::session {

struct Settings {
    std::string workspace;             // empty: Workspace::default_folder()
    std::string language;              // "vi", "en" or empty (Vietnamese)
    std::vector<std::string> recent;   // most recent first
    bool first_start_done = false;     // the sample workspace was offered once (accepted or not)
    int window_width = 0, window_height = 0;
    bool window_maximized = false;
    int workspace_width = 0;           // the workspace list beside the reports
    int findings_height = 0;           // the findings under a report
    std::string refused_plugins;       // Registry::failures_fingerprint() last told at start
    static constexpr std::size_t kMaxRecent = 8;

    static std::string default_path();  // <user data dir>/settings.ini
    // A missing file gives the defaults; unknown keys are ignored.
    static Settings load(const std::string& path = default_path());
    rb::Status save(const std::string& path = default_path()) const;
    void add_recent(const std::string& file);
};

}  // namespace rb::session
