#pragma once
// The one place that reads XML. pugixml parse flags are fixed here once; XSD validation goes
// through libxml2 with network access and entity expansion off, so a hostile file can make
// neither fetch nor expand anything. Every error names the file, line and column.
#include <pugixml.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace rb::xml {

struct Location {
    int line = 0;
    int column = 0;
};

struct Issue {
    std::string file;  // as given by the caller (a label, may be a path)
    Location where;
    std::string message;
    std::string to_string() const;  // "file:line:col: message"
};

// Line and column (1-based) of a byte offset in `text`; columns count characters, not bytes.
Location locate(std::string_view text, std::size_t offset);

// The same for many offsets of one text: the line starts are indexed once, so a loader that
// records the position of every element stays linear in the file's size.
class LineIndex {
public:
    explicit LineIndex(std::string_view text);
    Location at(std::size_t offset) const;
    Location at(const pugi::xml_node& node) const;

private:
    std::string_view text_;
    std::vector<std::size_t> line_starts_;
};

// Parses `text` into `doc`. On failure the message names file:line:col and what went wrong.
Status parse(std::string_view text, const std::string& file_label, pugi::xml_document& doc);

// Validates `text` against the embedded schema `xsd_name` ("reporttype.xsd", ...).
// Returns every problem found (empty: valid).
std::vector<Issue> validate(std::string_view text, const std::string& xsd_name,
                            const std::string& file_label);

// Line/column of a parsed node, from its offset in the text it was parsed from.
Location where(const pugi::xml_node& node, std::string_view text);

}  // namespace rb::xml
