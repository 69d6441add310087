// Vietnamese numbers: '.' (or a space) between thousands, ',' before the decimal part.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "locale/chars.hpp"
#include "i18n/i18n.hpp"
#include "locale/input.hpp"
#include "locale/vi.hpp"

namespace rb::locale {
namespace {

constexpr int kMaxDecimals = 15;
// A double carries 15 significant decimal digits reliably; rounding to them first removes the
// binary noise (16.665 is stored as 16.66499999…) before the half-away-from-zero step.
constexpr int kSignificantDigits = 15;


// A number taken apart: digits before and after the decimal mark, without separators.
struct NumberParts {
    std::string integer;
    std::string fraction;
    bool has_fraction = false;
};

// Digit groups separated by '.', ' ' or `extra_separator` (0 for none), one kind per number:
// the first of 1–3 digits not starting with 0, the others of exactly 3. A plain run of digits
// is taken as is. Returns the digits, or the reason they are not a well-grouped number.
Result<std::string> join_groups(std::string_view text, char extra_separator) {
    const bool has_dot = text.find('.') != std::string_view::npos;
    const bool has_space = text.find(' ') != std::string_view::npos;
    const bool has_other =
        extra_separator != 0 && text.find(extra_separator) != std::string_view::npos;
    if (!has_dot && !has_space && !has_other) return Result<std::string>::ok(std::string(text));
    if (int(has_dot) + int(has_space) + int(has_other) > 1)
        return Result<std::string>::fail(
            tr("chỉ dùng một loại dấu ngăn cách hàng nghìn: dấu chấm hoặc dấu cách"));
    const char separator = has_dot ? '.' : (has_space ? ' ' : extra_separator);

    std::string digits;
    std::size_t group_index = 0;
    std::size_t start = 0;
    for (;;) {
        const std::size_t end = std::min(text.find(separator, start), text.size());
        const std::string_view group = text.substr(start, end - start);
        if (group.empty()) return Result<std::string>::fail(tr("dấu ngăn cách hàng nghìn đặt sai chỗ"));
        if (group_index == 0) {
            if (group.size() > 3)
                return Result<std::string>::fail(tr("nhóm chữ số đầu tiên có nhiều hơn 3 chữ số"));
            if (group.front() == '0')
                return Result<std::string>::fail(
                    tr("số có dấu ngăn cách hàng nghìn không được bắt đầu bằng chữ số 0"));
        } else if (group.size() != 3) {
            return Result<std::string>::fail(
                tr("dấu chấm và dấu cách ngăn cách hàng nghìn, nên mỗi nhóm sau chúng phải có đúng "
                   "3 chữ số"));
        }
        digits.append(group);
        ++group_index;
        if (end == text.size()) break;
        start = end + 1;
    }
    return Result<std::string>::ok(std::move(digits));
}

// The Vietnamese reading. `body` holds only digits, '.', ',' and ' ', and at least one digit.
Result<NumberParts> split_vietnamese(std::string_view body, NumberKind kind) {
    const auto comma_count = std::count(body.begin(), body.end(), ',');
    if (kind == NumberKind::Count && comma_count > 0)
        return Result<NumberParts>::fail(
            tr("số đếm không có phần thập phân nên không dùng dấu phẩy; hàng nghìn ngăn cách bằng "
               "dấu chấm, ví dụ “1.034”"));
    if (comma_count > 1)
        return Result<NumberParts>::fail(tr("chỉ được có một dấu phẩy, để ngăn cách phần thập phân"));

    NumberParts parts;
    std::string_view integer = body;
    if (comma_count == 1) {
        const std::size_t comma = body.find(',');
        integer = body.substr(0, comma);
        const std::string_view fraction = body.substr(comma + 1);
        if (fraction.empty()) return Result<NumberParts>::fail(tr("thiếu chữ số sau dấu phẩy"));
        if (!std::all_of(fraction.begin(), fraction.end(), is_digit))
            return Result<NumberParts>::fail(tr("sau dấu phẩy chỉ được có chữ số"));
        if (integer.empty())
            return Result<NumberParts>::fail(tr("thiếu chữ số trước dấu phẩy, ví dụ “0,5”"));
        parts.fraction = std::string(fraction);
        parts.has_fraction = true;
    }
    auto digits = join_groups(integer, 0);
    if (!digits) return Result<NumberParts>::fail(digits.error());
    parts.integer = std::move(*digits);
    return Result<NumberParts>::ok(std::move(parts));
}

// The English reading (',' or ' ' between thousands, '.' before the decimals), tried only to
// tell staff how to write what they probably meant.
std::optional<NumberParts> split_english(std::string_view body) {
    if (std::count(body.begin(), body.end(), '.') > 1) return std::nullopt;
    NumberParts parts;
    std::string_view integer = body;
    if (const std::size_t point = body.find('.'); point != std::string_view::npos) {
        integer = body.substr(0, point);
        const std::string_view fraction = body.substr(point + 1);
        if (fraction.empty() || !std::all_of(fraction.begin(), fraction.end(), is_digit))
            return std::nullopt;
        parts.fraction = std::string(fraction);
        parts.has_fraction = true;
    }
    if (integer.empty()) {
        if (!parts.has_fraction) return std::nullopt;
        parts.integer = "0";
        return parts;
    }
    // No '.' is left in `integer`, so this checks ',' or ' ' grouping.
    auto digits = join_groups(integer, ',');
    if (!digits) return std::nullopt;
    parts.integer = std::move(*digits);
    return parts;
}

std::string strip_leading_zeros(std::string digits) {
    const std::size_t first = digits.find_first_not_of('0');
    if (first == std::string::npos) return "0";
    return digits.substr(first);
}

// The Vietnamese spelling of an English reading, for the "did you mean" part of a message.
std::string vietnamese_spelling(bool negative, const NumberParts& parts, bool percent) {
    std::string out = negative ? "-" : "";
    out += detail::group_thousands(strip_leading_zeros(parts.integer));
    if (parts.has_fraction) out += "," + parts.fraction;
    if (percent) out += "%";
    return out;
}

// Rounds |v| half away from zero to `decimals` places after rounding to 15 significant
// digits; returns the digits of round(|v| * 10^decimals). `v` must be finite.
std::string scaled_digits(double v, int decimals) {
    char buffer[64] = {};
    // "d.dddddddddddddde±XX": exactly kSignificantDigits digits, independent of the C locale.
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, std::fabs(v),
                                         std::chars_format::scientific, kSignificantDigits - 1);
    if (ec != std::errc()) return "0";
    const std::string_view text(buffer, static_cast<std::size_t>(end - buffer));
    const std::size_t e = text.find('e');
    std::string mantissa;
    for (char c : text.substr(0, e))
        if (is_digit(c)) mantissa.push_back(c);
    const int exponent = std::atoi(std::string(text.substr(e + 1)).c_str());

