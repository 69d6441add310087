#include "base/paths.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace rb::paths {

std::string executable_dir() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return ".";
    return exe.parent_path().string();
}

std::string data_dir() {
    if (const char* env = std::getenv("REPORTBENCH_DATA_DIR"); env && *env) return env;
    return (fs::path(executable_dir()) / ".." / "share" / "reportbench").lexically_normal().string();
}

std::string locale_dir() {
    if (const char* env = std::getenv("REPORTBENCH_LOCALE_DIR"); env && *env) return env;
    return (fs::path(executable_dir()) / ".." / "share" / "locale").lexically_normal().string();
}

std::string system_plugin_dir() { return (fs::path(data_dir()) / "plugins").string(); }

std::string user_data_dir() {
    fs::path base;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
        base = xdg;
    } else if (const char* home = std::getenv("HOME"); home && *home) {
        base = fs::path(home) / ".local" / "share";
    } else {
        base = fs::temp_directory_path();
    }
    return (base / "reportbench").string();
}

std::string user_plugin_dir() { return (fs::path(user_data_dir()) / "plugins").string(); }

}  // namespace rb::paths
