#pragma once
// The desktop's few preferences, kept in <user data dir>/settings.ini as "key=value" lines:
// the workspace folder, the interface language (applied at the next start) and the recently
// opened files, and whether the first-start offer was already made.
#include <string>
#include <vector>

#include "base/result.hpp"

namespace rb::session {

struct Settings {
    std::string workspace;             // empty: Workspace::default_folder()
    std::string language;              // "vi", "en" or empty (Vietnamese)
    std::vector<std::string> recent;   // most recent first
    bool first_start_done = false;     // the sample workspace was offered once (accepted or not)
    static constexpr std::size_t kMaxRecent = 8;

    static std::string default_path();  // <user data dir>/settings.ini
    // A missing file gives the defaults; unknown keys are ignored.
    static Settings load(const std::string& path = default_path());
    rb::Status save(const std::string& path = default_path()) const;
    void add_recent(const std::string& file);
};

}  // namespace rb::session
