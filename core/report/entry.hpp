#pragma once
// Entering values: what a user typed for an indicator becomes the canonical text a report
// stores, or a message that names the indicator and the reason. Setting several values is all
// or nothing: one bad value and the report is left as it was.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "report/report.hpp"
#include "schema/report_type.hpp"

namespace rb::report {

// "" (empty typed text) clears the value. Computed rows and headings refuse input.
Result<std::string> canonical_value(const schema::Indicator& ind, std::string_view typed);

// Checks a value as stored in a file (canonical text, not what a user types): it must read as
// its indicator's type and lie within its bounds. For files edited outside the program.
rb::Status check_stored_value(const schema::Indicator& ind, const std::string& canonical);

// The number a canonical value stands for (nullopt for text, dates and blanks).
std::optional<double> numeric_value(const schema::Indicator& ind, const std::string& canonical);

struct Assignment {
    std::string code;
    std::string typed;
};

// "CODE=VALUE"; the value may be empty.
Result<Assignment> parse_assignment(std::string_view text);

// Checks every assignment first; writes only when all are valid. A locked report refuses.
rb::Status apply_values(Report& r, const schema::ReportType& type, const std::vector<Assignment>& values);

// A new report of `type` for `period`, with the header filled from the definition's defaults
// and the unit ({UNIT}, {PARENT}, {PROVINCE}, {period} placeholders) and the default window.
Report new_report(const schema::ReportType& type, const Period& period, const UnitInfo& unit);

// Fills {unit}, {UNIT}, {parent}, {PARENT}, {province}, {PROVINCE}, {period}, {PERIOD},
// {next_period}, {NEXT_PERIOD}, {window_from}, {window_to} in a definition's text. Period names
// are written in `lang`: kDocument for the document's own text (the official documents are
// Vietnamese whatever language the program speaks), i18n::language() for what the interface
// shows.
std::string fill_placeholders(std::string_view text, const Report& r, i18n::Language lang);

// The language of the documents' own text.
inline constexpr i18n::Language kDocument = i18n::Language::Vietnamese;

}  // namespace rb::report
