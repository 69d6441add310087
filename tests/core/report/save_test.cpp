#include <gtest/gtest.h>
#ifndef _WIN32
#include <signal.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "base/file_io.hpp"
#include "report/report.hpp"
#include "sample_report.hpp"

namespace fs = std::filesystem;

namespace rb::report {
namespace {

// A fresh folder per test, removed afterwards.
class ReportSave : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = fs::temp_directory_path() / ("rb-report-" + std::to_string(files::process_id()) + "-" + info->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    std::string file(const std::string& name) const { return (dir_ / name).string(); }

    std::vector<std::string> temporaries() const {
        std::vector<std::string> out;
        for (const auto& e : fs::directory_iterator(dir_))
            if (e.path().filename().string().find(".tmp-") != std::string::npos)
                out.push_back(e.path().filename().string());
        return out;
    }

    fs::path dir_;
};

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

Report version(const std::string& marker) {
    Report r = samples::sample_report();
    r.values["I.1"].value = marker;
    r.narrative["I.1"] = "Phiên bản " + marker;
    return r;
}

TEST_F(ReportSave, SavedFileLoadsBackEqualAndLeavesNoTemporaryFiles) {
    const Report r = samples::sample_report();
    const std::string path = file("cchc-2024-Q1.rbr");
    ASSERT_TRUE(save(r, path));
    EXPECT_EQ(slurp(path), to_xml(r));
    auto loaded = load(path);
    ASSERT_TRUE(loaded) << loaded.error();
    EXPECT_EQ(*loaded, r);
    EXPECT_FALSE(fs::exists(path + ".bak"));  // nothing to keep on the first save
    EXPECT_TRUE(temporaries().empty());
}

TEST_F(ReportSave, EachSaveKeepsThePreviousContentAsBak) {
    const std::string path = file("r.rbr");
    ASSERT_TRUE(save(version("1"), path));
    ASSERT_TRUE(save(version("2"), path));
    EXPECT_EQ(slurp(path), to_xml(version("2")));
    EXPECT_EQ(slurp(path + ".bak"), to_xml(version("1")));
    ASSERT_TRUE(save(version("3"), path));
    EXPECT_EQ(slurp(path), to_xml(version("3")));
    EXPECT_EQ(slurp(path + ".bak"), to_xml(version("2")));
    auto bak = load(path + ".bak");
    ASSERT_TRUE(bak) << bak.error();
    EXPECT_EQ(bak->values.at("I.1").value, "2");
    EXPECT_TRUE(temporaries().empty());
}

// A save killed between its two renames leaves the backup and the report one file (two
// names of one inode); renaming a link over another link of the same file does nothing, so the
// next save must still leave no temporary and a backup of what was there.
TEST_F(ReportSave, ABackupThatIsTheFileItselfIsReplacedWithoutLeavingATemporary) {
    const std::string path = file("r.rbr");
    ASSERT_TRUE(save(version("1"), path));
    ASSERT_TRUE(save(version("2"), path));
    fs::remove(path + ".bak");
    std::error_code ec;
    fs::create_hard_link(path, path + ".bak", ec);
    if (ec) GTEST_SKIP() << "no hard links here: " << ec.message();
    ASSERT_TRUE(save(version("3"), path));
    EXPECT_EQ(slurp(path), to_xml(version("3")));
    EXPECT_EQ(slurp(path + ".bak"), to_xml(version("2")));
    EXPECT_TRUE(temporaries().empty()) << temporaries().front();
}

TEST_F(ReportSave, LoadOfAMissingFileNamesIt) {
    auto res = load(file("none.rbr"));
    ASSERT_FALSE(res);
    EXPECT_NE(res.error().find("none.rbr"), std::string::npos) << res.error();
}

TEST_F(ReportSave, ReadOnlyReportIsRefusedAndTheFileLeftAlone) {
    const std::string path = file("r.rbr");
    ASSERT_TRUE(save(version("1"), path));
    Report r = version("2");
    r.read_only = true;
    r.read_only_reason = "định dạng 2";
    auto res = save(r, path);
    ASSERT_FALSE(res);
    EXPECT_NE(res.error().find("định dạng 2"), std::string::npos) << res.error();
    EXPECT_EQ(slurp(path), to_xml(version("1")));
    EXPECT_FALSE(fs::exists(path + ".bak"));
}

TEST_F(ReportSave, SubmittedReportIsSavedSoTheSubmissionIsRecorded) {
    Report r = version("1");
    r.status = Status::Submitted;
    ASSERT_TRUE(save(r, file("r.rbr")));
    EXPECT_EQ(load(file("r.rbr"))->status, Status::Submitted);
}

TEST_F(ReportSave, ReportThatWouldNotLoadBackIsRefusedBeforeAnythingIsWritten) {
    const std::string path = file("r.rbr");
    ASSERT_TRUE(save(version("1"), path));
    Report unset = version("2");
    unset.window_from = {};  // never set
    auto res = save(unset, path);
    ASSERT_FALSE(res);
    EXPECT_NE(res.error().find("r.rbr"), std::string::npos) << res.error();
    Report backwards = version("2");
    std::swap(backwards.window_from, backwards.window_to);
    EXPECT_FALSE(save(backwards, path));
    Report nameless = version("2");
    nameless.type_id.clear();
    EXPECT_FALSE(save(nameless, path));
    EXPECT_EQ(slurp(path), to_xml(version("1")));
    EXPECT_TRUE(temporaries().empty());
}

TEST_F(ReportSave, FolderThatCannotBeWrittenFailsWithAMessage) {
    auto res = save(version("1"), file("no-such-folder/r.rbr"));
    ASSERT_FALSE(res);
    EXPECT_NE(res.error().find("no-such-folder"), std::string::npos) << res.error();
}

#ifndef _WIN32  // POSIX modes (docs/windows.md, tests not run on Windows)
TEST_F(ReportSave, FileModeIsKept) {
    const std::string path = file("r.rbr");
    ASSERT_TRUE(save(version("1"), path));
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
    ASSERT_TRUE(save(version("2"), path));
    EXPECT_EQ(fs::status(path).permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write);
}
#endif

#ifndef _WIN32  // symbolic links need a privilege on Windows (docs/windows.md)
TEST_F(ReportSave, SavingThroughASymbolicLinkUpdatesItsTargetAndKeepsTheLink) {
    const std::string real = file("real.rbr");
    const std::string link = file("link.rbr");
    ASSERT_TRUE(save(version("1"), real));
    fs::create_symlink("real.rbr", link);
    ASSERT_TRUE(save(version("2"), link));
    EXPECT_TRUE(fs::is_symlink(link));
    EXPECT_EQ(slurp(real), to_xml(version("2")));
    EXPECT_EQ(slurp(real + ".bak"), to_xml(version("1")));
}
#endif

// A temporary is a dead writer's when nobody holds the folder's writer lock, whatever process
// id its name carries: ids are reused, so a live process with that id proves nothing.
TEST_F(ReportSave, TemporaryFilesOfCrashedSavesAreRemovedEvenWhenTheirProcessIdIsInUse) {
    const std::string path = file("r.rbr");
#ifdef _WIN32
    const std::string in_use = std::to_string(files::process_id());  // a live process
#else
    const std::string in_use = std::to_string(::getppid());  // a live process, not a writer
#endif
    const std::string stale = path + ".tmp-" + in_use;
    const std::string stale_bak = path + ".bak.tmp-" + in_use;
    const std::string other = file("other.rbr.tmp-" + in_use);
    for (const auto& f : {stale, stale_bak, other}) std::ofstream(f) << "partial";
    ASSERT_TRUE(save(version("1"), path));
    EXPECT_FALSE(fs::exists(stale));
    EXPECT_FALSE(fs::exists(stale_bak));
    EXPECT_TRUE(fs::exists(other));  // another report's business
}

#ifndef _WIN32  // a second writer made with fork(); Windows: windows_test.cpp
// A writer that holds the folder's lock is waited for: its temporary is not swept away under
// it, and the two saves happen one after the other.
TEST_F(ReportSave, ASaveWaitsForAnotherWriterOfTheFolderAndNeverRemovesItsTemporary) {
    const std::string path = file("r.rbr");
    ASSERT_TRUE(save(version("1"), path));
    int ready[2];
    ASSERT_EQ(::pipe(ready), 0);
    const pid_t writer = ::fork();
    ASSERT_GE(writer, 0);
    if (writer == 0) {
        // Another program's save in the middle of writing its temporary.
        const int dir = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY);
        if (dir < 0 || ::flock(dir, LOCK_EX) != 0) ::_exit(2);
        const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
        std::ofstream(tmp) << to_xml(version("2"));
        (void)!::write(ready[1], "x", 1);
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        if (!fs::exists(tmp)) ::_exit(1);  // swept away while this writer was alive
        if (::rename(tmp.c_str(), path.c_str()) != 0) ::_exit(3);
        ::_exit(0);
    }
    char c = 0;
    ASSERT_EQ(::read(ready[0], &c, 1), 1);
    ASSERT_TRUE(save(version("3"), path));
    int status = 0;
    ::waitpid(writer, &status, 0);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0) << "1: the other writer's temporary was removed under it";
    // The waiting save came second, so its version is the one on disk.
    EXPECT_EQ(slurp(path), to_xml(version("3")));
    EXPECT_TRUE(temporaries().empty());
    ::close(ready[0]);
    ::close(ready[1]);
}
#endif

