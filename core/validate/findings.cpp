#include "validate/findings.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "i18n/i18n.hpp"
#include "report/entry.hpp"
#include "report/unit_catalog.hpp"
#include "validate/narrative_checks.hpp"

namespace rb::validate {
namespace {

using schema::Severity;

void rule_findings(const Evaluation& ev, std::vector<Finding>& out) {
    const auto& type = ev.type();
    const auto& current = ev.values();
    const auto& previous = ev.previous_values();
    for (const auto& rule : type.rules) {
        if (rule.when) {
            const expr::Value w = rule.when->evaluate(current, previous);
            if (!w.is_true()) continue;
        }
        if (const auto missing = rule.missing_values(); missing != schema::MissingValues::Never) {
            const auto& slots = rule.test.reference_slots();
            const auto blank = static_cast<std::size_t>(std::count_if(slots.begin(), slots.end(), [&](std::size_t s) {
                return s >= current.size() || current[s].is_blank();
            }));
            if (missing == schema::MissingValues::SkipIfAny ? blank > 0 : blank == slots.size() && blank > 0) continue;
        }
        const expr::Value v = rule.test.evaluate(current, previous);
        if (!v.is_false()) continue;  // true, or unknown because something is blank
        Finding f;
        f.severity = rule.severity;
        f.rule = rule.id;
        f.key = rule.id;
        f.codes = rule.codes;
        f.section = rule.section;
        f.message = fill_message(rule.message.get(), ev);
        out.push_back(std::move(f));
    }
}

// The unit against the state's list: a commune-level unit only (a consolidated report names
// the office). A unit typed by hand is said (info); a code that is no unit on the period's
// last day, or a name that is not the code's, is a warning.
void unit_findings(const report::Report& r, std::vector<Finding>& out) {
    static constexpr std::string_view kCommuneKinds[] = {"xã", "phường", "thị trấn", "đặc khu"};
    const bool commune = r.unit.kind.empty() ||
                         std::find(std::begin(kCommuneKinds), std::end(kCommuneKinds), locale::fold_case(r.unit.kind)) !=
                             std::end(kCommuneKinds);
    const units::Catalog& catalog = units::installed();
    if (!commune || catalog.empty()) return;
    const report::UnitCheck check = report::check_unit(catalog, r.unit, r.period);
    if (check.status == report::UnitStatus::Matches) return;
    Finding f;
    const bool doubt = check.status == report::UnitStatus::UnknownCode || check.status == report::UnitStatus::NameDiffers;
    f.severity = doubt ? Severity::Warning : Severity::Info;
    f.rule = "unit.catalog";
    f.key = doubt ? "unit.catalog:" + r.unit.code : "unit.catalog:typed";
    f.message = check.message;
    out.push_back(std::move(f));
}

void builtin_findings(const Evaluation& ev, const report::Report& r, std::vector<Finding>& out) {
    const auto& type = ev.type();
    for (std::size_t i = 0; i < type.indicators.size(); ++i) {
        const auto& ind = type.indicators[i];
        if (ind.heading || ind.is_computed()) continue;
        auto it = r.values.find(ind.code);
        const bool blank = it == r.values.end() || it->second.value.empty();
        if (blank) {
            if (ind.required) {
                Finding f;
                f.severity = Severity::Warning;
                f.rule = "required";
                f.key = "required:" + ind.code;
                f.codes = {ind.code};
                f.message = trf("Chưa nhập chỉ tiêu {} ({}). Nếu không phát sinh, hãy nhập 0.", ind.code,
                                ind.label.get());
                out.push_back(std::move(f));
            }
            continue;
        }
        // A value edited outside the program is checked again against its definition.
        auto canonical = report::check_stored_value(ind, it->second.value);
        if (!canonical) {
            Finding f;
            f.severity = Severity::Error;
            f.rule = "invalid-value";
            f.key = "invalid-value:" + ind.code;
            f.codes = {ind.code};
            f.message = canonical.error();
            out.push_back(std::move(f));
        }
    }
    // Cumulative (lũy kế) indicators count from the start of the year: they never go down
    // from the previous report of the same year.
    if (ev.has_previous()) {
        const auto& previous = ev.previous_values();
        for (std::size_t i = 0; i < type.indicators.size() && i < previous.size(); ++i) {
            const auto& ind = type.indicators[i];
            if (!ind.cumulative) continue;
            const expr::Value& now = ev.value(i);
            const expr::Value& before = previous[i];
            if (!now.is_number() || !before.is_number() || now.number + 1e-9 >= before.number) continue;
            Finding f;
            f.severity = Severity::Error;
            f.rule = "cumulative";
            f.key = "cumulative:" + ind.code;
            f.codes = {ind.code};
            f.message = trf("{} là chỉ tiêu lũy kế nên không thể giảm: kỳ này {}, kỳ trước {}.", ind.code, ev.display(i),
                            display_value(ind, before));
            out.push_back(std::move(f));
        }
    }
    for (const auto& [code, entry] : r.values) {
        if (type.indicator(code)) continue;
        Finding f;
        f.severity = Severity::Warning;
        f.rule = "unknown-code";
        f.key = "unknown-code:" + code;
        f.codes = {code};
        f.message = trf("Giá trị “{}” của mã {} không thuộc ấn bản {}; giá trị được giữ nguyên trong tệp.",
                        entry.value, code, type.edition);
        out.push_back(std::move(f));
    }
    for (const auto& s : type.sections) {
        if (!s.required) continue;
        auto it = r.narrative.find(s.id);
        if (it != r.narrative.end() && it->second.find_first_not_of(" \t\r\n") != std::string::npos) continue;
        Finding f;
        f.severity = Severity::Warning;
        f.rule = "empty-section";
        f.key = "empty-section:" + s.id;
        f.section = s.id;
        f.message = trf("Mục {} “{}” chưa có nội dung.", s.id, report::fill_placeholders(s.title.get(), r, i18n::language()));
        out.push_back(std::move(f));
    }
    for (const auto& [id, text] : r.narrative) {
        if (type.section(id)) continue;
        Finding f;
        f.severity = Severity::Warning;
        f.rule = "unknown-section";
        f.key = "unknown-section:" + id;
        f.section = id;
        f.message = trf("Mục “{}” không thuộc ấn bản {}; nội dung được giữ nguyên trong tệp.", id, type.edition);
        out.push_back(std::move(f));
    }
    auto missing_header = [&](bool missing, const char* what, const char* field) {
        if (!missing) return;
        Finding f;
        f.severity = Severity::Warning;
        f.rule = "header";
        f.key = std::string("header:") + field;
        f.message = trf("Phần đầu văn bản chưa có {}.", tr(what));
        out.push_back(std::move(f));
    };
    unit_findings(r, out);
    missing_header(r.header.number.empty(), RB_N_("số văn bản"), "number");
    missing_header(!r.header.date.has_value(), RB_N_("ngày ban hành"), "date");
    missing_header(r.header.signer_name.empty(), RB_N_("người ký"), "signer");
    missing_header(r.header.recipients.empty(), RB_N_("nơi nhận"), "recipients");
    if (r.header.date && *r.header.date < r.window_to) {
        Finding f;
        f.severity = Severity::Warning;
        f.rule = "header";
        f.key = "header:date-before-window-end";
        f.message = trf("Ngày ban hành {:02}/{:02}/{} sớm hơn ngày cuối kỳ số liệu {:02}/{:02}/{}.", r.header.date->day,
                        r.header.date->month, r.header.date->year, r.window_to.day, r.window_to.month,
                        r.window_to.year);
        out.push_back(std::move(f));
    }
}

const char* narrative_rule(CheckKind k) {
    switch (k) {
        case CheckKind::NumberContradicts: return "narrative.number";
        case CheckKind::NameTypo: return "narrative.name";
        case CheckKind::RepeatedParagraph: return "narrative.repeat";
        case CheckKind::WrongYear: return "narrative.year";
        case CheckKind::FractionArithmetic: return "narrative.fraction";
        case CheckKind::WrongPeriod: return "narrative.period";
    }
    return "narrative";
}

// The text analysis is redone only when the text changes; after a value edit only the
// comparison of the prose's figures with the appendix runs again (microseconds, not a millisecond).
std::vector<NarrativeFinding> narrative_with_cache(const NarrativeInput& in) {
    thread_local std::optional<NarrativeAnalysis> cached;
    if (!cached || !cached->matches(in)) cached = NarrativeAnalysis::prepare(in);
    std::vector<NarrativeFinding> all = cached->text_findings();
    for (auto& f : cached->number_findings(in.mentions)) all.push_back(std::move(f));
    std::map<std::string, std::size_t> section_order;
    for (std::size_t i = 0; i < in.sections.size(); ++i) section_order.emplace(in.sections[i].id, i);
    std::stable_sort(all.begin(), all.end(), [&](const NarrativeFinding& a, const NarrativeFinding& b) {
        const auto sa = section_order[a.section_id], sb = section_order[b.section_id];
        return sa != sb ? sa < sb : a.offset < b.offset;
    });
    return all;
}

void narrative_findings(const Evaluation& ev, const report::Report& r, std::vector<Finding>& out) {
    const NarrativeInput in = narrative_input(ev, r);

    // One finding per key: the same slip repeated in a section is reported once, with a count,
    // so that one justification covers it.
    std::map<std::string, std::size_t> first_with_key;
    std::map<std::string, int> repeats;
    for (auto& nf : narrative_with_cache(in)) {
        const std::string key = fmt::format("{}:{}:{}", narrative_rule(nf.kind), nf.section_id, nf.excerpt);
        if (auto seen = first_with_key.find(key); seen != first_with_key.end()) {
            ++repeats[key];
            continue;
        }
        first_with_key.emplace(key, out.size());
        Finding f;
        f.severity = nf.kind == CheckKind::FractionArithmetic ? Severity::Error : Severity::Warning;
        f.rule = narrative_rule(nf.kind);
        f.key = key;
        if (!nf.code.empty()) f.codes = {nf.code};
        f.section = nf.section_id;
        f.message = nf.message;
        f.offset = nf.offset;
        f.length = nf.length;
        out.push_back(std::move(f));
    }
    for (const auto& [key, extra] : repeats)
        out[first_with_key[key]].message += ' ' + trf("({} lần trong mục này)", extra + 1);
}

}  // namespace

NarrativeInput narrative_input(const Evaluation& ev, const report::Report& r) {
    const auto& type = ev.type();
    NarrativeInput in;
    in.report_year = r.period.year;
    if (r.period.kind == report::PeriodKind::Quarter) in.report_quarter = r.period.index;
    in.period_label = r.period.label_vi();
    if (r.window_from.year > 0 && r.window_to.year > 0) {
        in.window_from = locale::Date{r.window_from.year, r.window_from.month, r.window_from.day};
        in.window_to = locale::Date{r.window_to.year, r.window_to.month, r.window_to.day};
    }
    for (const auto& s : type.sections) {
        auto it = r.narrative.find(s.id);
        if (it == r.narrative.end() || it->second.empty()) continue;
        in.sections.push_back({s.id, s.id, report::fill_placeholders(s.title.vi, r, report::kDocument), it->second});
    }
    for (std::size_t i = 0; i < type.indicators.size(); ++i) {
        const auto& ind = type.indicators[i];
        if (ind.mentions.empty()) continue;
        Mention m;
        m.code = ind.code;
        const expr::Value& v = ev.value(i);
        if (v.is_number()) m.value = v.number;
        m.display = ev.display(i);
        if (const auto parts = ind.ratio_parts()) {
            m.is_ratio = true;
            if (ev.value(parts->first).is_number()) m.numerator = ev.value(parts->first).number;
            if (ev.value(parts->second).is_number()) m.denominator = ev.value(parts->second).number;
        }
        // One mention per noun the phrases are followed by, all of this indicator (its phrases
        // never compete with each other).
        std::vector<std::string> nouns;
        for (const auto& x : ind.mentions)
            if (std::find(nouns.begin(), nouns.end(), x.noun) == nouns.end()) nouns.push_back(x.noun);
        for (const auto& noun : nouns) {
            Mention with_noun = m;
            with_noun.unit_noun = noun;
            for (const auto& x : ind.mentions)
                if (x.noun == noun) with_noun.phrases.push_back(x.phrase);
            in.mentions.push_back(std::move(with_noun));
        }
    }
    for (const auto* name : {&r.unit.name, &r.unit.parent, &r.unit.province, &r.header.place})
        if (!name->empty() && std::find(in.unit.names.begin(), in.unit.names.end(), *name) == in.unit.names.end())
            in.unit.names.push_back(*name);
    for (const auto& former : r.unit.former_names) in.unit.names.push_back(former);
    return in;
}

std::string fill_codes(const std::string& text, const Evaluation& ev, const std::string& blank) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] == '{') {
            const auto close = text.find('}', i);
            if (close != std::string::npos) {
                if (auto slot = ev.type().slot(std::string_view(text).substr(i + 1, close - i - 1))) {
                    const std::string d = ev.display(*slot);
                    // "({HS.5})" with HS.5 blank reads "(trống)", not "((trống))".
                    const bool in_parens = !out.empty() && out.back() == '(' && close + 1 < text.size() &&
                                           text[close + 1] == ')' && blank.size() > 2 && blank.front() == '(' &&
                                           blank.back() == ')';
                    out += !d.empty() ? d : in_parens ? blank.substr(1, blank.size() - 2) : blank;
                    i = close + 1;
                    continue;
                }
            }
        }
        out += text[i++];
    }
    return out;
}

