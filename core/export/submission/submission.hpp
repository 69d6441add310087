#pragma once
// The submission: the machine-readable report a commune sends to its district or province,
// as XML (schemas/submission.xsd, namespace urn:reportbench:submission:1) or the equivalent
// JSON. It carries the whole report document (what import gives back, compared equal to the
// original) and, for the recipient's convenience, what the sender's program computed and found
// at export time. docs/submission-format.md describes both shapes.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "export/exporter.hpp"
#include "report/report.hpp"
#include "schema/report_type.hpp"
#include "validate/evaluation.hpp"
#include "validate/findings.hpp"

namespace rb::exporting {

inline constexpr int kSubmissionFormatVersion = 1;
inline constexpr const char* kSubmissionNamespace = "urn:reportbench:submission:1";
// The JSON shape names itself with this "format" value next to "formatVersion".
inline constexpr const char* kSubmissionJsonFormat = "reportbench-submission";

// Limits against hostile input.
inline constexpr std::size_t kMaxSubmissionBytes = 20u << 20;  // 20 MiB
inline constexpr int kMaxSubmissionDepth = 32;                 // element / array and object nesting

// A computed indicator as the sender's program evaluated it. Informative only: import ignores
// it and the recipient recomputes from the entered values.
struct ComputedValue {
    std::string code;
    validate::ValueState state = validate::ValueState::Computed;  // computed, blank, not-applicable
    std::optional<double> number;                                 // a percent in percent units
    std::string display;                                          // "16,67%", "không phát sinh"
    bool operator==(const ComputedValue&) const = default;
};

// A finding at export time, as the sender saw it. Informative only.
struct SubmittedFinding {
    schema::Severity severity = schema::Severity::Error;
    std::string rule;
    std::vector<std::string> codes;
    std::string section;     // narrative section concerned; may be empty
    std::string message;     // in the sender's language
    bool justified = false;  // a warning the sender accepted (its reason is in justifications)
    bool operator==(const SubmittedFinding&) const = default;
};

struct Submission {
    // Everything of the report except preserved_xml and read_only/read_only_reason: those
    // describe a file on the sender's disk, not the report sent.
    report::Report report;
    std::vector<ComputedValue> computed;  // definition order
    std::vector<SubmittedFinding> findings;
    bool operator==(const Submission&) const = default;
};

// The submission of a report, its evaluation and its findings at export time.
Submission make_submission(const report::Report& r, const validate::Evaluation& ev,
                           const validate::ValidationResult& findings);

// Deterministic, pretty-printed UTF-8. Text goes through the saved report's rules: invalid
// UTF-8 becomes U+FFFD and characters XML 1.0 cannot carry are dropped, in both shapes alike;
// every other text (narrative included) is written exactly.
std::string submission_to_xml(const Submission& s);
std::string submission_to_json(const Submission& s);

// Reads either shape (told apart by the first character: '<' or '{'). XML is validated
// against submission.xsd first; JSON is checked field by field. Errors name the file and the
// place: "file:line:col: …" for XML and JSON syntax, "file: /values/3/code: …" for JSON
// fields. Refused: files over kMaxSubmissionBytes, invalid UTF-8, DOCTYPE and entity
// declarations, nesting deeper than kMaxSubmissionDepth, numbers beyond their range, and
// any format version other than kSubmissionFormatVersion. Values are not checked against a
// definition here: that is the caller's job.
Result<Submission> read_submission(std::string_view bytes, const std::string& file_label);
// read_submission(...).report.
Result<report::Report> import_submission(std::string_view bytes, const std::string& file_label);
// Reads the file (size-capped) and imports it.
Result<report::Report> load_submission(const std::string& path);

// Exporters "xml" and "json" of the submission.
std::shared_ptr<const Exporter> make_submission_xml_exporter();
std::shared_ptr<const Exporter> make_submission_json_exporter();

}  // namespace rb::exporting
