#include "expr/graph.hpp"

#include <algorithm>
#include <deque>

#include "i18n/i18n.hpp"

namespace rb::expr {
namespace {
const std::vector<std::size_t> kNone;
const Value kBlank = Value::blank();
}  // namespace

Graph::Graph(std::size_t slot_count)
    : values_(slot_count),
      formulas_(slot_count),
      computed_(slot_count, 0),
      dependents_(slot_count),
      rank_(slot_count, 0),
      scheduled_(slot_count, 0) {}

void Graph::set_formula(std::size_t target, Expr expr) {
    if (target >= values_.size()) return;
    formulas_[target] = std::move(expr);
    computed_[target] = 1;
    finalized_ = false;
}

Status Graph::finalize(const std::function<std::string(std::size_t)>& name) {
    const std::size_t n = values_.size();
    finalized_ = false;
    order_.clear();
    for (auto& d : dependents_) d.clear();

    std::size_t computed_count = 0;
    for (std::size_t t = 0; t < n; ++t) {
        if (!computed_[t]) continue;
        ++computed_count;
        for (std::size_t s : formulas_[t].reference_slots())
            if (s < n) dependents_[s].push_back(t);
    }
    // Two codes may resolve to one slot: keep each edge once so in-degrees stay right.
    std::vector<std::size_t> pending(n, 0);  // unprocessed computed dependencies
    for (std::size_t s = 0; s < n; ++s) {
        auto& d = dependents_[s];
        std::sort(d.begin(), d.end());
        d.erase(std::unique(d.begin(), d.end()), d.end());
        if (computed_[s])
            for (std::size_t t : d) ++pending[t];
    }

    // Kahn's algorithm, seeded in slot order so the order is deterministic.
    std::deque<std::size_t> ready;
    for (std::size_t t = 0; t < n; ++t)
        if (computed_[t] && pending[t] == 0) ready.push_back(t);
    while (!ready.empty()) {
        const std::size_t s = ready.front();
        ready.pop_front();
        rank_[s] = static_cast<std::uint32_t>(order_.size());
        order_.push_back(s);
        for (std::size_t t : dependents_[s])
            if (--pending[t] == 0) ready.push_back(t);
    }

    if (order_.size() != computed_count) {
        // Every slot left has an unprocessed computed dependency, so following those from any
        // of them must come back to a slot already seen: that loop is the cycle.
        std::size_t start = 0;
        while (!(computed_[start] && pending[start] > 0)) ++start;
        std::vector<std::size_t> path;
        std::vector<std::size_t> seen_at(n, n);
        std::size_t s = start;
        while (seen_at[s] == n) {
            seen_at[s] = path.size();
            path.push_back(s);
            for (std::size_t d : formulas_[s].reference_slots()) {
                if (d < n && computed_[d] && pending[d] > 0) { s = d; break; }
            }
        }
        std::string cycle;
        for (std::size_t i = seen_at[s]; i < path.size(); ++i) {
            cycle += name(path[i]);
            cycle += " → ";
        }
        cycle += name(s);
        order_.clear();
        return Status::fail(trf("Chỉ tiêu tính toán phụ thuộc vòng tròn: {}", cycle));
    }

    finalized_ = true;
    recompute_all();
    return ok_status();
}

void Graph::set_previous(std::vector<Value> previous) {
    previous_ = std::move(previous);
    recompute_all();
}

void Graph::schedule_dependents(std::size_t slot) {
    const auto later = [this](std::size_t a, std::size_t b) { return rank_[a] > rank_[b]; };
    for (std::size_t t : dependents_[slot]) {
        if (scheduled_[t] == epoch_) continue;
        scheduled_[t] = epoch_;
        heap_.push_back(t);
        std::push_heap(heap_.begin(), heap_.end(), later);
    }
}

std::vector<std::size_t> Graph::set_input(std::size_t slot, Value v) {
    if (slot >= values_.size() || computed_[slot]) return {};
    if (values_[slot] == v) return {};
    values_[slot] = v;
    std::vector<std::size_t> changed{slot};
    if (!finalized_) return changed;

    if (++epoch_ == 0) {  // wrapped: old marks could collide with the new epoch
        std::fill(scheduled_.begin(), scheduled_.end(), 0);
        epoch_ = 1;
    }
    // Lowest rank first: every dependency of a formula is final before it is evaluated, and
    // a formula whose inputs did not change is never scheduled.
    const auto later = [this](std::size_t a, std::size_t b) { return rank_[a] > rank_[b]; };
    heap_.clear();
    schedule_dependents(slot);
    while (!heap_.empty()) {
        std::pop_heap(heap_.begin(), heap_.end(), later);
        const std::size_t t = heap_.back();
        heap_.pop_back();
        const Value nv = formulas_[t].evaluate(values_, previous_);
        ++evaluations_;
        if (nv == values_[t]) continue;
        values_[t] = nv;
        changed.push_back(t);
        schedule_dependents(t);
    }
    return changed;
}

void Graph::recompute_all() {
    if (!finalized_) return;
    for (std::size_t t : order_) values_[t] = formulas_[t].evaluate(values_, previous_);
    evaluations_ += order_.size();
}

const Value& Graph::value(std::size_t slot) const {
    return slot < values_.size() ? values_[slot] : kBlank;
}

bool Graph::is_computed(std::size_t slot) const {
    return slot < computed_.size() && computed_[slot] != 0;
}

const std::vector<std::size_t>& Graph::dependents(std::size_t slot) const {
    return slot < dependents_.size() ? dependents_[slot] : kNone;
}

}  // namespace rb::expr
