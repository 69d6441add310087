#pragma once
// Private to core/export/submission: the text rules shared by the XML, JSON and CSV writers and
// the importer. They are the rules report::to_xml applies to saved reports, so a report that
// went through a save carries nothing a submission would have to change.
#include <cstddef>
#include <string>
#include <string_view>

#include "xml/text.hpp"

namespace rb::exporting::detail {

using xml::append_utf8;
using xml::clean_text;
using xml::decode_utf8;
using xml::is_forbidden;

// Offset of the first byte that is not valid UTF-8, or npos.
inline std::size_t first_invalid_utf8(std::string_view s) {
    std::size_t i = 0;
    char32_t cp = 0;
    while (i < s.size()) {
        // ASCII runs are most of a file: skip them without decoding.
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        const std::size_t len = decode_utf8(s, i, cp);
        if (len == 0) return i;
        i += len;
    }
    return std::string_view::npos;
}

// Offset of the first character XML cannot carry in valid UTF-8 text, or npos.
inline std::size_t first_forbidden(std::string_view s) {
    std::size_t i = 0;
    char32_t cp = 0;
    while (i < s.size()) {
        const std::size_t len = decode_utf8(s, i, cp);
        if (len == 0) return std::string_view::npos;  // not ours to judge here
        if (is_forbidden(cp)) return i;
        i += len;
    }
    return std::string_view::npos;
}

// At most `max_bytes` of `s` for a message, cut at a character boundary and marked with "…":
// names and values quoted from a hostile file may be megabytes long.
inline std::string shorten(std::string_view s, std::size_t max_bytes = 200) {
    if (s.size() <= max_bytes) return std::string(s);
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    return std::string(s.substr(0, cut)) + "…";
}

}  // namespace rb::exporting::detail
