#pragma once
// Running what plugins registered on a report: native rules join the definition's findings,
// and drafts fill empty narrative sections (a native drafter first, else the definition's
// template). Drafts never replace text a user wrote.
#include <optional>
#include <string>
#include <vector>

#include "plugin/registry.hpp"
#include "report/report.hpp"
#include "validate/evaluation.hpp"
#include "validate/findings.hpp"

namespace rb::plugin {

// validate::validate() plus the native rules for the report's type. `previous` is the
// previous period's report of the same unit, if known (ev must already have it set).
validate::ValidationResult validate_all(const Registry& registry, const validate::Evaluation& ev,
                                        const report::Report& r, const report::Report* previous = nullptr);

struct DraftOutcome {
    std::string section;
    enum class Kind { Drafted, KeptUserText, NothingToDraft, Failed } kind = Kind::NothingToDraft;
    std::string message;  // why it failed, when it did
};

// Fills the empty sections of `r` (all of them, or only `section`) with drafts.
std::vector<DraftOutcome> draft(const Registry& registry, const validate::Evaluation& ev, report::Report& r,
                                const std::string& section = {}, const report::Report* previous = nullptr);

// A definition's draft template with {CODE} replaced by display values ("…" when blank) and
// the report placeholders ({period}, {window_from}, …) filled.
std::string fill_draft_template(const std::string& text, const validate::Evaluation& ev, const report::Report& r);

// Runs a plugin's exporter on `r` (evaluated by `ev`). An exception from the plugin, or the
// reason it returns, becomes the error, naming the format.
rb::Status run_exporter(const PluginFormat& format, const validate::Evaluation& ev, const report::Report& r,
                        const std::vector<std::string>& codes, const std::string& path);

}  // namespace rb::plugin
