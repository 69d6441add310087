// A unit's history from the command line: `get --compare previous|year-ago`, `history REPORT

#include "base/paths.hpp"
// CODE` (the series behind the desktop's chart) and the workspace checks `validate` adds.
#include <filesystem>
#include <iostream>

#include "cli.hpp"
#include "history/history.hpp"
#include "session/settings.hpp"
#include "session/workspace.hpp"

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace rb::cli {
namespace {

bool inside(const fs::path& file, const fs::path& folder) {
    std::error_code ec;
    const auto f = fs::weakly_canonical(file, ec);
    const auto d = fs::weakly_canonical(folder, ec);
    if (ec || d.empty()) return false;
    auto fi = f.begin();
    for (auto di = d.begin(); di != d.end(); ++di, ++fi)
        if (fi == f.end() || *fi != *di) return false;
    return true;
}

json past_json(const history::PastReport& p) {
    return {{"period", p.period.code()}, {"files", p.files}, {"units", p.units}, {"predecessors", p.from_predecessors}};
}

}  // namespace

std::string workspace_folder_for(const Args& a, const std::string& report_path) {
    if (auto w = a.option("--workspace")) return *w;
    const auto settings = session::Settings::load();
    const std::string configured =
        settings.workspace.empty() ? session::Workspace::default_folder() : settings.workspace;
    if (inside(paths::fs_path(report_path), paths::fs_path(configured))) return configured;
    const std::string parent = paths::parent(report_path);
    return parent.empty() ? std::string(".") : parent;
}

history::Index workspace_index(App& app, const std::string& folder) {
    session::Workspace ws(folder);
    ws.scan(app.registry());
    return history::Index(ws);
}

int print_comparison(App& app, const Args& a, const std::string& path, const report::Report& r,
                     const validate::Evaluation& ev, const std::vector<std::size_t>& slots) {
    auto baseline = history::parse_baseline(*a.option("--compare"));
    if (!baseline) fail(kCannotRun, baseline.error());
    const auto index = workspace_index(app, workspace_folder_for(a, path));
    auto c = history::compare(app.registry(), index, r, ev, *baseline);
    if (!c) fail(kCannotRun, c.error());
    const auto& t = ev.type();
    auto wanted = [&](const std::string& code) {
        for (auto s : slots)
            if (t.indicators[s].code == code) return true;
        return false;
    };
    if (a.flag("--json")) {
        json out;
        out["type"] = r.type_id;
        out["edition"] = r.edition;
        out["period"] = r.period.code();
        out["unit"] = r.unit.name;
        out["compare"] = *baseline == history::Baseline::Previous ? "previous" : "year-ago";
        out["baseline"] = c->past ? past_json(*c->past) : json(nullptr);
        if (!c->past) out["baselinePeriod"] = c->period.code();
        out["notes"] = c->notes;
        json values = json::object();
        for (const auto& v : c->values) {
            if (!wanted(v.code)) continue;
            const auto& ind = *t.indicator(v.code);
            json j = value_json(v.current, ind);
            j["baseline"] = c->past && !v.baseline_missing_code ? value_json(v.baseline, ind) : json(nullptr);
            j["change"] = v.change ? json(*v.change) : json(nullptr);
            j["relative"] = v.relative ? json(*v.relative) : json(nullptr);
            values[v.code] = j;
        }
        out["values"] = values;
        std::cout << out.dump(2) << '\n';
        return kOk;
    }
    const std::string what = *baseline == history::Baseline::Previous ? tr("kỳ trước") : tr("cùng kỳ năm trước");
    if (!c->past) {
        std::cout << trf("Không có báo cáo {} ({}) của {} trong thư mục {}.", what, c->period.label(i18n::language()),
                         r.unit.name, workspace_folder_for(a, path))
                  << '\n';
    } else if (c->past->from_predecessors) {
        std::string units;
        for (const auto& u : c->past->units) units += (units.empty() ? "" : ", ") + u;
        std::cout << trf("So sánh với {} ({}): tổng của các xã trước sáp nhập: {}", what, c->period.label(i18n::language()), units)
                  << '\n';
    } else {
        std::cout << trf("So sánh với {} ({}): {}", what, c->period.label(i18n::language()),
                         paths::file_name(c->past->files.front()))
                  << '\n';
    }
    for (const auto& note : c->notes) std::cout << "  " << note << '\n';
    std::cout << fmt::format("{:<10} {:>16} {:>16} {:>20}\n", tr("Mã"), tr("Kỳ này"), tr("Kỳ so sánh"), tr("Thay đổi"));
    for (const auto& v : c->values) {
        if (!wanted(v.code)) continue;
        const auto& ind = *t.indicator(v.code);
        const std::string now = v.current.display.empty() ? "—" : v.current.display;
        const std::string then = v.baseline_missing_code ? tr("(không có trong mẫu cũ)")
                                 : v.baseline.display.empty() ? "—"
                                                              : v.baseline.display;
        std::cout << fmt::format("{:<10} {:>16} {:>16} {:>20}\n", v.code, now, then, history::change_display(ind, v));
    }
    return kOk;
}

std::vector<validate::Finding> workspace_findings(App& app, const Args& a, const std::string& path,
                                                  const report::Report& r, const validate::Evaluation& ev) {
    const auto index = workspace_index(app, workspace_folder_for(a, path));
    return history::check_history(app.registry(), index, r, ev);
}

int cmd_history(App& app, const Args& a) {
    require_args(a, 2, "history REPORT CODE [--json] [--workspace DIR]");
    const std::string path = a.positional[0];
    const report::Report r = app.load_report(path);
    const auto ev = app.evaluate(r, path);
    const auto index = workspace_index(app, workspace_folder_for(a, path));
    auto series = history::indicator_series(app.registry(), index, r, ev, a.positional[1]);
    if (!series) fail(kDataError, series.error());
    const auto& ind = *ev.type().indicator(a.positional[1]);
    if (a.flag("--json")) {
        json points = json::array();
        for (const auto& p : *series)
            points.push_back({{"period", p.period.code()},
                              {"value", p.number ? json(*p.number) : json(nullptr)},
                              {"display", p.display},
                              {"predecessors", p.from_predecessors}});
        json out = {{"type", r.type_id}, {"unit", r.unit.name}, {"code", ind.code}, {"label", ind.label.get()},
                    {"unitOfMeasure", ind.unit}, {"points", points}};
        std::cout << out.dump(2) << '\n';
        return kOk;
    }
    std::cout << fmt::format("{} {} ({})\n", ind.code, ind.label.get(), ind.unit);
    for (const auto& p : *series)
        std::cout << fmt::format("  {:<28} {:>16}{}\n", p.period.label(i18n::language()), p.display.empty() ? "—" : p.display,
                                 p.from_predecessors ? std::string(" ") + tr("(tổng các xã trước sáp nhập)") : std::string());
    return kOk;
}

}  // namespace rb::cli
