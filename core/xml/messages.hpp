#pragma once
// Internal to core/xml: what libxml2 reports, said in the user's language with the fix. Its own
// sentences are English and speak of "atomic types" and "validation roots"; an IT officer
// editing a definition in Notepad needs "write &lt; for <" and "did you mean percent?".
#include <libxml/xmlerror.h>

#include <optional>
#include <string>
#include <string_view>

#include "xml/xml.hpp"

namespace rb::xml::detail {

// Our message for one libxml2 error; `xsd_name` is the schema validated against (empty while
// only parsing), which tells the expected root element, namespace and names.
std::string explain(const xmlError& error, std::string_view text, const std::string& xsd_name);

// A file that is not UTF-8 (a BOM or the bytes of UTF-16, bytes that are not UTF-8, named with
// the encoding its declaration gives): where, and to save it as UTF-8. Checked before any
// parser runs. UTF-8 bytes under another declaration are read as UTF-8.
std::optional<Issue> encoding_issue(std::string_view text, const std::string& file_label);

}  // namespace rb::xml::detail
