#include "plugin/extensions.hpp"

#include <spdlog/spdlog.h>

#include "i18n/i18n.hpp"
#include "report/entry.hpp"

namespace rb::plugin {
namespace {

// The read-only view of a report handed to plugin code.
class View : public api::ReportView {
public:
    View(const validate::Evaluation& ev, const report::Report& r, const View* previous)
        : ev_(ev), r_(r), previous_(previous) {}

    std::string type_id() const override { return r_.type_id; }
    std::string edition() const override { return r_.edition; }
    std::string period() const override { return r_.period.code(); }
    // Plugins write document text (drafts, the document's own words): in its language.
    std::string period_label() const override { return r_.period.label(report::kDocument); }
    std::string unit_name() const override { return r_.unit.name; }
    std::string window_from() const override { return date(r_.window_from); }
    std::string window_to() const override { return date(r_.window_to); }
    api::Value value(const std::string& code) const override {
        api::Value v;
        auto slot = ev_.type().slot(code);
        if (!slot) return v;
        const auto& x = ev_.value(*slot);
        if (x.is_number()) {
            v.kind = api::Value::Kind::Number;
            v.number = x.number;
        } else if (x.is_not_applicable()) {
            v.kind = api::Value::Kind::NotApplicable;
        }
        return v;
    }
    std::string display(const std::string& code) const override {
        auto slot = ev_.type().slot(code);
        return slot ? ev_.display(*slot) : std::string();
    }
    std::string label(const std::string& code) const override {
        const auto* ind = ev_.type().indicator(code);
        return ind ? ind->label.get() : std::string();
    }
    std::string text(const std::string& section_id) const override {
        auto it = r_.narrative.find(section_id);
        return it == r_.narrative.end() ? std::string() : it->second;
    }
    const api::ReportView* previous() const override { return previous_; }

private:
    static std::string date(const report::SimpleDate& d) { return fmt::format("{:02}/{:02}/{}", d.day, d.month, d.year); }
    const validate::Evaluation& ev_;
    const report::Report& r_;
    const View* previous_;
};

schema::Severity severity_of(const std::string& s) {
    if (s == "error") return schema::Severity::Error;
    if (s == "info") return schema::Severity::Info;
    return schema::Severity::Warning;
}

// Views of the report and of its previous period (evaluated with the same definition).
struct Views {
    std::optional<validate::Evaluation> prev_ev;
    std::optional<View> prev;
    std::optional<View> current;
};

void make_views(Views& v, const validate::Evaluation& ev, const report::Report& r, const report::Report* previous) {
    if (previous) {
        auto pe = validate::Evaluation::create(ev.type_ptr());
        if (pe) {
            pe->load(*previous);
            v.prev_ev.emplace(std::move(*pe));
            v.prev.emplace(*v.prev_ev, *previous, nullptr);
        }
    }
    v.current.emplace(ev, r, v.prev ? &*v.prev : nullptr);
}

}  // namespace

validate::ValidationResult validate_all(const Registry& registry, const validate::Evaluation& ev,
                                        const report::Report& r, const report::Report* previous) {
    validate::ValidationResult res = validate::validate(ev, r);
    const auto& rule_sets = registry.rules_for(r.type_id);
    if (rule_sets.empty()) return res;
    Views views;
    make_views(views, ev, r, previous);
    for (const auto& rules : rule_sets) {
        std::vector<api::Finding> found;
        std::string error;
        if (!call_plugin([&] { found = rules->check(*views.current); }, error)) {
            spdlog::error("plugin rules for {} threw: {}", r.type_id, error);
            const std::string message = trf("Quy tắc của plugin gặp lỗi và không kiểm tra được: {}", error);
            found = {api::Finding{"error", "plugin-failure", {}, {}, message, message}};
        }
        std::vector<validate::Finding> converted;
        for (auto& f : found) {
            validate::Finding out;
            out.severity = severity_of(f.severity);
            out.rule = f.rule;
            out.key = f.rule;
            out.codes = std::move(f.codes);
            out.section = std::move(f.section);
            out.message = i18n::pick(f.message_vi, f.message_en);
            converted.push_back(std::move(out));
        }
        validate::add_findings(res, std::move(converted), r);
    }
    return res;
}

std::string fill_draft_template(const std::string& text, const validate::Evaluation& ev, const report::Report& r) {
    // A blank figure shows as "…" so the gap in the draft is visible.
    return report::fill_placeholders(validate::fill_codes(text, ev, "…"), r, report::kDocument);
}

std::vector<DraftOutcome> draft(const Registry& registry, const validate::Evaluation& ev, report::Report& r,
                                const std::string& section, const report::Report* previous) {
    std::vector<DraftOutcome> outcomes;
    Views views;
    bool views_made = false;
    for (const auto& s : ev.type().sections) {
        if (!section.empty() && s.id != section) continue;
        DraftOutcome o;
        o.section = s.id;
        auto it = r.narrative.find(s.id);
        if (it != r.narrative.end() && it->second.find_first_not_of(" \t\r\n") != std::string::npos) {
            o.kind = DraftOutcome::Kind::KeptUserText;
            outcomes.push_back(o);
            continue;
        }
        std::string text;
        if (auto drafter = registry.drafter_for(r.type_id, s.id)) {
            if (!views_made) {
                make_views(views, ev, r, previous);
                views_made = true;
            }
            std::string error;
            if (!call_plugin([&] { text = drafter->draft(*views.current); }, error)) {
                o.kind = DraftOutcome::Kind::Failed;
                o.message = trf("Plugin không soạn được mục {}: {}", s.id, error);
                outcomes.push_back(o);
                continue;
            }
        }
        if (text.empty() && !s.draft.empty()) text = fill_draft_template(s.draft, ev, r);
        if (!text.empty()) {
            r.narrative[s.id] = text;
            o.kind = DraftOutcome::Kind::Drafted;
        }
        if (!section.empty() || o.kind == DraftOutcome::Kind::Drafted) outcomes.push_back(o);
    }
    return outcomes;
}

}  // namespace rb::plugin

namespace rb::plugin {

rb::Status run_exporter(const PluginFormat& format, const validate::Evaluation& ev, const report::Report& r,
                        const std::vector<std::string>& codes, const std::string& path) {
    Views views;
    make_views(views, ev, r, nullptr);
    std::string error;
    if (!call_plugin([&] { error = format.exporter->write(*views.current, codes, path); }, error))
        spdlog::error("plugin exporter {} threw: {}", format.id, error);
    if (error.empty()) return ok_status();
    return rb::Status::fail(trf("Định dạng “{}” của plugin không xuất được: {}", format.id, error));
}

}  // namespace rb::plugin
