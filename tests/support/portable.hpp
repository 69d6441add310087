#pragma once
// What tests do to their own process that POSIX and Windows spell differently: setting the
// environment, and pointing the program's per-user folders into a test's own folder.
#include <cstdlib>
#include <filesystem>
#include <string>

#include "base/paths.hpp"

#ifdef _WIN32
#include "base/win32.hpp"
#include <psapi.h>
#else
#include <sys/resource.h>
#endif

namespace rb::test {

inline void set_env(const char* name, const std::string& value) {
#ifdef _WIN32
    _wputenv_s(utf16::wide(name).c_str(), utf16::wide(value).c_str());
#else
    ::setenv(name, value.c_str(), 1);
#endif
}

inline void unset_env(const char* name) {
#ifdef _WIN32
    _wputenv_s(utf16::wide(name).c_str(), L"");  // an empty value removes the variable
#else
    ::unsetenv(name);
#endif
}

// The user's data folder (settings, logs, user plugins) becomes `base`/reportbench: through
// XDG_DATA_HOME on Linux, REPORTBENCH_USER_DIR on Windows (paths::user_data_dir).
inline void set_user_data_base(const std::filesystem::path& base) {
#ifdef _WIN32
    set_env("REPORTBENCH_USER_DIR", paths::text_of(base / "reportbench"));
#else
    set_env("XDG_DATA_HOME", base.string());
#endif
}

// The user's documents folder (the workspace's default place) becomes `dir`: HOME on Linux,
// REPORTBENCH_DOCUMENTS_DIR on Windows (paths::documents_dir).
inline const char* documents_variable() {
#ifdef _WIN32
    return "REPORTBENCH_DOCUMENTS_DIR";
#else
    return "HOME";
#endif
}

// Copies `from` over `to`. libstdc++'s copy_file(overwrite_existing) for Windows (GCC 12) takes
// any existing destination for the source itself and fails: the destination goes first.
inline void copy_over(const std::filesystem::path& from, const std::filesystem::path& to) {
    std::filesystem::remove(to);
    std::filesystem::copy_file(from, to);
}

// The process's peak memory so far in KiB (it only grows): resident set on Linux, working set
// on Windows.
inline long peak_memory_kib() {
#ifdef _WIN32
    PROCESS_MEMORY_COUNTERS c{};
    K32GetProcessMemoryInfo(GetCurrentProcess(), &c, sizeof c);
    return static_cast<long>(c.PeakWorkingSetSize / 1024);
#else
    struct rusage u {};
    ::getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
#endif
}

}  // namespace rb::test
