#include "session/sample_workspace.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <tuple>

#include "i18n/i18n.hpp"
#include "base/file_io.hpp"
#include "base/paths.hpp"
#include "session/workspace.hpp"

namespace fs = std::filesystem;

namespace rb::session {

std::vector<Sample> find_samples(const plugin::Registry& registry) {
    struct Candidate {
        Sample sample;
        int errors = 0, warnings = 0;
        std::string name;
    };
    std::map<std::string, Candidate> best;  // by type id
    for (const auto& p : registry.plugins()) {
        const fs::path dir = paths::fs_path(p.folder) / "samples";
        std::error_code ec;
        if (!fs::is_directory(dir, ec)) continue;
        std::vector<fs::path> files;
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
            if (it->path().extension() == ".rbr" && it->is_regular_file(ec)) files.push_back(it->path());
        std::sort(files.begin(), files.end());
        for (const auto& f : files) {
            const ReportSummary s = summarize(registry, paths::text_of(f));
            // Only reports this install can open and check are worth offering.
            if (!s.readable || !s.evaluated) continue;
            Candidate c{{paths::text_of(f), s.type_id, s.type_title, p.id}, s.errors, s.warnings, paths::text_of(f.filename())};
            auto it = best.find(s.type_id);
            if (it == best.end() || std::tie(c.errors, c.warnings, c.name) <
                                        std::tie(it->second.errors, it->second.warnings, it->second.name))
                best[s.type_id] = std::move(c);
        }
    }
    std::vector<Sample> out;
    for (auto& [id, c] : best) out.push_back(std::move(c.sample));
    return out;
}

Result<SampleCopy> copy_samples(const std::vector<Sample>& samples, const std::string& folder) {
    using R = Result<SampleCopy>;
    SampleCopy done;
    std::error_code ec;
    fs::create_directories(paths::fs_path(folder), ec);
    if (!fs::is_directory(paths::fs_path(folder), ec))
        return R::fail(trf("Không tạo được thư mục báo cáo {}: {}", folder, ec ? ec.message() : std::string()));
    for (const auto& s : samples) {
        const fs::path to = paths::fs_path(folder) / paths::fs_path(s.path).filename();
        if (fs::exists(to, ec)) {
            done.skipped.push_back(paths::text_of(to));
            continue;
        }
        auto data = files::read(s.path, files::kMaxReportBytes);
        if (!data) return R::fail(data.error());
        auto placed = files::write_new(paths::text_of(to), *data);
        if (!placed) return R::fail(placed.error());
        (*placed ? done.copied : done.skipped).push_back(paths::text_of(to));
    }
    return R::ok(std::move(done));
}

bool workspace_is_empty(const std::string& folder) {
    std::error_code ec;
    if (!fs::is_directory(paths::fs_path(folder), ec)) return true;
    const auto options = fs::directory_options::skip_permission_denied;
    for (fs::recursive_directory_iterator it(paths::fs_path(folder), options, ec), end; !ec && it != end; it.increment(ec)) {
        if (it.depth() >= 2) it.disable_recursion_pending();
        if (it->path().extension() == ".rbr" && it->is_regular_file(ec)) return false;
    }
    return true;
}

}  // namespace rb::session
