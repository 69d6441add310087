#pragma once
// Starting the real `reportbench` process from a test, reading what it prints, killing it.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace rb::test {

struct Child {
    pid_t pid = -1;
    int out_fd = -1;  // its standard output, when captured
};

// Starts `program args...` with extra environment variables; the rest is inherited (DISPLAY,
// XDG_DATA_HOME).
inline Child spawn(const std::string& program, const std::vector<std::string>& args,
                   const std::vector<std::pair<std::string, std::string>>& env = {}, bool capture = false) {
    int fds[2] = {-1, -1};
    if (capture && ::pipe(fds) != 0) return {};
    Child c;
    c.pid = ::fork();
    if (c.pid == 0) {
        for (const auto& [k, v] : env) ::setenv(k.c_str(), v.c_str(), 1);
        if (capture) {
            ::dup2(fds[1], 1);
            ::close(fds[0]);
            ::close(fds[1]);
        }
        const int devnull = ::open("/dev/null", O_RDONLY);
        ::dup2(devnull, 0);
        std::vector<char*> argv;
        argv.push_back(const_cast<char*>(program.c_str()));
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        ::execv(program.c_str(), argv.data());
        ::_exit(127);
    }
    if (capture) {
        ::close(fds[1]);
        c.out_fd = fds[0];
    }
    return c;
}

// Exit status, or -1 when it did not end within `timeout_ms` (it is then killed).
inline int wait_exit(Child& c, int timeout_ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    int status = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        const pid_t r = ::waitpid(c.pid, &status, WNOHANG);
        if (r == c.pid) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ::kill(c.pid, SIGKILL);
    ::waitpid(c.pid, &status, 0);
    return -1;
}

inline std::string read_all(int fd) {
    std::string out;
    char buf[4096];
    ssize_t n = 0;
    while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
    ::close(fd);
    return out;
}

inline bool wait_for_file(const std::filesystem::path& p, int timeout_ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
        if (std::filesystem::exists(p)) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

}  // namespace rb::test
