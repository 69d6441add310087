// Whole-file reads and crash-safe writes (POSIX; file_io_windows.cpp is the Windows twin).
#ifndef _WIN32
#include "base/file_io.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "base/file_io_detail.hpp"
#include "i18n/i18n.hpp"

namespace fs = std::filesystem;

namespace rb::files {
using detail::folder_of_path;
using detail::real_target;
using detail::remove_dead_temporaries;
namespace {

std::string why(int err) { return std::strerror(err); }

class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() { close(); }
    int get() const { return fd_; }
    explicit operator bool() const { return fd_ >= 0; }
    int release() {
        const int fd = fd_;
        fd_ = -1;
        return fd;
    }
    int close() {
        int rc = 0;
        if (fd_ >= 0) rc = ::close(fd_);
        fd_ = -1;
        return rc;
    }

private:
    int fd_ = -1;
};

bool write_all(int fd, const char* data, std::size_t size) {
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

bool flush(int fd) { return flushes_disabled() || ::fsync(fd) == 0; }

void flush_folder(const std::string& dir) {
    if (flushes_disabled()) return;
    Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    // Only durability across power loss depends on this; some file systems refuse it.
    if (fd) ::fsync(fd.get());
}

FileStamp stamp_from(const struct stat& st) {
    return FileStamp{static_cast<unsigned long long>(st.st_dev), static_cast<unsigned long long>(st.st_ino),
                     static_cast<long long>(st.st_size),
                     static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec};
}

// The folders this process holds, by device and inode, with how many FolderLocks hold each.
struct HeldFolder {
    int fd = -1;
    int count = 0;
};
std::mutex& held_mutex() {
    static std::mutex m;
    return m;
}
std::map<std::pair<unsigned long long, unsigned long long>, HeldFolder>& held_folders() {
    static std::map<std::pair<unsigned long long, unsigned long long>, HeldFolder> m;
    return m;
}

// Renames `tmp` over `file`, first turning the current `file` into `file.bak` when asked.
rb::Status install(const std::string& tmp, const std::string& file, const std::string& dir,
                   const WriteOptions& options, bool existed, mode_t mode) {
    if (options.keep_backup && existed) {
        const std::string bak = file + ".bak";
        const std::string bak_tmp = file + ".bak.tmp-" + std::to_string(::getpid());
        ::unlink(bak_tmp.c_str());
        bool ok = ::link(file.c_str(), bak_tmp.c_str()) == 0;
        if (!ok) {
            // File systems without hard links: a full, flushed copy.
            auto data = read(file, std::size_t(1) << 40);
            Fd fd(data ? ::open(bak_tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666) : -1);
            ok = fd && (mode == 0 || ::fchmod(fd.get(), mode) == 0) && write_all(fd.get(), data->data(), data->size()) &&
                 flush(fd.get()) && fd.close() == 0;
        }
        if (ok) ok = ::rename(bak_tmp.c_str(), bak.c_str()) == 0;
        // When the backup already is the file (a save killed between its two renames leaves them
        // one inode), rename() does nothing and leaves the temporary name: remove it.
        if (ok) ::unlink(bak_tmp.c_str());
        if (!ok) {
            const std::string reason = why(errno);
            ::unlink(bak_tmp.c_str());
            return rb::Status::fail(trf("Không tạo được bản lưu trước {}.bak: {}", file, reason));
        }
    }
    if (::rename(tmp.c_str(), file.c_str()) != 0)
        return rb::Status::fail(trf("Không thay được tệp {}: {}", file, why(errno)));
    if (options.durable) flush_folder(dir);
    return ok_status();
}

}  // namespace

std::optional<FileStamp> stamp_of(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    return stamp_from(st);
}

FolderLock::FolderLock(const std::string& folder) {
    Fd fd(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    struct stat st {};
    if (!fd || ::fstat(fd.get(), &st) != 0) return;  // no folder: the write itself will say why
    const auto key = std::make_pair(static_cast<unsigned long long>(st.st_dev), static_cast<unsigned long long>(st.st_ino));
    {
        std::lock_guard<std::mutex> g(held_mutex());
        auto it = held_folders().find(key);
        if (it != held_folders().end()) {
            ++it->second.count;
            key_ = key;
            return;
        }
    }
    using clock = std::chrono::steady_clock;
    // A save takes milliseconds, a command a second or two; a writer that holds the folder this
    // long is stuck.
    const auto give_up = clock::now() + std::chrono::seconds(30);
    while (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
        if (errno == EINTR) continue;
        if (errno != EWOULDBLOCK) return;  // no locks on this file system
        if (clock::now() > give_up) {
            error_ = trf("Thư mục {} đang được một chương trình khác ghi quá lâu; hãy thử lại sau.", folder);
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    std::lock_guard<std::mutex> g(held_mutex());
    held_folders()[key] = HeldFolder{fd.release(), 1};
    key_ = key;
}

FolderLock::~FolderLock() {
    if (!held()) return;
    std::lock_guard<std::mutex> g(held_mutex());
    auto it = held_folders().find(key_);
    if (it == held_folders().end()) return;
    if (--it->second.count == 0) {
        ::close(it->second.fd);  // closing releases the lock
        held_folders().erase(it);
    }
}

Result<std::string> read(const std::string& path, std::size_t max_bytes, FileStamp* stamp) {
    using R = Result<std::string>;
    // Non-blocking open: opening a FIFO for reading would otherwise wait for a writer.
    Fd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
    if (!fd) {
        if (errno == ENOENT) return R::fail(trf("Không có tệp {}", path));
        return R::fail(trf("Không mở được tệp {}: {}", path, why(errno)));
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) return R::fail(trf("Không đọc được tệp {}: {}", path, why(errno)));
    if (S_ISDIR(st.st_mode)) return R::fail(trf("{} là một thư mục, không phải tệp", path));
    if (!S_ISREG(st.st_mode))
        return R::fail(trf("{} không phải tệp thông thường (ống, thiết bị…): không đọc", path));
    if (stamp) *stamp = stamp_from(st);
    const auto size = static_cast<std::size_t>(st.st_size);
    if (size > max_bytes)
        return R::fail(trf("Tệp {} quá lớn ({} byte; tối đa {} byte)", path, static_cast<long long>(size),
                           static_cast<long long>(max_bytes)));
    std::string data(size, '\0');
    std::size_t got = 0;
    while (got < size) {
        const ssize_t n = ::read(fd.get(), data.data() + got, size - got);
        if (n < 0) {
            if (errno == EINTR) continue;
            return R::fail(trf("Không đọc được tệp {}: {}", path, why(errno)));
        }
        if (n == 0) break;  // shrank while being read: what is there is the file
        got += static_cast<std::size_t>(n);
    }
    data.resize(got);
    // A file that grew past its size while being read is read to its size only; one byte more
    // tells whether it did, and a file growing past the limit is refused.
    char extra = 0;
    if (got == size && ::read(fd.get(), &extra, 1) == 1 && size + 1 > max_bytes)
        return R::fail(trf("Tệp {} quá lớn (tối đa {} byte)", path, static_cast<long long>(max_bytes)));
    return R::ok(std::move(data));
}

rb::Status write_atomic(const std::string& path, std::string_view data, const WriteOptions& options) {
    Replacement r(path, options);
    const std::string& tmp = r.temporary();
    if (tmp.empty()) return r.commit();  // reports why the folder could not be written
    Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, options.new_file_mode));
    if (!fd) return rb::Status::fail(trf("Không ghi được tệp tạm {}: {}", tmp, why(errno)));
    if (!write_all(fd.get(), data.data(), data.size()) || fd.close() != 0)
        return rb::Status::fail(trf("Không ghi được tệp tạm {}: {}", tmp, why(errno)));
    return r.commit();
}

rb::Status Replacement::commit() {
    if (temporary_.empty()) return rb::Status::fail(destination_error_);
    done_ = true;
    const fs::path target = real_target(destination_);
    const std::string file = target.string();
    const std::string dir = folder_of_path(target);
    struct stat current {};
    const bool existed = ::stat(file.c_str(), &current) == 0;
    if (options_.unchanged_since && (!existed || stamp_from(current) != *options_.unchanged_since)) {
        ::unlink(temporary_.c_str());
        return rb::Status::fail(trf("Tệp {} đã bị một chương trình khác thay đổi hoặc xóa sau khi được mở: không ghi đè "
                                    "lên thay đổi đó. Hãy mở lại tệp rồi làm lại; nội dung đang sửa chưa bị mất.",
                                    file));
    }
    const mode_t mode = existed ? (current.st_mode & 07777) : 0;
    auto fail = [&](const std::string& message) {
        ::unlink(temporary_.c_str());
        return rb::Status::fail(message);
    };
    {
        Fd fd(::open(temporary_.c_str(), O_WRONLY | O_CLOEXEC));
        if (!fd) return fail(trf("Không ghi được tệp tạm {}: {}", temporary_, why(errno)));
        // The new file keeps the permissions of the one it replaces.
        if (mode != 0 && ::fchmod(fd.get(), mode) != 0)
            return fail(trf("Không ghi được tệp tạm {}: {}", temporary_, why(errno)));
        if (options_.durable && !flush(fd.get()))
            return fail(trf("Không ghi được tệp tạm {}: {}", temporary_, why(errno)));
        struct stat written {};
        if (options_.written && ::fstat(fd.get(), &written) == 0) *options_.written = stamp_from(written);
        if (fd.close() != 0) return fail(trf("Không ghi được tệp tạm {}: {}", temporary_, why(errno)));
    }
    auto ok = install(temporary_, file, dir, options_, existed, mode);
    if (!ok) return fail(ok.error());
    return ok;
}

namespace detail {
Result<bool> place_new(const std::string& tmp, const std::string& path) {
    // link() refuses an existing name, so a file that appeared meanwhile is not replaced.
    if (::link(tmp.c_str(), path.c_str()) == 0) return Result<bool>::ok(true);
    if (errno == EEXIST) return Result<bool>::ok(false);
    // A file system without hard links: a rename, after one more look.
    std::error_code ec;
    if (fs::exists(path, ec)) return Result<bool>::ok(false);
    if (::rename(tmp.c_str(), path.c_str()) != 0)
        return Result<bool>::fail(trf("Không ghi được tệp {}: {}", path, why(errno)));
    return Result<bool>::ok(true);
}
}  // namespace detail

long process_id() { return static_cast<long>(::getpid()); }

ProcessLock::ProcessLock(const std::string& path) : path_(path) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return;
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd);
        return;
    }
    handle_ = fd;
}

ProcessLock::~ProcessLock() {
    if (handle_ != -1) ::close(static_cast<int>(handle_));
}

void ProcessLock::remove() {
    if (handle_ == -1) return;
    ::unlink(path_.c_str());
    ::close(static_cast<int>(handle_));
    handle_ = -1;
}

bool lock_is_held(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0) return false;  // no lock file: its owner is gone (it removes it on exit)
    const bool held = ::flock(fd, LOCK_EX | LOCK_NB) != 0;
    ::close(fd);  // closing drops the lock we may just have taken
    return held;
}

}  // namespace rb::files
#endif  // _WIN32
