#pragma once
// Character classes the readers of numbers and dates share (ASCII only, locale-free, unlike
// std::isdigit).

namespace rb::locale {

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace rb::locale
