#pragma once
// Internal to rb_locale: how the parsers prepare what staff typed. Not part of the public API.
#include <string>
#include <string_view>

namespace rb::locale::detail {

// The text as quoted back in error messages: trimmed, with ill-formed UTF-8 replaced by U+FFFD
// so that a message is always valid UTF-8.
std::string quoted_input(std::string_view raw);

// The text the parsers read: NFKC (fullwidth digits and signs become ASCII, NBSP and other
// spaces become U+0020), U+2212 MINUS SIGN as '-', then trimmed.
std::string normalized_input(std::string_view raw);

// Inserts '.' between groups of three digits: "1034" → "1.034". `digits` holds digits only.
std::string group_thousands(std::string_view digits);

}  // namespace rb::locale::detail
