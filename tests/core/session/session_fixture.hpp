#pragma once
// A private world for session tests: a temporary folder holding the user data folder
// (XDG_DATA_HOME; REPORTBENCH_USER_DIR on Windows), a plugin folder with the bundled definitions (without native libraries, so
// the suite needs no other build target) and room for report files.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>
#include <string>

#include "../../support/portable.hpp"
#include "i18n/i18n.hpp"
#include "plugin/registry.hpp"

namespace rb::test {

namespace fs = std::filesystem;

inline std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

class SessionTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::random_device rd;
        dir_ = fs::temp_directory_path() / ("rb-session-" + std::to_string(rd()) + std::to_string(rd()));
        fs::create_directories(dir_ / "plugins");
        set_user_data_base(dir_ / "userdata");
        i18n::set_language(i18n::Language::Vietnamese);
        for (const char* name : {"cchc", "iso9001", "digital"}) {
            const fs::path from = fs::path(RB_SOURCE_DIR) / "plugins" / name;
            const fs::path to = dir_ / "plugins" / name;
            fs::create_directories(to);
            // Definitions, the manifest and recipient profiles (in sub-folders) are what a
            // plugin without a library brings.
            for (const auto& e : fs::recursive_directory_iterator(from)) {
                if (!e.is_regular_file() || e.path().extension() != ".xml") continue;
                const fs::path rel = fs::relative(e.path(), from);
                if (*rel.begin() == "samples" || *rel.begin() == "native") continue;
                std::string text = read_text(e.path());
                if (rel == "plugin.xml") text = std::regex_replace(text, std::regex("\\s*<library[^>]*/>"), "");
                fs::create_directories((to / rel).parent_path());
                std::ofstream(to / rel, std::ios::binary) << text;
            }
        }
        registry_ = plugin::Registry::discover(plugin::SearchPath{{(dir_ / "plugins").string()}});
        ASSERT_TRUE(registry_.failures().empty()) << registry_.failures().front().reason;
    }
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }

    fs::path path(const std::string& name) const { return dir_ / name; }
    static fs::path sample(const std::string& plugin, const std::string& file) {
        return fs::path(RB_SOURCE_DIR) / "plugins" / plugin / "samples" / file;
    }
    // A copy of a bundled sample in the test folder (tests write to it).
    fs::path copy_sample(const std::string& plugin, const std::string& file, const std::string& as = {}) {
        const fs::path to = dir_ / (as.empty() ? file : as);
        fs::create_directories(to.parent_path());
        rb::test::copy_over(sample(plugin, file), to);
        return to;
    }

    fs::path dir_;
    plugin::Registry registry_;
};

}  // namespace rb::test
