// Loading and the crash-safe save of report files (POSIX).
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

#include "i18n/i18n.hpp"
#include "report/report.hpp"
#include "xml/xml.hpp"

namespace fs = std::filesystem;

namespace rb::report {
namespace {

std::string last_error() {
    return std::strerror(errno);
}

class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() { close(); }
    int get() const { return fd_; }
    explicit operator bool() const { return fd_ >= 0; }
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

// Writes `size` bytes to a new file `path` and flushes them to disk.
bool write_synced(const std::string& path, const char* data, std::size_t size, mode_t mode) {
    Fd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666));
    if (!fd) return false;
    if (mode != 0 && ::fchmod(fd.get(), mode) != 0) return false;
    if (!write_all(fd.get(), data, size)) return false;
    if (::fsync(fd.get()) != 0) return false;
    return fd.close() == 0;
}

// For file systems without hard links: a full, flushed copy.
bool copy_synced(const std::string& from, const std::string& to, mode_t mode) {
    auto data = xml::read_file(from, std::size_t(1) << 40);
    if (!data) return false;
    return write_synced(to, data->data(), data->size(), mode);
}

void sync_dir(const std::string& dir) {
    Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    // Only durability across power loss depends on this; some file systems refuse it.
    if (fd) ::fsync(fd.get());
}

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

// Temporary files left by saves that crashed (their process is gone) are removed, so that
// crashes do not pile up copies next to the report. Live processes' files are left alone.
void remove_stale_temps(const fs::path& dir, const std::string& name) {
    const std::string prefixes[] = {name + ".tmp-", name + ".bak.tmp-"};
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string entry = it->path().filename().string();
        for (const auto& prefix : prefixes) {
            if (entry.rfind(prefix, 0) != 0) continue;
            const std::string pid_text = entry.substr(prefix.size());
            if (!all_digits(pid_text) || pid_text.size() > 9) continue;
            const pid_t pid = static_cast<pid_t>(std::stol(pid_text));
            if (pid == ::getpid()) continue;
            if (::kill(pid, 0) != 0 && errno == ESRCH) ::unlink(it->path().c_str());
        }
    }
}

}  // namespace

Result<Report> load(const std::string& path) {
    auto text = xml::read_file(path);
    if (!text) return Result<Report>::fail(text.error());
    return from_xml(*text, path);
}

rb::Status save(const Report& r, const std::string& path) {
    if (r.read_only)
        return rb::Status::fail(
            trf("Không lưu được {}: {}", path,
                r.read_only_reason.empty() ? tr("Báo cáo chỉ mở để xem.") : r.read_only_reason));
    const std::string xml = to_xml(r);
    // Never write a file that would not open again.
    if (auto check = from_xml(xml, path); !check)
        return rb::Status::fail(
            trf("Không lưu được {}: nội dung báo cáo không hợp lệ.\n{}", path, check.error()));

    // Work on the real file when `path` is a symbolic link, so the link stays a link.
    fs::path target(path);
    std::error_code ec;
    if (fs::is_symlink(target, ec)) {
        const fs::path resolved = fs::weakly_canonical(target, ec);
        if (!ec) target = resolved;
    }
    const std::string file = target.string();
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    remove_stale_temps(dir, target.filename().string());

    const std::string pid = std::to_string(::getpid());
    const std::string tmp = file + ".tmp-" + pid;
    struct stat current {};
    const bool exists = ::stat(file.c_str(), &current) == 0;
    const mode_t mode = exists ? (current.st_mode & 07777) : 0;

    if (!write_synced(tmp, xml.data(), xml.size(), mode)) {
        const std::string why = last_error();
        ::unlink(tmp.c_str());
        return rb::Status::fail(trf("Không ghi được tệp tạm {}: {}", tmp, why));
    }

    if (exists) {
        // The previous version becomes `.bak` in one step (rename), so an older `.bak` is
        // replaced only by a complete one.
        const std::string bak = file + ".bak";
        const std::string bak_tmp = file + ".bak.tmp-" + pid;
        ::unlink(bak_tmp.c_str());
        bool ok = ::link(file.c_str(), bak_tmp.c_str()) == 0 || copy_synced(file, bak_tmp, mode);
        if (ok) ok = ::rename(bak_tmp.c_str(), bak.c_str()) == 0;
        if (!ok) {
            const std::string why = last_error();
            ::unlink(bak_tmp.c_str());
            ::unlink(tmp.c_str());
            return rb::Status::fail(trf("Không tạo được bản lưu trước {}.bak: {}", file, why));
        }
    }

    if (::rename(tmp.c_str(), file.c_str()) != 0) {
        const std::string why = last_error();
        ::unlink(tmp.c_str());
        return rb::Status::fail(trf("Không thay được tệp {}: {}", file, why));
    }
    sync_dir(dir.string());
    return ok_status();
}

}  // namespace rb::report
