// Crash safety, with a real process killed by SIGKILL at random moments: of report saves
// (report::save) and of autosave journal writes (session::Journal). After every kill the
// report on disk, its .bak and the journal offered for recovery must each be one whole
// version, and the one the writer's progress allows: the version of the write that was
// interrupted (it had already replaced the file) or the one before it, never a mix.
// The seed of the random delays is printed; RB_CRASH_SEED replays a run.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <random>
#include <thread>

#include "report/report.hpp"
#include "session/edit_session.hpp"
#include "session/journal.hpp"
#include "session_fixture.hpp"

namespace rb::test {
namespace {

#ifdef RB_SANITIZED
constexpr int kKills = 50;  // the sanitizers slow every write; the normal build kills 200 times
#else
constexpr int kKills = 200;
#endif

// The writer's progress as read from its stdout.
struct Progress {
    char last = 0;        // 'S': write `n` had started, 'D': write `n` was done
    unsigned long n = 0;
    std::string pending;  // an incomplete line
};

class Writer {
public:
    explicit Writer(const std::vector<std::string>& args) {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) return;
        pid_ = ::fork();
        if (pid_ == 0) {
            ::dup2(fds[1], STDOUT_FILENO);
            std::vector<char*> argv;
            std::string program = RB_CRASH_WRITER;
            argv.push_back(program.data());
            std::vector<std::string> copy = args;
            for (auto& a : copy) argv.push_back(a.data());
            argv.push_back(nullptr);
            ::execv(program.c_str(), argv.data());
            ::_exit(127);
        }
        ::close(fds[1]);
        fd_ = fds[0];
    }
    ~Writer() {
        if (pid_ > 0 && !reaped_) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
        if (fd_ >= 0) ::close(fd_);
    }
    pid_t pid() const { return pid_; }
    const Progress& progress() const { return progress_; }

    // Reads progress until write `n` is done; false if the writer ended first.
    bool wait_done(unsigned long n) {
        while (!(progress_.last == 'D' && progress_.n >= n))
            if (!read_some()) return false;
        return true;
    }
    // SIGKILL, then everything it said before dying. Returns the wait status.
    int kill_and_drain() {
        ::kill(pid_, SIGKILL);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        reaped_ = true;
        while (read_some()) {
        }
        return status;
    }

private:
    bool read_some() {
        char buf[4096];
        ssize_t got;
        do got = ::read(fd_, buf, sizeof buf);
        while (got < 0 && errno == EINTR);
        if (got <= 0) return false;
        progress_.pending.append(buf, static_cast<std::size_t>(got));
        std::size_t nl;
        while ((nl = progress_.pending.find('\n')) != std::string::npos) {
            const std::string line = progress_.pending.substr(0, nl);
            progress_.pending.erase(0, nl + 1);
            if (line.size() > 2 && (line[0] == 'S' || line[0] == 'D')) {
                progress_.last = line[0];
                progress_.n = std::stoul(line.substr(2));
            }
        }
        return true;
    }

    pid_t pid_ = -1;
    int fd_ = -1;
    bool reaped_ = false;
    Progress progress_;
};

std::string big_narrative(const std::string& word) {
    std::string text;
    for (int i = 0; text.size() < (256u << 10); ++i)
        text += "- Đoạn " + std::to_string(i) + ": " + word + " giải quyết hồ sơ đúng hạn, tiếp nhận trực tuyến.\n\n";
    return text;
}

unsigned seed_from_env() {
    if (const char* s = std::getenv("RB_CRASH_SEED"); s && *s) return static_cast<unsigned>(std::stoul(s));
    return std::random_device{}();
}

bool has_temporary_of(const fs::path& dir, pid_t pid) {
    const std::string suffix = ".tmp-" + std::to_string(pid);
    for (const auto& e : fs::directory_iterator(dir)) {
        const std::string name = e.path().filename().string();
        if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
            return true;
    }
    return false;
}

// Random delays alone hit the short moment a temporary file exists only by luck (on a fast disk
// under the sanitizers, 50 kills once hit it none of the times): every third kill waits for
// the writer's temporary file to appear and lands right then.
void wait_for_temporary(const fs::path& dir, pid_t pid, long long limit_us) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::microseconds(limit_us);
    while (!has_temporary_of(dir, pid) && std::chrono::steady_clock::now() < until) {
    }
}

std::vector<std::string> temporaries(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().filename().string().find(".tmp-") != std::string::npos) out.push_back(e.path().filename().string());
    return out;
}

