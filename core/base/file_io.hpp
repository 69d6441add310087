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
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace rb::files {

// Limits of the program's own formats, in one place so that nothing is written that the
// reader would refuse.
inline constexpr std::size_t kMaxReportBytes = std::size_t(64) << 20;

Result<std::string> read(const std::string& path, std::size_t max_bytes);

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
};

// Writes `data` to `path` atomically. A symbolic link at `path` stays a link: its target is
// replaced.
rb::Status write_atomic(const std::string& path, std::string_view data, const WriteOptions& options = {});

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
    int folder_lock_ = -1;
    bool done_ = false;
};

// True when REPORTBENCH_NO_FSYNC=1: flushes are skipped everywhere. For test runs that do not
// measure durability; never set it for real work.
bool flushes_disabled();

}  // namespace rb::files
