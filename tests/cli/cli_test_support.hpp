#pragma once
// Runs reportbench-cli's commands and captures what they print: in this process by default
// (the program's own entry point, rb::cli::main_entry, with std::cout and std::cerr captured),
// or as the real program started the way a user's shell does (`cli_process`), for what only a
// process shows: its exit status as the shell sees it, its output streams as files.
#ifndef _WIN32
#include <sys/wait.h>
#endif

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "../support/portable.hpp"
#include "cli_main.hpp"

namespace rb::test {

struct CliRun {
    int exit_code = -1;
    std::string out;
    std::string err;
};

inline std::string shell_quote(const std::string& s) {
#ifdef _WIN32
    // cmd.exe: double quotes (the tests' words hold none).
    return "\"" + s + "\"";
#endif
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
        set_user_data_base(dir_ / "userdata");
        unset_env("REPORTBENCH_PLUGIN_PATH");
        unset_env("REPORTBENCH_LANG");
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
#ifdef _WIN32
        // cmd.exe /c drops the first and last quote of a line that starts with one.
        cmd = "\"" + cmd + " >" + shell_quote(paths::text_of(out)) + " 2>" + shell_quote(paths::text_of(err)) +
              " <NUL\"";
        const int status = std::system(cmd.c_str());
        CliRun r;
        r.exit_code = status;
#else
        cmd += " >" + shell_quote(out.string()) + " 2>" + shell_quote(err.string()) + " </dev/null";
        const int status = std::system(cmd.c_str());
        CliRun r;
        r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
#endif
        r.out = slurp(out);
        r.err = slurp(err);
        return r;
    }

    // A sample report made by its plugin's script (`samples/make-<name>.sh OUT`) with the
    // program under test. Windows has no shell for the script: there the sample is the file the
    // script made and that is kept beside it (`samples/<name>.rbr`).
    CliRun make_sample(const std::string& script, const std::string& out) const {
#ifdef _WIN32
        const std::filesystem::path s = paths::fs_path(script);
        std::string name = paths::text_of(s.stem());
        name.erase(0, std::string("make-").size());
        std::error_code ec;
        std::filesystem::remove(paths::fs_path(out), ec);
        std::filesystem::copy_file(s.parent_path() / (name + ".rbr"), paths::fs_path(out), ec);
        CliRun r;
        r.exit_code = ec ? 1 : 0;
        r.err = ec.message();
        return r;
#else
        set_env("REPORTBENCH_CLI", RB_CLI);
        return run(script, {out});
#endif
    }

private:
    std::filesystem::path dir_;
};

inline nlohmann::json parse_json(const CliRun& r) { return nlohmann::json::parse(r.out); }

}  // namespace rb::test
