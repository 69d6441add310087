// The parts of file_io that are the same on every system.
#include <cstdlib>
#include <memory>
#include <string_view>
#include <system_error>
#include <vector>

#include "base/file_io.hpp"
#include "base/file_io_detail.hpp"
#include "base/paths.hpp"

namespace fs = std::filesystem;

namespace rb::files {
namespace detail {

fs::path real_target(const std::string& path) {
    fs::path target = paths::fs_path(path);
    std::error_code ec;
    if (fs::is_symlink(target, ec)) {
        const fs::path resolved = fs::weakly_canonical(target, ec);
        if (!ec) return resolved;
    }
    return target;
}

std::string folder_of_path(const fs::path& target) {
    return target.has_parent_path() ? paths::text_of(target.parent_path()) : std::string(".");
}

void remove_dead_temporaries(const std::string& dir, const std::string& name) {
    const std::string prefixes[] = {name + ".tmp-", name + ".bak.tmp-"};
    // Listed first, removed after: removing entries while the folder is being read may make the
    // listing skip others (POSIX leaves it unspecified), which left a dead writer's file behind.
    std::vector<fs::path> dead;
    std::error_code ec;
    for (fs::directory_iterator it(paths::fs_path(dir), ec), end; !ec && it != end; it.increment(ec)) {
        const std::string entry = paths::text_of(it->path().filename());
        for (const auto& prefix : prefixes)
            if (entry.size() > prefix.size() && entry.compare(0, prefix.size(), prefix) == 0) dead.push_back(it->path());
    }
    for (const auto& p : dead) fs::remove(p, ec);
}

}  // namespace detail

std::string folder_of(const std::string& path) { return detail::folder_of_path(paths::fs_path(path)); }

// The temporary carries the writer's process id only to keep two writers' names apart; whether
// its writer lives is told by the folder's lock, never by the id.
Replacement::Replacement(std::string destination, WriteOptions options)
    : destination_(std::move(destination)), options_(options) {
    const fs::path target = detail::real_target(destination_);
    const std::string dir = detail::folder_of_path(target);
    std::error_code ec;
    if (options_.create_folder && target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
    folder_lock_ = std::make_unique<FolderLock>(dir);
    if (!folder_lock_->error().empty()) {
        temporary_.clear();
        destination_error_ = folder_lock_->error();
        return;
    }
    if (folder_lock_->held()) detail::remove_dead_temporaries(dir, paths::text_of(target.filename()));
    temporary_ = paths::text_of(target) + ".tmp-" + std::to_string(process_id());
    fs::remove(paths::fs_path(temporary_), ec);
}

Replacement::~Replacement() {
    std::error_code ec;
    if (!done_ && !temporary_.empty()) fs::remove(paths::fs_path(temporary_), ec);
}

Result<bool> write_new(const std::string& path, std::string_view data) {
    std::error_code ec;
    const fs::path to = paths::fs_path(path);
    if (fs::exists(to, ec)) return Result<bool>::ok(false);
    const std::string tmp = path + ".new-" + std::to_string(process_id());
    if (auto ok = write_atomic(tmp, data); !ok) return Result<bool>::fail(ok.error());
    auto placed = detail::place_new(tmp, path);
    fs::remove(paths::fs_path(tmp), ec);
    return placed;
}

bool flushes_disabled() {
    static const bool disabled = [] {
        const char* v = std::getenv("REPORTBENCH_NO_FSYNC");
        return v && std::string_view(v) == "1";
    }();
    return disabled;
}

}  // namespace rb::files
