// Files with Vietnamese letters in their names and folders, written and read through the
// program's one file layer, and the locks that tell a live writer from a dead one. The same
// tests run on Linux and, cross-built, on Windows (under Wine), where every name crosses the
// UTF-8/UTF-16 boundary.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "base/file_io.hpp"
#include "base/paths.hpp"

#ifdef _WIN32
#include "base/win32.hpp"
#endif

namespace fs = std::filesystem;

namespace rb::files {
namespace {

class Files : public ::testing::Test {
protected:
    void SetUp() override {
        std::random_device rd;
        root_ = paths::text_of(fs::temp_directory_path()) + "/rb-files-" + std::to_string(rd()) + std::to_string(rd());
        fs::create_directories(paths::fs_path(root_));
    }
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(paths::fs_path(root_), ec);
    }
    // Names as the user types them: "Nguyễn Thị Hà/Báo cáo/Quý I.rbr".
    std::string at(std::string_view relative) const { return paths::join(root_, relative); }

    std::string root_;
};

const std::string kFolder = "Nguyễn Thị Hà/Báo cáo";
const std::string kFile = "Quý I năm 2025 – Phường Định Công.rbr";

TEST_F(Files, TextBecomesAPathAndBackUnchanged) {
    const std::string name = "C:\\Users\\Nguyễn Thị Hà\\Documents\\Báo cáo\\Quý I.rbr";
    EXPECT_EQ(paths::text_of(paths::fs_path(name)), name);
    EXPECT_EQ(paths::file_name(at(kFolder + "/" + kFile)), kFile);
    EXPECT_EQ(paths::file_name(paths::parent(at(kFolder + "/" + kFile))), "Báo cáo");
    // The path's own parts are the letters typed, not bytes in some code page.
    const std::u8string u8 = paths::fs_path(kFile).filename().u8string();
    EXPECT_EQ(std::string(u8.begin(), u8.end()), kFile);
}

TEST_F(Files, AFileInAVietnameseFolderIsWrittenReadAndReplacedKeepingABackup) {
    const std::string path = at(kFolder + "/" + kFile);
    WriteOptions create;
    create.create_folder = true;
    create.keep_backup = true;
    ASSERT_TRUE(write_atomic(path, "một", create));
    ASSERT_TRUE(paths::exists(path));
    EXPECT_TRUE(paths::is_folder(at(kFolder)));
    ASSERT_TRUE(write_atomic(path, "hai", create));
    auto now = read(path, 1 << 20);
    ASSERT_TRUE(now) << now.error();
    EXPECT_EQ(*now, "hai");
    auto before = read(path + ".bak", 1 << 20);
    ASSERT_TRUE(before) << before.error();
    EXPECT_EQ(*before, "một");
    EXPECT_TRUE(stamp_of(path).has_value());
    // Only the file and its backup: no temporary left behind, names intact on disk.
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(paths::fs_path(at(kFolder)))) names.push_back(paths::text_of(e.path().filename()));
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, (std::vector<std::string>{kFile, kFile + ".bak"}));
}

TEST_F(Files, AMissingFileIsNamedAsTyped) {
    auto r = read(at(kFolder + "/không có.rbr"), 1 << 20);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().find("không có.rbr"), std::string::npos) << r.error();
}

TEST_F(Files, WriteNewNeverReplacesAFile) {
    const std::string path = at("Tệp mới.txt");
    auto first = write_new(path, "a");
    ASSERT_TRUE(first) << first.error();
    EXPECT_TRUE(*first);
    auto second = write_new(path, "b");
    ASSERT_TRUE(second) << second.error();
    EXPECT_FALSE(*second);
    EXPECT_EQ(*read(path, 16), "a");
}

TEST_F(Files, AProcessLockIsHeldUntilReleasedAndThenGone) {
    const std::string path = at("Khoá " + std::to_string(process_id()) + ".lock");
    {
        ProcessLock lock(path);
        ASSERT_TRUE(lock.held());
        EXPECT_TRUE(lock_is_held(path));
        ProcessLock second(path);  // another holder is refused, not queued
        EXPECT_FALSE(second.held());
        lock.remove();
    }
    EXPECT_FALSE(lock_is_held(path));
    EXPECT_FALSE(paths::exists(path));
}

TEST_F(Files, ALockFileNobodyHoldsIsADeadWriters) {
    const std::string path = at("12345.lock");
    std::ofstream(paths::fs_path(path)) << "12345";
    EXPECT_FALSE(lock_is_held(path));
    ProcessLock lock(path);  // taken over
    EXPECT_TRUE(lock.held());
}

#ifdef _WIN32
// A report open in a program that shares it for reading only (a viewer, an antivirus scan that
// lasts): the save is refused with a message saying so, and the file keeps its content.
TEST_F(Files, AFileOpenElsewhereWithoutSharingIsNotReplacedAndStaysIntact) {
    const std::string path = at(kFile);
    ASSERT_TRUE(write_atomic(path, "cũ"));
    HANDLE other = CreateFileW(utf16::wide(path).c_str(), GENERIC_READ, FILE_SHARE_READ, nullptr, OPEN_EXISTING,
                               FILE_ATTRIBUTE_NORMAL, nullptr);
    ASSERT_NE(other, INVALID_HANDLE_VALUE);
    auto r = write_atomic(path, "mới");
    CloseHandle(other);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().find(kFile), std::string::npos) << r.error();
    EXPECT_NE(r.error().find("chương trình khác"), std::string::npos) << r.error();
    EXPECT_EQ(*read(path, 16), "cũ");
    // Closed again, the same save goes through.
    ASSERT_TRUE(write_atomic(path, "mới"));
    EXPECT_EQ(*read(path, 16), "mới");
    for (const auto& e : fs::directory_iterator(paths::fs_path(root_)))
        EXPECT_EQ(paths::text_of(e.path().filename()).find(".tmp-"), std::string::npos) << paths::text_of(e.path());
}

// Settings and logs in %APPDATA%\ReportBench, IT staff's plugins in %PROGRAMDATA%.
TEST_F(Files, TheProgramsFoldersAreTheWindowsPlaces) {
    const std::string saved = paths::environment("REPORTBENCH_USER_DIR");
    _wputenv_s(L"REPORTBENCH_USER_DIR", L"");
    const std::string user = paths::user_data_dir();
    if (!saved.empty()) _wputenv_s(L"REPORTBENCH_USER_DIR", utf16::wide(saved).c_str());
    EXPECT_EQ(user, paths::join(paths::environment("APPDATA"), "ReportBench"));
    EXPECT_EQ(paths::machine_plugin_dir(), paths::join(paths::environment("PROGRAMDATA"), "ReportBench\\plugins"));
}
#endif

}  // namespace
}  // namespace rb::files
