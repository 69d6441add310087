#pragma once
// Reading and writing whole files, once for the whole program.
//
// Reading: only regular files are read (a FIFO or a device would block or never end), and a
// file over the caller's limit is refused before a byte is read, with a message naming it.
//
// Writing: the data goes to a temporary file beside the destination, is flushed, and is
// renamed over it; the folder is flushed too. At any moment the destination is the old file or
// the new one, never a mix. Writers of one folder hold an exclusive lock on the folder
// (flock) while their temporaries exist, so a temporary found while holding the lock belongs
// to a writer that died: it is removed. Liveness is never judged by process id (ids are reused).
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "base/result.hpp"

namespace rb::files {

// Which file a name held when it was read: a save compares it with what the name holds now,
// so that a change another program made in between is never silently written over.
struct FileStamp {
    unsigned long long device = 0;
    unsigned long long inode = 0;
    long long size = 0;
    long long modified_ns = 0;
    bool operator==(const FileStamp&) const = default;
};
// The stamp of what `path` names now; nullopt when nothing does.
std::optional<FileStamp> stamp_of(const std::string& path);

// Limits of the program's own formats, in one place so that nothing is written that the
// reader would refuse.
inline constexpr std::size_t kMaxReportBytes = std::size_t(64) << 20;

// `stamp`, when given, receives the stamp of the file that was read.
Result<std::string> read(const std::string& path, std::size_t max_bytes, FileStamp* stamp = nullptr);

// The writers' lock of a folder (flock on the folder), held for the object's life. Taking it
// again in the same process while it is held is free (the lock is counted), so a command can
// hold its report's folder from reading to saving while the save takes it too.
class FolderLock {
public:
    explicit FolderLock(const std::string& folder);
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;
    ~FolderLock();
    // False when another program held the folder too long (error() says so) or the file
    // system has no locks (error() empty: work goes on without).
    bool held() const { return key_.first != 0 || key_.second != 0; }
    const std::string& error() const { return error_; }

private:
    std::pair<unsigned long long, unsigned long long> key_{0, 0};
    std::string error_;
};
// The folder a file is in ("." for a bare name).
std::string folder_of(const std::string& path);

struct WriteOptions {
    // false skips the flushes (still atomic through the rename): for preferences, where losing
    // the last change to a power cut is harmless.
    bool durable = true;
    // The previous file becomes `<path>.bak`, replaced in one step so an older `.bak` is only
    // ever replaced by a complete one.
    bool keep_backup = false;
    // Create the destination's folder when it is missing.
    bool create_folder = false;
    // Permission bits of a new file (an existing file keeps its own).
    unsigned new_file_mode = 0666;
    // When set, the write is refused unless the destination is still the file this stamp
    // describes (checked under the folder's lock): another program changed it since it was read.
    const FileStamp* unchanged_since = nullptr;
    // When set, receives the stamp of the file written.
    FileStamp* written = nullptr;
};

// Writes `data` to `path` atomically. A symbolic link at `path` stays a link: its target is
// replaced.
rb::Status write_atomic(const std::string& path, std::string_view data, const WriteOptions& options = {});

// Writes `data` to `path` only when nothing has that name: the file appears whole or not at all,
// and a file that appears meanwhile is never replaced. False when the name was taken.
Result<bool> write_new(const std::string& path, std::string_view data);

// For writers that produce a file themselves (a library writing to a name): `temporary()` is a
// name in the destination's folder to write to, and `commit()` flushes it and renames it over
// the destination. A Replacement that is not committed removes its temporary.
class Replacement {
public:
    explicit Replacement(std::string destination, WriteOptions options = {});
    Replacement(const Replacement&) = delete;
    Replacement& operator=(const Replacement&) = delete;
    ~Replacement();

    const std::string& temporary() const { return temporary_; }
    rb::Status commit();

private:
    std::string destination_;
    std::string temporary_;
    std::string destination_error_;
    WriteOptions options_;
    std::unique_ptr<FolderLock> folder_lock_;
    bool done_ = false;
};

// An exclusive lock on a lock file, which the system drops when the process ends however it
// ends (flock on POSIX, LockFileEx on Windows): how a process tells others it is alive.
class ProcessLock {
public:
    // Takes the lock of `path` (created when missing) without waiting; held() says whether it did.
    explicit ProcessLock(const std::string& path);
    ProcessLock(const ProcessLock&) = delete;
    ProcessLock& operator=(const ProcessLock&) = delete;
    ~ProcessLock();
    bool held() const { return handle_ != -1; }
    // Releases the lock and removes the file.
    void remove();

private:
    std::string path_;
    long long handle_ = -1;
};
// True when some live process holds the lock of `path` (false when there is no such file).
bool lock_is_held(const std::string& path);
// This process's id, as the names of temporaries and journals carry it.
long process_id();

// True when REPORTBENCH_NO_FSYNC=1: flushes are skipped everywhere. For test runs that do not
// measure durability; never set it for real work.
bool flushes_disabled();

}  // namespace rb::files
