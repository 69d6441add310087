#include "migrate/cross_check.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "i18n/i18n.hpp"

namespace rb::migrate {
namespace {

using schema::Severity;
using validate::Finding;

// Replaces {@with.CODE} by the other report's displayed value; the rest is left for fill_message.
std::string fill_other(const std::string& text, const std::string& with, const validate::Evaluation& other) {
    const std::string open = "{@" + with + ".";
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto at = text.find(open, i);
        if (at == std::string::npos) break;
        const auto close = text.find('}', at);
        if (close == std::string::npos) break;
        out.append(text, i, at - i);
        const std::string code = text.substr(at + open.size(), close - at - open.size());
        if (auto slot = other.type().slot(code)) {
            const std::string d = other.display(*slot);
            out += d.empty() ? tr("(trống)") : d;
        } else {
            out.append(text, at, close + 1 - at);
        }
        i = close + 1;
    }
    out.append(text, i, std::string::npos);
    return out;
}

void justify(Finding& f, const report::Report& r) {
    if (f.severity != Severity::Warning) return;
    for (const auto& j : r.justifications)
        if (j.rule == f.key) f.justification = j.text;
}

struct Side {
    const report::Report& report;
    const validate::Evaluation& ev;
    std::vector<Finding>& findings;
};

// Runs the checks `decl`'s definition declares against `other`; each finding goes to both sides.
int run_declared(const Side& decl, const Side& other) {
    const auto& dt = decl.ev.type();
    const auto& ot = other.ev.type();
    int ran = 0;
    for (const auto& c : dt.cross_checks) {
        if (c.with != ot.id) continue;
        Finding f;
        f.rule = "cross." + dt.id + "." + c.id;
        f.key = f.rule;
        const auto problems = schema::check_cross_references(dt, c, ot);
        if (!problems.empty()) {
            std::string text;
            for (const auto& p : problems) text += (text.empty() ? "" : "; ") + p;
            f.severity = Severity::Info;
            f.message = trf("Kiểm tra chéo {} không chạy được với ấn bản {} của {}: {}", c.id, ot.edition, ot.id, text);
            Finding g = f;
            decl.findings.push_back(std::move(f));
            other.findings.push_back(std::move(g));
            continue;
        }
        // One environment: this report's slots, then the other report's after them.
        const std::size_t offset = decl.ev.values().size();
        const std::string prefix = "@" + c.with + ".";
        auto resolve = [&](std::string_view code) -> std::optional<std::size_t> {
            if (code.substr(0, prefix.size()) == prefix) {
                auto s = ot.slot(code.substr(prefix.size()));
                if (!s) return std::nullopt;
                return offset + *s;
            }
            return dt.slot(code);
        };
        expr::Expr test = c.test;
        if (!test.bind(resolve)) continue;  // checked above; cannot happen
        std::optional<expr::Expr> when = c.when;
        if (when && !when->bind(resolve)) continue;
        std::vector<expr::Value> env(decl.ev.values());
        env.insert(env.end(), other.ev.values().begin(), other.ev.values().end());
        ++ran;
        if (when && !when->evaluate(env).is_true()) continue;
        if (!test.evaluate(env).is_false()) continue;  // holds, or unknown because of blanks
        f.severity = c.severity;
        f.message = validate::fill_message(fill_other(c.message.get(), c.with, other.ev), decl.ev);
        Finding g = f;
        f.codes = c.codes;
        g.codes = c.other_codes;
        justify(f, decl.report);
        justify(g, other.report);
        decl.findings.push_back(std::move(f));
        other.findings.push_back(std::move(g));
    }
    return ran;
}

}  // namespace

bool same_unit_and_period(const report::Report& a, const report::Report& b) {
    if (!(a.period == b.period)) return false;
    if (a.unit.name != b.unit.name || a.unit.kind != b.unit.kind) return false;
    // A report may leave the province out; when both give it, it must agree.
    return a.unit.province.empty() || b.unit.province.empty() || a.unit.province == b.unit.province;
}

std::vector<std::string> cross_check_partners(const schema::ReportType& t,
                                              const std::vector<schema::ReportTypePtr>& installed) {
    std::vector<std::string> out;
    auto add = [&](const std::string& id) {
        if (id != t.id && std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
    };
    for (const auto& other : installed) {
        if (!other) continue;
        for (const auto& c : t.cross_checks)
            if (c.with == other->id) add(other->id);
        for (const auto& c : other->cross_checks)
            if (c.with == t.id) add(other->id);
    }
    return out;
}

CrossCheckResult cross_check(const report::Report& a, const validate::Evaluation& ea, const report::Report& b,
                             const validate::Evaluation& eb) {
    CrossCheckResult res;
    if (!same_unit_and_period(a, b)) {
        res.skipped = trf("Không đối chiếu {} ({}, {}) với {} ({}, {}): khác đơn vị hoặc kỳ báo cáo.", a.type_id,
                          a.unit.name, a.period.code(), b.type_id, b.unit.name, b.period.code());
        Finding f;
        f.severity = Severity::Info;
        f.rule = "cross.skipped";
        f.key = "cross.skipped:" + b.type_id;
        f.message = res.skipped;
        res.a.push_back(f);
        f.key = "cross.skipped:" + a.type_id;
        res.b.push_back(std::move(f));
        return res;
    }
    res.checks += run_declared({a, ea, res.a}, {b, eb, res.b});
    res.checks += run_declared({b, eb, res.b}, {a, ea, res.a});
    return res;
}

}  // namespace rb::migrate
