#include "session/settings.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>

#include "base/paths.hpp"
#include "base/file_io.hpp"

namespace fs = std::filesystem;

namespace rb::session {

namespace {
// A size as written by save(); anything else (hand-edited, negative, absurd) is "not set".
int size_value(const std::string& text) {
    int v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || v < 0 || v > 100000) return 0;
    return v;
}
}  // namespace

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
        else if (key == "window_width") s.window_width = size_value(value);
        else if (key == "window_height") s.window_height = size_value(value);
        else if (key == "window_maximized") s.window_maximized = value == "1";
        else if (key == "workspace_width") s.workspace_width = size_value(value);
        else if (key == "findings_height") s.findings_height = size_value(value);
        else if (key == "refused_plugins") s.refused_plugins = value;
    }
    return s;
}

rb::Status Settings::save(const std::string& path) const {
    std::string text = "# ReportBench settings\n";
    text += "workspace=" + workspace + "\n";
    text += "language=" + language + "\n";
    if (first_start_done) text += "first_start=done\n";
    if (!refused_plugins.empty()) text += "refused_plugins=" + refused_plugins + "\n";
    for (const auto& r : recent) text += "recent=" + r + "\n";
    const std::pair<const char*, int> sizes[] = {{"window_width", window_width},
                                                 {"window_height", window_height},
                                                 {"workspace_width", workspace_width},
                                                 {"findings_height", findings_height}};
    for (const auto& [key, v] : sizes)
        if (v > 0) text += std::string(key) + "=" + std::to_string(v) + "\n";
    if (window_maximized) text += "window_maximized=1\n";
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
