#include "history/history.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "consolidate/consolidate.hpp"
#include "report/unit_catalog.hpp"
#include "i18n/i18n.hpp"
#include "locale/vi.hpp"
#include "migrate/cross_check.hpp"

namespace rb::history {
namespace {

// Converts to the failed Result of whatever the function returns.
struct Failed {
    std::string message;
    template <class T>
    operator Result<T>() const {  // NOLINT(google-explicit-constructor)
        return Result<T>::fail(message);
    }
};
Failed fail(std::string message) { return {std::move(message)}; }


// Month the period ends, for ordering inside a year.
int end_month(const report::Period& p) {
    switch (p.kind) {
        case report::PeriodKind::Quarter: return p.index * 3;
        case report::PeriodKind::HalfYear: return 6;
        case report::PeriodKind::NineMonths: return 9;
        case report::PeriodKind::Year: return 12;
    }
    return 0;
}

// Same end month: a quarter before the half-year or year that ends with it.
int kind_rank(report::PeriodKind k) {
    switch (k) {
        case report::PeriodKind::Quarter: return 0;
        case report::PeriodKind::HalfYear: return 1;
        case report::PeriodKind::NineMonths: return 2;
        case report::PeriodKind::Year: return 3;
    }
    return 0;
}

bool better_version(const session::ReportSummary& a, const session::ReportSummary& b) {
    return std::tie(a.amendment, a.modified, a.path) > std::tie(b.amendment, b.modified, b.path);
}

double median_of(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const auto n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

Result<PastReport> evaluate_one(const plugin::Registry& registry, const session::ReportSummary& s) {
    auto loaded = report::load(s.path);
    if (!loaded) return fail(loaded.error());
    auto type = registry.find(loaded->type_id, loaded->edition);
    if (!type)
        return fail(trf("{}: báo cáo dùng loại “{}” ấn bản “{}”, chưa được cài đặt.", s.path, loaded->type_id,
                        loaded->edition));
    auto ev = validate::Evaluation::create(type);
    if (!ev) return fail(ev.error());
    ev->load(*loaded);
    PastReport p;
    p.period = loaded->period;
    p.files = {s.path};
    p.units = {loaded->unit.name};
    p.report = std::move(*loaded);
    p.evaluation = std::move(*ev);
    return Result<PastReport>::ok(std::move(p));
}

// The units `r`'s unit was formed from, for `period`: from the units catalog when the unit is
// in it and began after the period ended (identities of those that went in whole; a part is
// noted), else the former names typed in the report (by name).
struct Predecessors {
    std::vector<std::pair<std::string, std::string>> whole;  // identity, name
    std::vector<std::string> notes;
};

Predecessors predecessors_of(const report::Report& r, const report::Period& period) {
    Predecessors out;
    const units::Catalog& catalog = units::installed();
    const report::UnitCheck check = report::check_unit(catalog, r.unit, r.period);
    const units::Unit* unit = check.status == report::UnitStatus::UnknownCode ? nullptr : check.unit;
    if (unit && unit->from && report::to_locale_date(period.last_day()) < *unit->from) {
        for (const auto& [p, share] : catalog.predecessors(*unit)) {
            if (share == units::Share::Part) {
                out.notes.push_back(trf("{} ({}) chỉ nhập một phần vào {}: số liệu của xã này không được cộng",
                                        p->full_name(), p->code, unit->full_name()));
                continue;
            }
            out.whole.emplace_back(report::unit_identity(*p), p->full_name());
        }
        return out;
    }
    for (const auto& name : r.unit.former_names) {
        report::UnitInfo former;
        former.name = name;
        out.whole.emplace_back(report::unit_identity(former, period), name);
    }
    return out;
}

// The predecessors' reports summed into one, evaluated with the first one's definition.
Result<std::optional<PastReport>> predecessors_summed(const plugin::Registry& registry, const Index& index,
                                                      const report::Report& r, const report::Period& period,
                                                      std::vector<std::string>* why_none) {
    const Predecessors preds = predecessors_of(r, period);
    std::vector<const session::ReportSummary*> found;
    std::vector<std::string> missing;
    for (const auto& [identity, name] : preds.whole) {
        if (const auto* s = index.find(r.type_id, identity, period)) found.push_back(s);
        else missing.push_back(name);
    }
    if (found.empty()) {
        if (why_none) *why_none = preds.notes;
        return Result<std::optional<PastReport>>::ok(std::nullopt);
    }
    std::vector<report::Report> reports;
    std::vector<std::string> files;
    for (const auto* s : found) {
        auto loaded = report::load(s->path);
        if (!loaded) return fail(loaded.error());
        reports.push_back(std::move(*loaded));
        files.push_back(s->path);
    }
    std::vector<const report::Report*> pointers;
    for (const auto& rep : reports) pointers.push_back(&rep);
    auto type = registry.find(reports.front().type_id, reports.front().edition);
    if (!type)
        return fail(trf("{}: báo cáo dùng loại “{}” ấn bản “{}”, chưa được cài đặt.", files.front(),
                        reports.front().type_id, reports.front().edition));
    auto summed = consolidate::sum_predecessor_reports(type, pointers, r.unit);
    if (!summed) return fail(summed.error());
    auto ev = validate::Evaluation::create(type);
    if (!ev) return fail(ev.error());
    ev->load(*summed);
    PastReport p;
    p.period = period;
    p.files = std::move(files);
    for (const auto& rep : reports) p.units.push_back(rep.unit.name);
    p.from_predecessors = true;
    p.notes = preds.notes;
    if (!missing.empty()) {
        std::string list;
        for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
        p.notes.push_back(trf("Chưa có báo cáo kỳ {} của: {}; tổng chỉ gồm các xã có báo cáo", period.label(i18n::language()), list));
    }
    p.report = std::move(*summed);
    p.evaluation = std::move(*ev);
    return Result<std::optional<PastReport>>::ok(std::move(p));
}

// The unit's earlier reports of the same period kind, oldest first; unreadable ones skipped.
std::vector<PastReport> earlier_reports(const plugin::Registry& registry, const Index& index,
                                        const report::Report& r) {
    std::vector<report::Period> periods;
    auto collect = [&](const std::string& unit) {
        for (const auto* s : index.series(r.type_id, unit))
            if (s->period.kind == r.period.kind && earlier(s->period, r.period) &&
                std::find(periods.begin(), periods.end(), s->period) == periods.end())
                periods.push_back(s->period);
    };
    collect(report::unit_identity(r.unit, r.period));
    // Periods before the unit was formed: those of its predecessors.
    // (any period before 1 July 2025 gives the same predecessors)
    for (const auto& [identity, name] : predecessors_of(r, report::Period{r.period.kind, 2000, r.period.index}).whole)
        collect(identity);
    std::sort(periods.begin(), periods.end(), earlier);
    std::vector<PastReport> out;
    for (const auto& p : periods) {
        auto past = find_past(registry, index, r, p);
        if (!past) {
            spdlog::warn("history: {}", past.error());
            continue;
        }
        if (*past) out.push_back(std::move(**past));
    }
    return out;
}

std::optional<double> number_of(const PastReport& p, const std::string& code) {
    const auto slot = p.evaluation->type().slot(code);
    if (!slot) return std::nullopt;
    return p.evaluation->cell(*slot).number;
}

}  // namespace

Result<Baseline> parse_baseline(std::string_view text) {
    if (text == "previous") return Result<Baseline>::ok(Baseline::Previous);
    if (text == "year-ago") return Result<Baseline>::ok(Baseline::YearAgo);
    return fail(trf("So sánh “{}” không hợp lệ; dùng previous (kỳ trước) hoặc year-ago (cùng kỳ năm trước)",
                    std::string(text)));
}

report::Period baseline_period(const report::Period& p, Baseline b) {
    report::Period out = p;
    if (b == Baseline::Previous && p.kind == report::PeriodKind::Quarter) {
        if (p.index > 1) {
            out.index = p.index - 1;
        } else {
            out.index = 4;
            out.year = p.year - 1;
        }
        return out;
    }
    out.year = p.year - 1;
    return out;
}

bool earlier(const report::Period& a, const report::Period& b) {
    return std::make_tuple(a.year, end_month(a), kind_rank(a.kind)) <
           std::make_tuple(b.year, end_month(b), kind_rank(b.kind));
}

Index::Index(const session::Workspace& ws) : Index(ws.reports()) {}

Index::Index(std::vector<session::ReportSummary> reports) {
    std::map<std::tuple<std::string, std::string, std::string>, std::size_t> latest;
    for (auto& s : reports) {
        if (!s.readable || s.type_id.empty()) continue;
        auto key = std::make_tuple(s.type_id, s.unit_identity, s.period.code());
        auto it = latest.find(key);
        if (it == latest.end()) {
            latest.emplace(key, reports_.size());
            reports_.push_back(std::move(s));
        } else if (better_version(s, reports_[it->second])) {
            reports_[it->second] = std::move(s);
        }
    }
}

const session::ReportSummary* Index::find(const std::string& type_id, const std::string& unit,
                                          const report::Period& period) const {
    for (const auto& s : reports_)
        if (s.type_id == type_id && s.period == period && s.unit_identity == unit) return &s;
    return nullptr;
}

std::vector<const session::ReportSummary*> Index::series(const std::string& type_id, const std::string& unit) const {
    std::vector<const session::ReportSummary*> out;
    for (const auto& s : reports_)
        if (s.type_id == type_id && s.unit_identity == unit) out.push_back(&s);
    std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return earlier(a->period, b->period); });
    return out;
}

