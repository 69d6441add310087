// Timing harness of the desktop shell, run under Xvfb: what a user waits for.
//   1. Cold start: `reportbench --exit-when-idle SEED` from exec to its first idle event, with
//      every bundled plugin loaded and the seed report open (the program prints the time from
//      main(); the wall time from fork to that line is measured here too).
//   2. Opening a report from the workspace into a new tab, until the event loop is idle.
//   3. One keystroke in a value cell: the value committed through the grid's table, the
//      computed rows, the cell marks and the findings list updated and repainted.
// Prints medians (and the 90th percentile); asserts nothing. --smoke runs each part briefly.
#include <wx/app.h>
#include <wx/frame.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "i18n/i18n.hpp"
#include "main_frame.hpp"
#include "plugin/registry.hpp"
#include "../gui/process_support.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

const std::string kSeed = std::string(RB_SOURCE_DIR) + "/plugins/cchc/samples/phuong-dinh-2024-q1.rbr";

double ms(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double, std::milli>(b - a).count(); }

struct Stats {
    double median = 0, p90 = 0;
};
Stats stats(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    if (v.empty()) return {};
    return {v[v.size() / 2], v[std::min(v.size() - 1, v.size() * 9 / 10)]};
}

void idle() {
    wxTheApp->ProcessPendingEvents();
    while (wxTheApp->Pending()) wxTheApp->Dispatch();
    wxYield();
}

class BenchApp : public wxApp {
public:
    bool OnInit() override { return true; }
};

}  // namespace

// The floor under the same load: a bare wx frame, shown, until its first idle event.
int bare_frame(int argc, char** argv) {
    const auto t0 = Clock::now();
    wxApp::SetInstance(new BenchApp);
    if (!wxEntryStart(argc, argv)) return 1;
    wxTheApp->CallOnInit();
    auto* f = new wxFrame(nullptr, wxID_ANY, "bare", wxDefaultPosition, wxSize(1280, 800));
    f->Show();
    bool seen = false;
    wxTheApp->Bind(wxEVT_IDLE, [&](wxIdleEvent&) {
        if (seen) return;
        seen = true;
        std::printf("reportbench: idle after %.1f ms\n", ms(t0, Clock::now()));
        std::fflush(stdout);
        f->Destroy();
        wxTheApp->ExitMainLoop();
    });
    wxTheApp->OnRun();
    wxEntryCleanup();
    return 0;
}

// Runs `program args` `n` times; the time it reports (main() to first idle) and the wall time
// from fork to that report.
bool time_starts(const std::string& program, const std::vector<std::string>& args, int n, std::vector<double>& reported,
                 std::vector<double>& wall) {
    for (int i = 0; i < n; ++i) {
        const auto t0 = Clock::now();
        rb::test::Child c = rb::test::spawn(program, args, {{"REPORTBENCH_TIMING", "1"}}, true);
        std::string line;
        char ch = 0;
        while (::read(c.out_fd, &ch, 1) == 1 && ch != '\n') line += ch;
        const auto t1 = Clock::now();
        ::close(c.out_fd);
        const int rc = rb::test::wait_exit(c, 60000);
        double value = 0;
        if (rc != 0 || std::sscanf(line.c_str(), "reportbench: idle after %lf ms", &value) != 1) {
            std::fprintf(stderr, "bench_gui: %s failed (exit %d, printed \"%s\")\n", program.c_str(), rc, line.c_str());
            return false;
        }
        reported.push_back(value);
        wall.push_back(ms(t0, t1));
    }
    return true;
}

