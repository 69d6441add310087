// reportbench-cli's commands: every operation of the workbench from the command line. The commands and

#include "base/paths.hpp"
// their JSON shapes are a stable contract (see docs/cli.md); nothing here computes or checks
// anything itself: it calls the core.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "base/logging.hpp"
#include "base/version.hpp"
#include "cli.hpp"
#include "cli_main.hpp"
#include "export/all/export.hpp"
#include "export/docx/docx_import.hpp"
#include "export/submission/submission.hpp"
#include "export/xlsx/xlsx_import.hpp"
#include "i18n/i18n.hpp"
#include "locale/vi.hpp"
#include "plugin/extensions.hpp"
#include "plugin/registry.hpp"
#include "report/entry.hpp"
#include "report/report.hpp"
#include "report/unit_catalog.hpp"
#include "report/unit_profile.hpp"
#include "session/edit_session.hpp"
#include "session/new_report.hpp"
#include "validate/evaluation.hpp"
#include "validate/findings.hpp"
#include "migrate/cross_check.hpp"

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace rb::cli {
namespace {

int cmd_types(App& app, const Args& a) {
    const auto& reg = app.registry();
    if (a.flag("--json")) {
        json out = json::object();
        json types = json::array();
        std::vector<std::string> ids;
        for (const auto& e : reg.types())
            if (std::find(ids.begin(), ids.end(), e.type->id) == ids.end()) ids.push_back(e.type->id);
        for (const auto& id : ids) {
            json editions = json::array();
            std::string title;
            for (const auto& e : reg.types()) {
                if (e.type->id != id) continue;
                if (title.empty()) title = e.type->title.get();
                editions.push_back({{"edition", e.type->edition},
                                    {"version", e.type->version},
                                    {"title", e.type->edition_title.get()},
                                    {"periods", e.type->periods},
                                    {"plugin", e.plugin_id}});
            }
            types.push_back({{"id", id}, {"title", title}, {"editions", editions}});
        }
        out["types"] = types;
        std::cout << out.dump(2) << '\n';
        return kOk;
    }
    if (reg.types().empty()) {
        std::cout << tr("Chưa có loại báo cáo nào được cài đặt.") << '\n';
        return kOk;
    }
    for (const auto& e : reg.types()) {
        std::cout << fmt::format("{:<10} {:<16} {:<5} {}\n", e.type->id, e.type->edition, e.type->version,
                                 e.type->title.get());
        std::cout << fmt::format("{:<33} {}\n", "", e.type->edition_title.get());
        std::cout << fmt::format("{:<33} {}: {}; plugin: {}\n", "", tr("Kỳ báo cáo"), periods_text(*e.type),
                                 e.plugin_id);
    }
    return kOk;
}

int cmd_describe(App& app, const Args& a) {
    require_args(a, 1, "describe TYPE [--edition E] [--json]");
    auto t = app.type_for(a.positional[0], a.option("--edition").value_or(""));
    if (a.flag("--json")) {
        json out;
        out["id"] = t->id;
        out["edition"] = t->edition;
        out["version"] = t->version;
        out["title"] = t->title.get();
        out["periods"] = t->periods;
        json sections = json::array();
        for (const auto& s : t->sections)
            sections.push_back({{"id", s.id}, {"number", s.number}, {"title", s.title.get()}, {"level", s.level}});
        out["sections"] = sections;
        json indicators = json::array();
        for (const auto& i : t->indicators) {
            json row = {{"code", i.code},
                        {"label", i.label.get()},
                        {"unit", i.unit},
                        {"type", i.heading ? "heading" : schema::to_string(i.type)},
                        {"computed", i.is_computed()}};
            if (i.is_computed()) row["formula"] = i.computed_source;
            if (i.supplementary) row["supplementary"] = true;
            indicators.push_back(row);
        }
        out["indicators"] = indicators;
        std::cout << out.dump(2) << '\n';
        return kOk;
    }
    std::cout << t->title.get() << " — " << t->edition_title.get() << " (" << t->id << "@" << t->edition << " "
              << t->version << ")\n";
    std::cout << tr("Kỳ báo cáo") << ": " << periods_text(*t) << "\n\n" << tr("Các mục của báo cáo:") << '\n';
    for (const auto& s : t->sections)
        std::cout << std::string(2 + 2 * s.level, ' ') << fmt::format("[{}] {}{}\n", s.id,
                                                                     s.number.empty() ? "" : s.number + ". ",
                                                                     s.title.get());
    std::cout << '\n' << tr("Các chỉ tiêu của phụ lục:") << '\n';
    for (const auto& i : t->indicators) {
        std::string kind = i.heading ? "" : i.is_computed() ? "= " + i.computed_source : schema::to_string(i.type);
        std::cout << fmt::format("  {:<10} {:<7} {} [{}] {}\n", i.code, i.stt, i.label.get(), i.unit, kind);
    }
    return kOk;
}

int cmd_plugins(App& app, const Args& a) {
    const auto& reg = app.registry();
    if (a.flag("--json")) {
        json out;
        json loaded = json::array();
        for (const auto& p : reg.plugins())
            loaded.push_back({{"id", p.id}, {"version", p.version}, {"name", p.name.get()}, {"folder", p.folder},
                              {"types", p.type_keys}, {"profiles", p.profile_ids}, {"library", p.library}});
        json failed = json::array();
        for (const auto& f : reg.failures()) failed.push_back({{"folder", f.folder}, {"reason", f.reason}});
        out["plugins"] = loaded;
        out["failed"] = failed;
        out["conflicts"] = reg.conflicts();
        out["warnings"] = reg.warnings();
        std::cout << out.dump(2) << '\n';
        // A script that trusts exit codes learns that a plugin was refused.
        return reg.failures().empty() ? kOk : kDataError;
    }
    std::cout << tr("Plugin đã nạp:") << '\n';
    for (const auto& p : reg.plugins()) {
        std::cout << fmt::format("  {} {} — {}\n    {}\n", p.id, p.version, p.name.get(), p.folder);
        if (!p.library.empty()) std::cout << "    " << p.library << '\n';
        for (const auto& k : p.type_keys) std::cout << "    " << k << '\n';
        for (const auto& k : p.profile_ids) std::cout << "    " << trf("hồ sơ nơi nhận: {}", k) << '\n';
    }
    if (!reg.failures().empty()) {
        std::cout << tr("Plugin không nạp được:") << '\n';
        for (const auto& f : reg.failures()) std::cout << fmt::format("  {}\n    {}\n", f.folder, f.reason);
    }
    for (const auto& c : reg.conflicts()) std::cout << tr("Xung đột:") << ' ' << c << '\n';
    if (const auto warnings = reg.warnings(); !warnings.empty()) {
        std::cout << tr("Cảnh báo cho người soạn định nghĩa:") << '\n';
        for (const auto& w : warnings) std::cout << "  " << w << '\n';
    }
    return reg.failures().empty() ? kOk : kDataError;
}

int cmd_new(App& app, const Args& a) {
    const char* usage =
        "new TYPE --period P -o REPORT --unit CODE|NAME [--edition E] [--province NAME] [--parent NAME] [--unit-profile FILE]";
    require_args(a, 1, usage);
    const auto period_text = a.option("--period");
    const auto out = a.option("-o");
    if (!period_text || !out) fail(kCannotRun, trf("Thiếu tham số. Cách dùng: {}", usage));
    app.type_for(a.positional[0], a.option("--edition").value_or(""));  // exit 2 when not installed
    auto period = report::Period::parse(*period_text);
    if (!period) fail(kDataError, period.error());
    if (paths::exists(*out) && !a.flag("--force"))
        fail(kCannotRun, trf("Tệp {} đã có; dùng --force để ghi đè (bản cũ được giữ ở {}.bak)", *out, *out));

    session::NewReportRequest request;
    request.type_id = a.positional[0];
    request.edition = a.option("--edition").value_or("");
    request.period = *period;
    if (auto pf = a.option("--unit-profile")) {
        auto p = report::load_unit_profile(*pf);
        if (!p) fail(kCannotRun, p.error());
        request.profile = *p;
        request.unit = p->unit;
    }
    auto& unit = request.unit;
    // The unit from the state's list: by code or by name (--province narrows a name that
    // several communes share). A name the list lacks is kept as typed, and said so.
    const units::Catalog& catalog = units::installed();
    if (catalog.empty() && !units::installed_error().empty()) std::cerr << units::installed_error() << '\n';
    bool typed = false;
    if (auto u = a.option("--unit")) {
        auto pick = report::pick_unit(catalog, *u, a.option("--province").value_or(""), *period);
        if (!pick) fail(kDataError, pick.error());
        const auto former = unit.former_names;
        unit = pick->info;
        unit.former_names = former;
        typed = pick->unit == nullptr;
    } else if (!unit.code.empty()) {
        // A profile's code names its unit as it is now; for a period when the code meant
        // another unit, the profile's names are kept and the report's check says so.
        if (const auto check = report::check_unit(catalog, unit, *period); check.unit &&
            check.status != report::UnitStatus::UnknownCode)
            unit = report::unit_info(catalog, *check.unit, *period, unit);
    } else {
        typed = true;
    }
    if (typed) {
        if (auto p = a.option("--parent")) unit.parent = locale::to_nfc(*p);
        if (auto p = a.option("--parent-kind")) unit.parent_kind = locale::to_nfc(*p);
        if (auto p = a.option("--province")) unit.province = locale::to_nfc(*p);
    } else if (a.option("--parent") || a.option("--parent-kind")) {
        std::cerr << trf("Đơn vị {} ({}) lấy huyện và tỉnh theo danh mục; --parent được bỏ qua", unit.name, unit.code)
                  << '\n';
    }
    auto made = session::make_new_report(app.registry(), request);
    if (!made) fail(kDataError, made.error());
    auto s = app.session_over(std::move(*made), *out);
    std::vector<std::pair<session::HeaderField, std::string>> window;
    if (auto f = a.option("--from")) window.emplace_back(session::HeaderField::WindowFrom, *f);
    if (auto f = a.option("--to")) window.emplace_back(session::HeaderField::WindowTo, *f);
    if (!window.empty())
        if (auto ok = s->set_header(window); !ok) fail(kDataError, ok.error());
    app.save(*s);
    const auto& r = s->report();
    if (typed && !r.unit.name.empty() && !catalog.empty())
        std::cerr << trf("Lưu ý: \"{}\" không có trong danh mục đơn vị hành chính; tên được ghi như đã nhập, không có mã",
                         r.unit.name)
                  << '\n';
    std::cout << trf("Đã tạo {}: {} {}, {} (số liệu từ {} đến {})", *out, s->type().title.get(),
                     period->label(i18n::language()),
                     r.unit.name, s->header_text(session::HeaderField::WindowFrom),
                     s->header_text(session::HeaderField::WindowTo))
              << '\n';
    return kOk;
}

int cmd_set(App& app, const Args& a) {
    require_args(a, 2, "set REPORT CODE=VALUE...");
    const std::string path = a.positional[0];
    auto s = app.open_session(path);
    std::vector<report::Assignment> assignments;
    for (std::size_t i = 1; i < a.positional.size(); ++i) {
        auto as = report::parse_assignment(a.positional[i]);
        if (!as) fail(kDataError, as.error() + "\n" + tr("Không có giá trị nào được ghi."));
        assignments.push_back(std::move(*as));
    }
    auto changed = s->set_values(assignments);
    if (!changed) fail(kDataError, changed.error());
    app.save(*s);
    // Show what each edit changed, computed rows included (the incremental recompute).
    for (auto slot : changed->slots) {
        const auto& ind = s->type().indicators[slot];
        const auto d = s->evaluation().display(slot);
        std::cout << fmt::format("{}{} = {}\n", ind.is_computed() ? "  → " : "", ind.code, d.empty() ? tr("(trống)") : d);
    }
    return kOk;
}


int cmd_get(App& app, const Args& a) {
    require_args(a, 1, "get REPORT [CODE...] [--json] [--compare previous|year-ago] [--workspace DIR]");
    const std::string path = a.positional[0];
    report::Report r = app.load_report(path);
    auto ev = app.evaluate(r, path);
    const auto& t = ev.type();
    std::vector<std::size_t> slots;
    for (std::size_t i = 1; i < a.positional.size(); ++i) {
        auto s = t.slot(a.positional[i]);
        if (!s) fail(kDataError, trf("Không có chỉ tiêu “{}” trong loại báo cáo {} (ấn bản {})", a.positional[i], t.id, t.edition));
        slots.push_back(*s);
    }
    if (slots.empty())
        for (std::size_t i = 0; i < t.indicators.size(); ++i) slots.push_back(i);
    if (a.option("--compare")) return print_comparison(app, a, path, r, ev, slots);
    if (a.flag("--json")) {
        json out;
        out["type"] = r.type_id;
        out["edition"] = r.edition;
        out["period"] = r.period.code();
        out["unit"] = r.unit.name;
        json values = json::object();
        for (auto s : slots) {
            const auto& ind = t.indicators[s];
            if (ind.heading) continue;
            json v = value_json(ev.cell(s), ind);
            auto it = r.values.find(ind.code);
            if (it != r.values.end() && !it->second.note.empty()) v["note"] = it->second.note;
            values[ind.code] = v;
        }
        out["values"] = values;
        std::cout << out.dump(2) << '\n';
        return kOk;
    }
    for (auto s : slots) {
        const auto& ind = t.indicators[s];
        if (ind.heading) {
            std::cout << fmt::format("{:<10} {}\n", ind.code, ind.label.get());
            continue;
        }
        const auto c = ev.cell(s);
        std::string label = ind.label.get();
        auto u32 = locale::to_u32(label);
        if (u32.size() > 60) label = locale::from_u32(u32.substr(0, 59)) + "…";
        std::cout << fmt::format("{:<10} {:>16} {}{}\n", ind.code, c.display.empty() ? std::string("—") : c.display, label,
                                 c.state == validate::ValueState::Computed ? std::string(" (") + tr("tính tự động") + ")" : std::string());
    }
    return kOk;
}

int cmd_text(App& app, const Args& a) {
    require_args(a, 2, "text REPORT SECTION (--file F | --value T)");
    const std::string path = a.positional[0];
    const std::string section = a.positional[1];
    auto s = app.open_session(path);
    if (!a.option("--value") && !a.option("--file")) {
        // Without new text, print the section as stored.
        if (!s->type().section(section)) {
            std::string ids;
            for (const auto& sec : s->type().sections) ids += (ids.empty() ? "" : ", ") + sec.id;
            fail(kDataError, trf("Không có mục “{}”; các mục: {}", section, ids));
        }
        auto it = s->report().narrative.find(section);
        if (it != s->report().narrative.end()) std::cout << it->second << '\n';
        return kOk;
    }
    std::string text = value_or_file(a);
    // A file's last line break is the file's, not the text's.
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    if (auto ok = s->set_text(section, text); !ok) fail(kDataError, ok.error());
    app.save(*s);
    auto it = s->report().narrative.find(section);
    const std::string saved = it == s->report().narrative.end() ? std::string() : it->second;
    std::cout << trf("Đã ghi mục {} ({} ký tự)", section, locale::to_u32(saved).size()) << '\n';
    return kOk;
}

int cmd_note(App& app, const Args& a) {
    require_args(a, 2, "note REPORT CODE (--file F | --value T)");
    const std::string path = a.positional[0];
    auto s = app.open_session(path);
    if (auto ok = s->set_note(a.positional[1], value_or_file(a)); !ok) fail(kDataError, ok.error());
    app.save(*s);
    return kOk;
}

// Checks across report kinds (--with OTHER): the other report of the same unit and period,
// its mismatches added to `res` as the report's own findings.
void add_with_findings(App& app, const Args& a, const std::string& path, const report::Report& r,
                       const validate::Evaluation& ev, validate::ValidationResult& res) {
    const auto w = a.option("--with");
    if (!w) return;
    const report::Report other = app.load_report(*w);
    if (other.type_id == r.type_id) fail(kCannotRun, trf("{} cùng loại báo cáo với {}; --with cần một báo cáo loại khác", *w, path));
    auto other_ev = app.evaluate(other, *w);
    validate::add_findings(res, migrate::cross_check(r, ev, other, other_ev).a, r);
}

int cmd_justify(App& app, const Args& a) {
    require_args(a, 2, "justify REPORT KEY (--file F | --value T) [--workspace DIR] [--with OTHER_REPORT]");
    const std::string path = a.positional[0];
    const std::string key = a.positional[1];
    auto s = app.open_session(path);
    if (a.option("--workspace") || a.option("--with")) {
        // The warnings of the checks against the unit's past and another kind of report can be
        // justified too: the session runs them with its own.
        s->set_extra_checks([&](const validate::Evaluation& ev, const report::Report& r) {
            std::vector<validate::Finding> extra;
            if (a.option("--workspace")) extra = workspace_findings(app, a, path, r, ev);
            if (a.option("--with")) {
                validate::ValidationResult with;
                add_with_findings(app, a, path, r, ev, with);
                extra.insert(extra.end(), with.findings.begin(), with.findings.end());
            }
            return extra;
        });
    }
    const std::string text = value_or_file(a);
    const bool removing = text.find_first_not_of(" \t\r\n") == std::string::npos;
    auto ok = removing ? s->remove_justification(key) : s->justify(key, text);
    if (!ok) fail(kDataError, ok.error());
    app.save(*s);
    return kOk;
}

int cmd_validate(App& app, const Args& a) {
    require_args(a, 1, "validate REPORT [--json] [--previous FILE] [--workspace DIR] [--with OTHER_REPORT]");
    const std::string path = a.positional[0];
    report::Report r = app.load_report(path);
    auto ev = app.evaluate(r, path);
    std::optional<report::Report> previous;
    if (auto p = a.option("--previous")) {
        previous = app.load_report(*p);
        if (previous->type_id != r.type_id || previous->edition != r.edition)
            fail(kCannotRun, trf("{} không cùng loại và ấn bản với {}", *p, path));
        ev.set_previous(&*previous);
    }
    auto res = plugin::validate_all(app.registry(), ev, r, previous ? &*previous : nullptr);
    if (a.option("--workspace")) validate::add_findings(res, workspace_findings(app, a, path, r, ev), r);
    add_with_findings(app, a, path, r, ev, res);
    if (a.flag("--json")) {
        json out;
        out["errors"] = res.errors;
        out["warnings"] = res.warnings;
        out["accepted"] = res.accepted;
        json findings = json::array();
        for (const auto& f : res.findings) {
            json j = {{"severity", schema::to_string(f.severity)},
                      {"rule", f.rule},
                      {"codes", f.codes},
                      {"section", f.section},
                      {"message", f.message},
                      {"key", f.key}};
            if (!f.section.empty() && f.length > 0) j["range"] = {f.offset, f.length};
            if (!f.justification.empty()) j["justification"] = f.justification;
            findings.push_back(j);
        }
        out["findings"] = findings;
        std::cout << out.dump(2) << '\n';
    } else {
        for (const auto& f : res.findings) {
            const char* label = f.severity == schema::Severity::Error     ? RB_N_("LỖI")
                                : f.severity == schema::Severity::Warning ? RB_N_("CẢNH BÁO")
                                                                          : RB_N_("THÔNG TIN");
            std::string where;
            for (const auto& c : f.codes) where += (where.empty() ? "" : ", ") + c;
            if (!f.section.empty()) where += (where.empty() ? "" : "; ") + trf("mục {}", f.section);
            std::cout << fmt::format("{} [{}]{}: {}\n", tr(label), f.rule, where.empty() ? "" : " (" + where + ")",
                                     f.message);
            if (!f.justification.empty()) std::cout << "    " << trf("Đã giải trình: {}", f.justification) << '\n';
        }
        std::cout << trf("{} lỗi, {} cảnh báo, {} cảnh báo đã giải trình.", res.errors, res.warnings, res.accepted)
                  << '\n';
    }
    return res.errors > 0 ? kDataError : kOk;
}

void print_header(const report::Report& r, bool as_json) {
    const auto& h = r.header;
    json out;
    out["parent-body"] = h.parent_body;
    out["issuing-body"] = h.issuing_body;
    out["number"] = h.number;
    out["symbol"] = h.symbol;
    out["place"] = h.place;
    out["date"] = h.date ? fmt::format("{:04}-{:02}-{:02}", h.date->year, h.date->month, h.date->day) : "";
    out["summary"] = h.summary;
    out["authority"] = h.signing_authority;
    out["signer-title"] = h.signer_title;
    out["signer"] = h.signer_name;
    out["recipients"] = h.recipients;
    out["from"] = fmt::format("{:04}-{:02}-{:02}", r.window_from.year, r.window_from.month, r.window_from.day);
    out["to"] = fmt::format("{:04}-{:02}-{:02}", r.window_to.year, r.window_to.month, r.window_to.day);
    out["unit"] = r.unit.name;
    out["unit-kind"] = r.unit.kind;
    out["parent"] = r.unit.parent;
    out["parent-kind"] = r.unit.parent_kind;
    out["province"] = r.unit.province;
    out["status"] = report::to_string(r.status);
    out["amendment"] = r.amendment;
    if (as_json) {
        std::cout << out.dump(2) << '\n';
        return;
    }
    std::cout << h.parent_body << '\n' << h.issuing_body << '\n' << fmt::format("Số: {}/{}", h.number, h.symbol) << '\n';
    if (h.date) {
        std::cout << h.place << ", "
                  << locale::format_date_long(locale::Date{h.date->year, h.date->month, h.date->day}) << '\n';
    }
    std::cout << "BÁO CÁO\n" << h.summary << "\n\n" << tr("Nơi nhận:") << '\n';
    for (std::size_t i = 0; i < h.recipients.size(); ++i)
        std::cout << "- " << h.recipients[i] << (i + 1 == h.recipients.size() ? "." : ";") << '\n';
    std::cout << h.signing_authority << '\n' << h.signer_title << '\n' << h.signer_name << '\n';
    std::cout << trf("Số liệu từ {} đến {}", date_text(r.window_from), date_text(r.window_to)) << '\n';
}

int cmd_draft(App& app, const Args& a) {
    require_args(a, 1, "draft REPORT [SECTION] [--previous REPORT]");
    const std::string path = a.positional[0];
    const std::string section = a.positional.size() > 1 ? a.positional[1] : std::string();
    auto s = app.open_session(path);
    if (auto ok = report::ensure_editable(s->report()); !ok) fail(kDataError, ok.error());
    if (!section.empty() && !s->type().section(section)) fail(kDataError, trf("Không có mục “{}”", section));
    if (auto p = a.option("--previous")) s->set_previous(app.load_report(*p));
    int drafted = 0;
    for (const auto& o : s->draft_empty_sections(section)) {
        switch (o.kind) {
            case plugin::DraftOutcome::Kind::Drafted:
                ++drafted;
                std::cout << trf("Đã soạn mục {}", o.section) << '\n';
                break;
            case plugin::DraftOutcome::Kind::KeptUserText:
                if (!section.empty()) std::cout << trf("Mục {} đã có nội dung; giữ nguyên, không soạn đè.", o.section) << '\n';
                break;
            case plugin::DraftOutcome::Kind::NothingToDraft:
                std::cout << trf("Mục {} không có mẫu soạn sẵn.", o.section) << '\n';
                break;
            case plugin::DraftOutcome::Kind::Failed: std::cerr << o.message << '\n'; break;
        }
    }
    if (drafted > 0) app.save(*s);
    else if (section.empty()) std::cout << tr("Không có mục trống nào để soạn.") << '\n';
    return kOk;
}

int cmd_header(App& app, const Args& a) {
    require_args(a, 1, "header REPORT [KEY=VALUE...] [--json]");
    const std::string path = a.positional[0];
    if (a.positional.size() == 1) {
        print_header(app.load_report(path), a.flag("--json"));
        return kOk;
    }
    auto s = app.open_session(path);
    std::vector<std::pair<session::HeaderField, std::string>> fields;  // all or nothing
    std::string added_recipients;
    for (std::size_t i = 1; i < a.positional.size(); ++i) {
        const std::string& arg = a.positional[i];
        const auto eq = arg.find('=');
        if (eq == std::string::npos) fail(kDataError, trf("“{}” không đúng dạng KHÓA=GIÁ_TRỊ", arg));
        const std::string key = arg.substr(0, eq);
        const std::string value = arg.substr(eq + 1);
        if (key == "recipient+") {
            added_recipients += "\n" + value;
            continue;
        }
        const auto field = session::header_field_from_key(key);
        if (!field) {
            std::string keys;
            for (auto f : session::all_header_fields()) keys += (keys.empty() ? "" : ", ") + std::string(session::header_field_key(f));
            fail(kDataError, trf("Không có trường “{}” trong phần đầu văn bản. Các trường: {}", key, keys + ", recipient+"));
        }
        fields.emplace_back(*field, value);
    }
    if (!added_recipients.empty()) {
        // Added after the list as it stands (or as this command sets it).
        std::string list = s->header_text(session::HeaderField::Recipients);
        for (const auto& [f, v] : fields)
            if (f == session::HeaderField::Recipients) list = v;
        fields.emplace_back(session::HeaderField::Recipients, list + added_recipients);
    }
    // One field at a time, so that a refusal names the key that was typed; the two ends of
    // the data window together, so that both can move. Nothing is saved unless all are set.
    std::vector<std::pair<session::HeaderField, std::string>> window;
    for (const auto& [field, value] : fields) {
        if (field == session::HeaderField::WindowFrom || field == session::HeaderField::WindowTo) {
            window.emplace_back(field, value);
        } else if (auto ok = s->set_header(field, value); !ok) {
            fail(kDataError, fmt::format("{}: {}", session::header_field_key(field), ok.error()));
        }
    }
    if (!window.empty())
        if (auto ok = s->set_header(window); !ok) fail(kDataError, ok.error());
    app.save(*s);
    return kOk;
}

int cmd_status(App& app, const Args& a) {
    require_args(a, 2, "status REPORT draft|complete|submitted");
    const std::string path = a.positional[0];
    auto to = report::parse_status(a.positional[1]);
    if (!to) fail(kCannotRun, to.error());
    auto s = app.open_session(path);
    if (auto ok = s->set_status(*to); !ok) fail(kDataError, ok.error());
    app.save(*s);
    std::cout << trf("Trạng thái: {}", report::to_string(s->report().status)) << '\n';
    return kOk;
}

int cmd_amend(App& app, const Args& a) {
    require_args(a, 1, "amend REPORT -o NEW_REPORT");
    const auto out = a.option("-o");
    if (!out) fail(kCannotRun, trf("Thiếu tham số. Cách dùng: {}", "amend REPORT -o NEW_REPORT"));
    const std::string path = a.positional[0];
    auto s = app.open_session(path);
    auto amended = s->make_amendment(*out);
    if (!amended) fail(paths::exists(*out) ? kCannotRun : kDataError, amended.error());
    std::cout << trf("Đã tạo bản sửa đổi lần {} tại {}; bản gốc {} được giữ nguyên.", (*amended)->report().amendment,
                     *out, path)
              << '\n';
    return kOk;
}

int cmd_schema(App& app, const Args& a) {
    if (a.positional.size() < 2 || a.positional[0] != "check") fail(kCannotRun, trf("Thiếu tham số. Cách dùng: {}", "schema check FILE"));
    int worst = kOk;
    for (std::size_t i = 1; i < a.positional.size(); ++i) {
        const auto checked = plugin::check_file(a.positional[i], &app.registry());
        for (const auto& p : checked.errors) std::cout << p << '\n';
        for (const auto& w : checked.warnings) std::cout << trf("{} (cảnh báo)", w) << '\n';
        if (!checked.errors.empty()) worst = kDataError;
        else if (checked.warnings.empty()) std::cout << trf("{}: hợp lệ", a.positional[i]) << '\n';
        else std::cout << trf("{}: hợp lệ, còn {} cảnh báo", a.positional[i], checked.warnings.size()) << '\n';
    }
    return worst;
}

int cmd_export(App& app, const Args& a) {
    require_args(a, 1, "export REPORT --format docx|xlsx|pdf|xml|json|csv [--profile ID] -o OUT");
    const std::string path = a.positional[0];
    const auto format = a.option("--format");
    const auto out = a.option("-o");
    if (!format || !out)
        fail(kCannotRun, trf("Thiếu tham số. Cách dùng: {}",
                             "export REPORT --format docx|xlsx|pdf|xml|json|csv [--profile ID] -o OUT"));
    report::Report r = app.load_report(path);
    app.type_of(r, path);
    std::optional<report::Report> previous;
    if (auto p = a.option("--previous")) previous = app.load_report(*p);
    exporting::ExportOptions o;
    o.format = *format;
    o.profile_id = a.option("--profile").value_or("");
    o.output = *out;
    o.previous = previous ? &*previous : nullptr;
    auto res = exporting::export_report(app.registry(), r, o);
    if (!res) fail(kCannotRun, res.error());
    if (res->errors > 0)
        std::cerr << trf("Chú ý: báo cáo còn {} lỗi (xem bằng lệnh validate); tệp vẫn được xuất.", res->errors) << '\n';
    std::cout << trf("Đã xuất {}", res->path) << '\n';
    return kOk;
}

// What an import would change in `before` to make `after`, printed for the user; returns the
// number of changes. Values are compared as displayed, computed rows included, so the user
// sees the consequences (a ratio moving) and not only the cells typed.
int print_changes(App& app, const report::Report& before, const report::Report& after, const std::string& path) {
    auto ev_before = app.evaluate(before, path);
    auto ev_after = app.evaluate(after, path);
    const auto& t = ev_after.type();
    int changes = 0;
    for (std::size_t s = 0; s < t.indicators.size(); ++s) {
        const auto& ind = t.indicators[s];
        if (ind.heading) continue;
        const std::string a = ev_before.display(s), b = ev_after.display(s);
        auto note = [&](const report::Report& r) {
            auto it = r.values.find(ind.code);
            return it == r.values.end() ? std::string() : it->second.note;
        };
        if (a != b)
            std::cout << fmt::format("  {:<10} {} → {}{}\n", ind.code, a.empty() ? "—" : a, b.empty() ? "—" : b,
                                     ind.is_computed() ? " (" + std::string(tr("tính tự động")) + ")" : std::string());
        if (note(before) != note(after))
            std::cout << "  " << trf("{}: ghi chú “{}” → “{}”", ind.code, note(before), note(after)) << '\n';
        changes += (a != b && !ind.is_computed()) + (note(before) != note(after));
    }
    for (const auto& sec : t.sections) {
        auto text = [&](const report::Report& r) {
            auto it = r.narrative.find(sec.id);
            return it == r.narrative.end() ? std::string() : it->second;
        };
        const std::string a = text(before), b = text(after);
        if (a == b) continue;
        ++changes;
        const auto chars = [](const std::string& x) { return locale::to_u32(x).size(); };
        std::cout << "  " << trf("mục {}: {} ký tự → {} ký tự", sec.id, chars(a), chars(b)) << '\n';
    }
    if (!(before.header == after.header)) {
        ++changes;
        std::cout << "  " << tr("phần đầu và cuối văn bản (số, ngày, người ký, nơi nhận) thay đổi") << '\n';
    }
    if (!(before.unit == after.unit) || !(before.period == after.period)) {
        ++changes;
        std::cout << "  " << trf("đơn vị, kỳ: {} {} → {} {}", before.unit.name, before.period.code(), after.unit.name,
                                 after.period.code())
                  << '\n';
    }
    return changes;
}

// Text kept from the previous period's report (another quarter named as the period, another
// data window): listed with what it should say for this report, and replaced when asked.
void report_other_periods(App& app, report::Report& r, const std::string& path, bool replace) {
    const auto stale = validate::check_other_periods(validate::narrative_input(app.evaluate(r, path), r));
    if (stale.empty()) return;
    std::cout << tr("Câu nói về kỳ hoặc khoảng thời gian khác (có lẽ còn sót từ báo cáo kỳ trước):") << '\n';
    for (const auto& f : stale)
        std::cout << "  " << trf("mục {}: “{}” → “{}”", f.section_id, f.excerpt, f.replacement) << '\n';
    if (!replace) {
        std::cout << "  " << tr("Thêm --replace-periods để thay tất cả như trên.") << '\n';
        return;
    }
    // From the end of each section, so that earlier offsets stay right.
    for (auto it = stale.rbegin(); it != stale.rend(); ++it) {
        std::string& text = r.narrative[it->section_id];
        if (text.compare(it->offset, it->length, it->excerpt) == 0) text.replace(it->offset, it->length, it->replacement);
    }
}

int cmd_import(App& app, const Args& a) {
    const char* usage = "import REPORT SOURCE [--profile ID] [--dry-run] [--replace-periods]";
    require_args(a, 2, usage);
    const std::string path = a.positional[0];
    const std::string source = a.positional[1];
    const bool dry_run = a.flag("--dry-run");
    std::string ext = paths::text_of(paths::fs_path(source).extension());
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const bool exists = paths::exists(path);

    report::Report after;
    std::optional<report::Report> before;
    if (exists) {
        before = app.load_report(path);
        if (auto ok = report::ensure_editable(*before); !ok) fail(kCannotRun, trf("{}: {}", path, ok.error()));
    }
    if (ext == ".xml" || ext == ".json") {
        auto imported = exporting::load_submission(source);
        if (!imported) fail(kDataError, imported.error());
        after = std::move(*imported);
        const auto type = app.type_of(after, source);
        // A submission is checked value by value against its definition before it is kept.
        std::vector<std::string> problems;
        for (const auto& [code, entry] : after.values) {
            const auto* ind = type->indicator(code);
            if (!ind) {
                problems.push_back(trf("{}: chỉ tiêu “{}” không có trong ấn bản {}", source, code, type->edition));
                continue;
            }
            if (entry.value.empty()) continue;
            if (auto ok = report::check_stored_value(*ind, entry.value); !ok)
                problems.push_back(fmt::format("{}: {}: {}", source, code, ok.error()));
        }
        if (!problems.empty()) {
            for (const auto& p : problems) std::cerr << p << '\n';
            fail(kDataError, tr("Tệp nộp có số liệu không hợp lệ; không ghi gì."));
        }
        if (before && (before->type_id != after.type_id || before->edition != after.edition))
            fail(kCannotRun, trf("{} là báo cáo {} ({}), tệp nộp là {} ({}): không ghép được", path, before->type_id,
                                 before->edition, after.type_id, after.edition));
    } else if (ext == ".docx" || ext == ".xlsx") {
        if (!before) fail(kCannotRun, trf("{}: chưa có báo cáo này; hãy tạo bằng lệnh new rồi nhập vào.", path));
        after = *before;
        const auto type = app.type_of(after, path);
        if (ext == ".docx") {
            auto n = exporting::import_docx_narrative(source, *type);
            if (!n) fail(kDataError, n.error());
            for (const auto& w : n->warnings) std::cerr << tr("Chú ý:") << ' ' << w << '\n';
            for (const auto& [id, text] : n->sections) after.narrative[id] = text;
            report_other_periods(app, after, path, a.flag("--replace-periods"));
        } else {
            const exporting::RecipientProfile fallback = exporting::default_profile(*type);
            const exporting::RecipientProfile* profile = &fallback;
            if (auto id = a.option("--profile")) {
                profile = app.registry().find_profile(*id);
                if (!profile) fail(kCannotRun, trf("Không có hồ sơ nơi nhận “{}” (xem lệnh profiles)", *id));
                if (!profile->fits(*type))
                    fail(kCannotRun, trf("Hồ sơ nơi nhận “{}” không dùng cho báo cáo {} ấn bản {}", *id, type->id,
                                         type->edition));
            }
            auto sheet = exporting::import_appendix_xlsx(source, *profile, *type);
            if (!sheet) fail(kDataError, sheet.error());
            bool blocking = false;
            for (const auto& p : sheet->problems) {
                std::cerr << (p.ignored ? tr("Bỏ qua:") : tr("Lỗi:")) << ' ' << p.message << '\n';
                blocking = blocking || !p.ignored;
            }
            if (blocking) fail(kDataError, tr("Bảng tính có ô không đọc được; không ghi gì."));
            std::vector<report::Assignment> values;
            for (const auto& v : sheet->values) {
                // Empty cells of the recipient's sheet do not erase what the report holds.
                if (v.value.empty()) continue;
                values.push_back({v.code, v.value});
            }
            if (auto ok = report::apply_values(after, *type, values); !ok) fail(kDataError, ok.error());
        }
    } else {
        fail(kCannotRun, trf("{}: không nhận ra loại tệp; nhập được tệp nộp (.xml, .json), văn bản Word (.docx) "
                             "hoặc bảng tính (.xlsx)", source));
    }

    std::cout << (dry_run ? tr("Sẽ thay đổi (chạy thử, chưa ghi gì):") : tr("Thay đổi:")) << '\n';
    int changes = 0;
    if (before) {
        changes = print_changes(app, *before, after, path);
    } else {
        changes = 1;
        std::cout << "  " << trf("tạo báo cáo mới {} ({}, {}, {})", path, after.type_id, after.unit.name, after.period.code())
                  << '\n';
    }
    if (changes == 0) std::cout << "  " << tr("(không có gì thay đổi)") << '\n';
    if (dry_run || changes == 0) return kOk;
    app.save(after, path);
    std::cout << trf("Đã ghi {}", path) << '\n';
    return kOk;
}

// The day units are looked up for: --date, else the last day of --period, else today.
locale::Date units_day(const Args& a) {
    if (auto d = a.option("--date")) {
        auto parsed = locale::parse_date(*d);
        if (!parsed) fail(kDataError, trf("--date: {}", parsed.error()));
        return *parsed;
    }
    if (auto p = a.option("--period")) {
        auto period = report::Period::parse(*p);
        if (!period) fail(kDataError, period.error());
        return report::to_locale_date(period->last_day());
    }
    return locale::today();
}

json unit_json(const units::Catalog& c, const units::Unit& u, locale::Date day) {
    json j{{"code", u.code}, {"level", units::to_string(u.level)}, {"kind", u.kind}, {"name", u.name},
           {"fullName", u.full_name()}, {"local", u.local}};
    if (const auto* d = c.district_of(u, day)) j["district"] = {{"code", d->code}, {"name", d->full_name()}};
    if (u.level != units::Level::Province)
        if (const auto* p = c.province_of(u, day)) j["province"] = {{"code", p->code}, {"name", p->full_name()}};
    j["from"] = u.from ? locale::format_date_iso(*u.from) : "";
    j["to"] = u.to ? locale::format_date_iso(*u.to) : "";
    return j;
}

std::string unit_line(const json& j) {
    std::string line = j["code"].get<std::string>() + "  " + j["fullName"].get<std::string>();
    if (j.contains("district")) line += ", " + j["district"]["name"].get<std::string>();
    if (j.contains("province")) line += ", " + j["province"]["name"].get<std::string>();
    if (j["local"].get<bool>()) line += "  " + std::string(tr("(bổ sung của địa phương)"));
    return line;
}

// units search TEXT | show CODE | communes PROVINCE | check FILE: the state's list of
// administrative units, as the wizard offers it (docs/units.md).
int cmd_units(App&, const Args& a) {
    const char* usage = "units search TEXT | show CODE | communes PROVINCE | check FILE  [--date D | --period P] [--json]";
    require_args(a, 2, usage);
    const std::string& what = a.positional[0];
    const std::string& arg = a.positional[1];
    if (what == "check") {
        // A local additions file: read, and added to the installed catalog as the programs would.
        auto more = units::Catalog::load(arg, true);
        if (!more) fail(kDataError, more.error());
        units::Catalog all = units::installed();
        if (auto added = all.add(*more); !added) fail(kDataError, added.error());
        std::cout << trf("{}: {} đơn vị, không trùng mã với danh mục", arg, more->size()) << '\n';
        return kOk;
    }
    const units::Catalog& c = units::installed();
    if (c.empty()) fail(kCannotRun, units::installed_error());
    const locale::Date day = units_day(a);
    json list = json::array();
    if (what == "search") {
        std::size_t limit = 20;
        if (auto l = a.option("--limit")) limit = static_cast<std::size_t>(std::max(1, std::atoi(l->c_str())));
        for (const auto* u : c.search(arg, day, limit)) list.push_back(unit_json(c, *u, day));
    } else if (what == "communes") {
        const auto* p = c.find_province(arg, day);
        if (!p) fail(kDataError, trf("Không có tỉnh, thành phố \"{}\" ngày {}", arg, locale::format_date_short(day)));
        for (const auto* u : c.communes_of(p->code, day)) list.push_back(unit_json(c, *u, day));
    } else if (what == "show") {
        const units::Unit* u = nullptr;
        for (auto level : {units::Level::Commune, units::Level::District, units::Level::Province})
            if (!u) u = c.find(arg, level, day);
        if (!u) fail(kDataError, trf("Không có đơn vị mã {} ngày {}", arg, locale::format_date_short(day)));
        json j = unit_json(c, *u, day);
        j["predecessors"] = json::array();
        for (const auto& [p, share] : c.predecessors(*u)) {
            json pj = unit_json(c, *p, *p->to);
            pj["share"] = units::to_string(share);
            j["predecessors"].push_back(pj);
        }
        j["successors"] = json::array();
        for (const auto* s : c.successors(*u)) j["successors"].push_back(unit_json(c, *s, *s->from));
        if (a.flag("--json")) {
            std::cout << j.dump(2) << '\n';
            return kOk;
        }
        std::cout << unit_line(j) << '\n';
        if (u->from) std::cout << "  " << trf("Từ ngày {}", locale::format_date_short(*u->from)) << '\n';
        if (u->to) std::cout << "  " << trf("Đến ngày {}", locale::format_date_short(*u->to)) << '\n';
        for (const auto& p : j["predecessors"])
            std::cout << "  " << (p["share"] == "whole" ? tr("Nhập toàn bộ:") : tr("Nhập một phần:")) << ' '
                      << unit_line(p) << '\n';
        for (const auto& s : j["successors"]) std::cout << "  " << tr("Được sắp xếp vào:") << ' ' << unit_line(s) << '\n';
        return kOk;
    } else {
        fail(kCannotRun, trf("Thiếu tham số. Cách dùng: {}", usage));
    }
    if (a.flag("--json")) {
        std::cout << list.dump(2) << '\n';
        return kOk;
    }
    if (list.empty()) {
        std::cout << trf("Không có đơn vị nào khớp \"{}\" ngày {}", arg, locale::format_date_short(day)) << '\n';
        return kDataError;
    }
    for (const auto& j : list) std::cout << unit_line(j) << '\n';
    return kOk;
}

int cmd_profiles(App& app, const Args& a) {
    const auto& reg = app.registry();
    json list = json::array();
    for (const auto& p : reg.profiles()) {
        if (!a.positional.empty() && p.type_id != a.positional[0]) continue;
        list.push_back({{"id", p.id},
                        {"type", p.type_id},
                        {"editions", p.editions},
                        {"title", p.title.get()},
                        {"recipient", p.recipient},
                        {"formats", p.formats},
                        {"file", p.source_file}});
    }
    if (a.flag("--json")) {
        std::cout << list.dump(2) << '\n';
        return kOk;
    }
    for (const auto& p : list) {
        std::string formats;
        for (const auto& f : p["formats"]) formats += (formats.empty() ? "" : ", ") + f.get<std::string>();
        std::cout << p["id"].get<std::string>() << "  (" << p["type"].get<std::string>() << ")  "
                  << p["title"].get<std::string>() << '\n';
        if (!p["recipient"].get<std::string>().empty())
            std::cout << "    " << trf("Nơi nhận: {}", p["recipient"].get<std::string>()) << '\n';
        std::cout << "    " << trf("Định dạng: {}", formats.empty() ? tr("tất cả") : formats) << '\n';
    }
    return kOk;
}

std::string usage_text() {
    return std::string(tr(
        "Cách dùng: reportbench-cli [--plugin-path THƯ_MỤC]... [--lang vi|en] [--verbose] LỆNH ...\n"
        "\n"
        "  types [--json]                      các loại báo cáo, ấn bản và plugin cung cấp\n"
        "  describe TYPE [--edition E] [--json]  các mục và chỉ tiêu của một loại báo cáo\n"
        "  plugins [--json]                    plugin đã nạp và plugin lỗi kèm lý do\n"
        "  new TYPE --period P -o BÁO_CÁO --unit TÊN [--edition E] [--parent TÊN] [--province TÊN]\n"
        "      [--unit-profile TỆP] [--from NGÀY] [--to NGÀY]   P: 2024-Q1 | 2024-H1 | 2024-9M | 2024\n"
        "  set BÁO_CÁO MÃ=GIÁ_TRỊ...           nhập số liệu (một giá trị sai thì không ghi gì)\n"
        "  get BÁO_CÁO [MÃ...] [--json]        xem số liệu, kể cả chỉ tiêu tính tự động\n"
        "      [--compare previous|year-ago] [--workspace THƯ_MỤC]   so với kỳ trước hoặc cùng kỳ năm trước\n"
        "  history BÁO_CÁO MÃ [--json]         số liệu một chỉ tiêu qua các kỳ của đơn vị\n"
        "  text BÁO_CÁO MỤC (--file F | --value T)   nội dung một mục của báo cáo\n"
        "  note BÁO_CÁO MÃ (--file F | --value T)    ghi chú của một dòng phụ lục\n"
        "  header BÁO_CÁO KHÓA=GIÁ_TRỊ...      số, ký hiệu, địa danh, ngày, người ký, nơi nhận...\n"
        "  validate BÁO_CÁO [--json] [--previous BÁO_CÁO_KỲ_TRƯỚC]   mã thoát 0: không lỗi; 1: có lỗi; 2: không chạy được\n"
        "      [--workspace THƯ_MỤC]           thêm: số liệu khác xa các kỳ trước, đối chiếu với báo cáo loại khác cùng kỳ\n"
        "  justify BÁO_CÁO KHÓA (--file F | --value T)   giải trình một cảnh báo\n"
        "  draft BÁO_CÁO [MỤC] [--previous BÁO_CÁO_KỲ_TRƯỚC]   soạn sẵn các mục còn trống từ số liệu\n"
        "  status BÁO_CÁO draft|complete|submitted\n"
        "  amend BÁO_CÁO -o BÁO_CÁO_MỚI        bản sửa đổi của báo cáo đã nộp\n"
        "  export BÁO_CÁO --format docx|xlsx|pdf|xml|json|csv [--profile HỒ_SƠ] -o TỆP|THƯ_MỤC\n"
        "  profiles [TYPE] [--json]            hồ sơ nơi nhận (mẫu của huyện, tỉnh)\n"
        "  import BÁO_CÁO NGUỒN [--profile HỒ_SƠ] [--dry-run]   tệp nộp (.xml, .json), văn bản (.docx), bảng tính (.xlsx)\n"
        "  schema check TỆP...                 kiểm tra định nghĩa, manifest, báo cáo\n"
        "  workspace init-samples [THƯ_MỤC] [--json]   chép báo cáo mẫu (mỗi loại một bản) vào thư mục báo cáo\n")) +
           tr("  migrate BÁO_CÁO --edition E [-o TỆP] [--dry-run] [--force] [--json]   chuyển sang ấn bản mới của mẫu\n"
                    "  validate BÁO_CÁO --with BÁO_CÁO_LOẠI_KHÁC   đối chiếu với báo cáo loại khác cùng đơn vị, cùng kỳ\n"
                    "  justify BÁO_CÁO KHÓA ... [--workspace THƯ_MỤC] [--with BÁO_CÁO_LOẠI_KHÁC]   giải trình cảnh báo của các kiểm tra đó\n") +
           tr("  consolidate TỆP_NỘP|THƯ_MỤC... -o TỆP [--expect DANH_SÁCH] [--unit TÊN] [--format F [--profile HỒ_SƠ]] [--json]\n"
                    "                                      tổng hợp báo cáo của các xã cho huyện, tỉnh\n")
           + tr("  new ... --unit MÃ|TÊN               đơn vị theo mã hoặc tên trong danh mục đơn vị hành chính (gõ không dấu được)\n"
                "  units search CHỮ | show MÃ | communes TỈNH | check TỆP  [--date NGÀY | --period P] [--json]\n"
                "                                      tra danh mục đơn vị hành chính (trước và sau 01/7/2025)\n")
           + tr("  help LỆNH                           cách dùng một lệnh, kèm ví dụ\n"
                "  --version                           phiên bản của chương trình\n");
}

void print_usage() { std::cout << usage_text() << std::flush; }

// One example per command, for `help COMMAND`.
const std::pair<const char*, const char*> kExamples[] = {
    {"types", "reportbench-cli types --json"},
    {"describe", "reportbench-cli describe cchc --edition nam-dinh-2024"},
    {"plugins", "reportbench-cli plugins --json"},
    {"units", "reportbench-cli units search \"phuong dinh\" --period 2024-Q1"},
    {"new", "reportbench-cli new cchc --period 2024-Q1 --unit \"Phương Định\" --parent \"Trực Ninh\" -o q1.rbr"},
    {"set", "reportbench-cli set q1.rbr I.2.1=6 HS.2.2=1.034"},
    {"get", "reportbench-cli get q1.rbr I.2 III.3.1 --json"},
    {"history", "reportbench-cli history q1.rbr HS.2.2 --workspace ~/ReportBench"},
    {"text", "reportbench-cli text q1.rbr II.2 --file muc-II-2.txt"},
    {"note", "reportbench-cli note q1.rbr III.3.1.2 --value \"Trước hạn 717; đúng hạn 317\""},
    {"header", "reportbench-cli header q1.rbr number=09 date=08/3/2024 signer=\"Nguyễn Minh Khâm\""},
    {"validate", "reportbench-cli validate q1.rbr --json"},
    {"justify", "reportbench-cli justify q1.rbr KHÓA --value \"Lý do\""},
    {"draft", "reportbench-cli draft q1.rbr II.2"},
    {"status", "reportbench-cli status q1.rbr complete"},
    {"amend", "reportbench-cli amend q1.rbr -o q1-sua-doi-1.rbr"},
    {"export", "reportbench-cli export q1.rbr --format docx --profile cchc-nam-dinh-phu-luc-2 -o ~/BaoCao/"},
    {"profiles", "reportbench-cli profiles cchc"},
    {"import", "reportbench-cli import q2.rbr bao-cao-quy-1.docx --dry-run"},
    {"schema", "reportbench-cli schema check dinh-nghia.xml"},
    {"workspace", "reportbench-cli workspace init-samples ~/ReportBench"},
    {"migrate", "reportbench-cli migrate q1.rbr --edition ninh-binh-2025 --dry-run"},
    {"consolidate", "reportbench-cli consolidate nop/ -o tong-hop.xlsx --format xlsx"},
};

// `help COMMAND`: the usage lines of that command (its line and the lines that continue it),
// then an example.
int print_command_help(const std::string& command) {
    const std::string usage = usage_text();
    std::istringstream lines(usage);
    std::string line, found;
    bool in = false;
    while (std::getline(lines, line)) {
        const bool starts = line.rfind("  " + command + " ", 0) == 0 || line == "  " + command;
        const bool continues = line.rfind("      ", 0) == 0;
        if (starts) in = true;
        else if (!continues) in = false;
        if (in) found += line + "\n";
    }
    if (found.empty()) {
        std::cerr << trf("Không có lệnh “{}”.", command) << '\n';
        return kCannotRun;
    }
    std::cout << found;
    for (const auto& [name, example] : kExamples)
        if (command == name) std::cout << "\n" << tr("Ví dụ:") << "\n  " << example << '\n';
    return kOk;
}


int run(int argc, char** argv) {
    // Global options may stand anywhere; they are read first so messages use the language.
    std::vector<std::string> plugin_paths;
    bool verbose = false;
    i18n::Language lang = i18n::Language::Vietnamese;
    if (const char* env = std::getenv("REPORTBENCH_LANG"); env && *env) i18n::parse_language(env, lang);
    std::vector<char*> rest;
    rest.push_back(argv[0]);
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if ((arg == "--value" || arg == "--file") && i + 1 < argc) {
            rest.push_back(argv[i]);
            rest.push_back(argv[++i]);
        } else if (arg == "--plugin-path" && i + 1 < argc) {
            plugin_paths.emplace_back(argv[++i]);
        } else if (arg.rfind("--plugin-path=", 0) == 0) {
            plugin_paths.push_back(arg.substr(14));
        } else if (arg == "--lang" && i + 1 < argc) {
            if (!i18n::parse_language(argv[++i], lang)) {
                i18n::set_language(i18n::Language::Vietnamese);
                std::cerr << trf("Ngôn ngữ “{}” không được hỗ trợ; dùng vi hoặc en", argv[i]) << '\n';
                return kCannotRun;
            }
        } else if (arg == "--verbose" || arg == "-v") {
            verbose = true;
        } else {
            rest.push_back(argv[i]);
        }
    }
    i18n::set_language(lang);
    logging::init("reportbench-cli", verbose);

    if (rest.size() >= 2 && std::string_view(rest[1]) == "--version") {
        std::cout << "reportbench-cli " << kVersion << '\n';
        return kOk;
    }
    if (rest.size() >= 3 && std::string_view(rest[1]) == "help") return print_command_help(rest[2]);
    if (rest.size() < 2 || std::string_view(rest[1]) == "--help" || std::string_view(rest[1]) == "-h" ||
        std::string_view(rest[1]) == "help") {
        print_usage();
        return rest.size() < 2 ? kCannotRun : kOk;
    }
    const std::string command = rest[1];
    const Args args = parse_args(static_cast<int>(rest.size()), rest.data(), 2);
    App app(plugin_paths);
    spdlog::debug("command {}", command);
    using Handler = int (*)(App&, const Args&);
    static const std::pair<const char*, Handler> commands[] = {
        {"types", cmd_types},       {"describe", cmd_describe}, {"plugins", cmd_plugins}, {"new", cmd_new}, {"units", cmd_units},
        {"set", cmd_set},           {"get", cmd_get},           {"text", cmd_text},       {"note", cmd_note},
        {"justify", cmd_justify},   {"validate", cmd_validate}, {"header", cmd_header},   {"status", cmd_status},
        {"amend", cmd_amend},       {"schema", cmd_schema},     {"draft", cmd_draft},
        {"export", cmd_export},     {"profiles", cmd_profiles}, {"import", cmd_import},     {"history", cmd_history},
        {"workspace", cmd_workspace}, {"migrate", cmd_migrate}, {"consolidate", cmd_consolidate},
    };
    for (const auto& [name, handler] : commands)
        if (command == name) return handler(app, args);
    std::cerr << trf("Không có lệnh “{}”.", command) << '\n';
    print_usage();
    return kCannotRun;
}

}  // namespace
}  // namespace rb::cli

namespace rb::cli {

int main_entry(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const Failure& f) {
        std::cerr << f.message << '\n';
        spdlog::info("failed ({}): {}", f.code, f.message);
        return f.code;
    } catch (const std::exception& e) {
        std::cerr << trf("Lỗi không mong đợi: {}", e.what()) << '\n';
        spdlog::error("unexpected: {}", e.what());
        return kCannotRun;
    }
}

}  // namespace rb::cli