std::vector<const session::ReportSummary*> Index::siblings(const std::string& type_id, const std::string& unit,
                                                           const report::Period& period) const {
    std::vector<const session::ReportSummary*> out;
    for (const auto& s : reports_)
        if (s.type_id != type_id && s.period == period && s.unit_identity == unit) out.push_back(&s);
    return out;
}

Result<std::optional<PastReport>> find_past(const plugin::Registry& registry, const Index& index,
                                            const report::Report& r, const report::Period& period,
                                            std::vector<std::string>* why_none) {
    if (const auto* s = index.find(r.type_id, report::unit_identity(r.unit, r.period), period)) {
        auto p = evaluate_one(registry, *s);
        if (!p) return fail(p.error());
        return Result<std::optional<PastReport>>::ok(std::move(*p));
    }
    return predecessors_summed(registry, index, r, period, why_none);
}

namespace {

void fill_values(Comparison& c, const validate::Evaluation& ev) {
    const auto& type = ev.type();
    for (std::size_t slot = 0; slot < type.indicators.size(); ++slot) {
        const auto& ind = type.indicators[slot];
        if (ind.heading || !ind.is_numeric()) continue;
        ComparedValue v;
        v.code = ind.code;
        v.current = ev.cell(slot);
        if (c.past) {
            const auto& pt = c.past->evaluation->type();
            if (auto ps = pt.slot(ind.code)) {
                v.baseline = c.past->evaluation->cell(*ps);
            } else {
                v.baseline_missing_code = true;
            }
        }
        if (v.current.number && v.baseline.number) {
            v.change = *v.current.number - *v.baseline.number;
            if (*v.baseline.number != 0) v.relative = *v.change / std::fabs(*v.baseline.number) * 100.0;
        }
        c.values.push_back(std::move(v));
    }
}

}  // namespace