int main(int argc, char** argv) {
    if (argc > 1 && std::strcmp(argv[1], "--bare-frame") == 0) return bare_frame(argc, argv);
    const bool smoke = argc > 1 && std::strcmp(argv[1], "--smoke") == 0;
    const int starts = smoke ? 2 : 15, opens = smoke ? 3 : 30, keys = smoke ? 20 : 400;
    const fs::path home = fs::temp_directory_path() / ("rb-bench-gui-" + std::to_string(::getpid()));
    fs::create_directories(home / "ws");
    setenv("XDG_DATA_HOME", (home / "userdata").c_str(), 1);

    // 1. Cold start of the real program, and of a bare frame for comparison.
    std::vector<double> in_process, wall, bare, bare_wall;
    if (!time_starts(RB_DESKTOP, {"--workspace", (home / "ws").string(), "--exit-when-idle", kSeed}, starts, in_process,
                     wall) ||
        !time_starts(fs::read_symlink("/proc/self/exe").string(), {"--bare-frame"}, starts, bare, bare_wall))
        return 1;

    // 2 and 3 in this process, on the real main window.
    wxApp::SetInstance(new BenchApp);
    if (!wxEntryStart(argc, argv)) {
        std::fprintf(stderr, "bench_gui: no display (run under xvfb-run)\n");
        return 1;
    }
    wxTheApp->CallOnInit();
    rb::i18n::set_language(rb::i18n::Language::Vietnamese);
    rb::desktop::ShellOptions o;
    o.registry = std::make_shared<const rb::plugin::Registry>(rb::plugin::Registry::discover(
        rb::plugin::SearchPath{{std::string(RB_BUILD_DIR) + "/share/reportbench/plugins"}}));
    o.workspace = (home / "ws").string();
    o.unattended = true;
    o.autosave_ms = 0;
    fs::copy_file(kSeed, home / "ws" / "seed.rbr", fs::copy_options::overwrite_existing);
    auto* frame = new rb::desktop::MainFrame(std::move(o));
    frame->SetSize(wxSize(1280, 800));
    frame->Show();
    idle();

    std::vector<double> open_ms;
    const std::string seed = (home / "ws" / "seed.rbr").string();
    for (int i = 0; i < opens; ++i) {
        const auto t0 = Clock::now();
        auto* v = frame->open_file(seed);
        idle();
        open_ms.push_back(ms(t0, Clock::now()));
        if (!v) return 1;
        frame->close_view(*v, false);
        idle();
    }

    auto* v = frame->open_file(seed);
    v->show_page(rb::desktop::ReportView::Page::Appendix);
    idle();
    auto* grid = v->grid();
    const int row = *grid->row_of("HS.4.2");
    std::vector<double> key_ms;
    for (int i = 0; i < keys; ++i) {
        const auto t0 = Clock::now();
        // What the cell editor does on Enter: the typed text to the table.
        grid->GetTable()->SetValue(row, rb::desktop::AppendixGrid::kValue, i % 2 ? "317" : "1.318");
        grid->Update();
        idle();
        key_ms.push_back(ms(t0, Clock::now()));
    }
    const bool ok = v->session().report().values.at("HS.4.2").value == (keys % 2 ? "1318" : "317");
    frame->close_view(*v, false);
    frame->Destroy();
    idle();
    wxEntryCleanup();
    fs::remove_all(home);

    const auto a = stats(in_process), b = stats(wall), c = stats(open_ms), d = stats(key_ms), e = stats(bare),
               f = stats(bare_wall);
    std::printf("cold start to idle, main() to first idle   median %7.1f ms  p90 %7.1f ms  (n=%d)\n", a.median, a.p90, starts);
    std::printf("cold start to idle, fork to first idle     median %7.1f ms  p90 %7.1f ms  (n=%d)\n", b.median, b.p90, starts);
    std::printf("bare wx frame, main() to first idle        median %7.1f ms  p90 %7.1f ms  (n=%d)\n", e.median, e.p90, starts);
    std::printf("bare wx frame, fork to first idle          median %7.1f ms  p90 %7.1f ms  (n=%d)\n", f.median, f.p90, starts);
    std::printf("open the seed from the workspace to idle   median %7.2f ms  p90 %7.2f ms  (n=%d)\n", c.median, c.p90, opens);
    std::printf("keystroke in a value cell to updated view  median %7.2f ms  p90 %7.2f ms  (n=%d)\n", d.median, d.p90, keys);
    if (!ok) {
        std::fprintf(stderr, "bench_gui: the typed values did not reach the report\n");
        return 1;
    }
    return 0;
}
