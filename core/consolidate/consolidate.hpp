#pragma once
// Consolidation for the receiving office (district, province): the reports of many units for
// one report type, edition and period become one consolidated report, driven by each
// indicator's `consolidate` rule in the definition. docs/consolidation.md describes the rules,
// the checks and the outlier method.
//
//   Sum        the sum of the units' values (blank units skipped; all blank → blank)
//   Recompute  computed indicators are evaluated over the summed inputs, never averaged
//   Mean       the mean of the units' values, each weighed by the indicator `weight` names (mean
//              age by the number of people); units without a value or a positive weight skipped
//   None       left blank
//
// Yes/no and choice indicators are never summed into the table whatever their rule (a count
// of "yes" units is not a yes/no value): the result counts the units per answer instead.
//
// Use: a Consolidator built for the definition; digest() each input (thread-safe, one Digester
// per thread), add() the digests in input order, then finish().
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "expr/expr.hpp"
#include "report/report.hpp"
#include "schema/report_type.hpp"
#include "units/catalog.hpp"
#include "validate/evaluation.hpp"

namespace rb::consolidate {

// One finding of a unit's own report, kept small.
struct UnitFinding {
    schema::Severity severity = schema::Severity::Error;
    std::string rule;
    std::string message;
};

// What the engine keeps of one input: the report itself is not kept (10,000 reports with
// their narrative would not fit the memory budget), only what the result needs.
struct UnitData {
    std::string label;  // file name (or any caller's name for the input)
    report::UnitInfo unit;
    std::string type_id, edition, type_version;
    report::Period period;
    int amendment = 0;
    std::string modified;
    std::uint64_t content_hash = 0;   // values, notes and narrative: tells identical copies apart
    std::vector<expr::Value> values;  // slot-indexed: entered or computed; empty when not evaluated
    int errors = 0, warnings = 0, infos = 0;
    std::vector<UnitFinding> findings;  // errors and unaccepted warnings (messages kept when asked)
};

enum class InputState {
    Included,    // counted in the totals
    Mismatch,    // other type, edition, version or period: excluded
    Duplicate,   // the same unit in another input with the same amendment number: excluded
    Superseded,  // a later amendment of the same unit was given: excluded
    Copy,        // an identical copy of another input: the first copy is counted, this one not
    Unknown,     // not in the expected list (when one is given): excluded
    Unreadable,  // the caller could not read it (see Result::add_unreadable)
};
const char* to_string(InputState s);  // "included", "mismatch", …

struct UnitResult {
    UnitData data;
    InputState state = InputState::Included;
    std::string reason;        // why excluded, in the user's language
    std::string expected_as;   // the expected-list line it matched (empty: none or no list)
    // The unit's code: as the input gives it, or found in the units catalog from its name
    // (when exactly one commune has it). Inputs are told apart by it; empty: by name.
    std::string code;
    bool unknown = false;      // not in the expected list (a list was given)
};

enum class IssueKind {
    Mismatch,
    Duplicate,
    Superseded,
    Copy,
    Unknown,
    Missing,
    SpellingDiffers,
    UnitCode,  // the unit's code and name disagree with the units catalog
    Outlier,
    Unreadable,
};
const char* to_string(IssueKind k);  // "mismatch", "duplicate", …

struct Issue {
    IssueKind kind = IssueKind::Mismatch;
    schema::Severity severity = schema::Severity::Warning;
    std::string file;        // the input concerned (empty for a missing unit)
    std::string other_file;  // duplicates, copies, superseded: the other input
    std::string unit;        // unit name
    std::string code;        // outliers: the indicator
    double value = 0, median = 0;  // outliers
    std::string message;     // in the user's language, names file / unit / indicator
};

// The consolidated value of one indicator.
struct Total {
    schema::Consolidation rule = schema::Consolidation::None;  // as applied (see the note above)
    expr::Value value;     // what the consolidated table shows (recomputed for computed rows)
    int contributors = 0;  // included units that gave a value
    // Yes/no and choice: included units per answer ("1" → 12, "0" → 3).
    std::map<long long, int> answers;
};

struct Options {
    // The reference every input must match; empty / nullopt: taken from the first input.
    std::string type_id, edition, type_version;
    std::optional<report::Period> period;
    // The consolidated report's unit; nullopt: the inputs' common parent (kind from parentKind).
    std::optional<report::UnitInfo> office;
    // Units that should have submitted: lines "CODE [name]" (matched by code) or names.
    // Empty: no missing / unknown check.
    std::vector<std::string> expected;
    // Or every commune of this province (code or name) in the units catalog on the period's
    // last day, added to `expected` as "CODE Xã Tên".
    std::string expected_province;
    // The units catalog that codes are checked against; nullptr: units::installed().
    const units::Catalog* catalog = nullptr;
    bool check_expected = true;
    bool outliers = true;
    double outlier_threshold = 3.5;  // modified z-score (Iglewicz–Hoaglin)
    int outlier_min_values = 5;      // non-blank values an indicator needs to be checked
    bool findings = true;            // evaluate + validate each input (counts always, messages:)
    bool finding_messages = true;    // keep each finding's message per unit
};

struct Result {
    report::Report report;           // the consolidated table: values as canonical text
    std::vector<UnitResult> units;   // every input, in input order
    std::vector<Total> totals;       // slot-indexed like the definition's indicators
    std::vector<Issue> issues;       // in a stable order: inputs first, then missing, outliers
    std::vector<std::string> missing;  // expected lines with no included input
    int included = 0;
    int units_with_errors = 0;