struct Tally {
    int old_version = 0;   // killed during write n: the file still held write n-1
    int new_version = 0;   // killed during write n, after the file was replaced
    int between = 0;       // killed between writes
    int temporaries = 0;   // kills that left a temporary file behind
};

std::string summary(const char* what, int kills, unsigned seed, long long cycle_us, const Tally& t) {
    return fmt::format("[  crash   ] {}: {} kills (seed {}, one write ≈ {} ms): old version {}, new version {} "
                       "(killed mid-write); killed between writes {}; temporary files left {}",
                       what, kills, seed, cycle_us / 1000, t.old_version, t.new_version, t.between, t.temporaries);
}

class CrashTest : public SessionTest {};

TEST_F(CrashTest, AReportKilledMidSaveIsAlwaysTheOldOrTheNewVersionComplete) {
    // Two versions that differ in a value and a 256 KiB narrative, so that a save takes long
    // enough for kills to land inside it.
    auto base = report::load(sample("cchc", "phuong-dinh-2024-q1.rbr").string());
    ASSERT_TRUE(base) << base.error();
    report::Report a = *base, b = *base;
    a.values["I.1"].value = "15";
    a.narrative["II.1"] = big_narrative("trước");
    b.values["I.1"].value = "16";
    b.narrative["II.1"] = big_narrative("sau");
    const std::string a_file = path("a.rbr").string(), b_file = path("b.rbr").string();
    ASSERT_TRUE(report::save(a, a_file));
    ASSERT_TRUE(report::save(b, b_file));
    const std::string xa = read_text(a_file), xb = read_text(b_file);
    ASSERT_NE(xa, xb);
    auto version = [&](unsigned long n) -> const std::string& { return n % 2 ? xb : xa; };

    const fs::path work = path("work");
    fs::create_directories(work);
    const std::string target = (work / "bao-cao.rbr").string();
    ASSERT_TRUE(report::save(a, target));

    const unsigned seed = seed_from_env();
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937 rng(seed);
    long long cycle_us = 0;
    Tally t;
    for (int round = 0; round < kKills; ++round) {
        Writer w({"save", target, a_file, b_file});
        ASSERT_GT(w.pid(), 0);
        ASSERT_TRUE(w.wait_done(0)) << "round " << round << ": the writer ended before its first save";
        if (cycle_us == 0) {
            // Time two saves once, so that delays span whole saves.
            const auto t0 = std::chrono::steady_clock::now();
            ASSERT_TRUE(w.wait_done(2));
            // At least 1 ms: two saves already waiting in the pipe would measure 0 and time again.
            cycle_us = std::max<long long>(
                1000, std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0)
                              .count() / 2);
        }
        std::uniform_int_distribution<long long> delay(0, 2 * cycle_us);
        const long long wait_us = delay(rng);
        if (round % 3 == 2) wait_for_temporary(work, w.pid(), 4 * cycle_us + 1000000);
        else std::this_thread::sleep_for(std::chrono::microseconds(wait_us));
        const int status = w.kill_and_drain();
        ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
            << "round " << round << ": the writer stopped by itself, status " << status;
        const Progress p = w.progress();
        const bool left_temporary = has_temporary_of(work, w.pid());
        t.temporaries += left_temporary;

        const std::string raw = read_text(target);
        auto loaded = report::load(target);
        ASSERT_TRUE(loaded) << "round " << round << " (delay " << wait_us << " µs): " << loaded.error();
        ASSERT_EQ(report::to_xml(*loaded), raw) << "round " << round;
        if (p.last == 'D') {
            ASSERT_EQ(raw, version(p.n)) << "round " << round << ": save " << p.n << " was done, the file is not it";
            ++t.between;
        } else {
            ASSERT_EQ(p.last, 'S');
            if (raw == version(p.n)) {
                ++t.new_version;
            } else {
                ASSERT_EQ(raw, version(p.n - 1))
                    << "round " << round << ": killed in save " << p.n << ", the file is neither version";
                ++t.old_version;
            }
        }
        // The backup is always a whole version too.
        const std::string bak = read_text(target + ".bak");
        ASSERT_TRUE(bak == xa || bak == xb) << "round " << round << ": the backup is torn";
        // Only the last killed writer's temporary files may be there: each save removes those
        // of writers that are gone.
        for (const auto& name : temporaries(work))
            ASSERT_NE(name.find(".tmp-" + std::to_string(w.pid())), std::string::npos)
                << "round " << round << ": a stale temporary file survived a save: " << name;
    }
    std::cout << summary("report save", kKills, seed, cycle_us, t) << std::endl;
    // Kills that landed while a temporary file was being written are what the test is about.
    EXPECT_GT(t.temporaries, 0);
    EXPECT_GT(t.old_version, 0);
    // A temporary file left by a kill is never taken for the report, and the next save clears it.
    ASSERT_TRUE(report::save(a, target));
    EXPECT_TRUE(temporaries(work).empty());
    EXPECT_EQ(read_text(target), xa);
}

