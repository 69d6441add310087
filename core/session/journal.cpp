#include "session/journal.hpp"

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "base/paths.hpp"
#include "i18n/i18n.hpp"
#include "base/file_io.hpp"
#include "xml/xml.hpp"

namespace fs = std::filesystem;

namespace rb::session {
namespace {

constexpr const char* kMagic = "ReportBench journal 1";
constexpr const char* kExtension = ".rbj";

std::string lock_name(long pid) { return std::to_string(pid) + ".lock"; }

// "<pid>-<session>.rbj" → pid, or 0 when the name is not a journal's.
long pid_of(const std::string& file_name) {
    if (file_name.size() <= 4 || file_name.substr(file_name.size() - 4) != kExtension) return 0;
    const auto dash = file_name.find('-');
    if (dash == std::string::npos || dash == 0 || dash > 9) return 0;
    long pid = 0;
    for (std::size_t i = 0; i < dash; ++i) {
        if (file_name[i] < '0' || file_name[i] > '9') return 0;
        pid = pid * 10 + (file_name[i] - '0');
    }
    return pid;
}

// "<journal>.rbj.tmp-<pid>" (a files::write_atomic temporary) → pid, or 0.
long temporary_pid_of(const std::string& file_name) {
    const std::string marker = std::string(kExtension) + ".tmp-";
    const auto at = file_name.rfind(marker);
    if (at == std::string::npos) return 0;
    const std::string digits = file_name.substr(at + marker.size());
    if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) return 0;
    return std::stol(digits);
}

// True when a live process holds the lock of `pid` in `dir`.
bool is_alive(const std::string& dir, long pid) {
    if (pid == files::process_id()) return true;
    return files::lock_is_held(paths::join(dir, lock_name(pid)));
}

std::string one_line(std::string s) {
    std::replace(s.begin(), s.end(), '\n', ' ');
    return s;
}

struct Parsed {
    Recovery info;
    std::string xml;
};

// A report may be 64 MiB (report::load's limit); the header adds little.
constexpr std::size_t kMaxJournalBytes = (64u << 20) + (64u << 10);

Result<Parsed> parse_journal(const std::string& path) {
    auto text = files::read(path, kMaxJournalBytes);
    if (!text) return Result<Parsed>::fail(text.error());
    const auto end = text->find("\n\n");
    if (text->rfind(kMagic, 0) != 0 || end == std::string::npos)
        return Result<Parsed>::fail(trf("{}: không phải tệp nhật ký của ReportBench", path));
    Parsed p;
    p.info.journal_file = path;
    std::istringstream head(text->substr(0, end));
    std::string line;
    while (std::getline(head, line)) {
        const auto colon = line.find(": ");
        if (colon == std::string::npos) continue;
        const std::string key = line.substr(0, colon), value = line.substr(colon + 2);
        if (key == "path") p.info.original_path = value;
        else if (key == "written") p.info.written = value;
        else if (key == "pid") p.info.pid = std::atol(value.c_str());
        else if (key == "type") p.info.type_id = value;
        else if (key == "period") p.info.period = value;
        else if (key == "unit") p.info.unit = value;
    }
    p.xml = text->substr(end + 2);
    return Result<Parsed>::ok(std::move(p));
}

}  // namespace

std::string Journal::default_dir() { return paths::join(paths::user_data_dir(), "journal"); }

Journal::Journal(std::string dir) : dir_(std::move(dir)) {
    std::error_code ec;
    fs::create_directories(paths::fs_path(dir_), ec);
    lock_ = std::make_unique<files::ProcessLock>(paths::join(dir_, lock_name(files::process_id())));
}

Journal::~Journal() {
    // Journals still here belong to sessions not closed cleanly (the process is exiting
    // without saving): they stay, and without the lock file they are offered next time.
    if (lock_) lock_->remove();
}

std::string Journal::file_for(const EditSession& s) const {
    return paths::join(dir_, std::to_string(files::process_id()) + "-" + s.id() + kExtension);
}

rb::Status Journal::write(const EditSession& s) {
    if (s.read_only()) return ok_status();
    if (!s.dirty()) {
        forget(s);
        return ok_status();
    }
    auto it = written_.find(s.id());
    if (it != written_.end() && it->second == s.revision()) return ok_status();
    const auto& r = s.report();
    std::string data = kMagic;
    data += "\npid: " + std::to_string(files::process_id());
    data += "\nsession: " + s.id();
    data += "\npath: " + one_line(s.path());
    data += "\nwritten: " + report::timestamp_now();
    data += "\ntype: " + one_line(r.type_id);
    data += "\nperiod: " + r.period.code();
    data += "\nunit: " + one_line(r.unit.name);
    data += "\n\n";
    data += report::to_xml(r);
    if (auto ok = files::write_atomic(file_for(s), data, {.create_folder = true, .new_file_mode = 0600}); !ok) return ok;
    written_[s.id()] = s.revision();
    return ok_status();
}

void Journal::forget(const EditSession& s) {
    std::error_code ec;
    fs::remove(paths::fs_path(file_for(s)), ec);
    written_.erase(s.id());
}

std::vector<Recovery> Journal::pending_recoveries() const {
    std::vector<Recovery> out;
    std::error_code ec;
    for (fs::directory_iterator it(paths::fs_path(dir_), ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = paths::text_of(it->path().filename());
        if (const long writer = temporary_pid_of(name); writer != 0) {
            // A write killed before its rename: never a journal, and its process is gone.
            if (!is_alive(dir_, writer)) fs::remove(it->path(), ec);
            ec.clear();
            continue;
        }
        const long pid = pid_of(name);
        if (pid == 0 || is_alive(dir_, pid)) continue;
        auto parsed = parse_journal(paths::text_of(it->path()));
        if (!parsed) continue;  // not ours: left alone
        if (parsed->info.pid == 0) parsed->info.pid = pid;
        out.push_back(std::move(parsed->info));
    }
    std::sort(out.begin(), out.end(), [](const Recovery& a, const Recovery& b) {
        return a.written != b.written ? a.written < b.written : a.journal_file < b.journal_file;
    });
    return out;
}

Result<std::unique_ptr<EditSession>> Journal::recover(const Recovery& r, const plugin::Registry& registry) {
    using R = Result<std::unique_ptr<EditSession>>;
    auto parsed = parse_journal(r.journal_file);
    if (!parsed) return R::fail(parsed.error());
    auto report = report::from_xml(parsed->xml, r.journal_file);
    if (!report) return R::fail(report.error());
    auto session = EditSession::create(registry, std::move(*report), r.original_path, true);
    if (!session) return session;
    // Written under this process first: a crash right now must not lose the recovered edits.
    if (auto ok = write(**session); !ok) return R::fail(ok.error());
    discard(r);
    return session;
}

void Journal::discard(const Recovery& r) {
    std::error_code ec;
    fs::remove(paths::fs_path(r.journal_file), ec);
    remove_stale_lock(r.pid);
}

void Journal::remove_stale_lock(long pid) const {
    if (pid == 0 || is_alive(dir_, pid)) return;
    std::error_code ec;
    const std::string prefix = std::to_string(pid) + "-";
    for (fs::directory_iterator it(paths::fs_path(dir_), ec), end; !ec && it != end; it.increment(ec))
        if (paths::text_of(it->path().filename()).rfind(prefix, 0) == 0) return;  // journals remain
    fs::remove(paths::fs_path(paths::join(dir_, lock_name(pid))), ec);
}

}  // namespace rb::session
