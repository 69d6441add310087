#pragma once
// Incremental evaluation of the computed indicators of one report: slots are numbered
// 0..slot_count-1, some are inputs and some are computed by a formula. Editing an input
// recomputes only the formulas that (transitively) read it, in dependency order, and stops
// propagating where a recomputed value did not change.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "expr/expr.hpp"

namespace rb::expr {

class Graph {
public:
    explicit Graph(std::size_t slot_count);

    // Declares slot `target` as computed by `expr`, which must already be bound to the same
    // slot numbering. Invalidates a previous finalize().
    void set_formula(std::size_t target, Expr expr);

    // Orders the formulas; fails on a cycle, naming its slots through `name`
    // ("Chỉ tiêu tính toán phụ thuộc vòng tròn: A → B → A", read "A depends on B ...").
    // prev() references are not dependencies, so a cumulative A = prev(A) + B is fine.
    // On success computes every formula once.
    Status finalize(const std::function<std::string(std::size_t)>& name);

    // Values of the previous period, by slot (may be shorter than slot_count or empty).
    // Recomputes everything when finalized.
    void set_previous(std::vector<Value> previous);

    // Sets an input and recomputes what depends on it. Returns the slots whose value changed:
    // `slot` first (if changed), then computed slots in dependency order. Setting a computed
    // or out-of-range slot is a programming error and is ignored (returns empty). Before
    // finalize() only the input itself is stored.
    std::vector<std::size_t> set_input(std::size_t slot, Value v);

    // Full pass over all formulas in dependency order (no-op before finalize()).
    void recompute_all();

    const std::vector<Value>& values() const { return values_; }
    const Value& value(std::size_t slot) const;
    bool is_computed(std::size_t slot) const;
    bool is_finalized() const { return finalized_; }
    // Computed slots whose formula reads `slot` directly (valid after finalize()), ascending.
    const std::vector<std::size_t>& dependents(std::size_t slot) const;
    // Formula evaluations since construction: for tests and profiling.
    std::uint64_t evaluation_count() const { return evaluations_; }

private:
    void schedule_dependents(std::size_t slot);

    std::vector<Value> values_;
    std::vector<Value> previous_;
    std::vector<Expr> formulas_;
    std::vector<std::uint8_t> computed_;
    std::vector<std::vector<std::size_t>> dependents_;
    std::vector<std::size_t> order_;   // computed slots, dependencies first
    std::vector<std::uint32_t> rank_;  // position of a computed slot in order_
    bool finalized_ = false;
    std::uint64_t evaluations_ = 0;
    // Scratch of set_input(), kept to avoid allocating on every edit.
    std::vector<std::uint32_t> scheduled_;  // epoch at which a slot was queued
    std::uint32_t epoch_ = 0;
    std::vector<std::size_t> heap_;  // min-heap on rank_
};

}  // namespace rb::expr
