#include "report/entry.hpp"

#include <cmath>
#include <cstdlib>

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "i18n/i18n.hpp"
#include "locale/vi.hpp"

namespace rb::report {
namespace {

std::string canonical_number(double v) {
    if (v == std::floor(v) && std::fabs(v) < 1e15) return fmt::format("{}", static_cast<long long>(v));
    return fmt::format("{}", v);  // shortest text that reads back to the same double
}

bool equals_folded(std::string_view a, std::string_view b) {
    return locale::fold_case(locale::strip_diacritics(a)) == locale::fold_case(locale::strip_diacritics(b));
}

rb::Status check_bounds(const schema::Indicator& ind, double v) {
    if (ind.min && v < *ind.min)
        return rb::Status::fail(trf("{}: giá trị {} nhỏ hơn mức tối thiểu {}", ind.code,
                                locale::format_decimal(v, ind.decimals), locale::format_decimal(*ind.min, 0)));
    if (ind.max && v > *ind.max)
        return rb::Status::fail(trf("{}: giá trị {} lớn hơn mức tối đa {}", ind.code,
                                locale::format_decimal(v, ind.decimals), locale::format_decimal(*ind.max, 0)));
    return ok_status();
}

std::string upper(std::string_view s) {
    std::string out;
    icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())))
        .toUpper(icu::Locale("vi"))
        .toUTF8String(out);
    return out;
}

// What "the next period" is for a report's closing tasks section: a quarter's next quarter,
// the second half after the first, the fourth quarter after nine months, the next year.
std::string next_period_label(const Period& p, i18n::Language lang) {
    static const char* roman[] = {"I", "II", "III", "IV"};
    const bool en = lang == i18n::Language::English;
    switch (p.kind) {
        case PeriodKind::Quarter:
            if (p.index >= 4) return en ? fmt::format("Q1 {}", p.year + 1) : fmt::format("Quý I năm {}", p.year + 1);
            return en ? fmt::format("Q{} {}", p.index + 1, p.year) : fmt::format("Quý {} năm {}", roman[p.index], p.year);
        case PeriodKind::HalfYear:
            return en ? fmt::format("second half of {}", p.year) : fmt::format("6 tháng cuối năm {}", p.year);
        case PeriodKind::NineMonths:
            return en ? fmt::format("Q4 {}", p.year) : fmt::format("Quý IV năm {}", p.year);
        case PeriodKind::Year:
            return en ? fmt::format("year {}", p.year + 1) : fmt::format("năm {}", p.year + 1);
    }
    return {};
}

}  // namespace

