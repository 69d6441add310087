#pragma once
// A report's unit and the state's units catalog (units::Catalog): filling a unit from the
// catalog, and what the catalog says about a unit as a report names it. Used alike by new
// reports, the checks every report gets, and consolidation.
#include <string>

#include "report/report.hpp"
#include "units/catalog.hpp"

namespace rb::report {

locale::Date to_locale_date(const SimpleDate& d);

// The report's unit as the catalog has it on the period's last day: code, kind, name, the
// district (name and kind, before 1 July 2025; none after) and the province's name. Former
// names are left as they are.
UnitInfo unit_info(const units::Catalog& catalog, const units::Unit& unit, const Period& period,
                   const UnitInfo& keep = {});

// A unit named as a user gives it (`new --unit`, the wizard's box): a code, or a name (kind word
// and diacritics optional; `province`, when given, narrows). A code that is no commune on the
// period's last day fails, saying where it went; a name shared by several communes fails,
// listing them with their codes. A name the catalog lacks is kept as typed (no code): the
// report then says it was typed by hand.
struct UnitPick {
    UnitInfo info;
    const units::Unit* unit = nullptr;  // nullptr: typed by hand
};
Result<UnitPick> pick_unit(const units::Catalog& catalog, std::string_view typed, std::string_view province,
                           const Period& period);

enum class UnitStatus {
    Matches,      // the code is in the catalog and the name agrees
    Typed,        // no code, and no unit of that name in the catalog: typed by hand
    Uncoded,      // no code, but the name is a unit of the catalog (`unit` is it, when one only)
    UnknownCode,  // the code is no unit of the catalog on the period's last day
    NameDiffers,  // the code is a unit, but the name is another one's
};

struct UnitCheck {
    UnitStatus status = UnitStatus::Typed;
    const units::Unit* unit = nullptr;  // the catalog's unit, when there is one
    std::string message;                // in the user's language; empty for Matches
};

// The period's last day decides which unit a code means (codes were reused on 1 July 2025).
// A code the catalog knew at another time is explained ("merged into …").
UnitCheck check_unit(const units::Catalog& catalog, const UnitInfo& unit, const Period& period);

// What tells one unit's reports from another's: the unit's code (found from its name when the
// file has none and one commune of the catalog has it) with the day that unit began, since
// codes were reused on 1 July 2025 ("code:14038@2025-07-01" is Ninh Giang, "code:14038" the
// former Liêm Hải); a unit the catalog lacks, by its name (NFC, case folded, blanks collapsed).
// The installed catalog (units::installed()) unless one is given.
std::string unit_identity(const UnitInfo& unit, const Period& period, const units::Catalog* catalog = nullptr);
// The identity of catalog unit `u` (as above).
std::string unit_identity(const units::Unit& u);

}  // namespace rb::report
