#pragma once
// Findings: everything a careful reviewer would send back. The definition's rules, the
// built-in checks every report gets (required values, bounds, values the edition does not
// know, empty required sections, header), and the narrative checks.
#include <string>
#include <vector>

#include "report/report.hpp"
#include "schema/report_type.hpp"
#include "validate/evaluation.hpp"
#include "validate/narrative_checks.hpp"

namespace rb::validate {

struct Finding {
    schema::Severity severity = schema::Severity::Error;
    std::string rule;                // rule id ("plan-done-within-plan", "required", "narrative.year", …)
    std::string key;                 // what a justification names: unique per finding
    std::vector<std::string> codes;  // indicators concerned
    std::string section;             // narrative section concerned, if any
    std::string message;             // in the user's language
    std::size_t offset = 0, length = 0;  // where in the section's text (narrative findings)
    std::string justification;       // the user's written reason for accepting a warning
};

struct ValidationResult {
    std::vector<Finding> findings;
    int errors = 0;
    int warnings = 0;  // warnings not yet accepted with a justification
    int accepted = 0;  // warnings accepted with a justification
    int infos = 0;
};

// What validate() checks beyond the rules and built-in checks.
struct ValidateOptions {
    // The narrative checks (the analysis of the report's own text: the costly part). A
    // consolidation leaves them out: the office checks each unit's figures, not its prose.
    bool narrative = true;
};

// `ev` must have been loaded from `r`.
ValidationResult validate(const Evaluation& ev, const report::Report& r, const ValidateOptions& options = {});
// Adds findings made elsewhere (plugins, the workspace's history, other report kinds): applies
// `r`'s justifications to warnings, counts them, and keeps errors first.
void add_findings(ValidationResult& res, std::vector<Finding> more, const report::Report& r);

// What the narrative checks read of a report: its sections' text, the indicators' mention
// phrases with their current values, the unit's own names, the report's year.
NarrativeInput narrative_input(const Evaluation& ev, const report::Report& r);

// Replaces {CODE} in a text by the indicator's display value, or by `blank` when it has none;
// other braces are left as they are.
std::string fill_codes(const std::string& text, const Evaluation& ev, const std::string& blank);
// fill_codes for a rule's message: a blank shows as "(trống)".
std::string fill_message(const std::string& text, const Evaluation& ev);

}  // namespace rb::validate
