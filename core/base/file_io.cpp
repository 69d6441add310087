// Whole-file reads and crash-safe writes (POSIX).
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
#include <thread>

#include "i18n/i18n.hpp"

namespace fs = std::filesystem;

namespace rb::files {
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

// Resolves a symbolic link so that the link stays a link and its target is replaced.
fs::path real_target(const std::string& path) {
    fs::path target(path);
    std::error_code ec;
    if (fs::is_symlink(target, ec)) {
        const fs::path resolved = fs::weakly_canonical(target, ec);
        if (!ec) return resolved;
    }
    return target;
}

std::string folder_of(const fs::path& target) {
    return target.has_parent_path() ? target.parent_path().string() : std::string(".");
}

// Takes the folder's writer lock: -1 with `error` set when another writer holds it for too
// long; -1 with `error` empty when the file system has no locks (then there is no sweep).
int lock_folder(const std::string& dir, std::string& error) {
    Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd) return -1;
    using clock = std::chrono::steady_clock;
    // A save takes milliseconds; a writer that holds the folder this long is stuck.
    const auto give_up = clock::now() + std::chrono::seconds(30);
    while (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
        if (errno == EINTR) continue;
        if (errno != EWOULDBLOCK) return -1;
        if (clock::now() > give_up) {
            error = trf("Thư mục {} đang được một chương trình khác ghi quá lâu; hãy thử lại sau.", dir);
            return -1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return fd.release();
}

// Under the folder's lock every temporary of `name` belongs to a writer that died.
void remove_dead_temporaries(const std::string& dir, const std::string& name) {
    const std::string prefixes[] = {name + ".tmp-", name + ".bak.tmp-"};
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string entry = it->path().filename().string();
        for (const auto& prefix : prefixes)
            if (entry.size() > prefix.size() && entry.compare(0, prefix.size(), prefix) == 0 &&
                entry.find('/', prefix.size()) == std::string::npos)
                ::unlink(it->path().c_str());
    }
}

std::string temporary_name(const fs::path& target) {
    return target.string() + ".tmp-" + std::to_string(::getpid());
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

bool flushes_disabled() {
    static const bool disabled = [] {
        const char* v = std::getenv("REPORTBENCH_NO_FSYNC");
        return v && std::string_view(v) == "1";
    }();
    return disabled;
}

Result<std::string> read(const std::string& path, std::size_t max_bytes) {
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

Replacement::Replacement(std::string destination, WriteOptions options)
    : destination_(std::move(destination)), options_(options) {
    const fs::path target = real_target(destination_);
    const std::string dir = folder_of(target);
    if (options_.create_folder && target.has_parent_path()) {
        std::error_code ec;
        fs::create_directories(target.parent_path(), ec);
    }
    std::string error;
    folder_lock_ = lock_folder(dir, error);
    if (!error.empty()) {
        temporary_.clear();
        destination_error_ = std::move(error);
        return;
    }
    if (folder_lock_ >= 0) remove_dead_temporaries(dir, target.filename().string());
    temporary_ = temporary_name(target);
    ::unlink(temporary_.c_str());
}

Replacement::~Replacement() {
    if (!done_ && !temporary_.empty()) ::unlink(temporary_.c_str());
    if (folder_lock_ >= 0) ::close(folder_lock_);  // closing releases the lock
}

rb::Status Replacement::commit() {
    if (temporary_.empty()) return rb::Status::fail(destination_error_);
    done_ = true;
    const fs::path target = real_target(destination_);
    const std::string file = target.string();
    const std::string dir = folder_of(target);
    struct stat current {};
    const bool existed = ::stat(file.c_str(), &current) == 0;
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
        if (fd.close() != 0) return fail(trf("Không ghi được tệp tạm {}: {}", temporary_, why(errno)));
    }
    auto ok = install(temporary_, file, dir, options_, existed, mode);
    if (!ok) return fail(ok.error());
    return ok;
}

}  // namespace rb::files
