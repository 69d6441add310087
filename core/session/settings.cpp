#include "session/settings.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "base/paths.hpp"
#include "base/file_io.hpp"

namespace fs = std::filesystem;

namespace rb::session {

std::string Settings::default_path() { return paths::join(paths::user_data_dir(), "settings.ini"); }

Settings Settings::load(const std::string& path) {
    Settings s;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const auto eq = line.find('=');
        if (line.empty() || line[0] == '#' || eq == std::string::npos) continue;
        const std::string key = line.substr(0, eq), value = line.substr(eq + 1);
        if (key == "workspace") s.workspace = value;
        else if (key == "language") s.language = value;
        else if (key == "first_start") s.first_start_done = value == "done";
        else if (key == "recent" && !value.empty() && s.recent.size() < kMaxRecent) s.recent.push_back(value);
    }
    return s;
}

rb::Status Settings::save(const std::string& path) const {
    std::string text = "# ReportBench settings\n";
    text += "workspace=" + workspace + "\n";
    text += "language=" + language + "\n";
    if (first_start_done) text += "first_start=done\n";
    for (const auto& r : recent) text += "recent=" + r + "\n";
    return files::write_atomic(path, text, {.durable = false, .create_folder = true, .new_file_mode = 0600});
}

void Settings::add_recent(const std::string& file) {
    std::error_code ec;
    const std::string abs = paths::text_of(fs::absolute(paths::fs_path(file), ec).lexically_normal());
    recent.erase(std::remove(recent.begin(), recent.end(), abs), recent.end());
    recent.insert(recent.begin(), abs);
    if (recent.size() > kMaxRecent) recent.resize(kMaxRecent);
}

}  // namespace rb::session