Result<std::string> canonical_value(const schema::Indicator& ind, std::string_view typed_raw) {
    using R = Result<std::string>;
    if (ind.heading) return R::fail(trf("{} là dòng tiêu đề, không nhập số liệu", ind.code));
    if (ind.is_computed())
        return R::fail(trf("{} được tính tự động theo công thức {}; không nhập tay", ind.code,
                           ind.computed_source));
    if (!locale::is_valid_utf8(typed_raw))
        return R::fail(trf("{}: văn bản không phải UTF-8 hợp lệ", ind.code));
    const std::string typed = locale::to_nfc(typed_raw);
    std::string_view t = typed;
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
    if (t.empty()) return R::ok("");

    switch (ind.type) {
        case schema::ValueType::Integer:
        case schema::ValueType::Decimal:
        case schema::ValueType::Percent: {
            const auto kind = ind.type == schema::ValueType::Integer ? locale::NumberKind::Count
                              : ind.type == schema::ValueType::Decimal ? locale::NumberKind::Decimal
                                                                        : locale::NumberKind::Percent;
            auto n = locale::parse_number(t, kind);
            if (!n) return R::fail(trf("{}: {}", ind.code, n.error()));
            if (auto b = check_bounds(ind, *n); !b) return R::fail(b.error());
            return R::ok(canonical_number(*n));
        }
        case schema::ValueType::YesNo: {
            static const char* yes[] = {"1", "có", "yes", "true", "x"};
            static const char* no[] = {"0", "không", "no", "false"};
            for (const char* y : yes)
                if (equals_folded(t, y)) return R::ok("1");
            for (const char* n : no)
                if (equals_folded(t, n)) return R::ok("0");
            return R::fail(trf("{}: “{}” không hợp lệ; nhập 1 (có) hoặc 0 (không)", ind.code, t));
        }
        case schema::ValueType::Choice: {
            for (const auto& c : ind.choices) {
                if (t == std::to_string(c.value) || equals_folded(t, c.label.vi) ||
                    (!c.label.en.empty() && equals_folded(t, c.label.en)))
                    return R::ok(std::to_string(c.value));
            }
            std::string options;
            for (const auto& c : ind.choices) {
                if (!options.empty()) options += ", ";
                options += fmt::format("{} = {}", c.value, c.label.get());
            }
            return R::fail(trf("{}: “{}” không phải một lựa chọn; chọn một trong: {}", ind.code, t, options));
        }
        case schema::ValueType::Date: {
            auto d = locale::parse_date(t);
            if (!d) return R::fail(trf("{}: {}", ind.code, d.error()));
            return R::ok(locale::format_date_iso(*d));
        }
        case schema::ValueType::Text: {
            for (unsigned char c : t)
                if (c < 0x20 && c != '\n' && c != '\t')
                    return R::fail(trf("{}: văn bản chứa ký tự điều khiển", ind.code));
            return R::ok(std::string(t));
        }
    }
    return R::fail(trf("{}: kiểu dữ liệu không được hỗ trợ", ind.code));
}

std::optional<double> numeric_value(const schema::Indicator& ind, const std::string& canonical) {
    if (canonical.empty() || !ind.is_numeric()) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(canonical.c_str(), &end);
    if (end == canonical.c_str() || *end != '\0' || !std::isfinite(v)) return std::nullopt;
    return v;
}

rb::Status check_stored_value(const schema::Indicator& ind, const std::string& canonical) {
    if (canonical.empty()) return ok_status();
    if (ind.heading || ind.is_computed())
        return rb::Status::fail(trf("{}: giá trị “{}” được lưu cho một dòng không nhập số liệu", ind.code, canonical));
    switch (ind.type) {
        case schema::ValueType::Text: return ok_status();
        case schema::ValueType::Date: {
            auto d = locale::parse_date(canonical);
            if (!d || locale::format_date_iso(*d) != canonical)
                return rb::Status::fail(trf("{}: “{}” trong tệp không phải ngày hợp lệ (YYYY-MM-DD)", ind.code, canonical));
            return ok_status();
        }
        default: break;
    }
    const auto n = numeric_value(ind, canonical);
    if (!n) return rb::Status::fail(trf("{}: “{}” trong tệp không phải số hợp lệ", ind.code, canonical));
    // The bound typed values have: past it a double no longer holds every integer, and
    // converting to 64-bit integers would overflow.
    if (std::fabs(*n) > locale::kMaxNumberMagnitude)
        return rb::Status::fail(
            trf("{}: “{}” trong tệp quá lớn; giới hạn là một triệu tỉ (10^15)", ind.code, canonical));
    if (ind.type == schema::ValueType::Integer && *n != std::floor(*n))
        return rb::Status::fail(trf("{}: “{}” trong tệp không phải số nguyên", ind.code, canonical));
    if (ind.type == schema::ValueType::Choice) {
        bool known = false;
        for (const auto& c : ind.choices) known = known || c.value == *n;
        if (!known) return rb::Status::fail(trf("{}: “{}” trong tệp không phải một lựa chọn", ind.code, canonical));
    }
    return check_bounds(ind, *n);
}

Result<Assignment> parse_assignment(std::string_view text) {
    const auto eq = text.find('=');
    if (eq == std::string_view::npos || eq == 0)
        return Result<Assignment>::fail(trf("“{}” không đúng dạng MÃ=GIÁ_TRỊ", text));
    Assignment a;
    a.code = std::string(text.substr(0, eq));
    while (!a.code.empty() && a.code.back() == ' ') a.code.pop_back();
    a.typed = std::string(text.substr(eq + 1));
    return Result<Assignment>::ok(std::move(a));
}

