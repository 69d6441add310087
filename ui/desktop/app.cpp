#include "app.hpp"

#include <spdlog/spdlog.h>
#include <wx/image.h>
#include <wx/timer.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "base/logging.hpp"
#include "i18n/i18n.hpp"
#include "main_frame.hpp"
#include "screenshot.hpp"
#include "session/settings.hpp"
#include "wx_text.hpp"

// wx's headers bring <windows.h> on Windows, whose SearchPath macro would rename ours.
#ifdef SearchPath
#undef SearchPath
#endif

namespace rb::desktop {

namespace {

std::chrono::steady_clock::time_point g_start = std::chrono::steady_clock::now();

// wx asserts would open a modal box, which blocks unattended runs; they go to the log instead.
void log_assert(const wxString& file, int line, const wxString& func, const wxString& cond, const wxString& msg) {
    spdlog::warn("wx assertion {}:{} {}: {} {}", utf8(file), line, utf8(func), utf8(cond), utf8(msg));
}

i18n::Language choose_language(const Options& o) {
    i18n::Language lang = i18n::Language::Vietnamese;
    if (!o.lang.empty()) {
        i18n::parse_language(o.lang, lang);
        return lang;
    }
    if (const char* env = std::getenv("REPORTBENCH_LANG"); env && *env) {
        i18n::parse_language(env, lang);
        return lang;
    }
    const auto s = session::Settings::load();
    if (!s.language.empty()) i18n::parse_language(s.language, lang);
    return lang;
}

}  // namespace

void mark_start() { g_start = std::chrono::steady_clock::now(); }

double ms_since_start() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - g_start).count();
}

std::string usage_text() {
    return tr(
        "Cách dùng: reportbench [TỆP...] [--lang vi|en] [--workspace THƯ_MỤC] [--plugin-path THƯ_MỤC]...\n"
        "                   [--screenshot ẢNH.png --exit-when-idle]\n"
        "\n"
        "  TỆP                   các báo cáo (.rbr) mở sẵn khi khởi động\n"
        "  --lang vi|en          ngôn ngữ giao diện (mặc định: tiếng Việt)\n"
        "  --workspace THƯ_MỤC   thư mục chứa các báo cáo (mặc định: ~/ReportBench)\n"
        "  --plugin-path THƯ_MỤC thêm một thư mục plugin\n"
        "  --screenshot ẢNH.png  chụp cửa sổ chính khi đã sẵn sàng\n"
        "  --exit-when-idle      thoát khi cửa sổ đã sẵn sàng (sau khi chụp)\n"
        "  --version             in phiên bản rồi thoát\n");
}

Result<Options> parse_options(const std::vector<std::string>& args) {
    using R = Result<Options>;
    Options o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](const char* name) -> Result<std::string> {
            const std::string prefix = std::string(name) + "=";
            if (a.rfind(prefix, 0) == 0) return Result<std::string>::ok(a.substr(prefix.size()));
            if (i + 1 >= args.size()) return Result<std::string>::fail(trf("Tùy chọn {} cần một giá trị", name));
            return Result<std::string>::ok(args[++i]);
        };
        auto is = [&](const char* name) { return a == name || a.rfind(std::string(name) + "=", 0) == 0; };
        if (a == "--help" || a == "-h") {
            o.help = true;
        } else if (a == "--version") {
            o.version = true;
        } else if (is("--lang")) {
            auto v = value("--lang");
            if (!v) return R::fail(v.error());
            i18n::Language lang;
            if (!i18n::parse_language(*v, lang)) return R::fail(trf("Ngôn ngữ “{}” không được hỗ trợ; dùng vi hoặc en", *v));
            o.lang = lang == i18n::Language::English ? "en" : "vi";
        } else if (is("--screenshot")) {
            auto v = value("--screenshot");
            if (!v) return R::fail(v.error());
            o.screenshot = *v;
        } else if (a == "--exit-when-idle") {
            o.exit_when_idle = true;
        } else if (is("--workspace")) {
            auto v = value("--workspace");
            if (!v) return R::fail(v.error());
            o.workspace = *v;
        } else if (is("--plugin-path")) {
            auto v = value("--plugin-path");
            if (!v) return R::fail(v.error());
            o.plugin_paths.push_back(*v);
        } else if (a.size() > 1 && a[0] == '-' && a != "-") {
            return R::fail(trf("Không có tùy chọn “{}”.", a));
        } else {
            o.files.push_back(a);
        }
    }
    if (!o.screenshot.empty() && !o.exit_when_idle)
        return R::fail(tr("--screenshot cần đi cùng --exit-when-idle"));
    return R::ok(std::move(o));
}

