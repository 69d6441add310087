#include "session/new_report.hpp"

#include <cctype>
#include <filesystem>

#include "base/paths.hpp"
#include "i18n/i18n.hpp"
#include "locale/vi.hpp"
#include "report/entry.hpp"
#include "base/file_io.hpp"

namespace fs = std::filesystem;

namespace rb::session {

const char* period_kind_name(report::PeriodKind k) {
    switch (k) {
        case report::PeriodKind::Quarter: return "quarter";
        case report::PeriodKind::HalfYear: return "half-year";
        case report::PeriodKind::NineMonths: return "nine-months";
        case report::PeriodKind::Year: return "year";
    }
    return "";
}

namespace {

Result<schema::ReportTypePtr> find_type(const plugin::Registry& registry, const std::string& id,
                                        const std::string& edition, const report::Period& period) {
    using R = Result<schema::ReportTypePtr>;
    auto type = registry.find(id, edition);
    if (!type) {
        if (registry.find(id)) return R::fail(trf("Loại báo cáo “{}” không có ấn bản “{}”", id, edition));
        return R::fail(trf("Chưa cài đặt loại báo cáo “{}”", id));
    }
    if (!type->allows_period(period_kind_name(period.kind))) {
        std::string allowed;
        for (const auto& p : type->periods) allowed += (allowed.empty() ? "" : ", ") + p;
        return R::fail(trf("Loại báo cáo “{}” không có kỳ {}; các kỳ được phép: {}", id, period.code(), allowed));
    }
    return R::ok(type);
}

}  // namespace

Result<report::Report> make_new_report(const plugin::Registry& registry, const NewReportRequest& request) {
    using R = Result<report::Report>;
    auto type = find_type(registry, request.type_id, request.edition, request.period);
    if (!type) return R::fail(type.error());
    report::UnitInfo unit = request.unit;
    unit.name = locale::to_nfc(unit.name);
    if (unit.name.empty() && request.profile) unit = request.profile->unit;
    if (unit.name.empty()) return R::fail(tr("Chưa có tên đơn vị (xã, phường) của báo cáo"));
    if (unit.parent_kind.empty() && !unit.parent.empty()) unit.parent_kind = "huyện";
    report::Report r = report::new_report(**type, request.period, unit);
    if (request.profile) report::apply_unit_profile(r, *request.profile);
    return R::ok(std::move(r));
}

Result<report::Report> make_from_previous(const plugin::Registry& registry, const report::Report& previous,
                                          const report::Period& period, const std::string& edition) {
    using R = Result<report::Report>;
    if (period == previous.period)
        return R::fail(trf("Báo cáo mới phải thuộc kỳ khác kỳ của báo cáo trước ({})", previous.period.code()));
    auto type = find_type(registry, previous.type_id, edition.empty() ? previous.edition : edition, period);
    if (!type) return R::fail(type.error());
    report::Report r = report::new_report(**type, period, previous.unit);
    const auto& from = previous.header;
    auto& h = r.header;
    h.parent_body = from.parent_body;
    h.issuing_body = from.issuing_body;
    h.symbol = from.symbol;
    h.place = from.place;
    h.signing_authority = from.signing_authority;
    h.signer_title = from.signer_title;
    h.signer_name = from.signer_name;
    if (!from.recipients.empty()) h.recipients = from.recipients;
    for (const auto& [section, text] : previous.narrative)
        if ((*type)->section(section)) r.narrative[section] = text;
    return R::ok(std::move(r));
}

std::string suggested_file_name(const report::Report& r) {
    std::string unit;
    for (char c : locale::fold_case(locale::strip_diacritics(r.unit.name))) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u)) unit.push_back(c);
        else if (!unit.empty() && unit.back() != '-') unit.push_back('-');
    }
    while (!unit.empty() && unit.back() == '-') unit.pop_back();
    std::string name = r.type_id;
    if (!unit.empty()) name += "-" + unit;
    return name + "-" + r.period.code() + ".rbr";
}

std::string user_unit_profile_path() { return paths::join(paths::user_data_dir(), "unit-profile.xml"); }

Result<std::optional<report::UnitProfile>> load_user_unit_profile(const std::string& path) {
    using R = Result<std::optional<report::UnitProfile>>;
    if (!paths::exists(path)) return R::ok(std::nullopt);
    auto p = report::load_unit_profile(path);
    if (!p) return R::fail(p.error());
    return R::ok(std::move(*p));
}

rb::Status save_user_unit_profile(const report::UnitProfile& p, const std::string& path) {
    if (locale::to_nfc(p.unit.name).empty()) return rb::Status::fail(tr("Chưa có tên đơn vị (xã, phường) của báo cáo"));
    report::UnitProfile clean = p;
    clean.unit.name = locale::to_nfc(p.unit.name);
    const std::string xml = report::unit_profile_to_xml(clean);
    return files::write_atomic(path, xml, {.create_folder = true});
}

}  // namespace rb::session
