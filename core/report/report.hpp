#pragma once
// Report documents: one per unit and period. Holds what the user entered (values, narrative,
// header, justifications) and the document's life cycle; it never interprets values, which is
// the job of the report type's definition. Files are XML per schemas/report.xsd (`.rbr`).
//
// Note: `rb::report::Status` is the document status; results of operations that may fail are
// `rb::Status` (rb::Result<rb::Unit>), always written qualified here.
#include <compare>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/file_io.hpp"
#include "base/result.hpp"
#include "i18n/i18n.hpp"

namespace rb::report {

enum class PeriodKind { Quarter, HalfYear, NineMonths, Year };

// A calendar date; written as ISO "YYYY-MM-DD" in files.
struct SimpleDate {
    int year = 0, month = 0, day = 0;
    auto operator<=>(const SimpleDate&) const = default;
};

// Cut-off rule for the default data window. National rule (ND 09/2019/NĐ-CP): from the 15th of
// the month before the period's first month to the 14th of its last month. When start_day is
// not after end_day the window starts in the first month itself (e.g. 1..31: calendar months).
// Days past a month's end are clamped to its last day.
struct CutoffRule {
    int start_day = 15;
    int end_day = 14;
};

struct Period {
    PeriodKind kind = PeriodKind::Year;
    int year = 0;
    int index = 0;  // quarter 1..4 for Quarter; 1 for HalfYear (first six months); 0 otherwise

    // "2024-Q1".."2024-Q4", "2024-H1", "2024-9M", "2024" (letters in either case, surrounding
    // blanks ignored; years 1900..9999). Bad text: a Vietnamese message listing these forms.
    static Result<Period> parse(std::string_view text);
    std::string code() const;      // canonical form, as accepted by parse()
    std::string label_vi() const;  // "Quý I năm 2024", "6 tháng đầu năm 2024", "năm 2024"
    std::string label_en() const;  // "Q1 2024", "first half of 2024", "year 2024"
    // One of the two, for text in `lang` (a document's language, or the interface's).
    std::string label(i18n::Language lang) const { return lang == i18n::Language::English ? label_en() : label_vi(); }
    // First and last day of the data window under `rule`.
    std::pair<SimpleDate, SimpleDate> default_window(const CutoffRule& rule = {}) const;
    // The period's last calendar day (30/9 for Q3, 31/12 for a year): the day a report's unit
    // is looked up for in the units catalog.
    SimpleDate last_day() const;
    // The previous report of the same year, for cumulative (lũy kế) checks:
    // Q2→Q1, Q3→Q2, Q4→Q3, 9M→H1, Year→9M; Q1 and H1 have none.
    std::optional<Period> previous() const;
    bool operator==(const Period&) const = default;
};

enum class Status { Draft, Complete, Submitted };

// value: canonical machine text ("1034", "16.67", "1"/"0" for yes/no, a choice key, free text,
// ISO date). note: the appendix's "Ghi chú" column.
struct Entry {
    std::string value;
    std::string note;
    bool operator==(const Entry&) const = default;
};

// Why the user accepts a warning of rule `rule`.
struct Justification {
    std::string rule;
    std::string text;
    std::string date;
    bool operator==(const Justification&) const = default;
};

struct UnitInfo {
    std::string name;
    std::string kind = "xã";
    std::string parent;
    std::string parent_kind;
    std::string province;
    std::vector<std::string> former_names;
    // The unit's code in the state's list (units::Catalog, docs/units.md): "14029". Empty for a
    // unit typed by hand that the list lacks (and in files written before codes existed).
    std::string code;
    bool operator==(const UnitInfo&) const = default;
};

struct Header {
    std::string parent_body;   // "UBND HUYỆN TRỰC NINH" (may be empty since July 2025)
    std::string issuing_body;  // "UBND XÃ PHƯƠNG ĐỊNH"
    std::string number;        // "09"
    std::string symbol;        // "BC-UBND"
    std::string place;         // "Phương Định"
    std::optional<SimpleDate> date;
    std::string summary;  // the line under "BÁO CÁO"
    std::string signing_authority = "TM. ỦY BAN NHÂN DÂN";
    std::string signer_title = "CHỦ TỊCH";
    std::string signer_name;
    std::vector<std::string> recipients;  // last is usually "Lưu: VT"
    bool operator==(const Header&) const = default;
};

struct Report {
    std::string type_id;
    std::string type_version;
    std::string edition;
    Period period;
    SimpleDate window_from, window_to;  // the data window actually used
    UnitInfo unit;
    Header header;
    std::map<std::string, Entry> values;           // entered values only, any code kept
    std::map<std::string, std::string> narrative;  // section id → text, kept exactly
    std::vector<Justification> justifications;
    Status status = Status::Draft;
    int amendment = 0;              // 0 = original
    std::string amends;             // file name of the report this one corrects
    std::string created, modified;  // ISO timestamps, set by the caller
    // Raw XML of elements this version does not know (the file's <extension> area, or parts of
    // a newer format), written back verbatim inside <extension>. Each entry is one element.
    std::vector<std::string> preserved_xml;
    bool read_only = false;  // set by load for a file of a newer format version
    std::string read_only_reason;
    bool operator==(const Report&) const = default;
};

const char* to_string(Status s);  // "draft", "complete", "submitted"
Result<Status> parse_status(std::string_view text);

// draft→complete, complete→draft, complete→submitted; the same status is a no-op.
// Refused: draft→submitted (complete it first), anything from submitted (make an amendment),
// anything on a read-only report.
rb::Status change_status(Report& r, Status to);
bool is_locked(const Report& r);  // submitted or read-only
// Fails, with the reason, when the report may not be edited (is_locked).
rb::Status ensure_editable(const Report& r);
// A correction of a submitted report: a copy as draft, amendment + 1, amends =
// `original_file_name`, created/modified set to now. The original is left untouched.
Report make_amendment(const Report& submitted, const std::string& original_file_name);

// Current UTC time as "YYYY-MM-DDTHH:MM:SSZ".
std::string timestamp_now();

constexpr int kFormatVersion = 1;
constexpr const char* kNamespace = "urn:reportbench:report:1";

// Deterministic, pretty-printed UTF-8. Bytes XML cannot carry (C0 controls other than tab,
// newline and carriage return; invalid UTF-8) are dropped or replaced by U+FFFD.
std::string to_xml(const Report& r);
// Validates against report.xsd first (every issue as "file:line:col: message"), then reads.
// A newer formatVersion loads read-only, keeping what it cannot read in preserved_xml.
Result<Report> from_xml(std::string_view text, const std::string& file_label);
// `stamp`, when given, receives which file was read (files::FileStamp).
Result<Report> load(const std::string& path, files::FileStamp* stamp = nullptr);
// Atomic save keeping the previous file as `path.bak`: write `path.tmp-<pid>`, fsync, hard-link
// (or copy) the current file to `.bak` via a temporary name + rename, rename the temporary file
// over `path`, fsync the folder. At any crash point `path` is the old or the new whole file.
// Refuses read-only reports and reports whose file would not load back.
// `unchanged_since`: refuse when `path` is no longer the file read with that stamp (another
// program saved it meanwhile); `written` receives the stamp of the file written.
rb::Status save(const Report& r, const std::string& path, const files::FileStamp* unchanged_since = nullptr,
                files::FileStamp* written = nullptr);

}  // namespace rb::report