std::string change_display(const schema::Indicator& ind, const ComparedValue& v) {
    if (!v.change) return "—";
    auto signed_text = [](double x, int decimals) {
        const std::string body = locale::format_decimal(std::fabs(x), decimals);
        return (x > 0 ? "+" : x < 0 ? "−" : "") + body;
    };
    if (ind.type == schema::ValueType::Percent) return signed_text(*v.change, 2) + " " + tr("điểm %");
    std::string out = signed_text(*v.change, ind.type == schema::ValueType::Integer ? 0 : ind.decimals);
    if (v.relative) out += " (" + signed_text(*v.relative, 2) + "%)";
    return out;
}

Result<Comparison> compare(const plugin::Registry& registry, const Index& index, const report::Report& r,
                           const validate::Evaluation& ev, Baseline b) {
    Comparison c;
    c.baseline = b;
    c.period = baseline_period(r.period, b);
    auto past = find_past(registry, index, r, c.period, &c.notes);
    if (!past) return fail(past.error());
    c.past = std::move(*past);
    if (c.past) c.notes = c.past->notes;
    fill_values(c, ev);
    return Result<Comparison>::ok(std::move(c));
}

Comparison Context::compare(const report::Report& r, const validate::Evaluation& ev, Baseline b) const {
    Comparison c;
    c.baseline = b;
    c.period = baseline_period(r.period, b);
    for (const auto& p : earlier_)
        if (p.period == c.period) {
            // A copy: the comparison outlives edits, and an Evaluation is cheap to copy.
            c.past = p;
            c.notes = p.notes;
            break;
        }
    if (!c.past) c.notes = predecessors_of(r, c.period).notes;
    fill_values(c, ev);
    return c;
}

