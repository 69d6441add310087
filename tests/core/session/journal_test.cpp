// The journal: unsaved edits survive a crash and are offered back, but never those of a
// process that still runs.
#include <gtest/gtest.h>
#ifndef _WIN32
#include <sys/wait.h>
#include <unistd.h>
#endif

#include "session/edit_session.hpp"
#include "session/journal.hpp"
#include "session_fixture.hpp"

namespace rb::test {
namespace {

using session::EditSession;
using session::Journal;

class JournalTest : public SessionTest {
protected:
    std::unique_ptr<EditSession> open_seed() {
        seed_ = copy_sample("cchc", "phuong-dinh-2024-q1.rbr");
        auto s = EditSession::open(registry_, seed_.string());
        EXPECT_TRUE(s) << s.error();
        return std::move(*s);
    }

#ifndef _WIN32  // a crashing child made with fork(); Windows: windows_test.cpp
    // A child process opens the seed, edits it, journals it and dies without cleaning up:
    // the state a power cut or kill -9 leaves.
    pid_t crash_with_edit(const std::string& code, const std::string& typed) {
        const pid_t pid = ::fork();
        if (pid == 0) {
            auto s = EditSession::open(registry_, seed_.string());
            if (!s || !(*s)->set_value(code, typed)) ::_exit(3);
            auto* journal = new Journal(journal_dir());  // never destroyed: the crash
            ::_exit(journal->write(**s) ? 0 : 4);
        }
        int status = 0;
        ::waitpid(pid, &status, 0);
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        return pid;
    }
#endif

    std::string journal_dir() const { return path("userdata/reportbench/journal").string(); }

    fs::path seed_;
};

TEST_F(JournalTest, TheDefaultFolderIsInTheUserDataFolder) {
    EXPECT_EQ(fs::path(Journal::default_dir()), fs::path(journal_dir()));  // as paths: \ and / alike on Windows
}

TEST_F(JournalTest, ADirtySessionIsWrittenAndACleanOneRemoved) {
    auto s = open_seed();
    Journal j(journal_dir());
    ASSERT_TRUE(j.write(*s));
    EXPECT_FALSE(fs::exists(j.file_for(*s))) << "nothing unsaved, nothing journaled";
    ASSERT_TRUE(s->set_value("I.1", "15"));
    ASSERT_TRUE(j.write(*s));
    ASSERT_TRUE(fs::exists(j.file_for(*s)));
    EXPECT_NE(read_text(j.file_for(*s)).find("<value code=\"I.1\">15</value>"), std::string::npos);
    ASSERT_TRUE(s->save());
    ASSERT_TRUE(j.write(*s));
    EXPECT_FALSE(fs::exists(j.file_for(*s))) << "a clean save removes the journal";
}

TEST_F(JournalTest, ForgetRemovesTheJournalOfAClosedSession) {
    auto s = open_seed();
    Journal j(journal_dir());
    ASSERT_TRUE(s->set_value("I.1", "15"));
    ASSERT_TRUE(j.write(*s));
    j.forget(*s);
    EXPECT_FALSE(fs::exists(j.file_for(*s)));
}

TEST_F(JournalTest, ARunningInstanceJournalsAreNotOffered) {
    auto s = open_seed();
    Journal j(journal_dir());
    ASSERT_TRUE(s->set_value("I.1", "15"));
    ASSERT_TRUE(j.write(*s));
    EXPECT_TRUE(j.pending_recoveries().empty());
}

#ifndef _WIN32  // a crashing child made with fork(); Windows: windows_test.cpp
TEST_F(JournalTest, ACrashedProcessEditsAreOfferedAndRecovered) {
    open_seed();
    const pid_t dead = crash_with_edit("I.2.1", "1.034");
    Journal j(journal_dir());
    const auto pending = j.pending_recoveries();
    ASSERT_EQ(pending.size(), 1u);
    EXPECT_EQ(pending[0].original_path, seed_.string());
    EXPECT_EQ(pending[0].pid, static_cast<long>(dead));
    EXPECT_EQ(pending[0].type_id, "cchc");
    EXPECT_EQ(pending[0].period, "2024-Q1");
    EXPECT_EQ(pending[0].unit, "Phương Định");
    EXPECT_FALSE(pending[0].written.empty());

    auto s = j.recover(pending[0], registry_);
    ASSERT_TRUE(s) << s.error();
    EXPECT_TRUE((*s)->dirty());
    EXPECT_EQ((*s)->path(), seed_.string());
    EXPECT_EQ((*s)->report().values.at("I.2.1").value, "1034");
    // The file itself was never touched; the edit lives in the recovered session only.
    EXPECT_EQ(report::load(seed_.string())->values.at("I.2.1").value, "6");
    // Taken over: journaled under this process, no longer offered, the dead lock gone.
    EXPECT_TRUE(j.pending_recoveries().empty());
    EXPECT_TRUE(fs::exists(j.file_for(**s)));
    EXPECT_FALSE(fs::exists(fs::path(journal_dir()) / (std::to_string(dead) + ".lock")));
}
#endif

#ifndef _WIN32  // a crashing child made with fork(); Windows: windows_test.cpp
TEST_F(JournalTest, DiscardingARecoveryRemovesIt) {
    open_seed();
    crash_with_edit("I.1", "20");
    Journal j(journal_dir());
    auto pending = j.pending_recoveries();
    ASSERT_EQ(pending.size(), 1u);
    j.discard(pending[0]);
    EXPECT_TRUE(j.pending_recoveries().empty());
    EXPECT_FALSE(fs::exists(pending[0].journal_file));
}
#endif

TEST_F(JournalTest, ForeignFilesInTheFolderAreIgnored) {
    fs::create_directories(journal_dir());
    std::ofstream(fs::path(journal_dir()) / "123-s1.rbj") << "not a journal";
    std::ofstream(fs::path(journal_dir()) / "notes.txt") << "x";
    Journal j(journal_dir());
    EXPECT_TRUE(j.pending_recoveries().empty());
}

TEST_F(JournalTest, TheWriteIsSkippedWhenNothingChangedSinceTheLastOne) {
    auto s = open_seed();
    Journal j(journal_dir());
    ASSERT_TRUE(s->set_value("I.1", "15"));
    ASSERT_TRUE(j.write(*s));
    const auto first = fs::last_write_time(j.file_for(*s));
    fs::remove(j.file_for(*s));
    ASSERT_TRUE(j.write(*s));
    EXPECT_FALSE(fs::exists(j.file_for(*s))) << "same revision: not rewritten";
    ASSERT_TRUE(s->set_value("I.1", "16"));
    ASSERT_TRUE(j.write(*s));
    EXPECT_TRUE(fs::exists(j.file_for(*s)));
    (void)first;
}

}  // namespace
}  // namespace rb::test
