#include "validate/evaluation.hpp"

#include <cmath>

#include "i18n/i18n.hpp"
#include "locale/vi.hpp"
#include "report/entry.hpp"

namespace rb::validate {

const char* to_string(ValueState s) {
    switch (s) {
        case ValueState::Entered: return "entered";
        case ValueState::Computed: return "computed";
        case ValueState::Blank: return "blank";
        case ValueState::NotApplicable: return "not-applicable";
    }
    return "?";
}

std::string display_value(const schema::Indicator& ind, const expr::Value& v) {
    if (v.is_blank()) return {};
    if (v.is_not_applicable()) return tr("không phát sinh");
    const double n = v.number;
    switch (ind.type) {
        case schema::ValueType::Integer:
            if (n == std::floor(n) && std::fabs(n) < 1e15) return locale::format_count(static_cast<long long>(n));
            return locale::format_decimal(n, 2);
        case schema::ValueType::Decimal: return locale::format_decimal(n, ind.decimals);
        case schema::ValueType::Percent: return locale::format_percent(n, ind.decimals);
        case schema::ValueType::YesNo:
        case schema::ValueType::Choice: return fmt::format("{}", static_cast<long long>(std::llround(n)));
        default: return {};
    }
}

Evaluation::Evaluation(schema::ReportTypePtr type, expr::Graph graph)
    : type_(std::move(type)), graph_(std::move(graph)), texts_(type_->indicators.size()) {}

Result<Evaluation> Evaluation::create(schema::ReportTypePtr type) {
    expr::Graph graph(type->indicators.size());
    for (std::size_t i = 0; i < type->indicators.size(); ++i)
        if (type->indicators[i].computed) graph.set_formula(i, *type->indicators[i].computed);
    auto ok = graph.finalize([&](std::size_t s) { return type->indicators[s].code; });
    if (!ok) return Result<Evaluation>::fail(ok.error());
    Evaluation ev(std::move(type), std::move(graph));
    ev.graph_.recompute_all();
    return Result<Evaluation>::ok(std::move(ev));
}

expr::Value Evaluation::input_value(std::size_t slot, const std::string& canonical) const {
    const auto n = report::numeric_value(type_->indicators[slot], canonical);
    return n ? expr::Value::of(*n) : expr::Value::blank();
}

void Evaluation::load(const report::Report& r) {
    for (std::size_t i = 0; i < type_->indicators.size(); ++i) {
        const auto& ind = type_->indicators[i];
        if (ind.heading || ind.is_computed()) continue;
        auto it = r.values.find(ind.code);
        const std::string canonical = it == r.values.end() ? std::string() : it->second.value;
        texts_[i] = ind.is_numeric() ? std::string() : canonical;
        if (ind.is_numeric()) graph_.set_input(i, input_value(i, canonical));
    }
    graph_.recompute_all();
}

void Evaluation::set_previous(const report::Report* previous) {
    previous_.clear();
    if (previous) {
        auto prev = create(type_);
        if (prev) {
            prev->load(*previous);
            previous_ = prev->values();
        }
    }
    graph_.set_previous(previous_);
    graph_.recompute_all();
}

std::vector<std::size_t> Evaluation::set(std::size_t slot, const std::string& canonical) {
    const auto& ind = type_->indicators[slot];
    if (ind.heading || ind.is_computed()) return {};
    if (!ind.is_numeric()) {
        texts_[slot] = canonical;
        return {slot};
    }
    return graph_.set_input(slot, input_value(slot, canonical));
}

Cell Evaluation::cell(std::size_t slot) const {
    const auto& ind = type_->indicators[slot];
    Cell c;
    if (ind.heading) return c;
    if (!ind.is_numeric()) {
        c.text = texts_[slot];
        c.state = c.text.empty() ? ValueState::Blank : ValueState::Entered;
        if (ind.type == schema::ValueType::Date && !c.text.empty()) {
            auto d = locale::parse_date(c.text);
            c.display = d ? locale::format_date_short(*d) : c.text;
        } else {
            c.display = c.text;
        }
        return c;
    }
    const expr::Value& v = graph_.value(slot);
    if (v.is_blank()) {
        c.state = ValueState::Blank;
    } else if (v.is_not_applicable()) {
        c.state = ValueState::NotApplicable;
    } else {
        c.state = ind.is_computed() ? ValueState::Computed : ValueState::Entered;
        c.number = v.number;
    }
    c.display = display_value(ind, v);
    return c;
}

std::string Evaluation::display(std::size_t slot) const { return cell(slot).display; }

}  // namespace rb::validate