Context Context::load(const plugin::Registry& registry, const Index& index, const report::Report& r) {
    Context c;
    c.earlier_ = earlier_reports(registry, index, r);
    for (const auto* s : index.siblings(r.type_id, report::unit_identity(r.unit, r.period), r.period)) {
        auto p = evaluate_one(registry, *s);
        if (!p) {
            spdlog::warn("cross checks: {}", p.error());
            continue;
        }
        c.siblings_.push_back(std::move(*p));
    }
    return c;
}

Result<std::vector<SeriesPoint>> Context::series(const report::Report& r, const validate::Evaluation& ev,
                                                 const std::string& code) const {
    const auto slot = ev.type().slot(code);
    if (!slot || ev.type().indicators[*slot].heading || !ev.type().indicators[*slot].is_numeric())
        return fail(trf("Không có chỉ tiêu số “{}” trong loại báo cáo {}", code, ev.type().id));
    const auto& ind = ev.type().indicators[*slot];
    std::vector<SeriesPoint> out;
    for (const auto& p : earlier_) {
        if (p.period.kind != r.period.kind || !earlier(p.period, r.period)) continue;
        SeriesPoint pt{p.period, number_of(p, code), {}, p.from_predecessors};
        if (pt.number) pt.display = validate::display_value(ind, expr::Value::of(*pt.number));
        out.push_back(std::move(pt));
    }
    const auto now = ev.cell(*slot);
    out.push_back({r.period, now.number, now.display, false});
    return Result<std::vector<SeriesPoint>>::ok(std::move(out));
}

Result<std::vector<SeriesPoint>> indicator_series(const plugin::Registry& registry, const Index& index,
                                                  const report::Report& r, const validate::Evaluation& ev,
                                                  const std::string& code) {
    return Context::load(registry, index, r).series(r, ev, code);
}

std::vector<validate::Finding> check_history(const plugin::Registry& registry, const Index& index,
                                             const report::Report& r, const validate::Evaluation& ev,
                                             const OutlierRule& rule) {
    return Context::load(registry, index, r).check(r, ev, rule);
}