    // Data problems an officer must act on: excluded inputs, duplicates, missing or unknown
    // units, unreadable files (outliers and per-unit findings are warnings, not problems).
    bool has_problems() const;
    // Drill-down: each included unit's value of `slot` (index into units, value).
    std::vector<std::pair<std::size_t, expr::Value>> drill_down(std::size_t slot) const;
};

// Turns one report into UnitData. Holds an Evaluation, so one per thread.
class Digester {
public:
    static rb::Result<Digester> create(schema::ReportTypePtr type, bool findings = true, bool messages = true);
    UnitData digest(const report::Report& r, const std::string& label);

private:
    Digester(validate::Evaluation ev, bool findings, bool messages)
        : ev_(std::move(ev)), findings_(findings), messages_(messages) {}
    validate::Evaluation ev_;
    bool findings_, messages_;
};

class Consolidator {
public:
    static rb::Result<Consolidator> create(schema::ReportTypePtr type, Options options = {});

    // Inputs in order: the first decides the reference when Options leave it open.
    void add(UnitData unit);
    void add(const report::Report& r, const std::string& label);  // digest + add
    // A file the caller could not read: listed, excluded, and a problem of the result.
    void add_unreadable(const std::string& label, const std::string& error);
    Result finish();

    const schema::ReportType& type() const { return *type_; }

private:
    Consolidator(schema::ReportTypePtr type, Options options, Digester digester)
        : type_(std::move(type)), options_(std::move(options)), digester_(std::move(digester)) {}
    schema::ReportTypePtr type_;
    Options options_;
    Digester digester_;
    std::vector<UnitResult> units_;
    std::vector<Issue> unreadable_;
};

// Consolidates reports held in memory (labels: the names used in messages).
rb::Result<Result> consolidate(schema::ReportTypePtr type, const std::vector<const report::Report*>& reports,
                               const std::vector<std::string>& labels, Options options = {});

// The reports of a merged unit's predecessors (former communes) for one period, summed into
// one report of `successor` by the same rules (no outlier or expected-unit checks). Fails,
// naming the report, when the reports differ in type, edition or period, or when a
// predecessor appears twice. Used for "the same period last year" of a merged commune.
rb::Result<report::Report> sum_predecessor_reports(schema::ReportTypePtr type,
                                                   const std::vector<const report::Report*>& predecessors,
                                                   const report::UnitInfo& successor);

// Reads submission files (XML or JSON, through exporting::read_submission with all its
// refusals) on `threads` threads and digests each; the reports are dropped once digested.
// `progress` (may be empty) is called from the calling thread with (done, total).
struct ReadOutcome {
    std::string label;
    std::optional<UnitData> data;  // nullopt: unreadable
    std::string error;
};
std::vector<ReadOutcome> read_and_digest(schema::ReportTypePtr type, const std::vector<std::string>& paths,
                                         unsigned threads, bool findings, bool messages,
                                         const std::function<void(std::size_t, std::size_t)>& progress = {});

// The identity used to match unit names: NFC, case-folded, spaces collapsed.
std::string name_key(std::string_view name);

// Reads an expected-units list: one name per line, UTF-8, '#' starts a comment, blank lines
// ignored. Fails on invalid UTF-8, naming the line.
rb::Result<std::vector<std::string>> parse_expected_units(std::string_view text, const std::string& file_label);

// Canonical text of a consolidated number for `ind` ("1034", "16.67").
std::string canonical_text(const schema::Indicator& ind, double v);

}  // namespace rb::consolidate
