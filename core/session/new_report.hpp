#pragma once
// Making a new report: from a kind, edition, period and unit (with the commune's unit profile),
// or "from the previous period", which carries over what does not change between periods.
// The unit profile is stored once in the user's data folder and reused.
#include <optional>
#include <string>

#include "base/result.hpp"
#include "plugin/registry.hpp"
#include "report/report.hpp"
#include "report/unit_profile.hpp"

namespace rb::session {

// "quarter", "half-year", "nine-months", "year": the names definitions use.
const char* period_kind_name(report::PeriodKind k);

struct NewReportRequest {
    std::string type_id;
    std::string edition;  // empty: the type's default edition
    report::Period period;
    report::UnitInfo unit;
    std::optional<report::UnitProfile> profile;  // fills place, signer and recipients
};

// A new draft, header filled from the definition, the unit and the profile. Fails when the type
// or edition is not installed, the period is not one the type allows, or the unit has no name.
Result<report::Report> make_new_report(const plugin::Registry& registry, const NewReportRequest& request);

// A new draft for `period` that carries over from `previous`:
//   - the narrative text of every section the edition still has (the user rewrites it; the
//     narrative checks flag figures and years that no longer match);
//   - the unit, the issuing and parent bodies, symbol, place, signer and recipients;
// and deliberately not: the entered values and their notes (each period's figures are counted
// afresh; a carried figure that looks plausible is the worst kind of mistake), the document
// number and date, the justifications, the status. The summary line and the data window are
// made anew for the new period. `edition` empty: the previous report's edition.
Result<report::Report> make_from_previous(const plugin::Registry& registry, const report::Report& previous,
                                          const report::Period& period, const std::string& edition = {});

// A file name for a new report in a folder: "<type>-<unit>-<period>.rbr", the unit's name
// without diacritics, lower case, dashes for blanks ("cchc-phuong-dinh-2024-Q2.rbr").
std::string suggested_file_name(const report::Report& r);

// <user data dir>/unit-profile.xml
std::string user_unit_profile_path();
// The stored profile, if there is one (a damaged file is an error naming it).
Result<std::optional<report::UnitProfile>> load_user_unit_profile(const std::string& path = user_unit_profile_path());
rb::Status save_user_unit_profile(const report::UnitProfile& p, const std::string& path = user_unit_profile_path());

}  // namespace rb::session
