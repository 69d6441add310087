#pragma once
// Private to core/export/submission: what the XML and JSON readers share. Both fill a
// Submission and check, with the same messages, what neither the XSD nor a JSON type check can
// say (a real calendar date, a window in order, a period code the report module accepts).
#include <optional>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "export/submission/submission.hpp"

namespace rb::exporting::detail {

// Thrown inside a reader and caught at its entry point; `message` is complete and translated.
struct ReadError {
    std::string message;
};

// Strict "YYYY-MM-DD" with a real calendar date.
std::optional<report::SimpleDate> parse_iso_date(std::string_view s);
std::string format_iso_date(const report::SimpleDate& d);

// Each returns the reason (translated, without a location) when the text is not acceptable.
std::optional<std::string> read_period(std::string_view code, report::Period& out);
std::optional<std::string> read_date(std::string_view text, report::SimpleDate& out);
// A unit code: 2 to 8 digits (the XML schema's pattern).
std::optional<std::string> check_unit_code(std::string_view code);
std::optional<std::string> check_window(const report::SimpleDate& from, const report::SimpleDate& to);
std::optional<std::string> read_status(std::string_view text, report::Status& out);
std::optional<std::string> read_state(std::string_view text, validate::ValueState& out);
std::optional<std::string> read_severity(std::string_view text, schema::Severity& out);

// The computed state and severity as the files write them.
const char* state_name(validate::ValueState s);

// Shortest text that reads back as the same double ("16.67", "1034", "0.1").
std::string number_text(double v);

Result<Submission> read_xml(std::string_view text, const std::string& file_label);
Result<Submission> read_json(std::string_view text, const std::string& file_label);

}  // namespace rb::exporting::detail
