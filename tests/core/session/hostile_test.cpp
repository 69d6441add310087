// Journals that are not what this program wrote: beyond the size limit, cut short, or left as
// a temporary file by a write that was killed. None crashes the recovery or is taken for a
// journal; a torn one is refused with the journal file named.
#include <gtest/gtest.h>
#ifndef _WIN32
#include <sys/wait.h>
#include <unistd.h>
#endif

#include <chrono>

#include "base/file_io.hpp"
#include "session/edit_session.hpp"
#include "session/journal.hpp"
#include "session_fixture.hpp"

namespace rb::test {
namespace {

using session::Journal;

class JournalHostile : public SessionTest {
protected:
    std::string dir() const { return path("journal").string(); }

    // The pid of a process that has ended.
    static long dead_pid() {
#ifdef _WIN32
        // A journal's writer is alive only while it holds its lock file, whatever its id: an id
        // no process here holds a lock for is a dead one.
        static long next = 4'000'000;
        return next += 4;
#else
        const pid_t pid = ::fork();
        if (pid == 0) ::_exit(0);
        ::waitpid(pid, nullptr, 0);
        return pid;
#endif
    }

    // A journal as a process `pid` that died would leave it, holding the sample report.
    std::string journal_of(long pid) {
        const std::string text = "ReportBench journal 1\npid: " + std::to_string(pid) +
                                 "\nsession: s1\npath: \nwritten: 2024-03-08T10:00:00Z\ntype: cchc\n"
                                 "period: 2024-Q1\nunit: Phương Định\n\n" +
                                 read_text(sample("cchc", "phuong-dinh-2024-q1.rbr"));
        const fs::path file = fs::path(dir()) / (std::to_string(pid) + "-s1.rbj");
        fs::create_directories(dir());
        std::ofstream(file, std::ios::binary) << text;
        return file.string();
    }
};

TEST_F(JournalHostile, AWholeJournalOfADeadProcessIsRecovered) {
    const std::string file = journal_of(dead_pid());
    Journal j(dir());
    const auto pending = j.pending_recoveries();
    ASSERT_EQ(pending.size(), 1u);
    auto s = j.recover(pending[0], registry_);
    ASSERT_TRUE(s) << s.error();
}

TEST_F(JournalHostile, ATornJournalIsRefusedNamingIt) {
    const std::string file = journal_of(dead_pid());
    const std::string whole = read_text(file);
    std::ofstream(file, std::ios::binary | std::ios::trunc) << whole.substr(0, whole.size() / 2);
    Journal j(dir());
    const auto pending = j.pending_recoveries();
    ASSERT_EQ(pending.size(), 1u);
    auto s = j.recover(pending[0], registry_);
    ASSERT_FALSE(s);
    EXPECT_NE(s.error().find(file), std::string::npos) << s.error();
}

TEST_F(JournalHostile, AJournalBeyondTheLimitIsNotReadAtAll) {
    const std::string file = journal_of(dead_pid());
    fs::resize_file(file, std::uintmax_t(2) << 30);  // sparse: 2 GiB that would fill memory
    Journal j(dir());
    const long before = peak_memory_kib();
    EXPECT_TRUE(j.pending_recoveries().empty());
    // Not read: the peak memory did not grow by anything like 2 GiB (the time is in tests/bench).
    EXPECT_LT(peak_memory_kib() - before, 32L << 10);
    EXPECT_TRUE(fs::exists(file)) << "not ours to delete";
}

TEST_F(JournalHostile, TemporaryFilesOfDeadWritersAreRemovedButNeverOffered) {
    const long dead = dead_pid();
    fs::create_directories(dir());
    const fs::path stale = fs::path(dir()) / (std::to_string(dead) + "-s1.rbj.tmp-" + std::to_string(dead));
    std::ofstream(stale) << "ReportBench journal 1\npid: " << dead << "\n\n<report";
    Journal j(dir());
    // A temporary file of this (live) process stays: its write may be under way.
    const fs::path live = fs::path(dir()) / (std::to_string(files::process_id()) + "-s2.rbj.tmp-" + std::to_string(files::process_id()));
    std::ofstream(live) << "partial";
    EXPECT_TRUE(j.pending_recoveries().empty());
    EXPECT_FALSE(fs::exists(stale));
    EXPECT_TRUE(fs::exists(live));
}

TEST_F(JournalHostile, AReportOfATypeNotInstalledIsRefusedNamingTypeAndFileAndLeftAlone) {
    const fs::path file = path("other.rbr");
    std::string text = read_text(sample("cchc", "phuong-dinh-2024-q1.rbr"));
    text.replace(text.find("<type id=\"cchc\""), 15, "<type id=\"khong-co\"");
    std::ofstream(file, std::ios::binary) << text;
    auto s = session::EditSession::open(registry_, file.string());
    ASSERT_FALSE(s);
    EXPECT_NE(s.error().find("khong-co"), std::string::npos) << s.error();
    EXPECT_NE(s.error().find(file.string()), std::string::npos) << s.error();
    EXPECT_EQ(read_text(file), text);
    EXPECT_FALSE(fs::exists(file.string() + ".bak"));
}

}  // namespace
}  // namespace rb::test
