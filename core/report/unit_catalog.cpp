#include "report/unit_catalog.hpp"

#include <algorithm>

#include "i18n/i18n.hpp"

namespace rb::report {
using i18n::tr;
using i18n::trf;

locale::Date to_locale_date(const SimpleDate& d) { return {d.year, d.month, d.day}; }

UnitInfo unit_info(const units::Catalog& catalog, const units::Unit& unit, const Period& period, const UnitInfo& keep) {
    const locale::Date day = to_locale_date(period.last_day());
    UnitInfo info;
    info.code = unit.code;
    info.name = unit.name;
    info.kind = unit.kind;
    if (const units::Unit* d = catalog.district_of(unit, day)) {
        info.parent = d->name;
        info.parent_kind = d->kind;
    }
    if (const units::Unit* p = catalog.province_of(unit, day)) info.province = p->name;
    info.former_names = keep.former_names;
    return info;
}

namespace {

std::string day_text(const locale::Date& d) { return locale::format_date_short(d); }

// Where a code went: "Xã Phương Định (14029) đã nhập vào Xã Ninh Giang (14038) từ 01/7/2025".
std::string fate(const units::Catalog& catalog, const units::Unit& former) {
    const auto next = catalog.successors(former);
    if (next.empty() || !former.to) return {};
    std::string names;
    for (const auto* s : next) names += (names.empty() ? "" : ", ") + fmt::format("{} ({})", s->full_name(), s->code);
    return trf("{} ({}) đã được sắp xếp vào {} từ {}", former.full_name(), former.code, names,
               day_text(locale::add_days(*former.to, 1)));
}

}  // namespace

Result<UnitPick> pick_unit(const units::Catalog& catalog, std::string_view typed, std::string_view province,
                           const Period& period) {
    using R = Result<UnitPick>;
    const locale::Date day = to_locale_date(period.last_day());
    std::string text = locale::to_nfc(typed);
    while (!text.empty() && text.back() == ' ') text.pop_back();
    while (!text.empty() && text.front() == ' ') text.erase(0, 1);
    UnitPick pick;
    const bool digits = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits) {
        UnitInfo coded;
        coded.code = text;
        const UnitCheck check = check_unit(catalog, coded, period);
        if (!check.unit) return R::fail(check.message);
        pick.unit = check.unit;
        pick.info = unit_info(catalog, *check.unit, period);
        return R::ok(std::move(pick));
    }
    UnitInfo named;
    named.name = text;
    named.province = locale::to_nfc(province);
    const UnitCheck check = check_unit(catalog, named, period);
    if (check.status == UnitStatus::Uncoded && !check.unit) {
        std::string list;
        for (const auto* u : catalog.find_by_name(text, units::Level::Commune, day)) {
            const auto* p = catalog.province_of(*u, day);
            list += fmt::format("\n  {}  {}, {}", u->code, u->full_name(), p ? p->full_name() : "");
        }
        return R::fail(trf("Có nhiều đơn vị tên \"{}\" ngày {}; chọn theo mã:{}", text, day_text(day), list));
    }
    if (check.unit) {
        pick.unit = check.unit;
        pick.info = unit_info(catalog, *check.unit, period);
        return R::ok(std::move(pick));
    }
    // Not in the list: the unit as typed (kind word taken off, "xã" assumed).
    pick.info.name = std::string(units::without_kind(text));
    pick.info.province = named.province;
    return R::ok(std::move(pick));
}

std::string unit_identity(const units::Unit& u) {
    return "code:" + u.code + (u.from ? "@" + locale::format_date_iso(*u.from) : std::string());
}

std::string unit_identity(const UnitInfo& unit, const Period& period, const units::Catalog* catalog) {
    const units::Catalog& c = catalog ? *catalog : units::installed();
    const UnitCheck check = check_unit(c, unit, period);
    if (check.unit && check.status != UnitStatus::UnknownCode) return unit_identity(*check.unit);
    if (!unit.code.empty()) return "code:" + unit.code;
    // Unknown to the catalog: by name, as typed.
    return "name:" + units::folded_name(unit.name);
}

UnitCheck check_unit(const units::Catalog& catalog, const UnitInfo& unit, const Period& period) {
    UnitCheck out;
    const locale::Date day = to_locale_date(period.last_day());
    if (unit.code.empty()) {
        const auto named = catalog.find_by_name(unit.name, units::Level::Commune, day);
        if (named.empty()) {
            out.status = UnitStatus::Typed;
            out.message = trf("Đơn vị \"{}\" không có trong danh mục đơn vị hành chính ngày {}: tên được nhập tay, "
                              "nơi nhận không đối chiếu được theo mã",
                              unit.name, day_text(day));
            return out;
        }
        out.status = UnitStatus::Uncoded;
        // Narrowed by the spelling typed (diacritics) and by the province the report names.
        std::vector<const units::Unit*> narrowed;
        for (const auto* u : named)
            if (locale::fold_case(u->name) == locale::fold_case(units::without_kind(unit.name))) narrowed.push_back(u);
        if (narrowed.empty()) narrowed = named;
        if (!unit.province.empty() && narrowed.size() > 1) {
            std::vector<const units::Unit*> in_province;
            for (const auto* u : narrowed)
                if (const auto* p = catalog.province_of(*u, day); p && units::plain_key(p->name) == units::plain_key(units::without_kind(unit.province)))
                    in_province.push_back(u);
            if (!in_province.empty()) narrowed = in_province;
        }
        if (narrowed.size() == 1) out.unit = narrowed.front();
        std::string list;
        for (const auto* u : named) {
            const auto* p = catalog.province_of(*u, day);
            list += (list.empty() ? "" : "; ") + fmt::format("{} {}, {}", u->code, u->full_name(), p ? p->full_name() : "");
        }
        out.message = trf("Báo cáo chưa ghi mã đơn vị; theo danh mục, \"{}\" là: {}", unit.name, list);
        return out;
    }
    const units::Unit* u = catalog.find(unit.code, units::Level::Commune, day);
    if (!u) {
        out.status = UnitStatus::UnknownCode;
        // The code at another time: before or after the period.
        for (const auto& other : catalog.units()) {
            if (other.level != units::Level::Commune || other.code != unit.code) continue;
            if (other.to && *other.to < day) {
                const std::string where = fate(catalog, other);
                out.message = trf("Mã đơn vị {} không còn trong danh mục ngày {}{}", unit.code, day_text(day),
                                  where.empty() ? std::string() : ": " + where);
                return out;
            }
        }
        out.message = trf("Mã đơn vị {} không có trong danh mục đơn vị hành chính ngày {}", unit.code, day_text(day));
        return out;
    }
    out.unit = u;
    const std::string_view bare = units::without_kind(unit.name);
    if (units::plain_key(bare) != units::plain_key(u->name)) {
        out.status = UnitStatus::NameDiffers;
        out.message = trf("Mã đơn vị {} là {} theo danh mục, nhưng báo cáo ghi tên \"{}\"", unit.code, u->full_name(), unit.name);
        return out;
    }
    if (locale::fold_case(bare) != locale::fold_case(u->name)) {
        out.status = UnitStatus::NameDiffers;
        out.message = trf("Tên đơn vị \"{}\" được viết là \"{}\" trong danh mục (mã {})", unit.name, u->name, unit.code);
        return out;
    }
    out.status = UnitStatus::Matches;
    return out;
}

}  // namespace rb::report
