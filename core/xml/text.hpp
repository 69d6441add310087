#pragma once
// UTF-8 text as XML 1.0 can carry it, the one rule every writer of the project applies (saved
// reports, submissions, DOCX parts), so text that went through one of them passes the others
// unchanged.
#include <cstddef>
#include <string>
#include <string_view>

namespace rb::xml {

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

// Text as XML 1.0 can carry it: invalid UTF-8 becomes U+FFFD (one per bad byte, reading
// resumes at the next byte), forbidden characters are dropped. Valid text comes back unchanged.
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

}  // namespace rb::xml