std::optional<OutlierVerdict> judge(double value, const std::vector<double>& history, const OutlierRule& rule) {
    std::vector<double> positive;
    for (double h : history)
        if (h > 0 && std::isfinite(h)) positive.push_back(h);
    if (positive.size() < rule.min_history || !std::isfinite(value)) return std::nullopt;
    OutlierVerdict v;
    v.median = median_of(positive);
    // Zero is a plausible figure for a quiet quarter, and no ratio can be taken of it.
    if (value <= 0) return v;
    v.factor = value / v.median;
    // On a log scale a slip of one digit is the same distance up or down, and communes of
    // any size are judged alike.
    std::vector<double> logs, deviations;
    for (double h : positive) logs.push_back(std::log10(h));
    const double centre = median_of(logs);
    for (double l : logs) deviations.push_back(std::fabs(l - centre));
    const double spread = 1.4826 * median_of(deviations);
    const double distance = std::fabs(std::log10(value) - centre);
    v.outlier = distance >= std::log10(rule.min_factor) && distance > rule.mad_multiplier * spread &&
                std::fabs(value - v.median) >= rule.min_difference;
    return v;
}

std::vector<validate::Finding> Context::check(const report::Report& r, const validate::Evaluation& ev,
                                             const OutlierRule& rule) const {
    std::vector<validate::Finding> out;
    std::vector<const PastReport*> past;
    for (const auto& p : earlier_)
        if (p.period.kind == r.period.kind && earlier(p.period, r.period)) past.push_back(&p);
    const auto& type = ev.type();
    // Too few earlier periods: no indicator can be judged (the loop is skipped).
    const std::size_t judged = past.size() < rule.min_history ? 0 : type.indicators.size();
    for (std::size_t slot = 0; slot < judged; ++slot) {
        const auto& ind = type.indicators[slot];
        using VT = schema::ValueType;
        if (ind.heading || ind.is_computed() ||
            (ind.type != VT::Integer && ind.type != VT::Decimal && ind.type != VT::Percent))
            continue;
        const auto cell = ev.cell(slot);
        if (cell.state != validate::ValueState::Entered || !cell.number) continue;
        std::vector<double> history;
        std::vector<std::string> shown;
        for (const auto* pp : past) {
            const auto& p = *pp;
            // A cumulative figure grows through the year: only the same period of earlier years
            // is comparable.
            if (ind.cumulative && p.period.index != r.period.index) continue;
            auto n = number_of(p, ind.code);
            if (!n) continue;
            history.push_back(*n);
            shown.push_back(fmt::format("{}: {}", p.period.label(i18n::language()),
                                        validate::display_value(ind, expr::Value::of(*n))));
        }
        const auto verdict = judge(*cell.number, history, rule);
        if (!verdict || !verdict->outlier) continue;
        std::string list;
        for (const auto& s : shown) list += (list.empty() ? "" : "; ") + s;
        const std::string median = validate::display_value(ind, expr::Value::of(verdict->median));
        const std::string how =
            verdict->factor >= 1 ? trf("gấp {} lần", locale::format_decimal(verdict->factor, 1))
                                 : trf("chỉ bằng 1/{}", locale::format_decimal(1 / verdict->factor, 1));
        validate::Finding f;
        f.severity = schema::Severity::Warning;
        f.rule = "history.outlier";
        f.key = "history.outlier:" + ind.code;
        f.codes = {ind.code};
        f.message = trf("{} “{}” = {}: {} mức thường thấy của đơn vị (trung vị {} của {} kỳ trước: {}). Nếu số liệu "
                        "đúng, hãy ghi lý do; nếu gõ nhầm, hãy sửa.",
                        ind.code, ind.label.get(), cell.display, how, median, history.size(), list);
        for (const auto& j : r.justifications)
            if (j.rule == f.key) f.justification = j.text;
        out.push_back(std::move(f));
    }
    for (const auto& other : siblings_) {
        auto cross = migrate::cross_check(r, ev, other.report, *other.evaluation);
        for (auto& f : cross.a) out.push_back(std::move(f));
    }
    return out;
}

}  // namespace rb::history
