#pragma once
// Runs reportbench-cli's commands and captures what they print: in this process by default
// (the program's own entry point, rb::cli::main_entry, with std::cout and std::cerr captured),
// or as the real program started the way a user's shell does (`cli_process`), for what only a
// process shows: its exit status as the shell sees it, its output streams as files.
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "cli_main.hpp"

namespace rb::test {

struct CliRun {
    int exit_code = -1;
    std::string out;
    std::string err;
};

inline std::string shell_quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) {
        if (c == '\'') q += "'\\''";
        else q += c;
    }
    return q + "'";
}

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// A private folder for one test: the user data folder (logs, user plugins) points into it so
// that nothing on the machine influences the run.
class Sandbox {
public:
    Sandbox() {
        std::random_device rd;
        dir_ = std::filesystem::temp_directory_path() / ("rb-cli-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(dir_);
        setenv("XDG_DATA_HOME", (dir_ / "userdata").c_str(), 1);
        unsetenv("REPORTBENCH_PLUGIN_PATH");
        unsetenv("REPORTBENCH_LANG");
    }
    ~Sandbox() {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    std::filesystem::path path(const std::string& name) const { return dir_ / name; }
    const std::filesystem::path& dir() const { return dir_; }

    CliRun cli(const std::vector<std::string>& args) const { return in_process(args); }
    CliRun cli_process(const std::vector<std::string>& args) const { return run(RB_CLI, args); }

    // The command run by the program's own entry point in this process.
    static CliRun in_process(const std::vector<std::string>& args) {
        std::vector<std::string> words{RB_CLI};
        words.insert(words.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& w : words) argv.push_back(w.data());
        argv.push_back(nullptr);
        std::ostringstream out;
        std::ostringstream err;
        auto* const old_out = std::cout.rdbuf(out.rdbuf());
        auto* const old_err = std::cerr.rdbuf(err.rdbuf());
        CliRun r;
        r.exit_code = rb::cli::main_entry(static_cast<int>(words.size()), argv.data());
        std::cout.rdbuf(old_out);
        std::cerr.rdbuf(old_err);
        r.out = out.str();
        r.err = err.str();
        return r;
    }

    CliRun run(const std::string& program, const std::vector<std::string>& args) const {
        std::string cmd = shell_quote(program);
        for (const auto& a : args) cmd += " " + shell_quote(a);
        const auto out = dir_ / "stdout.txt";
        const auto err = dir_ / "stderr.txt";
        cmd += " >" + shell_quote(out.string()) + " 2>" + shell_quote(err.string()) + " </dev/null";
        const int status = std::system(cmd.c_str());
        CliRun r;
        r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        r.out = slurp(out);
        r.err = slurp(err);
        return r;
    }

private:
    std::filesystem::path dir_;
};

inline nlohmann::json parse_json(const CliRun& r) { return nlohmann::json::parse(r.out); }

}  // namespace rb::test
