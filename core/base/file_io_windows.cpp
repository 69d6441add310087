// Whole-file reads and crash-safe writes on Windows: the same promises as file_io.cpp, kept
// with the Windows API on UTF-16 names.
//
// - The new content goes to a temporary beside the file, is flushed (FlushFileBuffers), and
//   replaces the file with MoveFileExW(MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH), one
//   step on NTFS and on SMB shares: the name holds the old file or the new one.
// - A file another program holds open without sharing (an antivirus scan, a viewer) refuses the
//   replacement for a moment: it is tried again for about two seconds, then the save fails with
//   a message saying the file is open elsewhere. The previous file is untouched either way.
// - Writers of one folder hold a named mutex of the folder (by volume and file id, so two
//   spellings of one folder are one lock). Windows gives a dead owner's mutex to the next
//   waiter ("abandoned"), which is exactly "the writer died": its temporaries are removed.
#ifdef _WIN32
#include "base/win32.hpp"

#include <chrono>
#include <map>
#include <mutex>
#include <thread>

#include "base/file_io.hpp"
#include "base/file_io_detail.hpp"
#include "base/paths.hpp"
#include "i18n/i18n.hpp"

namespace fs = std::filesystem;

namespace rb::files {
using detail::folder_of_path;
using detail::real_target;
using detail::remove_dead_temporaries;
namespace {

std::string why(DWORD err) {
    wchar_t* buf = nullptr;
    const DWORD n = FormatMessageW(FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
                                   nullptr, err, 0, reinterpret_cast<wchar_t*>(&buf), 0, nullptr);
    std::string text = n ? utf16::narrow(std::wstring_view(buf, n)) : std::string();
    LocalFree(buf);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ' || text.back() == '.'))
        text.pop_back();
    if (text.empty()) text = "Windows error " + std::to_string(err);
    return text;
}

class Handle {
public:
    explicit Handle(HANDLE h = INVALID_HANDLE_VALUE) : h_(h) {}
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    ~Handle() { close(); }
    HANDLE get() const { return h_; }
    explicit operator bool() const { return h_ != INVALID_HANDLE_VALUE && h_ != nullptr; }
    HANDLE release() {
        HANDLE h = h_;
        h_ = INVALID_HANDLE_VALUE;
        return h;
    }
    bool close() {
        bool ok = true;
        if (*this) ok = CloseHandle(h_) != 0;
        h_ = INVALID_HANDLE_VALUE;
        return ok;
    }

private:
    HANDLE h_;
};

constexpr DWORD kShareAll = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE;

bool write_all(HANDLE h, const char* data, std::size_t size) {
    while (size > 0) {
        const DWORD chunk = static_cast<DWORD>(std::min<std::size_t>(size, 1u << 30));
        DWORD done = 0;
        if (!WriteFile(h, data, chunk, &done, nullptr)) return false;
        data += done;
        size -= done;
    }
    return true;
}

bool flush(HANDLE h) { return flushes_disabled() || FlushFileBuffers(h) != 0; }

long long filetime_ns(const FILETIME& t) {
    const unsigned long long ticks = (static_cast<unsigned long long>(t.dwHighDateTime) << 32) | t.dwLowDateTime;
    return static_cast<long long>(ticks) * 100;
}

FileStamp stamp_from(const BY_HANDLE_FILE_INFORMATION& info) {
    return FileStamp{info.dwVolumeSerialNumber,
                     (static_cast<unsigned long long>(info.nFileIndexHigh) << 32) | info.nFileIndexLow,
                     static_cast<long long>((static_cast<unsigned long long>(info.nFileSizeHigh) << 32) | info.nFileSizeLow),
                     filetime_ns(info.ftLastWriteTime)};
}

std::optional<FileStamp> stamp_of_handle(HANDLE h) {
    BY_HANDLE_FILE_INFORMATION info{};
    if (!GetFileInformationByHandle(h, &info)) return std::nullopt;
    return stamp_from(info);
}

bool is_sharing_error(DWORD err) {
    return err == ERROR_SHARING_VIOLATION || err == ERROR_LOCK_VIOLATION || err == ERROR_ACCESS_DENIED;
}

// MoveFileExW, tried again while another program briefly holds the destination open.
bool replace_file(const std::wstring& from, const std::wstring& to, DWORD& err) {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    for (;;) {
        if (MoveFileExW(from.c_str(), to.c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) return true;
        err = GetLastError();
        if (!is_sharing_error(err) || std::chrono::steady_clock::now() > give_up) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

std::string replace_error(const std::string& file, DWORD err) {
    if (is_sharing_error(err))
        return trf("Không thay được tệp {}: tệp đang được mở trong một chương trình khác (hoặc chỉ được đọc). Hãy đóng "
                   "chương trình đó rồi lưu lại; tệp cũ vẫn nguyên vẹn.",
                   file);
    return trf("Không thay được tệp {}: {}", file, why(err));
}

struct HeldFolder {
    HANDLE mutex = nullptr;
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

rb::Status install(const std::string& tmp, const std::string& file, const WriteOptions& options, bool existed) {
    const std::wstring wfile = utf16::wide(file);
    if (options.keep_backup && existed) {
        const std::string bak = file + ".bak";
        const std::string bak_tmp = file + ".bak.tmp-" + std::to_string(GetCurrentProcessId());
        const std::wstring wbak_tmp = utf16::wide(bak_tmp);
        DeleteFileW(wbak_tmp.c_str());
        // A hard link when the file system has them, else a full copy; then one rename.
        bool ok = CreateHardLinkW(wbak_tmp.c_str(), wfile.c_str(), nullptr) ||
                  CopyFileW(wfile.c_str(), wbak_tmp.c_str(), FALSE);
        DWORD err = ok ? 0 : GetLastError();
        if (ok) ok = replace_file(wbak_tmp, utf16::wide(bak), err);
        // As on POSIX: a rename between two links to one file may leave the temporary name.
        if (ok) DeleteFileW(wbak_tmp.c_str());
        if (!ok) {
            DeleteFileW(wbak_tmp.c_str());
            return rb::Status::fail(trf("Không tạo được bản lưu trước {}.bak: {}", file, why(err)));
        }
    }
    DWORD err = 0;
    if (!replace_file(utf16::wide(tmp), wfile, err)) return rb::Status::fail(replace_error(file, err));
    return ok_status();
}

}  // namespace

std::optional<FileStamp> stamp_of(const std::string& path) {
    Handle h(CreateFileW(utf16::wide(path).c_str(), FILE_READ_ATTRIBUTES, kShareAll, nullptr, OPEN_EXISTING,
                         FILE_FLAG_BACKUP_SEMANTICS, nullptr));
    if (!h) return std::nullopt;
    return stamp_of_handle(h.get());
}

FolderLock::FolderLock(const std::string& folder) {
    Handle dir(CreateFileW(utf16::wide(folder).c_str(), FILE_READ_ATTRIBUTES, kShareAll, nullptr, OPEN_EXISTING,
                           FILE_FLAG_BACKUP_SEMANTICS, nullptr));
    if (!dir) return;  // no folder: the write itself will say why
    BY_HANDLE_FILE_INFORMATION info{};
    if (!GetFileInformationByHandle(dir.get(), &info)) return;
    const auto key = std::make_pair(static_cast<unsigned long long>(info.dwVolumeSerialNumber),
                                    (static_cast<unsigned long long>(info.nFileIndexHigh) << 32) | info.nFileIndexLow);
    {
        std::lock_guard<std::mutex> g(held_mutex());
        auto it = held_folders().find(key);
        if (it != held_folders().end()) {
            ++it->second.count;
            key_ = key;
            return;
        }
    }
    const std::wstring name = L"Local\\ReportBench.folder." + std::to_wstring(key.first) + L"." + std::to_wstring(key.second);
    HANDLE m = CreateMutexW(nullptr, FALSE, name.c_str());
    if (!m) return;  // no lock: work goes on without, as on a file system without locks
    // A save takes milliseconds, a command a second or two; a writer that holds the folder this
    // long is stuck.
    const DWORD waited = WaitForSingleObject(m, 30000);
    if (waited != WAIT_OBJECT_0 && waited != WAIT_ABANDONED) {
        CloseHandle(m);
        if (waited == WAIT_TIMEOUT)
            error_ = trf("Thư mục {} đang được một chương trình khác ghi quá lâu; hãy thử lại sau.", folder);
        return;
    }
    std::lock_guard<std::mutex> g(held_mutex());
    held_folders()[key] = HeldFolder{m, 1};
    key_ = key;
}

FolderLock::~FolderLock() {
    if (!held()) return;
    std::lock_guard<std::mutex> g(held_mutex());
    auto it = held_folders().find(key_);
    if (it == held_folders().end()) return;
    if (--it->second.count == 0) {
        ReleaseMutex(it->second.mutex);
        CloseHandle(it->second.mutex);
        held_folders().erase(it);
    }
}

Result<std::string> read(const std::string& path, std::size_t max_bytes, FileStamp* stamp) {
    using R = Result<std::string>;
    const std::wstring wpath = utf16::wide(path);
    const DWORD attributes = GetFileAttributesW(wpath.c_str());
    if (attributes == INVALID_FILE_ATTRIBUTES) {
        const DWORD err = GetLastError();
        if (err == ERROR_FILE_NOT_FOUND || err == ERROR_PATH_NOT_FOUND) return R::fail(trf("Không có tệp {}", path));
        return R::fail(trf("Không mở được tệp {}: {}", path, why(err)));
    }
    if (attributes & FILE_ATTRIBUTE_DIRECTORY) return R::fail(trf("{} là một thư mục, không phải tệp", path));
    Handle h(CreateFileW(wpath.c_str(), GENERIC_READ, kShareAll, nullptr, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr));
    if (!h) return R::fail(trf("Không mở được tệp {}: {}", path, why(GetLastError())));
    if (GetFileType(h.get()) != FILE_TYPE_DISK)
        return R::fail(trf("{} không phải tệp thông thường (ống, thiết bị…): không đọc", path));
    const auto st = stamp_of_handle(h.get());
    if (!st) return R::fail(trf("Không đọc được tệp {}: {}", path, why(GetLastError())));
    if (stamp) *stamp = *st;
    const auto size = static_cast<std::size_t>(st->size);
    if (size > max_bytes)
        return R::fail(trf("Tệp {} quá lớn ({} byte; tối đa {} byte)", path, static_cast<long long>(size),
                           static_cast<long long>(max_bytes)));
    std::string data(size, '\0');
    std::size_t got = 0;
    while (got < size) {
        DWORD n = 0;
        const DWORD chunk = static_cast<DWORD>(std::min<std::size_t>(size - got, 1u << 30));
        if (!ReadFile(h.get(), data.data() + got, chunk, &n, nullptr))
            return R::fail(trf("Không đọc được tệp {}: {}", path, why(GetLastError())));
        if (n == 0) break;  // shrank while being read: what is there is the file
        got += n;
    }
    data.resize(got);
    char extra = 0;
    DWORD n = 0;
    if (got == size && ReadFile(h.get(), &extra, 1, &n, nullptr) && n == 1 && size + 1 > max_bytes)
        return R::fail(trf("Tệp {} quá lớn (tối đa {} byte)", path, static_cast<long long>(max_bytes)));
    return R::ok(std::move(data));
}

rb::Status write_atomic(const std::string& path, std::string_view data, const WriteOptions& options) {
    Replacement r(path, options);
    const std::string& tmp = r.temporary();
    if (tmp.empty()) return r.commit();  // reports why the folder could not be written
    Handle h(CreateFileW(utf16::wide(tmp).c_str(), GENERIC_WRITE, 0, nullptr, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, nullptr));
    if (!h) return rb::Status::fail(trf("Không ghi được tệp tạm {}: {}", tmp, why(GetLastError())));
    if (!write_all(h.get(), data.data(), data.size()) || !h.close())
        return rb::Status::fail(trf("Không ghi được tệp tạm {}: {}", tmp, why(GetLastError())));
    return r.commit();
}

rb::Status Replacement::commit() {
    if (temporary_.empty()) return rb::Status::fail(destination_error_);
    done_ = true;
    const fs::path target = real_target(destination_);
    const std::string file = paths::text_of(target);
    const std::wstring wtmp = utf16::wide(temporary_);
    const auto current = stamp_of(file);
    const bool existed = current.has_value();
    if (options_.unchanged_since && (!existed || *current != *options_.unchanged_since)) {
        DeleteFileW(wtmp.c_str());
        return rb::Status::fail(trf("Tệp {} đã bị một chương trình khác thay đổi hoặc xóa sau khi được mở: không ghi đè "
                                    "lên thay đổi đó. Hãy mở lại tệp rồi làm lại; nội dung đang sửa chưa bị mất.",
                                    file));
    }
    auto fail = [&](const std::string& message) {
        DeleteFileW(wtmp.c_str());
        return rb::Status::fail(message);
    };
    {
        Handle h(CreateFileW(wtmp.c_str(), GENERIC_WRITE, kShareAll, nullptr, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr));
        if (!h) return fail(trf("Không ghi được tệp tạm {}: {}", temporary_, why(GetLastError())));
        if (options_.durable && !flush(h.get()))
            return fail(trf("Không ghi được tệp tạm {}: {}", temporary_, why(GetLastError())));
        if (options_.written) {
            if (auto w = stamp_of_handle(h.get())) *options_.written = *w;
        }
    }
    auto ok = install(temporary_, file, options_, existed);
    if (!ok) return fail(ok.error());
    // The rename keeps the file's id and its contents' time, so the stamp taken before it holds.
    return ok;
}

namespace detail {
Result<bool> place_new(const std::string& tmp, const std::string& path) {
    // Without MOVEFILE_REPLACE_EXISTING the move refuses an existing name.
    if (MoveFileExW(utf16::wide(tmp).c_str(), utf16::wide(path).c_str(), MOVEFILE_WRITE_THROUGH))
        return Result<bool>::ok(true);
    const DWORD err = GetLastError();
    if (err == ERROR_ALREADY_EXISTS || err == ERROR_FILE_EXISTS) return Result<bool>::ok(false);
    return Result<bool>::fail(trf("Không ghi được tệp {}: {}", path, why(err)));
}
}  // namespace detail

long process_id() { return static_cast<long>(GetCurrentProcessId()); }

ProcessLock::ProcessLock(const std::string& path) : path_(path) {
    Handle h(CreateFileW(utf16::wide(path).c_str(), GENERIC_READ | GENERIC_WRITE, kShareAll, nullptr, OPEN_ALWAYS,
                         FILE_ATTRIBUTE_NORMAL, nullptr));
    if (!h) return;
    OVERLAPPED at{};
    if (!LockFileEx(h.get(), LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &at)) return;
    handle_ = reinterpret_cast<long long>(h.release());
}

ProcessLock::~ProcessLock() {
    if (handle_ != -1) CloseHandle(reinterpret_cast<HANDLE>(handle_));
}

void ProcessLock::remove() {
    if (handle_ == -1) return;
    // Opened with FILE_SHARE_DELETE: the name goes now, the file when the handle closes.
    DeleteFileW(utf16::wide(path_).c_str());
    CloseHandle(reinterpret_cast<HANDLE>(handle_));
    handle_ = -1;
}

bool lock_is_held(const std::string& path) {
    Handle h(CreateFileW(utf16::wide(path).c_str(), GENERIC_READ | GENERIC_WRITE, kShareAll, nullptr, OPEN_EXISTING,
                         FILE_ATTRIBUTE_NORMAL, nullptr));
    if (!h) return false;  // no lock file: its owner is gone (it removes it on exit)
    OVERLAPPED at{};
    if (!LockFileEx(h.get(), LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &at)) return true;
    UnlockFileEx(h.get(), 0, 1, 0, &at);
    return false;
}

}  // namespace rb::files
#endif  // _WIN32
