#include "consolidate/consolidate.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

#include "base/file_io.hpp"
#include "export/submission/submission.hpp"
#include "i18n/i18n.hpp"
#include "locale/vi.hpp"
#include "report/entry.hpp"
#include "report/unit_catalog.hpp"
#include "validate/findings.hpp"
#include "xml/xml.hpp"

namespace rb::consolidate {

using schema::Consolidation;
using schema::Severity;
using schema::ValueType;

const char* to_string(InputState s) {
    switch (s) {
        case InputState::Included: return "included";
        case InputState::Mismatch: return "mismatch";
        case InputState::Duplicate: return "duplicate";
        case InputState::Superseded: return "superseded";
        case InputState::Copy: return "copy";
        case InputState::Unknown: return "unknown";
        case InputState::Unreadable: return "unreadable";
    }
    return "?";
}

const char* to_string(IssueKind k) {
    switch (k) {
        case IssueKind::Mismatch: return "mismatch";
        case IssueKind::Duplicate: return "duplicate";
        case IssueKind::Superseded: return "superseded";
        case IssueKind::Copy: return "copy";
        case IssueKind::Unknown: return "unknown";
        case IssueKind::Missing: return "missing";
        case IssueKind::SpellingDiffers: return "spelling";
        case IssueKind::UnitCode: return "unit-code";
        case IssueKind::Outlier: return "outlier";
        case IssueKind::Unreadable: return "unreadable";
    }
    return "?";
}

namespace {

// FNV-1a, enough to tell identical copies of a report from different ones.
struct Hasher {
    std::uint64_t h = 1469598103934665603ull;
    void add(std::string_view s) {
        for (unsigned char c : s) {
            h ^= c;
            h *= 1099511628211ull;
        }
        h ^= 0xff;  // separator, so ("ab","c") and ("a","bc") differ
        h *= 1099511628211ull;
    }
};

std::uint64_t content_hash(const report::Report& r) {
    Hasher h;
    for (const auto& [code, e] : r.values) {
        h.add(code);
        h.add(e.value);
        h.add(e.note);
    }
    for (const auto& [id, text] : r.narrative) {
        h.add(id);
        h.add(text);
    }
    return h.h;
}

// The rule as applied: yes/no, choice, text and date values cannot be summed into one value of
// their own type, so they are left blank (answers are counted instead).
Consolidation effective_rule(const schema::Indicator& ind) {
    if (ind.heading) return Consolidation::None;
    switch (ind.type) {
        case ValueType::YesNo:
        case ValueType::Choice:
        case ValueType::Text:
        case ValueType::Date: return Consolidation::None;
        default: break;
    }
    if (ind.consolidate == Consolidation::Recompute && !ind.is_computed()) return Consolidation::None;
    return ind.consolidate;
}

// Inputs are the same unit when their codes are; without a code, when name and parent are.
std::string unit_key(const UnitResult& u) {
    if (!u.code.empty()) return "code:" + u.code;
    return name_key(u.data.unit.name) + '\x1f' + name_key(u.data.unit.parent);
}

// "14029", "14029 Xã Phương Định", "14029\tPhương Định": the code an expected line starts with.
std::string leading_code(std::string_view line) {
    std::size_t n = 0;
    while (n < line.size() && line[n] >= '0' && line[n] <= '9') ++n;
    if (n < 2 || n > 8 || (n < line.size() && line[n] != ' ' && line[n] != '\t')) return {};
    return std::string(line.substr(0, n));
}

std::string unit_title(const report::UnitInfo& u) {
    if (u.parent.empty()) return units::with_kind(u.kind, u.name);
    return fmt::format("{} ({})", units::with_kind(u.kind, u.name), u.parent);
}

// "xã Phương Định" and "Phương Định" name the same commune in a list of names.
std::string without_kind(std::string key) {
    for (std::string_view kind : {"xã ", "phường ", "thị trấn ", "đặc khu ", "xa ", "phuong ", "thi tran ", "dac khu "})
        if (key.size() > kind.size() && key.compare(0, kind.size(), kind) == 0) return key.substr(kind.size());
    return key;
}

std::string loose_key(const std::string& key) { return without_kind(name_key(locale::strip_diacritics(key))); }

double median_of(std::vector<double> v) {
    const std::size_t n = v.size();
    auto mid = v.begin() + static_cast<std::ptrdiff_t>(n / 2);
    std::nth_element(v.begin(), mid, v.end());
    const double hi = *mid;
    if (n % 2 == 1) return hi;
    const double lo = *std::max_element(v.begin(), mid);
    return (lo + hi) / 2;
}

}  // namespace

std::string name_key(std::string_view name) { return units::folded_name(name); }

rb::Result<std::vector<std::string>> parse_expected_units(std::string_view text, const std::string& file_label) {
    using R = rb::Result<std::vector<std::string>>;
    std::vector<std::string> out;
    std::set<std::string> seen;
    std::size_t line_no = 0, pos = 0;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;  // a byte order mark from Windows editors
    while (pos <= text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        ++line_no;
        pos = end + 1;
        if (!locale::is_valid_utf8(line))
            return R::fail(trf("{}:{}: dòng không phải UTF-8 hợp lệ", file_label, line_no));
        if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
        std::string name = locale::to_nfc(line);
        const auto first = name.find_first_not_of(" \t\r");
        if (first == std::string::npos) continue;
        name = name.substr(first, name.find_last_not_of(" \t\r") - first + 1);
        if (seen.insert(name_key(name)).second) out.push_back(std::move(name));
        if (end == text.size()) break;
    }
    return R::ok(std::move(out));
}

std::string canonical_text(const schema::Indicator& ind, double v) {
    if (v == std::floor(v) && std::fabs(v) < 1e15) return fmt::format("{}", static_cast<long long>(v));
    // Sums of decimals carry binary noise (0.1 + 0.2): nine decimals, trailing zeros dropped.
    std::string s = fmt::format("{:.9f}", v);
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    (void)ind;
    return s;
}

// ---------------------------------------------------------------------------------------------

rb::Result<Digester> Digester::create(schema::ReportTypePtr type, bool findings, bool messages) {
    auto ev = validate::Evaluation::create(std::move(type));
    if (!ev) return rb::Result<Digester>::fail(ev.error());
    return rb::Result<Digester>::ok(Digester(std::move(*ev), findings, messages));
}

UnitData Digester::digest(const report::Report& r, const std::string& label) {
    UnitData d;
    d.label = label;
    d.unit = r.unit;
    d.type_id = r.type_id;
    d.edition = r.edition;
    d.type_version = r.type_version;
    d.period = r.period;
    d.amendment = r.amendment;
    d.modified = r.modified;
    d.content_hash = content_hash(r);
    // Values read through another definition would mean nothing: such an input is a mismatch.
    if (r.type_id != ev_.type().id || r.edition != ev_.type().edition) return d;
    ev_.load(r);
    d.values = ev_.values();
    d.values.shrink_to_fit();
    if (findings_) {
        // The office checks each unit's figures; the narrative checks are the author's, while
        // writing, and would cost most of the time of a large consolidation.
        const auto vr = validate::validate(ev_, r, validate::ValidateOptions{.narrative = false});
        d.errors = vr.errors;
        d.warnings = vr.warnings;
        d.infos = vr.infos;
        for (const auto& f : vr.findings) {
            if (f.severity == Severity::Info || (f.severity == Severity::Warning && !f.justification.empty()))
                continue;
            d.findings.push_back({f.severity, f.rule, messages_ ? f.message : std::string()});
        }
    }
    return d;
}

// ---------------------------------------------------------------------------------------------

rb::Result<Consolidator> Consolidator::create(schema::ReportTypePtr type, Options options) {
    auto dg = Digester::create(type, options.findings, options.finding_messages);
    if (!dg) return rb::Result<Consolidator>::fail(dg.error());
    return rb::Result<Consolidator>::ok(Consolidator(std::move(type), std::move(options), std::move(*dg)));
}

void Consolidator::add(UnitData unit) {
    UnitResult u;
    u.data = std::move(unit);
    units_.push_back(std::move(u));
}

void Consolidator::add(const report::Report& r, const std::string& label) { add(digester_.digest(r, label)); }

void Consolidator::add_unreadable(const std::string& label, const std::string& error) {
    UnitResult u;
    u.data.label = label;
    u.state = InputState::Unreadable;
    u.reason = error;
    units_.push_back(std::move(u));
}

bool Result::has_problems() const {
    if (!missing.empty()) return true;
    for (const auto& i : issues)
        if (i.kind == IssueKind::UnitCode) return true;
    for (const auto& u : units)
        if (u.state == InputState::Mismatch || u.state == InputState::Duplicate || u.state == InputState::Unknown ||
            u.state == InputState::Unreadable)
            return true;
    return false;
}

std::vector<std::pair<std::size_t, expr::Value>> Result::drill_down(std::size_t slot) const {
    std::vector<std::pair<std::size_t, expr::Value>> out;
    for (std::size_t i = 0; i < units.size(); ++i) {
        const auto& u = units[i];
        if (u.state != InputState::Included || slot >= u.data.values.size()) continue;
        out.emplace_back(i, u.data.values[slot]);
    }
    return out;
}

Result Consolidator::finish() {
    Result res;
    const auto& type = *type_;
    auto issue = [&](IssueKind k, Severity s, const UnitResult* u, std::string message) {
        Issue i;
        i.kind = k;
        i.severity = s;
        if (u) {
            i.file = u->data.label;
            i.unit = u->data.unit.name;
        }
        i.message = std::move(message);
        res.issues.push_back(std::move(i));
        return &res.issues.back();
    };

    // 1. The reference: the definition's type and edition; version and period given or the
    // first readable input's.
    const UnitResult* first = nullptr;
    for (const auto& u : units_)
        if (u.state != InputState::Unreadable) {
            first = &u;
            break;
        }
    const std::string ref_version =
        !options_.type_version.empty() ? options_.type_version : first ? first->data.type_version : type.version;
    report::Period ref_period = options_.period ? *options_.period : first ? first->data.period : report::Period{};
    if (!options_.period && !first) ref_period = report::Period{};

    for (auto& u : units_) {
        if (u.state == InputState::Unreadable) {
            issue(IssueKind::Unreadable, Severity::Error, &u, trf("{}: không đọc được: {}", u.data.label, u.reason));
            continue;
        }
        std::vector<std::string> diffs;
        const auto& d = u.data;
        if (d.type_id != type.id) diffs.push_back(trf("loại báo cáo “{}” thay vì “{}”", d.type_id, type.id));
        else if (d.edition != type.edition) diffs.push_back(trf("ấn bản “{}” thay vì “{}”", d.edition, type.edition));
        if (d.type_id == type.id && d.type_version != ref_version)
            diffs.push_back(trf("phiên bản định nghĩa “{}” thay vì “{}”", d.type_version, ref_version));
        if (!(d.period == ref_period)) diffs.push_back(trf("kỳ {} thay vì {}", d.period.code(), ref_period.code()));
        if (diffs.empty()) continue;
        std::string what;
        for (const auto& x : diffs) what += (what.empty() ? "" : "; ") + x;
        u.state = InputState::Mismatch;
        u.reason = what;
        issue(IssueKind::Mismatch, Severity::Error, &u,
              trf("{} ({}): không cùng loại báo cáo: {}; bị loại khỏi tổng hợp", d.label, unit_title(d.unit), what));
    }

    // 1b. Each unit against the units catalog on the period's last day: its code, or the code
    // its name has there (one commune only); a code and a name that disagree is a problem.
    const units::Catalog& catalog = options_.catalog ? *options_.catalog : units::installed();
    for (auto& u : units_) {
        if (u.state == InputState::Unreadable || u.state == InputState::Mismatch) continue;
        u.code = u.data.unit.code;
        if (catalog.empty()) continue;
        const report::UnitCheck check = report::check_unit(catalog, u.data.unit, ref_period);
        if (check.status == report::UnitStatus::Uncoded && check.unit) u.code = check.unit->code;
        if (check.status == report::UnitStatus::UnknownCode || check.status == report::UnitStatus::NameDiffers)
            issue(IssueKind::UnitCode, Severity::Error, &u, fmt::format("{}: {}", u.data.label, check.message));
    }

    // 2. The same unit more than once. A later amendment supersedes the earlier reports (that is
    // how a correction is sent); identical copies count once; different reports with the same
    // amendment number cannot be told apart, so none of them is counted.
    std::map<std::string, std::vector<std::size_t>> by_unit;
    for (std::size_t i = 0; i < units_.size(); ++i)
        if (units_[i].state == InputState::Included) by_unit[unit_key(units_[i])].push_back(i);
    for (auto& [key, idx] : by_unit) {
        if (idx.size() < 2) continue;
        int top = -1;
        for (auto i : idx) top = std::max(top, units_[i].data.amendment);
        std::vector<std::size_t> latest;
        for (auto i : idx)
            if (units_[i].data.amendment == top) latest.push_back(i);
        for (auto i : idx) {
            auto& u = units_[i];
            if (u.data.amendment == top) continue;
            u.state = InputState::Superseded;
            const auto& by = units_[latest.front()].data;
            u.reason = trf("đã được thay bằng bản sửa đổi lần {} ({})", top, by.label);
            auto* is = issue(IssueKind::Superseded, Severity::Info, &u,
                             fmt::format("{} ({}): {}", u.data.label, unit_title(u.data.unit), u.reason));
            is->other_file = by.label;
        }
        if (latest.size() < 2) continue;
        bool identical = true;
        for (auto i : latest) identical = identical && units_[i].data.content_hash == units_[latest[0]].data.content_hash;
        const auto& keep = units_[latest[0]];
        for (std::size_t k = identical ? 1 : 0; k < latest.size(); ++k) {
            auto& u = units_[latest[k]];
            const auto& other = units_[latest[k == 0 ? 1 : 0]];
            if (identical) {
                u.state = InputState::Copy;
                u.reason = trf("giống hệt {}; chỉ tính một lần", keep.data.label);
                auto* is = issue(IssueKind::Copy, Severity::Warning, &u,
                                 fmt::format("{} ({}): {}", u.data.label, unit_title(u.data.unit), u.reason));
                is->other_file = keep.data.label;
            } else {
                u.state = InputState::Duplicate;
                u.reason = trf("cùng đơn vị với {} nhưng số liệu khác; không tính tệp nào của đơn vị này",
                               other.data.label);
                auto* is = issue(IssueKind::Duplicate, Severity::Error, &u,
                                 fmt::format("{} ({}): {}", u.data.label, unit_title(u.data.unit), u.reason));
                is->other_file = other.data.label;
            }
        }
    }

    // 3. Expected units: a line with a code matches the input of that code; other lines match
    // by name (NFC, case-insensitive; a name that only differs in its diacritics matches when
    // it is the only such name, with a warning).
    std::vector<std::string> exp = options_.expected;
    const locale::Date ref_day = report::to_locale_date(ref_period.last_day());
    if (!options_.expected_province.empty()) {
        if (const units::Unit* p = catalog.find_province(options_.expected_province, ref_day)) {
            for (const units::Unit* c : catalog.communes_of(p->code, ref_day)) exp.push_back(c->code + ' ' + c->full_name());
        } else {
            Issue is;
            is.kind = IssueKind::Missing;
            is.severity = Severity::Error;
            is.unit = options_.expected_province;
            is.message = trf("Không có tỉnh, thành phố “{}” trong danh mục đơn vị hành chính ngày {}",
                             options_.expected_province, locale::format_date_short(ref_day));
            res.issues.push_back(std::move(is));
            res.missing.push_back(options_.expected_province);
        }
    }
    if (options_.check_expected && !exp.empty()) {
        std::unordered_map<std::string, std::size_t> exact, loose, by_code;
        std::set<std::string> loose_ambiguous;
        for (std::size_t i = 0; i < exp.size(); ++i) {
            if (const std::string code = leading_code(exp[i]); !code.empty()) {
                by_code.emplace(code, i);
                continue;
            }
            const std::string k = without_kind(name_key(exp[i]));
            exact.emplace(k, i);
            const std::string l = loose_key(k);
            if (!loose.emplace(l, i).second) loose_ambiguous.insert(l);
        }
        std::vector<bool> seen(exp.size(), false);
        for (auto& u : units_) {
            if (u.state == InputState::Mismatch || u.state == InputState::Unreadable) continue;
            const std::string k = without_kind(name_key(u.data.unit.name));
            std::optional<std::size_t> hit;
            if (auto ct = by_code.find(u.code); !u.code.empty() && ct != by_code.end()) hit = ct->second;
            else if (auto it = exact.find(k); it != exact.end()) hit = it->second;
            else {
                const std::string l = loose_key(k);
                if (auto lt = loose.find(l); lt != loose.end() && !loose_ambiguous.count(l)) {
                    hit = lt->second;
                    issue(IssueKind::SpellingDiffers, Severity::Warning, &u,
                          trf("{}: tên đơn vị “{}” khác cách viết trong danh sách (“{}”); vẫn được tính", u.data.label,
                              u.data.unit.name, exp[*hit]));
                }
            }
            if (hit) {
                u.expected_as = exp[*hit];
                if (u.state == InputState::Included || u.state == InputState::Copy) seen[*hit] = true;
                continue;
            }
            u.unknown = true;
            if (u.state == InputState::Included) {
                u.state = InputState::Unknown;
                u.reason = tr("đơn vị không có trong danh sách phải nộp; không được tính");
            }
            issue(IssueKind::Unknown, Severity::Error, &u,
                  trf("{}: đơn vị “{}” không có trong danh sách phải nộp; không được tính", u.data.label,
                      unit_title(u.data.unit)));
        }
        for (std::size_t i = 0; i < exp.size(); ++i) {
            if (seen[i]) continue;
            // Named as the catalog names it, whatever the list says after the code.
            std::string who = exp[i];
            if (const std::string code = leading_code(exp[i]); !code.empty())
                if (const units::Unit* c = catalog.find(code, units::Level::Commune, ref_day))
                    who = code + ' ' + c->full_name();
            res.missing.push_back(who);
            Issue is;
            is.kind = IssueKind::Missing;
            is.severity = Severity::Error;
            is.unit = who;
            is.message = trf("{}: chưa có báo cáo hợp lệ", who);
            res.issues.push_back(std::move(is));
        }
    }

    // 4. Totals of the included units.
    const std::size_t n = type.indicators.size();
    res.totals.resize(n);
    std::vector<double> sums(n, 0.0), weights(n, 0.0);
    std::vector<const UnitResult*> included;
    for (const auto& u : units_)
        if (u.state == InputState::Included && u.data.values.size() == n) included.push_back(&u);
    res.included = static_cast<int>(included.size());
    for (std::size_t s = 0; s < n; ++s) {
        const auto& ind = type.indicators[s];
        auto& t = res.totals[s];
        t.rule = effective_rule(ind);
        if (ind.heading) continue;
        const bool answers = ind.type == ValueType::YesNo || ind.type == ValueType::Choice;
        // A mean weighs each unit by its weight indicator (a unit that gives none is left out).
        const auto weight = t.rule == Consolidation::Mean && !ind.weight.empty() ? type.slot(ind.weight) : std::nullopt;
        for (const auto* u : included) {
            const auto& v = u->data.values[s];
            if (!v.is_number()) continue;
            double w = 1;
            if (weight) {
                const auto& wv = u->data.values[*weight];
                if (!wv.is_number() || wv.number <= 0) continue;
                w = wv.number;
            }
            ++t.contributors;
            sums[s] += t.rule == Consolidation::Mean ? v.number * w : v.number;
            weights[s] += w;
            if (answers) ++t.answers[std::llround(v.number)];
        }
        if (t.rule == Consolidation::Mean && weights[s] > 0) sums[s] /= weights[s];
    }
    for (const auto* u : included) res.units_with_errors += u->data.errors > 0;

    // 5. The consolidated report.
    report::UnitInfo office;
    if (options_.office) {
        office = *options_.office;
    } else {
        std::set<std::string> parents, provinces;
        for (const auto* u : included) {
            parents.insert(u->data.unit.parent);
            provinces.insert(u->data.unit.province);
        }
        if (parents.size() == 1 && !parents.begin()->empty()) {
            const auto& u0 = included.front()->data.unit;
            office.name = u0.parent;
            office.kind = u0.parent_kind.empty() ? "huyện" : u0.parent_kind;
            office.parent = provinces.size() == 1 ? u0.province : std::string();
            office.parent_kind = office.parent.empty() ? std::string() : "tỉnh";
            office.province = office.parent;
        } else if (provinces.size() == 1 && !provinces.begin()->empty()) {
            office.name = *provinces.begin();
            office.kind = "tỉnh";
            office.province = office.name;
        } else {
            office.name = tr("Đơn vị tổng hợp");
            office.kind = "";
        }
    }
    res.report = report::new_report(type, ref_period, office);
    res.report.type_version = ref_version;
    {
        auto up = [](const std::string& kind, const std::string& name) {
            return locale::to_upper(kind.empty() ? name : kind + " " + name);
        };
        res.report.header.issuing_body = "UBND " + up(office.kind, office.name);
        res.report.header.parent_body = office.parent.empty() ? std::string() : "UBND " + up(office.parent_kind, office.parent);
        res.report.header.place = office.name;
    }
    res.report.created = res.report.modified = report::timestamp_now();
    for (std::size_t s = 0; s < n; ++s) {
        const auto& ind = type.indicators[s];
        const auto& t = res.totals[s];
        if (ind.heading || ind.is_computed() || (t.rule != Consolidation::Sum && t.rule != Consolidation::Mean) ||
            t.contributors == 0)
            continue;
        res.report.values[ind.code] = report::Entry{canonical_text(ind, sums[s]), {}};
    }
    {
        auto ev = validate::Evaluation::create(type_);
        if (ev) {
            ev->load(res.report);
            for (std::size_t s = 0; s < n; ++s) {
                auto& t = res.totals[s];
                if (t.rule == Consolidation::None) continue;
                t.value = ev->value(s);
                if (type.indicators[s].is_computed()) {
                    // contributors of a computed row: the units for which it had a value
                    t.contributors = 0;
                    for (const auto* u : included) t.contributors += !u->data.values[s].is_blank();
                }
            }
        }
    }

    // 6. Outliers, per indicator across the included units: modified z-score on the median
    // absolute deviation (Iglewicz & Hoaglin) with a minimum gap, so a tight spread does not
    // turn small differences into warnings. Percentages are compared as they are. Counts are
    // compared on a log scale after removing each unit's size (the median, over its counts, of
    // how far it stands from the other units): a large commune is not an outlier for being
    // large, but one figure ten times its other figures' proportion is.
    if (options_.outliers) {
        const std::size_t m = included.size();
        const int min_values = std::max(3, options_.outlier_min_values);
        auto checked = [&](std::size_t s) {
            const auto& ind = type.indicators[s];
            if (ind.heading || res.totals[s].rule == Consolidation::None) return false;
            if (ind.type == ValueType::Percent) return true;
            return (ind.type == ValueType::Integer || ind.type == ValueType::Decimal) && !ind.is_computed();
        };
        auto is_count = [&](std::size_t s) { return type.indicators[s].type != ValueType::Percent; };
        auto log_scale = [](double x) { return x < 0 ? -std::log1p(-x) : std::log1p(x); };
        // The centre of each count indicator, then each unit's size on the same scale.
        std::vector<double> centre(n, 0.0), size(m, 0.0), tmp;
        for (std::size_t s = 0; s < n; ++s) {
            if (!checked(s) || !is_count(s)) continue;
            tmp.clear();
            for (const auto* u : included)
                if (u->data.values[s].is_number()) tmp.push_back(log_scale(u->data.values[s].number));
            if (!tmp.empty()) centre[s] = median_of(tmp);
        }
        for (std::size_t k = 0; k < m; ++k) {
            tmp.clear();
            for (std::size_t s = 0; s < n; ++s) {
                const auto& v = included[k]->data.values[s];
                if (checked(s) && is_count(s) && centre[s] > 0 && v.is_number() && v.number > 0)
                    tmp.push_back(log_scale(v.number) - centre[s]);
            }
            if (!tmp.empty()) size[k] = median_of(tmp);
        }
        std::vector<double> xs, ts, dev;
        std::vector<std::size_t> who;
        for (std::size_t s = 0; s < n; ++s) {
            if (!checked(s)) continue;
            const auto& ind = type.indicators[s];
            const bool count = is_count(s);
            xs.clear();
            ts.clear();
            who.clear();
            for (std::size_t k = 0; k < m; ++k) {
                const auto& v = included[k]->data.values[s];
                // A zero count ("none this period") is common and says nothing about scale.
                if (!v.is_number() || (count && v.number <= 0)) continue;
                xs.push_back(v.number);
                ts.push_back(count ? log_scale(v.number) - size[k] : v.number);
                who.push_back(k);
            }
            if (static_cast<int>(xs.size()) < min_values) continue;
            const double med_t = median_of(ts);
            const double med_x = median_of(xs);
            dev.clear();
            for (double t : ts) dev.push_back(std::fabs(t - med_t));
            double spread = median_of(dev) / 0.6745;
            if (spread == 0) {
                // More than half the units stand at the centre: the mean absolute deviation.
                double mean = 0;
                for (double d : dev) mean += d;
                spread = 1.253314 * mean / static_cast<double>(dev.size());
            }
            if (spread == 0) continue;
            const double min_gap = count ? std::log(3.0) : 10.0;  // ×3 for counts, 10 points for %
            for (std::size_t k = 0; k < xs.size(); ++k) {
                const double gap = std::fabs(ts[k] - med_t);
                if (gap / spread <= options_.outlier_threshold || gap < min_gap) continue;
                const auto* u = included[who[k]];
                auto* is = issue(IssueKind::Outlier, Severity::Warning, u,
                                 trf("{} ({}): chỉ tiêu {} = {} khác xa các đơn vị khác (trung vị {})", u->data.label,
                                     unit_title(u->data.unit), ind.code,
                                     validate::display_value(ind, expr::Value::of(xs[k])),
                                     validate::display_value(ind, expr::Value::of(med_x))));
                is->code = ind.code;
                is->value = xs[k];
                is->median = med_x;
            }
        }
    }

    res.units = std::move(units_);
    units_.clear();
    return res;
}

// ---------------------------------------------------------------------------------------------

rb::Result<Result> consolidate(schema::ReportTypePtr type, const std::vector<const report::Report*>& reports,
                               const std::vector<std::string>& labels, Options options) {
    auto c = Consolidator::create(std::move(type), std::move(options));
    if (!c) return rb::Result<Result>::fail(c.error());
    for (std::size_t i = 0; i < reports.size(); ++i)
        c->add(*reports[i], i < labels.size() ? labels[i] : fmt::format("#{}", i + 1));
    return rb::Result<Result>::ok(c->finish());
}

rb::Result<report::Report> sum_predecessor_reports(schema::ReportTypePtr type,
                                                   const std::vector<const report::Report*>& predecessors,
                                                   const report::UnitInfo& successor) {
    using R = rb::Result<report::Report>;
    if (predecessors.empty()) return R::fail(tr("Không có báo cáo nào của các đơn vị cũ để cộng"));
    Options o;
    o.check_expected = false;
    o.outliers = false;
    o.findings = false;
    o.office = successor;
    o.period = predecessors.front()->period;
    std::vector<std::string> labels;
    for (const auto* r : predecessors) labels.push_back(r->unit.name);
    auto res = consolidate(std::move(type), predecessors, labels, std::move(o));
    if (!res) return R::fail(res.error());
    for (const auto& u : res->units)
        if (u.state != InputState::Included && u.state != InputState::Superseded)
            return R::fail(trf("Không cộng được báo cáo của các đơn vị cũ: {}: {}", unit_title(u.data.unit), u.reason));
    return R::ok(std::move(res->report));
}

std::vector<ReadOutcome> read_and_digest(schema::ReportTypePtr type, const std::vector<std::string>& paths,
                                         unsigned threads, bool findings, bool messages,
                                         const std::function<void(std::size_t, std::size_t)>& progress) {
    std::vector<ReadOutcome> out(paths.size());
    std::atomic<std::size_t> next{0}, done{0};
    std::mutex error_mutex;
    std::string setup_error;
    const auto caller = std::this_thread::get_id();
    auto work = [&] {
        auto dg = Digester::create(type, findings, messages);
        if (!dg) {
            std::lock_guard lock(error_mutex);
            setup_error = dg.error();
        }
        for (std::size_t i = next++; i < paths.size(); i = next++) {
            auto& o = out[i];
            o.label = paths[i];
            if (!dg) {
                std::lock_guard lock(error_mutex);
                o.error = setup_error;
            } else if (auto text = files::read(paths[i], exporting::kMaxSubmissionBytes); !text) {
                o.error = text.error();
            } else if (auto s = exporting::read_submission(*text, paths[i]); !s) {
                o.error = s.error();
            } else {
                o.data = dg->digest(s->report, paths[i]);
            }
            const std::size_t d = ++done;
            if (progress && std::this_thread::get_id() == caller) progress(d, paths.size());
        }
    };
    threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(std::max<std::size_t>(paths.size(), 1))));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    if (progress) progress(paths.size(), paths.size());
    return out;
}

}  // namespace rb::consolidate
