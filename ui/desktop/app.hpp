#pragma once
// The program around the main window: command-line options, language, plugin discovery, the
// first idle moment (timing, --screenshot, --exit-when-idle) and a test-only script hook.
#include <wx/app.h>
#include <wx/timer.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "base/result.hpp"

namespace rb::desktop {

class MainFrame;

struct Options {
    std::vector<std::string> files;
    std::string lang;  // "vi", "en"; empty: settings, REPORTBENCH_LANG, then Vietnamese
    std::string screenshot;
    bool exit_when_idle = false;
    std::string workspace;
    std::vector<std::string> plugin_paths;
    bool help = false;
    bool version = false;
};

// reportbench [FILE...] [--lang vi|en] [--screenshot PNG --exit-when-idle] [--workspace DIR]
//             [--plugin-path DIR]...
Result<Options> parse_options(const std::vector<std::string>& args);
std::string usage_text();

// When the process started, for the start-up time printed with REPORTBENCH_TIMING=1.
void mark_start();
double ms_since_start();

class DesktopApp : public wxApp {
public:
    explicit DesktopApp(Options options) : options_(std::move(options)) {}
    bool OnInit() override;
    int OnRun() override;

private:
    void on_first_idle();
    void run_test_script(const std::string& path);
    void finish(int code);

    Options options_;
    MainFrame* frame_ = nullptr;
    std::unique_ptr<wxTimer> exit_timer_;
    bool idle_seen_ = false;
    int exit_code_ = 0;
};

}  // namespace rb::desktop
