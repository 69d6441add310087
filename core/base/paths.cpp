#include "base/paths.hpp"

#include <cstdlib>
#include <system_error>

#ifdef _WIN32
#include "base/win32.hpp"
#include <shlobj.h>
#endif

namespace fs = std::filesystem;

namespace rb::paths {

#ifdef _WIN32
fs::path fs_path(std::string_view utf8) { return fs::path(utf16::wide(utf8)); }
std::string text_of(const fs::path& p) { return utf16::narrow(p.native()); }
#else
fs::path fs_path(std::string_view utf8) { return fs::path(utf8); }
std::string text_of(const fs::path& p) { return p.native(); }
#endif

std::string file_name(std::string_view path) { return text_of(fs_path(path).filename()); }
std::string parent(std::string_view path) { return text_of(fs_path(path).parent_path()); }
std::string join(std::string_view folder, std::string_view name) { return text_of(fs_path(folder) / fs_path(name)); }
bool exists(std::string_view path) {
    std::error_code ec;
    return fs::exists(fs_path(path), ec);
}
bool is_folder(std::string_view path) {
    std::error_code ec;
    return fs::is_directory(fs_path(path), ec);
}

namespace {
#ifdef _WIN32
std::string known_folder(const KNOWNFOLDERID& id) {
    PWSTR p = nullptr;
    std::string out;
    if (SHGetKnownFolderPath(id, KF_FLAG_CREATE, nullptr, &p) == S_OK) out = utf16::narrow(p);
    CoTaskMemFree(p);
    return out;
}
#endif
}  // namespace

std::string environment(const char* name) {
#ifdef _WIN32
    // The C library's narrow environment is in the code page; the wide one is exact.
    const wchar_t* v = _wgetenv(utf16::wide(name).c_str());
    return v ? utf16::narrow(v) : std::string();
#else
    const char* v = std::getenv(name);
    return v ? std::string(v) : std::string();
#endif
}

std::string executable_dir() {
#ifdef _WIN32
    std::wstring buf(MAX_PATH, L'\0');
    for (;;) {
        const DWORD n = GetModuleFileNameW(nullptr, buf.data(), static_cast<DWORD>(buf.size()));
        if (n == 0) return text_of(fs::temp_directory_path());
        if (n < buf.size()) {
            buf.resize(n);
            break;
        }
        buf.resize(buf.size() * 2);
    }
    return text_of(fs::path(buf).parent_path());
#else
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    // Never fall back to the working directory: it must not become a data or plugin folder.
    if (ec) return std::string(RB_INSTALL_PREFIX) + "/bin";
    return exe.parent_path().string();
#endif
}

std::string data_dir() {
    if (std::string e = environment("REPORTBENCH_DATA_DIR"); !e.empty()) return e;
    return text_of((fs_path(executable_dir()) / ".." / "share" / "reportbench").lexically_normal());
}

std::string locale_dir() {
    if (std::string e = environment("REPORTBENCH_LOCALE_DIR"); !e.empty()) return e;
    return text_of((fs_path(executable_dir()) / ".." / "share" / "locale").lexically_normal());
}

std::string system_plugin_dir() { return join(data_dir(), "plugins"); }

std::string machine_plugin_dir() {
#ifdef _WIN32
    const std::string base = known_folder(FOLDERID_ProgramData);
    return base.empty() ? std::string() : text_of(fs_path(base) / "ReportBench" / "plugins");
#else
    return {};
#endif
}

std::string user_data_dir() {
#ifdef _WIN32
    if (std::string e = environment("REPORTBENCH_USER_DIR"); !e.empty()) return e;
    std::string base = known_folder(FOLDERID_RoamingAppData);
    if (base.empty()) base = text_of(fs::temp_directory_path());
    return join(base, "ReportBench");
#else
    fs::path base;
    // The XDG specification says a relative XDG_DATA_HOME is to be ignored: it would make a
    // folder under the working directory a plugin folder.
    if (const std::string xdg = environment("XDG_DATA_HOME"); !xdg.empty() && xdg.front() == '/') {
        base = xdg;
    } else if (const std::string home = environment("HOME"); !home.empty() && home.front() == '/') {
        base = fs::path(home) / ".local" / "share";
    } else {
        base = fs::temp_directory_path();
    }
    return (base / "reportbench").string();
#endif
}

std::string user_plugin_dir() { return join(user_data_dir(), "plugins"); }

std::string documents_dir() {
#ifdef _WIN32
    if (std::string e = environment("REPORTBENCH_DOCUMENTS_DIR"); !e.empty()) return e;
    if (std::string d = known_folder(FOLDERID_Documents); !d.empty()) return d;
#else
    if (const std::string home = environment("HOME"); !home.empty() && home.front() == '/') return home;
#endif
    return text_of(fs::temp_directory_path());
}

}  // namespace rb::paths

#ifdef _WIN32
namespace rb::utf16 {
std::wstring wide(std::string_view utf8) {
    if (utf8.empty()) return {};
    const int n = MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), nullptr, 0);
    std::wstring out(static_cast<std::size_t>(n), L'\0');
    MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), out.data(), n);
    return out;
}
std::string narrow(std::wstring_view utf16) {
    if (utf16.empty()) return {};
    const int n = WideCharToMultiByte(CP_UTF8, 0, utf16.data(), static_cast<int>(utf16.size()), nullptr, 0, nullptr, nullptr);
    std::string out(static_cast<std::size_t>(n), '\0');
    WideCharToMultiByte(CP_UTF8, 0, utf16.data(), static_cast<int>(utf16.size()), out.data(), n, nullptr, nullptr);
    return out;
}
}  // namespace rb::utf16
#endif
