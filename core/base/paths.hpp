#pragma once

// Where the program finds its data and where it writes its own files. Paths are found from
// the executable's location, so the build tree and an installed tree work the same way:
// <prefix>/bin/<exe> → <prefix>/share/reportbench, <prefix>/share/locale.
//
// Every path in the program is UTF-8 text. On Windows, std::filesystem reads a narrow string
// in the C library's code page, not UTF-8, so text becomes a path only through fs_path() and
// a path becomes text only through text_of(): a folder named "Báo cáo" stays itself.
#include <filesystem>
#include <string>
#include <string_view>

namespace rb::paths {

std::filesystem::path fs_path(std::string_view utf8);
std::string text_of(const std::filesystem::path& p);
// The file name of a path given as text ("a/b/Quý I.rbr" → "Quý I.rbr"), and its folder.
std::string file_name(std::string_view path);
std::string parent(std::string_view path);
// `folder` joined with `name`, as text.
std::string join(std::string_view folder, std::string_view name);
// Whether something has the name `path` (errors count as no), and whether it is a folder.
bool exists(std::string_view path);
bool is_folder(std::string_view path);

// An environment variable's value as UTF-8 ("" when unset).
std::string environment(const char* name);
// What separates folders in a list variable such as REPORTBENCH_PLUGIN_PATH: ';' on Windows,
// where ':' follows a drive letter, ':' elsewhere.
#ifdef _WIN32
inline constexpr char kListSeparator = ';';
#else
inline constexpr char kListSeparator = ':';
#endif

std::string executable_dir();
// share/reportbench (REPORTBENCH_DATA_DIR overrides).
std::string data_dir();
// share/locale, holding <lang>/LC_MESSAGES/reportbench.mo.
std::string locale_dir();
// The install's plugin folder: data_dir()/plugins.
std::string system_plugin_dir();
// The folder IT staff install plugins into for every user of the machine: on Windows
// %PROGRAMDATA%\ReportBench\plugins; empty elsewhere (Debian's is the install's own folder).
std::string machine_plugin_dir();
// The program's own files of this user: $XDG_DATA_HOME/reportbench (default
// ~/.local/share/reportbench); %APPDATA%\ReportBench on Windows. Created on demand.
std::string user_data_dir();
std::string user_plugin_dir();
// The user's documents folder (~ on Linux, Documents on Windows); the temporary folder when
// there is none.
std::string documents_dir();

}  // namespace rb::paths

#ifdef _WIN32
namespace rb::utf16 {
// UTF-8 ↔ UTF-16 for the Windows API; invalid sequences become U+FFFD.
std::wstring wide(std::string_view utf8);
std::string narrow(std::wstring_view utf16);
}  // namespace rb::utf16
#endif
