#include "session/workspace.hpp"

#include "base/paths.hpp"

#include <algorithm>
#include <cstdlib>

#include "plugin/extensions.hpp"
#include "report/unit_catalog.hpp"
#include "validate/evaluation.hpp"

namespace fs = std::filesystem;

namespace rb::session {
namespace {

// Sort key of a period inside a year: Q1 < H1 < Q2 < Q3 < 9M < Q4 < year, by the month it ends.
int period_order(const report::Period& p) {
    switch (p.kind) {
        case report::PeriodKind::Quarter: return p.index * 30;
        case report::PeriodKind::HalfYear: return 61;
        case report::PeriodKind::NineMonths: return 91;
        case report::PeriodKind::Year: return 200;
    }
    return 0;
}

bool newer(const report::Period& a, const report::Period& b) {
    if (a.year != b.year) return a.year > b.year;
    return period_order(a) > period_order(b);
}

}  // namespace

ReportSummary summarize(const plugin::Registry& registry, const std::string& path) {
    ReportSummary s;
    s.path = path;
    auto r = report::load(path);
    if (!r) {
        s.readable = false;
        s.problem = r.error();
        s.type_title = paths::file_name(path);
        return s;
    }
    s.type_id = r->type_id;
    s.edition = r->edition;
    s.period = r->period;
    s.unit = r->unit.name;
    s.unit_identity = report::unit_identity(r->unit, r->period);
    s.status = r->status;
    s.amendment = r->amendment;
    s.modified = r->modified;
    s.type_title = s.type_short = r->type_id;
    if (auto type = registry.find(r->type_id, r->edition)) {
        s.type_title = type->title.get();
        s.type_short = type->short_title.get();
        if (auto ev = validate::Evaluation::create(type)) {
            ev->load(*r);
            const auto res = plugin::validate_all(registry, *ev, *r);
            s.errors = res.errors;
            s.warnings = res.warnings;
            s.evaluated = true;
        }
    } else if (auto any = registry.find(r->type_id)) {
        s.type_title = any->title.get();
        s.type_short = any->short_title.get();
    }
    return s;
}

std::string Workspace::default_folder() {
    return paths::join(paths::documents_dir(), "ReportBench");
}

void Workspace::set_folder(std::string folder) {
    folder_ = std::move(folder);
    cache_.clear();
    reports_.clear();
    groups_.clear();
}

void Workspace::scan(const plugin::Registry& registry) {
    std::map<std::string, Cached> fresh;
    std::error_code ec;
    if (fs::is_directory(paths::fs_path(folder_), ec)) {
        const auto options = fs::directory_options::skip_permission_denied;
        for (fs::recursive_directory_iterator it(paths::fs_path(folder_), options, ec), end; !ec && it != end; it.increment(ec)) {
            if (it.depth() >= 2) it.disable_recursion_pending();
            if (!it->is_regular_file(ec) || it->path().extension() != ".rbr") continue;
            const std::string path = paths::text_of(it->path());
            Cached c;
            c.mtime = it->last_write_time(ec);
            c.size = it->file_size(ec);
            auto old = cache_.find(path);
            if (old != cache_.end() && old->second.mtime == c.mtime && old->second.size == c.size) {
                c.summary = std::move(old->second.summary);
            } else {
                c.summary = summarize(registry, path);
            }
            fresh.emplace(path, std::move(c));
        }
    }
    cache_ = std::move(fresh);
    reports_.clear();
    for (const auto& [path, c] : cache_) reports_.push_back(c.summary);

    groups_.clear();
    for (const auto& s : reports_) {
        const std::string key = s.readable ? s.type_id : std::string();
        auto g = std::find_if(groups_.begin(), groups_.end(), [&](const KindGroup& k) { return k.type_id == key; });
        if (g == groups_.end()) {
            groups_.push_back({key, s.readable ? s.type_title : std::string(), s.readable ? s.type_short : std::string(), {}});
            g = groups_.end() - 1;
        }
        auto p = std::find_if(g->periods.begin(), g->periods.end(),
                              [&](const PeriodGroup& pg) { return pg.period == s.period; });
        if (p == g->periods.end()) {
            g->periods.push_back({s.period, {}});
            p = g->periods.end() - 1;
        }
        p->reports.push_back(&s);
    }
    // Kinds by title (unreadable files last), periods newest first, reports by unit.
    std::sort(groups_.begin(), groups_.end(), [](const KindGroup& a, const KindGroup& b) {
        if (a.type_id.empty() != b.type_id.empty()) return b.type_id.empty();
        return a.title < b.title;
    });
    for (auto& g : groups_) {
        std::sort(g.periods.begin(), g.periods.end(),
                  [](const PeriodGroup& a, const PeriodGroup& b) { return newer(a.period, b.period); });
        for (auto& p : g.periods)
            std::sort(p.reports.begin(), p.reports.end(), [](const ReportSummary* a, const ReportSummary* b) {
                return a->unit != b->unit ? a->unit < b->unit : a->path < b->path;
            });
    }
}

std::optional<std::string> Workspace::find_previous(const report::Report& r) const {
    const auto prev = r.period.previous();
    if (!prev) return std::nullopt;
    for (const auto& s : reports_)
        if (s.readable && s.type_id == r.type_id && s.edition == r.edition && s.unit == r.unit.name &&
            s.period == *prev)
            return s.path;
    return std::nullopt;
}

}  // namespace rb::session
