#pragma once
// The journal: the unsaved state of every open report, written every few seconds and on
// demand, so that a crash or a power cut loses nothing. One file per open report in
// <user data>/journal/ (XDG_DATA_HOME honoured), written atomically; removed when the report is
// saved or closed cleanly. A running process holds an advisory lock on <pid>.lock there, so
// the journals of a live instance are never offered for recovery, only those of a process that
// died (the kernel drops the lock of a killed process, and a reused PID does not hold it).
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/file_io.hpp"
#include "base/result.hpp"
#include "plugin/registry.hpp"
#include "session/edit_session.hpp"

namespace rb::session {

// A journal left by a process that is gone.
struct Recovery {
    std::string journal_file;
    std::string original_path;  // empty for a report that was never saved
    std::string written;        // ISO time of the last journal write
    long pid = 0;               // the process that wrote it
    std::string type_id, period, unit;
};

class Journal {
public:
    // <user data dir>/journal
    static std::string default_dir();

    // Creates the folder and takes this process's lock in it.
    explicit Journal(std::string dir = default_dir());
    ~Journal();
    Journal(const Journal&) = delete;
    Journal& operator=(const Journal&) = delete;

    const std::string& dir() const { return dir_; }
    std::string file_for(const EditSession& s) const;

    // A dirty session is written when it changed since its last write; a clean one has its
    // journal removed. Read-only sessions have nothing to lose and are skipped.
    rb::Status write(const EditSession& s);
    // The session was saved or closed on purpose: its journal goes.
    void forget(const EditSession& s);

    // Journals of processes that no longer run, oldest first.
    std::vector<Recovery> pending_recoveries() const;
    // The report as it was journaled, dirty, bound to its original file. The recovered state is
    // journaled again under this process before the old journal is removed.
    Result<std::unique_ptr<EditSession>> recover(const Recovery& r, const plugin::Registry& registry);
    void discard(const Recovery& r);

private:
    void remove_stale_lock(long pid) const;

    std::string dir_;
    std::unique_ptr<files::ProcessLock> lock_;  // this process is alive while it holds it
    std::map<std::string, std::uint64_t> written_;  // session id → revision written
};

}  // namespace rb::session