    // |v| = mantissa × 10^(exponent − 14); the wanted integer is that × 10^decimals.
    const int shift = exponent - (kSignificantDigits - 1) + decimals;
    if (shift >= 0) return strip_leading_zeros(mantissa + std::string(std::size_t(shift), '0'));
    const int dropped = -shift;
    if (dropped > kSignificantDigits) return "0";
    std::string kept = mantissa.substr(0, std::size_t(kSignificantDigits - dropped));
    const char first_dropped = mantissa[std::size_t(kSignificantDigits - dropped)];
    if (kept.empty()) kept = "0";
    if (first_dropped >= '5') {
        // Add one to the decimal string, carrying leftwards.
        int i = static_cast<int>(kept.size()) - 1;
        for (; i >= 0 && kept[std::size_t(i)] == '9'; --i) kept[std::size_t(i)] = '0';
        if (i < 0) {
            kept.insert(kept.begin(), '1');
        } else {
            ++kept[std::size_t(i)];
        }
    }
    return strip_leading_zeros(kept);
}

// True when v, at 15 significant digits, has no fractional part.
bool is_integral(double v) {
    const std::string digits = scaled_digits(v, kMaxDecimals);
    if (digits.size() <= std::size_t(kMaxDecimals)) return digits == "0";
    return digits.find_first_not_of('0', digits.size() - kMaxDecimals) == std::string::npos;
}

}  // namespace