std::string fill_message(const std::string& text, const Evaluation& ev) { return fill_codes(text, ev, tr("(trống)")); }

ValidationResult validate(const Evaluation& ev, const report::Report& r, const ValidateOptions& options) {
    ValidationResult res;
    rule_findings(ev, res.findings);
    builtin_findings(ev, r, res.findings);
    if (options.narrative) narrative_findings(ev, r, res.findings);
    std::vector<Finding> found = std::move(res.findings);
    res.findings.clear();
    add_findings(res, std::move(found), r);
    return res;
}

void add_findings(ValidationResult& res, std::vector<Finding> more, const report::Report& r) {
    for (auto& f : more) {
        if (f.severity == Severity::Warning) {
            for (const auto& j : r.justifications)
                if (j.rule == f.key) f.justification = j.text;
        }
        switch (f.severity) {
            case Severity::Error: ++res.errors; break;
            case Severity::Warning: f.justification.empty() ? ++res.warnings : ++res.accepted; break;
            case Severity::Info: ++res.infos; break;
        }
        res.findings.push_back(std::move(f));
    }
    // Errors first, then warnings, then the rest; within each, what is wrong (a rule, a figure in
    // the text that contradicts the appendix) before what is only not filled in yet, which a
    // report being written has dozens of. Stable, so definition order is kept within.
    auto rank = [](const Finding& f) {
        const bool not_yet = f.rule == "required" || f.rule == "empty-section";
        return static_cast<int>(f.severity) * 2 + (not_yet ? 1 : 0);
    };
    std::stable_sort(res.findings.begin(), res.findings.end(),
                     [&](const Finding& a, const Finding& b) { return rank(a) < rank(b); });
}

}  // namespace rb::validate