bool DesktopApp::OnInit() {
    // With REPORTBENCH_TIMING set, where the start-up time goes is printed to standard error.
    const bool timing = std::getenv("REPORTBENCH_TIMING") != nullptr;
    auto phase = [timing](const char* what) {
        if (timing) std::fprintf(stderr, "reportbench: %-22s %7.1f ms\n", what, ms_since_start());
    };
    phase("toolkit started");
    wxSetAssertHandler(log_assert);
    // GTK's start-up has just set the locale from the environment; the core's choice comes last.
    i18n::set_language(choose_language(options_));
    logging::init("reportbench", false);
    wxInitAllImageHandlers();
    SetAppName("reportbench");

    auto registry = std::make_shared<plugin::Registry>(
        plugin::Registry::discover(plugin::SearchPath::standard(options_.plugin_paths)));
    for (const auto& f : registry->failures()) spdlog::warn("plugin failed: {}: {}", f.folder, f.reason);
    phase("plugins loaded");

    ShellOptions shell;
    shell.registry = registry;
    shell.workspace = options_.workspace;
    shell.unattended = options_.exit_when_idle;
    frame_ = new MainFrame(std::move(shell));
    phase("window built");
    frame_->Show();
    phase("window shown");
    for (const auto& f : options_.files) {
        if (!frame_->open_file(f) && options_.exit_when_idle) exit_code_ = 1;
    }
    phase("files opened");
    Bind(wxEVT_IDLE, [this](wxIdleEvent& e) {
        e.Skip();
        if (idle_seen_) return;
        idle_seen_ = true;
        on_first_idle();
    });
    return true;
}

int DesktopApp::OnRun() {
    const int rc = wxApp::OnRun();
    return exit_code_ != 0 ? exit_code_ : rc;
}

void DesktopApp::on_first_idle() {
    if (std::getenv("REPORTBENCH_TIMING")) {
        std::printf("reportbench: idle after %.1f ms\n", ms_since_start());
        std::fflush(stdout);
    }
    if (options_.exit_when_idle) {
        // GTK maps and lays out the window over a few more iterations; give it that moment
        // before the pixels are read.
        exit_timer_ = std::make_unique<wxTimer>();
        exit_timer_->Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
            if (!options_.screenshot.empty()) {
                if (auto ok = save_window_png(frame_, options_.screenshot); !ok) {
                    std::cerr << ok.error() << '\n';
                    exit_code_ = exit_code_ ? exit_code_ : 1;
                }
            }
            finish(exit_code_);
        });
        exit_timer_->StartOnce(options_.screenshot.empty() ? 1 : 300);
        return;
    }
    // Test-only hook: a script of edits run as if typed, so that tests can crash a real
    // process with unsaved work (see tests/gui). Never set in normal use.
    if (const char* script = std::getenv("REPORTBENCH_TEST_SCRIPT"); script && *script) {
        run_test_script(script);
        return;
    }
    frame_->offer_recoveries();
    frame_->notice_refused_plugins();
    // A program started to open files is no first start (and tests that open files get no prompt).
    if (options_.files.empty() && frame_->view_count() == 0) frame_->offer_first_start();
}

void DesktopApp::run_test_script(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        const auto sp = line.find(' ');
        const std::string cmd = line.substr(0, sp);
        const std::string rest = sp == std::string::npos ? std::string() : line.substr(sp + 1);
        ReportView* v = frame_->current_view();
        if (cmd == "set" && v) {
            const auto sp2 = rest.find(' ');
            v->edit_value(rest.substr(0, sp2), sp2 == std::string::npos ? std::string() : rest.substr(sp2 + 1));
        } else if (cmd == "text" && v) {
            const auto sp2 = rest.find(' ');
            v->select_section(rest.substr(0, sp2));
            v->editor()->SetValue(wxs(sp2 == std::string::npos ? std::string() : rest.substr(sp2 + 1)));
        } else if (cmd == "journal") {
            frame_->autosave();
        } else if (cmd == "touch") {
            std::ofstream(rest) << "ready\n";
        } else if (cmd == "recover") {
            frame_->offer_recoveries();
    frame_->notice_refused_plugins();
        }
    }
}

void DesktopApp::finish(int code) {
    exit_code_ = code;
    if (frame_) {
        frame_->stop_autosave();
        frame_->Destroy();
        frame_ = nullptr;
    }
    ExitMainLoop();
}

}  // namespace rb::desktop
