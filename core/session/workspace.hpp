#pragma once
// The workspace: the folder where a commune keeps its reports (default ~/ReportBench), read as
// a list of report summaries grouped by kind then period, with each report's status and
// finding counts. Reading is cheap: a scan keeps each file's summary and only re-reads files
// whose size or modification time changed.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "plugin/registry.hpp"
#include "report/report.hpp"

namespace rb::session {

struct ReportSummary {
    std::string path;
    std::string type_id, edition;
    std::string type_title;  // in the UI language; the id when the type is not installed
    std::string type_short;  // the kind in a few words ("CCHC"); the title when it has none
    report::Period period;
    std::string unit;
    // Which unit, as history matches reports: report::unit_identity() for the report's period.
    std::string unit_identity;
    report::Status status = report::Status::Draft;
    int amendment = 0;
    int errors = 0, warnings = 0;
    bool readable = true;    // false: `problem` says why the file could not be read
    bool evaluated = false;  // false when the type is not installed (counts unknown)
    std::string problem;
    std::string modified;
};

struct PeriodGroup {
    report::Period period;
    std::vector<const ReportSummary*> reports;  // by unit, then file name
};

struct KindGroup {
    std::string type_id;
    std::string title;
    std::string short_title;
    std::vector<PeriodGroup> periods;  // newest first
};

// The summary of one file (load, evaluate, validate).
ReportSummary summarize(const plugin::Registry& registry, const std::string& path);

class Workspace {
public:
    // ~/ReportBench
    static std::string default_folder();

    explicit Workspace(std::string folder) : folder_(std::move(folder)) {}
    const std::string& folder() const { return folder_; }
    void set_folder(std::string folder);

    // Reads the folder (and its sub-folders, two levels deep) for .rbr files. A missing
    // folder is an empty workspace.
    void scan(const plugin::Registry& registry);
    const std::vector<ReportSummary>& reports() const { return reports_; }
    const std::vector<KindGroup>& groups() const { return groups_; }

    // The report of the same type, edition and unit for `r`'s previous period (Q2 → Q1, …).
    std::optional<std::string> find_previous(const report::Report& r) const;

private:
    struct Cached {
        std::filesystem::file_time_type mtime;
        std::uintmax_t size = 0;
        ReportSummary summary;
    };
    std::string folder_;
    std::map<std::string, Cached> cache_;
    std::vector<ReportSummary> reports_;
    std::vector<KindGroup> groups_;
};

}  // namespace rb::session
