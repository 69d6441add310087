#pragma once
// Private to core/export/submission: the text rules shared by the XML, JSON and CSV writers and
// the importer. They are the rules report::to_xml applies to saved reports, so a report that
// went through a save carries nothing a submission would have to change.
#include <cstddef>
#include <string>
#include <string_view>

namespace rb::exporting::detail {

// A character XML 1.0 cannot carry (C0 controls except tab, LF, CR; U+FFFE, U+FFFF).
inline bool is_forbidden(char32_t cp) {
    return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE || cp == 0xFFFF;
}

// Decodes the UTF-8 sequence at s[i]; returns its length, 0 when the bytes are not valid
// UTF-8 (overlong forms, surrogates and values past U+10FFFF included).
inline std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
        cp = c;
        return 1;
    }
    std::size_t len = 0;
    char32_t min = 0;
    if ((c & 0xE0) == 0xC0) {
        len = 2, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3, cp = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4, cp = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (i + len > s.size()) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        const auto cc = static_cast<unsigned char>(s[i + k]);
        if ((cc & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

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

inline void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Text as every submission format can carry it: invalid UTF-8 becomes U+FFFD (one per bad
// byte), forbidden characters are dropped. Valid text comes back unchanged.
inline std::string clean_text(std::string_view s) {
    bool clean = true;
    for (std::size_t i = 0; i < s.size() && clean;) {
        char32_t cp = 0;
        const std::size_t len = decode_utf8(s, i, cp);
        clean = len != 0 && !is_forbidden(cp);
        i += len;
    }
    if (clean) return std::string(s);
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        char32_t cp = 0;
        const std::size_t len = decode_utf8(s, i, cp);
        if (len == 0) {
            append_utf8(out, 0xFFFD);
            ++i;  // resynchronise on the next byte
            continue;
        }
        if (!is_forbidden(cp)) out.append(s.substr(i, len));
        i += len;
    }
    return out;
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