TEST_F(CrashTest, AJournalKilledMidWriteRecoversTheOldOrTheNewEntryWhole) {
    // A report with a 256 KiB narrative, so that each journal write takes a while.
    auto base = report::load(sample("cchc", "phuong-dinh-2024-q1.rbr").string());
    ASSERT_TRUE(base) << base.error();
    base->narrative["II.1"] = big_narrative("nhật ký");
    const std::string a_file = path("a.rbr").string();
    ASSERT_TRUE(report::save(*base, a_file));

    // The two entries the writer alternates, made the way it makes them.
    const std::string code = "I.1", value_a = "15", value_b = "16";
    std::string xa, xb;
    {
        auto s = session::EditSession::open(registry_, a_file);
        ASSERT_TRUE(s) << s.error();
        ASSERT_TRUE((*s)->set_value(code, value_b));
        xb = report::to_xml((*s)->report());
        ASSERT_TRUE((*s)->set_value(code, value_a));
        xa = report::to_xml((*s)->report());
    }
    ASSERT_NE(xa, xb);
    auto version = [&](unsigned long n) -> const std::string& { return n % 2 ? xb : xa; };

    const fs::path dir = path("journal");
    session::Journal journal(dir.string());
    const unsigned seed = seed_from_env() + 1;
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937 rng(seed);
    long long cycle_us = 0;
    Tally t;
    for (int round = 0; round < kKills; ++round) {
        Writer w({"journal", dir.string(), path("plugins/cchc").string(), a_file, code, value_a, value_b});
        ASSERT_GT(w.pid(), 0);
        ASSERT_TRUE(w.wait_done(0)) << "round " << round << ": the writer ended before its first journal write";
        if (cycle_us == 0) {
            const auto t0 = std::chrono::steady_clock::now();
            ASSERT_TRUE(w.wait_done(2));
            // At least 1 ms: two saves already waiting in the pipe would measure 0 and time again.
            cycle_us = std::max<long long>(
                1000, std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0)
                              .count() / 2);
        }
        std::uniform_int_distribution<long long> delay(0, 2 * cycle_us);
        const long long wait_us = delay(rng);
        if (round % 3 == 2) wait_for_temporary(dir, w.pid(), 4 * cycle_us + 1000000);
        else std::this_thread::sleep_for(std::chrono::microseconds(wait_us));
        const int status = w.kill_and_drain();
        ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
            << "round " << round << ": the writer stopped by itself, status " << status;
        const Progress p = w.progress();
        t.temporaries += has_temporary_of(dir, w.pid());

        // Exactly the dead writer's journal is offered, and it opens.
        const auto pending = journal.pending_recoveries();
        ASSERT_EQ(pending.size(), 1u) << "round " << round;
        EXPECT_EQ(pending[0].pid, static_cast<long>(w.pid()));
        // Its temporary file, if the kill left one, is gone once the journals were looked at.
        EXPECT_FALSE(has_temporary_of(dir, w.pid())) << "round " << round;
        auto recovered = journal.recover(pending[0], registry_);
        ASSERT_TRUE(recovered) << "round " << round << " (delay " << wait_us << " µs): " << recovered.error();
        const std::string got = report::to_xml((*recovered)->report());
        if (p.last == 'D') {
            ASSERT_EQ(got, version(p.n)) << "round " << round << ": write " << p.n << " was done, recovery differs";
            ++t.between;
        } else {
            ASSERT_EQ(p.last, 'S');
            if (got == version(p.n)) {
                ++t.new_version;
            } else {
                ASSERT_EQ(got, version(p.n - 1))
                    << "round " << round << ": killed in write " << p.n << ", recovered neither entry";
                ++t.old_version;
            }
        }
        journal.forget(**recovered);
    }
    std::cout << summary("journal", kKills, seed, cycle_us, t) << std::endl;
    EXPECT_GT(t.temporaries, 0);
    EXPECT_GT(t.old_version, 0);
    EXPECT_TRUE(journal.pending_recoveries().empty());
    EXPECT_TRUE(temporaries(dir).empty());
}

}  // namespace
}  // namespace rb::test
