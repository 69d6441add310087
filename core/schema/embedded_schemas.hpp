#pragma once
#include <string>

namespace rb::schemas {
// The text of a schema compiled into the program ("reporttype.xsd", "report.xsd", ...);
// nullptr when there is none by that name.
const std::string* embedded(const std::string& name);
}  // namespace rb::schemas
