#include "locale/input.hpp"

#include "locale/vi.hpp"

namespace rb::locale::detail {
namespace {

constexpr std::string_view kNbsp = "\xC2\xA0";
constexpr std::string_view kMinusSign = "\xE2\x88\x92";  // U+2212, what word processors insert

bool is_ascii_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

std::string_view trim(std::string_view s) {
    for (;;) {
        if (!s.empty() && is_ascii_space(s.front())) {
            s.remove_prefix(1);
        } else if (s.substr(0, kNbsp.size()) == kNbsp) {
            s.remove_prefix(kNbsp.size());
        } else {
            break;
        }
    }
    for (;;) {
        if (!s.empty() && is_ascii_space(s.back())) {
            s.remove_suffix(1);
        } else if (s.size() >= kNbsp.size() && s.substr(s.size() - kNbsp.size()) == kNbsp) {
            s.remove_suffix(kNbsp.size());
        } else {
            break;
        }
    }
    return s;
}

}  // namespace

std::string quoted_input(std::string_view raw) {
    const std::string_view trimmed = trim(raw);
    return is_valid_utf8(trimmed) ? std::string(trimmed) : to_nfc(trimmed);
}

std::string normalized_input(std::string_view raw) {
    const std::string nfkc = to_nfkc(raw);
    std::string s;
    s.reserve(nfkc.size());
    std::string_view rest = nfkc;
    for (std::size_t at = rest.find(kMinusSign); at != std::string_view::npos;
         at = rest.find(kMinusSign)) {
        s.append(rest.substr(0, at));
        s.push_back('-');
        rest.remove_prefix(at + kMinusSign.size());
    }
    s.append(rest);
    return std::string(trim(s));
}

std::string group_thousands(std::string_view digits) {
    std::string out;
    out.reserve(digits.size() + digits.size() / 3);
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back('.');
        out.push_back(digits[i]);
    }
    return out;
}

}  // namespace rb::locale::detail
