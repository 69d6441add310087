#include "session/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "i18n/i18n.hpp"

namespace fs = std::filesystem;

namespace rb::session {
namespace {

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

}  // namespace

rb::Status write_file_atomic(const std::string& path, std::string_view data, bool durable) {
    const fs::path target(path);
    std::error_code ec;
    if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
    const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return rb::Status::fail(trf("Không ghi được tệp tạm {}: {}", tmp, std::strerror(errno)));
    bool ok = write_all(fd, data.data(), data.size()) && (!durable || ::fsync(fd) == 0);
    const int saved_errno = errno;
    ok = ::close(fd) == 0 && ok;
    if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
        const int why = ok ? errno : saved_errno;
        ::unlink(tmp.c_str());
        return rb::Status::fail(trf("Không ghi được tệp {}: {}", path, std::strerror(why)));
    }
    if (!durable) return ok_status();
    // Durability of the rename across a power cut needs the folder flushed as well.
    const std::string dir = target.has_parent_path() ? target.parent_path().string() : std::string(".");
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return ok_status();
}

Result<std::string> read_whole_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Result<std::string>::fail(trf("Không mở được tệp {}", path));
    std::ostringstream s;
    s << in.rdbuf();
    return Result<std::string>::ok(s.str());
}

}  // namespace rb::session
