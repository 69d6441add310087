// reportbench-cli workspace init-samples [DIR] [--json]: the desktop's first-start offer from

#include "base/paths.hpp"
// the command line (a scripted install, a training room): one sample report of each installed
// kind copied into the workspace, never replacing a file that is there.
#include <filesystem>

#include "cli.hpp"
#include "session/sample_workspace.hpp"
#include "session/settings.hpp"
#include "session/workspace.hpp"

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace rb::cli {

int cmd_workspace(App& app, const Args& a) {
    const char* usage = "workspace init-samples [DIR] [--json]";
    require_args(a, 1, usage);
    if (a.positional[0] != "init-samples") fail(kCannotRun, trf("Thiếu tham số. Cách dùng: {}", usage));
    std::string folder;
    if (a.positional.size() > 1) {
        folder = a.positional[1];
    } else {
        // Where the desktop looks: its chosen folder, else ~/ReportBench.
        folder = session::Settings::load().workspace;
        if (folder.empty()) folder = session::Workspace::default_folder();
    }
    const auto samples = session::find_samples(app.registry());
    if (samples.empty()) fail(kCannotRun, tr("Các plugin đã cài đặt không có báo cáo mẫu nào."));
    auto done = session::copy_samples(samples, folder);
    if (!done) fail(kCannotRun, done.error());
    if (a.flag("--json")) {
        json out;
        out["folder"] = paths::text_of(fs::absolute(paths::fs_path(folder)).lexically_normal());
        out["copied"] = done->copied;
        out["skipped"] = done->skipped;
        std::cout << out.dump(2) << '\n';
        return kOk;
    }
    for (const auto& f : done->copied) std::cout << trf("Đã chép báo cáo mẫu {}", f) << '\n';
    for (const auto& f : done->skipped) std::cout << trf("Đã có {}; giữ nguyên, không chép đè", f) << '\n';
    std::cout << trf("Thư mục báo cáo {}: đã chép {} báo cáo mẫu.", folder, done->copied.size()) << '\n';
    return kOk;
}

}  // namespace rb::cli
