#include "migrate/migrate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <pugixml.hpp>
#include <set>
#include <sstream>

#include "i18n/i18n.hpp"
#include "report/entry.hpp"

namespace rb::migrate {

const char* to_string(ItemKind k) {
    switch (k) {
        case ItemKind::Carried: return "carried";
        case ItemKind::Renamed: return "renamed";
        case ItemKind::Merged: return "merged";
        case ItemKind::Split: return "split";
        case ItemKind::Dropped: return "dropped";
        case ItemKind::TypeChanged: return "type-changed";
        case ItemKind::NarrativeCarried: return "narrative-carried";
        case ItemKind::NarrativeMoved: return "narrative-moved";
        case ItemKind::NarrativeDropped: return "narrative-dropped";
        case ItemKind::Header: return "header";
        case ItemKind::Period: return "period";
        case ItemKind::NoMapping: return "no-mapping";
        case ItemKind::Justifications: return "justifications";
    }
    return "?";
}

int Migrated::attention() const {
    return static_cast<int>(std::count_if(summary.begin(), summary.end(), [](const Item& i) { return i.attention; }));
}

namespace {

using schema::Indicator;
using schema::MappingKind;
using schema::MappingRule;
using schema::ReportType;

std::string join(const std::vector<std::string>& v, const char* sep = ", ") {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
    return out;
}

const char* period_kind(report::PeriodKind k) {
    switch (k) {
        case report::PeriodKind::Quarter: return "quarter";
        case report::PeriodKind::HalfYear: return "half-year";
        case report::PeriodKind::NineMonths: return "nine-months";
        case report::PeriodKind::Year: return "year";
    }
    return "";
}

// What a value is, for deciding whether it means the same thing in the new edition.
std::string type_text(const Indicator& i) {
    std::string t = schema::to_string(i.type);
    if (!i.unit.empty()) t += " [" + i.unit + "]";
    return t;
}

bool same_kind(const Indicator& a, const Indicator& b) {
    if (a.type != b.type || a.unit != b.unit) return false;
    if (a.type == schema::ValueType::Choice) {
        if (a.choices.size() != b.choices.size()) return false;
        for (std::size_t i = 0; i < a.choices.size(); ++i)
            if (a.choices[i].value != b.choices[i].value || a.choices[i].label.vi != b.choices[i].label.vi) return false;
    }
    return true;
}

// Sum of stored numbers, written back the way the report stores numbers.
std::optional<std::string> sum_text(const std::vector<std::string>& values) {
    double total = 0;
    bool integral = true;
    for (const auto& v : values) {
        char* end = nullptr;
        const double x = std::strtod(v.c_str(), &end);
        if (v.empty() || end != v.c_str() + v.size() || !std::isfinite(x)) return std::nullopt;
        integral = integral && v.find_first_of(".eE") == std::string::npos;
        total += x;
    }
    if (integral) return fmt::format("{}", static_cast<long long>(std::llround(total)));
    std::string s = fmt::format("{:.10f}", total);
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

class Migrator {
public:
    Migrator(const report::Report& old, const ReportType& from, const ReportType& to)
        : old_(old), from_(from), to_(to) {}

    Result<Migrated> run() {
        if (old_.type_id != from_.id || old_.edition != from_.edition)
            return Result<Migrated>::fail(trf("Báo cáo là loại {} ấn bản {}, không phải {} ấn bản {}", old_.type_id,
                                              old_.edition, from_.id, from_.edition));
        if (from_.id != to_.id)
            return Result<Migrated>::fail(
                trf("Chỉ chuyển được sang ấn bản khác của cùng loại báo cáo ({} → {})", from_.id, to_.id));
        if (from_.edition == to_.edition)
            return Result<Migrated>::fail(trf("Báo cáo đã ở ấn bản {}", to_.edition));
        if (old_.read_only)
            return Result<Migrated>::fail(trf("Báo cáo chỉ đọc, không chuyển được: {}", old_.read_only_reason));
        mapping_ = to_.migration_from(from_.edition);
        if (mapping_) {
            const auto problems = schema::check_migration_sources(to_, *mapping_, from_);
            if (!problems.empty()) return Result<Migrated>::fail(join(problems, "\n"));
            for (const auto& r : mapping_->rules)
                for (const auto& c : r.from)
                    (r.kind == MappingKind::Section || r.kind == MappingKind::DropSection ? section_rule_ : value_rule_)
                        .emplace(c, &r);
        } else {
            add({ItemKind::NoMapping, {}, {}, "", "", true,
                 trf("Ấn bản {} không khai báo cách chuyển từ ấn bản {}: chỉ các chỉ tiêu và mục cùng mã được chuyển "
                     "sang; các giá trị còn lại được liệt kê và lưu giữ.",
                     to_.edition, from_.edition)});
        }

        out_ = old_;
        out_.type_version = to_.version;
        out_.edition = to_.edition;
        out_.status = report::Status::Draft;
        out_.amendment = 0;
        out_.amends.clear();
        out_.values.clear();
        out_.narrative.clear();
        out_.created = out_.modified = report::timestamp_now();

        values();
        narrative();
        document();
        write_kept();
        Migrated m{std::move(out_), std::move(summary_)};
        return Result<Migrated>::ok(std::move(m));
    }

private:
    void add(Item i) { summary_.push_back(std::move(i)); }

    void keep_value(const std::string& code, const report::Entry& e, const char* why) {
        kept_values_.push_back({code, e, why});
    }

    static bool entered(const report::Entry& e) { return !e.value.empty() || !e.note.empty(); }

    std::string reason_of(const MappingRule& r) const {
        const std::string& t = r.reason.get();
        return t.empty() ? std::string() : " " + trf("Lý do: {}", t);
    }

    // Puts an old entry at `target`; returns false (and keeps the value aside) when it cannot.
    void place(const std::string& code, const report::Entry& e, const std::string& target, ItemKind kind,
               const std::string& reason) {
        const Indicator* old_ind = from_.indicator(code);
        const Indicator* new_ind = to_.indicator(target);
        if (!new_ind || new_ind->heading) {
            keep_value(code, e, "not-in-edition");
            add({ItemKind::Dropped, {code}, {}, e.value, "", true,
                 trf("{} = “{}”: ấn bản {} không có chỉ tiêu này và ánh xạ không nói chuyển đi đâu; giá trị được lưu "
                     "giữ trong báo cáo, cần xem lại.",
                     code, e.value, to_.edition)});
            return;
        }
        if (new_ind->is_computed()) {
            keep_value(code, e, "computed-now");
            add({ItemKind::TypeChanged, {code}, {target}, e.value, "", true,
                 trf("{} = “{}”: ở ấn bản {}, {} được tính tự động nên không nhận giá trị nhập; giá trị cũ được lưu "
                     "giữ, cần đối chiếu.",
                     code, e.value, to_.edition, target)});
            return;
        }
        if (auto it = out_.values.find(target); it != out_.values.end()) {
            keep_value(code, e, "target-taken");
            add({ItemKind::Dropped, {code}, {target}, e.value, it->second.value, true,
                 trf("{} = “{}”: {} đã nhận giá trị “{}” từ chỉ tiêu cùng mã; giá trị này được lưu giữ, cần xem lại.",
                     code, e.value, target, it->second.value)});
            return;
        }
        if (!e.value.empty()) {
            if (auto ok = report::check_stored_value(*new_ind, e.value); !ok) {
                keep_value(code, e, "invalid-now");
                add({ItemKind::TypeChanged, {code}, {target}, e.value, "", true,
                     trf("{} = “{}” không còn hợp lệ cho {} ({}): {}. Giá trị cũ được lưu giữ; hãy nhập lại.", code,
                         e.value, target, type_text(*new_ind), ok.error())});
                return;
            }
        }
        out_.values[target] = e;
        if (old_ind && !same_kind(*old_ind, *new_ind)) {
            add({ItemKind::TypeChanged, {code}, {target}, e.value, e.value, true,
                 trf("{} → {}: kiểu hoặc đơn vị đổi từ {} sang {}; giá trị “{}” được chuyển nguyên, cần kiểm tra.",
                     code, target, type_text(*old_ind), type_text(*new_ind), e.value)});
            return;
        }
        if (kind == ItemKind::Renamed)
            add({kind, {code}, {target}, e.value, e.value, false, trf("{} đổi mã thành {}.", code, target) + reason});
        else if (!old_ind)
            add({kind, {code}, {target}, e.value, e.value, true,
                 trf("{}: mã không có trong ấn bản cũ nhưng có trong ấn bản mới; giá trị được chuyển nguyên, cần kiểm tra.",
                     code)});
        else
            add({kind, {code}, {target}, e.value, e.value, false, ""});
    }

    void values() {
        std::set<const MappingRule*> merges;
        for (const auto& [code, e] : old_.values) {
            if (!entered(e)) continue;
            auto rule_it = value_rule_.find(code);
            if (rule_it == value_rule_.end()) {
                if (to_.indicator(code)) {
                    place(code, e, code, ItemKind::Carried, "");
                } else {
                    keep_value(code, e, "not-in-edition");
                    add({ItemKind::Dropped, {code}, {}, e.value, "", true,
                         trf("{} = “{}”: ấn bản {} không còn chỉ tiêu này và định nghĩa không khai báo; giá trị được "
                             "lưu giữ trong báo cáo, cần xem lại.",
                             code, e.value, to_.edition)});
                }
                continue;
            }
            const MappingRule& r = *rule_it->second;
            const std::string reason = reason_of(r);
            switch (r.kind) {
                case MappingKind::Rename: place(code, e, r.to[0], ItemKind::Renamed, reason); break;
                case MappingKind::Drop:
                    keep_value(code, e, "dropped");
                    add({ItemKind::Dropped, {code}, {}, e.value, "", false,
                         trf("{} = “{}”: ấn bản {} không còn yêu cầu chỉ tiêu này; giá trị được lưu giữ trong báo cáo.",
                             code, e.value.empty() ? tr("(trống)") : e.value, to_.edition) +
                             reason});
                    break;
                case MappingKind::Split: split(code, e, r, reason); break;
                case MappingKind::Merge: merges.insert(&r); break;
                default: break;
            }
        }
        // Merges in declaration order, each once.
        if (mapping_)
            for (const auto& r : mapping_->rules)
                if (merges.count(&r)) merge(r);
        // Rows the new edition no longer has are listed even when the old report left them blank.
        if (mapping_)
            for (const auto& r : mapping_->rules) {
                if (r.kind != MappingKind::Drop) continue;
                auto it = old_.values.find(r.from[0]);
                if (it != old_.values.end() && entered(it->second)) continue;
                add({ItemKind::Dropped, r.from, {}, "", "", false,
                     trf("{}: ấn bản {} không còn chỉ tiêu này (báo cáo cũ để trống).", r.from[0], to_.edition) +
                         reason_of(r)});
            }
    }

    void split(const std::string& code, const report::Entry& e, const MappingRule& r, const std::string& reason) {
        keep_value(code, e, "split");
        const std::string targets = join(r.to);
        if (r.keep.empty() || e.value.empty()) {
            add({ItemKind::Split, {code}, r.to, e.value, "", true,
                 trf("{} = “{}” được tách thành {}: hãy phân bổ giá trị cho từng chỉ tiêu (các ô này để trống).", code,
                     e.value, targets) +
                     reason});
            return;
        }
        const Indicator* target = to_.indicator(r.keep);
        if (auto ok = report::check_stored_value(*target, e.value); !ok) {
            add({ItemKind::Split, {code}, r.to, e.value, "", true,
                 trf("{} = “{}” được tách thành {}: giá trị không hợp lệ cho {} ({}); hãy phân bổ lại.", code, e.value,
                     targets, r.keep, ok.error()) +
                     reason});
            return;
        }
        out_.values[r.keep] = e;
        add({ItemKind::Split, {code}, r.to, e.value, e.value, true,
             trf("{} = “{}” được tách thành {}: toàn bộ giá trị tạm ghi vào {}; hãy phân bổ lại cho đúng.", code,
                 e.value, targets, r.keep) +
                 reason});
    }

    void merge(const MappingRule& r) {
        std::vector<std::string> present, values, notes, parts;
        bool some_blank = false;
        for (const auto& code : r.from) {
            auto it = old_.values.find(code);
            if (it == old_.values.end() || !entered(it->second)) {
                some_blank = true;
                continue;
            }
            present.push_back(code);
            keep_value(code, it->second, "merged");
            parts.push_back(code + "=" + (it->second.value.empty() ? tr("(trống)") : it->second.value));
            if (it->second.value.empty()) some_blank = true;
            else values.push_back(it->second.value);
            if (!it->second.note.empty()) notes.push_back(it->second.note);
        }
        const std::string target = r.to[0];
        const std::string old_text = join(parts, "; ");
        const std::string reason = reason_of(r);
        if (!r.sum || values.empty()) {
            add({ItemKind::Merged, present, {target}, old_text, "", true,
                 trf("{} được gộp thành {}: hãy nhập giá trị mới (giá trị cũ: {}).", join(r.from), target, old_text) +
                     reason});
            return;
        }
        const auto total = sum_text(values);
        const Indicator* ind = to_.indicator(target);
        if (!total || !report::check_stored_value(*ind, *total)) {
            add({ItemKind::Merged, present, {target}, old_text, "", true,
                 trf("{} được gộp thành {} nhưng không cộng được các giá trị ({}); hãy nhập giá trị mới.", join(r.from),
                     target, old_text) +
                     reason});
            return;
        }
        out_.values[target] = report::Entry{*total, join(notes, "; ")};
        add({ItemKind::Merged, present, {target}, old_text, *total, some_blank,
             (some_blank ? trf("{} = {} (tổng của {}; có chỉ tiêu cũ để trống, cần kiểm tra).", target, *total, old_text)
                         : trf("{} = {} (tổng của {}).", target, *total, old_text)) +
                 reason});
    }

    void narrative() {
        // Same ids first, so that a section moved into an existing one is appended after it.
        std::vector<std::pair<std::string, const MappingRule*>> moves;
        for (const auto& [id, text] : old_.narrative) {
            if (text.empty()) continue;
            auto it = section_rule_.find(id);
            if (it != section_rule_.end()) {
                moves.emplace_back(id, it->second);
                continue;
            }
            if (to_.section(id)) {
                out_.narrative[id] = text;
                add({ItemKind::NarrativeCarried, {id}, {id}, "", "", false, ""});
            } else {
                kept_sections_.push_back({id, text, "not-in-edition"});
                add({ItemKind::NarrativeDropped, {id}, {}, "", "", true,
                     trf("Mục {}: ấn bản {} không có mục này; nội dung được lưu giữ trong báo cáo, hãy chuyển vào mục "
                         "phù hợp.",
                         id, to_.edition)});
            }
        }
        for (const auto& [id, r] : moves) {
            const std::string& text = old_.narrative.at(id);
            const std::string reason = reason_of(*r);
            if (r->kind == MappingKind::DropSection) {
                kept_sections_.push_back({id, text, "dropped"});
                add({ItemKind::NarrativeDropped, {id}, {}, "", "", false,
                     trf("Mục {}: ấn bản {} không còn mục này; nội dung được lưu giữ trong báo cáo.", id, to_.edition) +
                         reason});
                continue;
            }
            const std::string& target = r->to[0];
            auto& dest = out_.narrative[target];
            const bool joined = !dest.empty();
            dest += (joined ? "\n\n" : "") + text;
            add({ItemKind::NarrativeMoved, {id}, {target}, "", "", joined,
                 (joined ? trf("Mục {} chuyển vào mục {}, nối sau nội dung đã có; cần biên tập lại.", id, target)
                         : trf("Mục {} chuyển thành mục {}.", id, target)) +
                     reason});
        }
    }

    void document() {
        const auto& a = from_.document;
        const auto& b = to_.document;
        if (a.parent_body != b.parent_body || a.issuing_body != b.issuing_body || a.recipients != b.recipients) {
            add({ItemKind::Header, {}, {}, "", "", true,
                 trf("Phần đầu và nơi nhận được giữ như báo cáo cũ, nhưng ấn bản {} có mẫu khác (cơ quan chủ quản “{}”, "
                     "cơ quan ban hành “{}”, nơi nhận: {}); hãy xem lại.",
                     to_.edition, b.parent_body, b.issuing_body, join(b.recipients, "; "))});
        }
        if (!to_.allows_period(period_kind(old_.period.kind)))
            add({ItemKind::Period, {}, {}, old_.period.code(), "", true,
                 trf("Ấn bản {} không có kỳ báo cáo loại này ({}); các kỳ được phép: {}.", to_.edition,
                     old_.period.code(), join(to_.periods))});
        if (!old_.justifications.empty())
            add({ItemKind::Justifications, {}, {}, "", "", false,
                 trf("{} giải trình được giữ nguyên; giải trình nào không còn ứng với cảnh báo sẽ không hiện.",
                     old_.justifications.size())});
    }

    // One element in <extension>: where the report came from and what did not carry unchanged.
    void write_kept() {
        pugi::xml_document doc;
        auto m = doc.append_child("migration");
        m.append_attribute("xmlns") = kKeptNamespace;
        m.append_attribute("type") = from_.id.c_str();
        m.append_attribute("from") = from_.edition.c_str();
        m.append_attribute("fromVersion") = from_.version.c_str();
        m.append_attribute("to") = to_.edition.c_str();
        m.append_attribute("date") = out_.created.c_str();
        for (const auto& k : kept_values_) {
            auto v = m.append_child("value");
            v.append_attribute("code") = k.code.c_str();
            v.append_attribute("why") = k.why;
            if (!k.entry.note.empty()) v.append_attribute("note") = k.entry.note.c_str();
            v.text().set(k.entry.value.c_str());
        }
        for (const auto& k : kept_sections_) {
            auto s = m.append_child("section");
            s.append_attribute("id") = k.id.c_str();
            s.append_attribute("why") = k.why;
            s.text().set(k.text.c_str());
        }
        std::ostringstream os;
        m.print(os, "", pugi::format_raw, pugi::encoding_utf8);
        out_.preserved_xml.push_back(os.str());
    }

    struct KeptValue {
        std::string code;
        report::Entry entry;
        const char* why;
    };
    struct KeptSection {
        std::string id;
        std::string text;
        const char* why;
    };

    const report::Report& old_;
    const ReportType& from_;
    const ReportType& to_;
    const schema::Migration* mapping_ = nullptr;
    std::map<std::string, const MappingRule*> value_rule_, section_rule_;
    report::Report out_;
    std::vector<Item> summary_;
    std::vector<KeptValue> kept_values_;
    std::vector<KeptSection> kept_sections_;
};

}  // namespace

Result<Migrated> migrate(const report::Report& old, const schema::ReportType& from, const schema::ReportType& to) {
    return Migrator(old, from, to).run();
}

}  // namespace rb::migrate
