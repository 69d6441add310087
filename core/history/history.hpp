#pragma once
// A unit's own history: its reports of earlier periods found in the workspace, the comparison
// of a report with the previous period or the same period a year before, the series of one
// indicator across periods, and the check that a figure is not far outside the unit's own
// past (a typing slip of one digit is the commonest error).
//
// Reports are matched by type id, unit and period (the unit by its code in the units catalog,
// else by name); editions may differ (values are matched by indicator code). When a commune
// formed by the reorganisation of 1 July 2025 has no report of its own for a period, the
// reports of its predecessors in the catalog's conversion table are summed (those that went in
// whole; a part is said, never summed); for a unit the catalog lacks, UnitInfo::former_names.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "plugin/registry.hpp"
#include "report/report.hpp"
#include "session/workspace.hpp"
#include "validate/evaluation.hpp"
#include "validate/findings.hpp"

namespace rb::history {

enum class Baseline { Previous, YearAgo };
Result<Baseline> parse_baseline(std::string_view text);  // "previous", "year-ago"

// previous: the period just before of the same kind (2025-Q1 → 2024-Q4; a half-year, nine
// months or year → the same one a year earlier, as only one of each is reported per year);
// year-ago: the same period of the previous year (2025-Q1 → 2024-Q1).
report::Period baseline_period(const report::Period& p, Baseline b);

// Sort key of periods: by year, then by the month the period ends.
bool earlier(const report::Period& a, const report::Period& b);

// The workspace's reports by type, unit and period. Several files for one unit and period
// (an original and its amendments) count as the latest: the highest amendment, then the
// latest modification.
class Index {
public:
    explicit Index(const session::Workspace& ws);
    explicit Index(std::vector<session::ReportSummary> reports);

    // `unit`: a unit identity (report::unit_identity, session::ReportSummary::unit_identity).
    const session::ReportSummary* find(const std::string& type_id, const std::string& unit,
                                       const report::Period& period) const;
    // Every period of one unit and type, oldest first, one report per period.
    std::vector<const session::ReportSummary*> series(const std::string& type_id, const std::string& unit) const;
    // Reports of other types for the same unit and period (for checks across report kinds).
    std::vector<const session::ReportSummary*> siblings(const std::string& type_id, const std::string& unit,
                                                        const report::Period& period) const;
    const std::vector<session::ReportSummary>& reports() const { return reports_; }

private:
    std::vector<session::ReportSummary> reports_;  // readable ones, latest version per key only
};

// Values of one earlier report (or of predecessors summed), evaluated with its own definition.
struct PastReport {
    report::Period period;
    std::vector<std::string> files;  // one file, or the predecessors' files
    std::vector<std::string> units;  // the unit, or the predecessors summed
    bool from_predecessors = false;
    // What the reader must know of a sum of predecessors: those without a report in the
    // workspace, those that went in only in part (never summed), in the user's language.
    std::vector<std::string> notes;
    report::Report report;
    std::optional<validate::Evaluation> evaluation;
};

// The report of `unit` (or, failing that, its predecessors summed) for `period`; nullopt when
// the workspace has none (then `why_none`, when given, receives the reason when there is one
// to say, such as predecessors that went in only in part). Errors: a file that cannot be
// read, a type that is not installed.
Result<std::optional<PastReport>> find_past(const plugin::Registry& registry, const Index& index,
                                            const report::Report& r, const report::Period& period,
                                            std::vector<std::string>* why_none = nullptr);

struct ComparedValue {
    std::string code;
    validate::Cell current, baseline;
    std::optional<double> change;          // current − baseline, when both are numbers
    std::optional<double> relative;        // change / |baseline| × 100, when baseline ≠ 0
    bool baseline_missing_code = false;    // the earlier edition has no such indicator
};

struct Comparison {
    Baseline baseline = Baseline::Previous;
    report::Period period;  // the period compared with
    std::optional<PastReport> past;  // nullopt: the workspace has no report for that period
    std::vector<std::string> notes;  // why there is none, when there is something to say
    std::vector<ComparedValue> values;  // numeric, non-heading indicators in definition order
};

// The change as staff write it: "+50 (+7,69%)", "−75 điểm %" for a percent, "—" without one.
std::string change_display(const schema::Indicator& ind, const ComparedValue& v);

// `ev` must have been loaded from `r`.
Result<Comparison> compare(const plugin::Registry& registry, const Index& index, const report::Report& r,
                           const validate::Evaluation& ev, Baseline b);

struct SeriesPoint {
    report::Period period;
    std::optional<double> number;
    std::string display;
    bool from_predecessors = false;
};

// Settings of the check against the unit's own history.
struct OutlierRule {
    std::size_t min_history = 3;  // earlier periods with a value needed before judging
    double min_factor = 3.0;      // a value at least this many times off the median (either way)
    double mad_multiplier = 4.0;  // … and this many robust deviations off it, on a log scale
    double min_difference = 10.0; // … and at least this far from it in the indicator's units
};

// What a report is checked against in its workspace, read and evaluated once for an open
// report that is checked again after every edit: the unit's earlier reports of the same period
// kind (quarters with quarters), and its reports of other kinds for the same period (checks
// across report kinds, declared in the definitions).
class Context {
public:
    // Files that cannot be read or whose type is not installed are skipped (and logged): an old
    // broken file must not stop today's report from being checked.
    static Context load(const plugin::Registry& registry, const Index& index, const report::Report& r);

    const std::vector<PastReport>& reports() const { return earlier_; }
    const std::vector<PastReport>& other_kinds() const { return siblings_; }

    // compare() against the reports read at load (no file is read again).
    Comparison compare(const report::Report& r, const validate::Evaluation& ev, Baseline b) const;

    // Values of one indicator, oldest first, the report being edited last.
    Result<std::vector<SeriesPoint>> series(const report::Report& r, const validate::Evaluation& ev,
                                            const std::string& code) const;
    // Warnings (rule "history.outlier", key "history.outlier:CODE") for entered numbers far
    // outside the earlier periods. Cumulative (lũy kế) indicators are compared with the same
    // period of earlier years only. Then the checks across report kinds with the unit's other
    // reports of the period (rules "cross.…"). Justifications of `r` are applied.
    std::vector<validate::Finding> check(const report::Report& r, const validate::Evaluation& ev,
                                         const OutlierRule& rule = {}) const;

private:
    std::vector<PastReport> earlier_;
    std::vector<PastReport> siblings_;
};

// Context::load(...).series(...) and .check(...) in one call.
Result<std::vector<SeriesPoint>> indicator_series(const plugin::Registry& registry, const Index& index,
                                                  const report::Report& r, const validate::Evaluation& ev,
                                                  const std::string& code);
// The workspace's checks (history and across report kinds) in one call.
std::vector<validate::Finding> check_history(const plugin::Registry& registry, const Index& index,
                                             const report::Report& r, const validate::Evaluation& ev,
                                             const OutlierRule& rule = {});

// The judgement itself, on plain numbers (exposed for tests and the desktop's chart).
struct OutlierVerdict {
    bool outlier = false;
    double median = 0;
    double factor = 1;  // value / median (≥ 1 means above)
};
std::optional<OutlierVerdict> judge(double value, const std::vector<double>& history, const OutlierRule& rule = {});

}  // namespace rb::history
