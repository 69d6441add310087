#pragma once
// Where the program finds its data and where it writes its own files. Paths are found from
// the executable's location, so the build tree and an installed tree work the same way:
// <prefix>/bin/<exe> → <prefix>/share/reportbench, <prefix>/share/locale.
#include <string>

namespace rb::paths {

std::string executable_dir();
// share/reportbench (REPORTBENCH_DATA_DIR overrides).
std::string data_dir();
// share/locale, holding <lang>/LC_MESSAGES/reportbench.mo.
std::string locale_dir();
// The install's plugin folder: data_dir()/plugins.
std::string system_plugin_dir();
// $XDG_DATA_HOME/reportbench (default ~/.local/share/reportbench); created on demand.
std::string user_data_dir();
std::string user_plugin_dir();

}  // namespace rb::paths
