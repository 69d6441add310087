#pragma once
// The unit profile: a commune's names, parent, signer and recipients, stored once
// (schemas/unitprofile.xsd) and applied to each new report.
#include <string>
#include <vector>

#include "base/result.hpp"
#include "report/report.hpp"

namespace rb::report {

struct UnitProfile {
    UnitInfo unit;
    std::string place;
    std::string signer_name, signer_title, signing_authority;
    std::vector<std::string> recipients;  // empty: the definition's defaults are kept
};

Result<UnitProfile> load_unit_profile(const std::string& path);
std::string unit_profile_to_xml(const UnitProfile& p);
// Fills a new report's header from the profile (after new_report()).
void apply_unit_profile(Report& r, const UnitProfile& p);

}  // namespace rb::report