rb::Status apply_values(Report& r, const schema::ReportType& type, const std::vector<Assignment>& values) {
    if (auto e = ensure_editable(r); !e) return e;
    std::vector<std::pair<std::string, std::string>> staged;
    std::string errors;
    for (const auto& a : values) {
        const schema::Indicator* ind = type.indicator(a.code);
        if (!ind) {
            errors += (errors.empty() ? "" : "\n") + trf("Không có chỉ tiêu “{}” trong loại báo cáo {} (ấn bản {})",
                                                         a.code, type.id, type.edition);
            continue;
        }
        auto v = canonical_value(*ind, a.typed);
        if (!v) {
            errors += (errors.empty() ? "" : "\n") + v.error();
            continue;
        }
        staged.emplace_back(a.code, std::move(*v));
    }
    if (!errors.empty()) return rb::Status::fail(errors + "\n" + tr("Không có giá trị nào được ghi."));
    for (auto& [code, value] : staged) {
        if (value.empty()) {
            auto it = r.values.find(code);
            if (it != r.values.end()) {
                if (it->second.note.empty()) r.values.erase(it);
                else it->second.value.clear();
            }
        } else {
            r.values[code].value = std::move(value);
        }
    }
    return ok_status();
}

std::string fill_placeholders(std::string_view text, const Report& r, i18n::Language lang) {
    std::string out;
    out.reserve(text.size());
    const std::string next = next_period_label(r.period, lang);
    // The decree's short form: months 1 and 2 and days under 10 take a leading zero (07/3/2024).
    auto date_text = [](const SimpleDate& d) { return locale::format_date_short(locale::Date{d.year, d.month, d.day}); };
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] == '{') {
            const auto close = text.find('}', i);
            if (close != std::string_view::npos) {
                const std::string_view key = text.substr(i + 1, close - i - 1);
                std::optional<std::string> value;
                if (key == "unit") value = r.unit.name;
                else if (key == "UNIT") value = upper(r.unit.name);
                else if (key == "parent") value = r.unit.parent;
                else if (key == "PARENT") value = upper(r.unit.parent);
                else if (key == "province") value = r.unit.province;
                else if (key == "PROVINCE") value = upper(r.unit.province);
                else if (key == "period") value = r.period.label(lang);
                else if (key == "PERIOD") value = upper(r.period.label_vi());
                else if (key == "next_period") value = next;
                else if (key == "NEXT_PERIOD") value = upper(next);
                else if (key == "window_from") value = date_text(r.window_from);
                else if (key == "window_to") value = date_text(r.window_to);
                if (value) {
                    out += *value;
                    i = close + 1;
                    continue;
                }
            }
        }
        out += text[i++];
    }
    return out;
}

Report new_report(const schema::ReportType& type, const Period& period, const UnitInfo& unit) {
    Report r;
    r.type_id = type.id;
    r.type_version = type.version;
    r.edition = type.edition;
    r.period = period;
    r.unit = unit;
    const auto window = period.default_window(CutoffRule{type.cutoff.start_day, type.cutoff.end_day});
    r.window_from = window.first;
    r.window_to = window.second;
    const auto& d = type.document;
    r.header.symbol = d.symbol;
    r.header.parent_body = fill_placeholders(d.parent_body, r, kDocument);
    r.header.issuing_body = fill_placeholders(d.issuing_body, r, kDocument);
    r.header.place = unit.name;
    r.header.signing_authority = d.signing_authority;
    r.header.signer_title = d.signer_title;
    r.header.summary = fill_placeholders(d.summary.vi, r, kDocument);
    for (const auto& rec : d.recipients) r.header.recipients.push_back(fill_placeholders(rec, r, kDocument));
    r.created = r.modified = timestamp_now();
    return r;
}

}  // namespace rb::report
