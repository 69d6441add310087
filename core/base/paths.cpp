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
    // Never fall back to the working directory: it must not become a data or plugin folder.
    if (ec) return std::string(RB_INSTALL_PREFIX) + "/bin";
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
    // The XDG specification says a relative XDG_DATA_HOME is to be ignored: it would make a
    // folder under the working directory a plugin folder.
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg == '/') {
        base = xdg;
    } else if (const char* home = std::getenv("HOME"); home && *home == '/') {
        base = fs::path(home) / ".local" / "share";
    } else {
        base = fs::temp_directory_path();
    }
    return (base / "reportbench").string();
}

std::string user_plugin_dir() { return (fs::path(user_data_dir()) / "plugins").string(); }

}  // namespace rb::paths