Result<double> parse_number(std::string_view text, NumberKind kind) {
    const std::string quoted = detail::quoted_input(text);
    auto fail = [&quoted](const std::string& reason) {
        // TRANSLATORS: the text as typed, then one of the lower-case reasons of this file.
        return Result<double>::fail(trf("“{}” không phải là số hợp lệ: {}.", quoted, reason));
    };
    if (!is_valid_utf8(text)) return fail(tr("văn bản không phải UTF-8 hợp lệ"));
    std::string s = detail::normalized_input(text);
    if (s.empty()) return fail(tr("giá trị để trống"));

    bool has_percent_sign = false;
    if (kind == NumberKind::Percent && s.back() == '%') {
        has_percent_sign = true;
        s.pop_back();
        while (!s.empty() && s.back() == ' ') s.pop_back();
    }
    bool negative = false;
    std::string_view body = s;
    if (!body.empty() && (body.front() == '-' || body.front() == '+')) {
        negative = body.front() == '-';
        body.remove_prefix(1);
        if (!body.empty() && body.front() == ' ')
            return fail(tr("dấu “-” hoặc “+” phải viết liền trước chữ số"));
    }

    bool has_digit = false;
    for (std::size_t i = 0; i < body.size();) {
        const char c = body[i];
        if (is_digit(c)) {
            has_digit = true;
        } else if (c == '-' || c == '+') {
            return fail(tr("dấu “-” hoặc “+” chỉ được viết một lần, ở đầu số"));
        } else if (c == '%') {
            return fail(kind == NumberKind::Percent ? tr("dấu “%” chỉ được viết ở cuối số")
                                                    : tr("dấu “%” chỉ dùng cho tỉ lệ phần trăm"));
        } else if (c != '.' && c != ',' && c != ' ') {
            // Quote the whole code point, not a byte of it.
            std::size_t length = 1;
            while (i + length < body.size() && (body[i + length] & 0xC0) == 0x80) ++length;
            return fail(trf("có ký tự không được phép “{}”", body.substr(i, length)));
        }
        ++i;
    }
    if (!has_digit) return fail(tr("không có chữ số nào"));

    auto parts = split_vietnamese(body, kind);
    if (!parts) {
        if (kind != NumberKind::Count) {
            if (const auto english = split_english(body)) {
                const std::string spelling = vietnamese_spelling(negative, *english, has_percent_sign);
                return Result<double>::fail(
                    // TRANSLATORS: the text as typed, then the same number in Vietnamese notation.
                    trf("“{}” không rõ nghĩa: theo cách viết tiếng Việt, dấu chấm ngăn cách hàng "
                        "nghìn còn dấu phẩy ngăn cách phần thập phân; hãy viết “{}”.",
                        quoted, spelling));
            }
        }
        return fail(parts.error());
    }

    // Bound the digit count before converting, so absurdly long input costs nothing.
    const std::string integer = strip_leading_zeros(parts->integer);
    const char* too_large = RB_N_("số quá lớn; giới hạn là một triệu tỉ (10^15)");
    if (integer.size() > 16) return fail(tr(too_large));
    const std::string plain = integer + (parts->has_fraction ? "." + parts->fraction : "");
    double value = 0.0;
    const auto [end, ec] = std::from_chars(plain.data(), plain.data() + plain.size(), value);
    if (ec != std::errc() || end != plain.data() + plain.size() || !std::isfinite(value))
        return fail(tr("không có chữ số nào"));
    if (value > kMaxNumberMagnitude) return fail(tr(too_large));
    if (negative && value != 0.0) value = -value;
    return Result<double>::ok(value);
}

std::string format_count(long long v) {
    // Through unsigned so that LLONG_MIN has a magnitude.
    const unsigned long long magnitude =
        v < 0 ? 0ULL - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v);
    return (v < 0 ? "-" : "") + detail::group_thousands(std::to_string(magnitude));
}

std::string format_decimal(double v, int decimals) {
    if (!std::isfinite(v)) return {};
    decimals = std::clamp(decimals, 0, kMaxDecimals);
    std::string digits = scaled_digits(v, decimals);
    if (digits.size() <= std::size_t(decimals))
        digits.insert(0, std::size_t(decimals) + 1 - digits.size(), '0');
    const std::size_t integer_length = digits.size() - std::size_t(decimals);
    const bool is_zero = digits.find_first_not_of('0') == std::string::npos;
    std::string out = (v < 0 && !is_zero) ? "-" : "";
    out += detail::group_thousands(std::string_view(digits).substr(0, integer_length));
    if (decimals > 0) out += "," + digits.substr(integer_length);
    return out;
}

std::string format_percent(double v, int decimals) {
    if (!std::isfinite(v)) return {};
    return format_decimal(v, is_integral(v) ? 0 : decimals) + "%";
}

}  // namespace rb::locale