// A report the reader would refuse is never written: the file on disk stays as it was.
TEST_F(ReportSave, AReportOverTheReadersSizeLimitIsRefusedBeforeWriting) {
    const std::string path = file("r.rbr");
    ASSERT_TRUE(save(version("1"), path));
    Report huge = version("2");
    huge.narrative["II.2"] = std::string(files::kMaxReportBytes + 16, 'a');
    const auto saved = save(huge, path);
    ASSERT_FALSE(saved);
    EXPECT_NE(saved.error().find("quá giới hạn"), std::string::npos) << saved.error();
    EXPECT_EQ(slurp(path), to_xml(version("1")));
    auto loaded = load(path);
    ASSERT_TRUE(loaded) << loaded.error();
}

#ifndef _WIN32  // a second writer made with fork(); Windows: windows_test.cpp
// A save killed at a random moment leaves the report either as before or as after, never torn.
TEST_F(ReportSave, InterruptedSaveLeavesThePreviousFileIntact) {
    auto big = [](const std::string& word) {
        std::string text;
        text.reserve(2u << 20);
        for (int i = 0; text.size() < (2u << 20); ++i)
            text += "- Đoạn " + std::to_string(i) + ": " + word + " giải quyết hồ sơ đúng hạn.\n\n";
        return text;
    };
    Report a = version("111");
    a.narrative["II.2"] = big("trước");
    Report b = version("222");
    b.narrative["II.2"] = big("sau");
    const std::string xa = to_xml(a);
    const std::string xb = to_xml(b);
    ASSERT_GT(xa.size(), 2u << 20);

    const std::string path = file("big.rbr");
    ASSERT_TRUE(save(a, path));
    // Time one save, to spread the kills over whole saves, preparation and writing alike.
    const auto t0 = std::chrono::steady_clock::now();
    ASSERT_TRUE(save(b, path));
    ASSERT_TRUE(save(a, path));
    const auto per_save_us = std::max<long long>(
        1000,
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count() /
            2);

    std::cout << "[          ] one save: " << per_save_us / 1000 << " ms\n";
    const unsigned seed = static_cast<unsigned>(std::random_device{}());
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937 rng(seed);
    std::uniform_int_distribution<long long> delay_us(0, per_save_us * 3);
    auto size_of = [](const std::string& f) {
        struct stat st {};
        return ::stat(f.c_str(), &st) == 0 ? static_cast<long long>(st.st_size) : -1LL;
    };
    const auto size_a = static_cast<long long>(xa.size());
    const auto size_b = static_cast<long long>(xb.size());
#ifdef RB_SANITIZED
    constexpr int kRounds = 12;  // a save takes seconds under the sanitizers; 60 in the normal build
#else
    constexpr int kRounds = 60;
#endif
    int torn_temporaries = 0;  // kills that landed while a temporary file was being written
    for (int round = 0; round < kRounds; ++round) {
        const pid_t child = ::fork();
        ASSERT_GE(child, 0);
        if (child == 0) {
            for (unsigned i = 0;; ++i)
                if (!save(i % 2 ? a : b, path)) ::_exit(3);
        }
        const std::string child_tmp = path + ".tmp-" + std::to_string(child);
        if (round % 2 == 0) {
            // Anywhere in a save.
            std::this_thread::sleep_for(std::chrono::microseconds(delay_us(rng)));
        } else {
            // Kill while a new version is being written. Meanwhile watch the report itself:
            // seen at any moment it must be one whole version, since a crash could happen then.
            const auto deadline =
                std::chrono::steady_clock::now() + std::chrono::microseconds(per_save_us * 20 + 1000000);
            while (std::chrono::steady_clock::now() < deadline) {
                if (size_of(child_tmp) >= 0) break;
                const long long now = size_of(path);
                if (now != size_a && now != size_b) {
                    ADD_FAILURE() << "round " << round << ": during a save the report was " << now
                                  << " bytes, neither version";
                    break;
                }
            }
        }
        ::kill(child, SIGKILL);
        int status = 0;
        ::waitpid(child, &status, 0);
        ASSERT_TRUE(WIFSIGNALED(status)) << "the saving child stopped by itself, status " << status;
        if (fs::exists(child_tmp)) ++torn_temporaries;

        auto loaded = load(path);
        ASSERT_TRUE(loaded) << "round " << round << ": " << loaded.error();
        const std::string now = to_xml(*loaded);
        ASSERT_TRUE(now == xa || now == xb) << "round " << round << ": the file is neither version";
        const std::string raw = slurp(path);
        ASSERT_TRUE(raw == xa || raw == xb) << "round " << round;
        if (fs::exists(path + ".bak")) {
            const std::string bak = slurp(path + ".bak");
            ASSERT_TRUE(bak == xa || bak == xb) << "round " << round << ": the backup is torn";
        }
    }
    // The test only means something if some kills hit a save in the middle of writing.
    EXPECT_GT(torn_temporaries, 0);
    std::cout << "[          ] " << torn_temporaries << " of " << kRounds
              << " kills interrupted a file being written\n";
    // The next save clears what the killed children left behind.
    ASSERT_TRUE(save(a, path));
    const auto left = temporaries();
    EXPECT_TRUE(left.empty()) << "left behind: " << left.front();
}
#endif

}  // namespace
}  // namespace rb::report
