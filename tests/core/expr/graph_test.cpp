#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "expr/graph.hpp"
#include "expr_test_support.hpp"

namespace rb::expr {
namespace {

// A small report: inputs and the computed indicators that read them, bound by code.
class GraphTest : public ::testing::Test {
protected:
    // Slot numbering: position in codes_.
    std::vector<std::string> codes_{"A", "B", "C", "D", "E", "F", "G"};
    enum Slot : std::size_t { A, B, C, D, E, F, G };

    std::string name(std::size_t slot) const { return codes_.at(slot); }

    Expr bound(std::string_view source) {
        auto e = Expr::parse(source);
        EXPECT_TRUE(e) << e.error();
        if (!e) return {};
        const Status st = e->bind([this](std::string_view code) -> std::optional<std::size_t> {
            for (std::size_t i = 0; i < codes_.size(); ++i)
                if (codes_[i] == code) return i;
            return std::nullopt;
        });
        EXPECT_TRUE(st) << st.error();
        return *e;
    }

    Status finalize(Graph& g) {
        return g.finalize([this](std::size_t s) { return name(s); });
    }

    // C = A + B, D = C * 2, E = ratio(A, B), G = F + 1. Declared out of order on purpose.
    Graph standard() {
        Graph g(codes_.size());
        g.set_formula(D, bound("C * 2"));
        g.set_formula(G, bound("F + 1"));
        g.set_formula(E, bound("ratio(A, B)"));
        g.set_formula(C, bound("A + B"));
        const Status st = finalize(g);
        EXPECT_TRUE(st) << st.error();
        return g;
    }
};

TEST_F(GraphTest, ComputesFormulasInDependencyOrder) {
    Graph g = standard();
    EXPECT_EQ(g.value(C), Value::blank());
    g.set_input(A, Value::of(3));
    g.set_input(B, Value::of(1));
    EXPECT_EQ(g.value(C), Value::of(4));
    EXPECT_EQ(g.value(D), Value::of(8));
    EXPECT_EQ(g.value(E), Value::of(300));
    EXPECT_EQ(g.value(G), Value::blank());
    EXPECT_TRUE(g.is_computed(D));
    EXPECT_FALSE(g.is_computed(A));
}

TEST_F(GraphTest, EditRecomputesOnlyDependents) {
    Graph g = standard();
    g.set_input(A, Value::of(3));
    g.set_input(B, Value::of(1));
    g.set_input(F, Value::of(10));

    const auto before = g.evaluation_count();
    const auto changed = g.set_input(F, Value::of(20));
    EXPECT_EQ(g.evaluation_count() - before, 1u);  // G only
    EXPECT_EQ(changed, (std::vector<std::size_t>{F, G}));
    EXPECT_EQ(g.value(G), Value::of(21));

    const auto before_a = g.evaluation_count();
    const auto changed_a = g.set_input(A, Value::of(5));
    EXPECT_EQ(g.evaluation_count() - before_a, 3u);  // C, E, D; not G
    EXPECT_EQ(changed_a, (std::vector<std::size_t>{A, C, E, D}));
    EXPECT_EQ(g.value(D), Value::of(12));
    EXPECT_EQ(g.value(E), Value::of(500));
    EXPECT_EQ(g.value(G), Value::of(21));
}

TEST_F(GraphTest, UnchangedInputRecomputesNothing) {
    Graph g = standard();
    g.set_input(A, Value::of(3));
    const auto before = g.evaluation_count();
    EXPECT_TRUE(g.set_input(A, Value::of(3)).empty());
    EXPECT_EQ(g.evaluation_count(), before);
}

TEST_F(GraphTest, PropagationStopsWhereAValueDidNotChange) {
    Graph g(codes_.size());
    g.set_formula(C, bound("max(A, 10)"));
    g.set_formula(D, bound("C + 1"));
    ASSERT_TRUE(finalize(g));
    g.set_input(A, Value::of(1));
    EXPECT_EQ(g.value(D), Value::of(11));

    const auto before = g.evaluation_count();
    EXPECT_EQ(g.set_input(A, Value::of(2)), (std::vector<std::size_t>{A}));
    EXPECT_EQ(g.evaluation_count() - before, 1u);  // C re-evaluated, D not

    EXPECT_EQ(g.set_input(A, Value::of(12)), (std::vector<std::size_t>{A, C, D}));
    EXPECT_EQ(g.value(D), Value::of(13));
}

TEST_F(GraphTest, DiamondIsEvaluatedOnceAfterBothSides) {
    Graph g(codes_.size());
    g.set_formula(B, bound("A + 1"));
    g.set_formula(C, bound("A * 2"));
    g.set_formula(D, bound("B + C"));
    ASSERT_TRUE(finalize(g));
    const auto before = g.evaluation_count();
    g.set_input(A, Value::of(10));
    EXPECT_EQ(g.evaluation_count() - before, 3u);
    EXPECT_EQ(g.value(D), Value::of(31));
}

TEST_F(GraphTest, IncrementalMatchesAFullPass) {
    Graph g = standard();
    g.set_input(A, Value::of(7));
    g.set_input(B, Value::of(0));
    g.set_input(F, Value::of(2));
    g.set_input(B, Value::blank());
    const std::vector<Value> incremental = g.values();
    g.recompute_all();
    EXPECT_EQ(g.values(), incremental);
    EXPECT_EQ(g.value(E), Value::blank());
}

TEST_F(GraphTest, CyclicFormulasAreReportedNotHung) {
    codes_ = {"X.1", "Y.2", "Z.3"};
    Graph g(codes_.size());
    g.set_formula(0, bound("Y.2 + 1"));
    g.set_formula(1, bound("X.1 + 1"));
    g.set_formula(2, bound("X.1 * 2"));  // depends on the cycle but is not part of it
    const Status st = finalize(g);
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error(), "Chỉ tiêu tính toán phụ thuộc vòng tròn: X.1 → Y.2 → X.1");
    EXPECT_FALSE(g.is_finalized());
    EXPECT_EQ(st.error().find("Z.3"), std::string::npos);
}

TEST_F(GraphTest, LongerCycleIsNamedInDependencyOrder) {
    Graph g(codes_.size());
    g.set_formula(A, bound("G"));
    g.set_formula(B, bound("C + 1"));
    g.set_formula(C, bound("D + F"));
    g.set_formula(D, bound("B"));
    const Status st = finalize(g);
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error(), "Chỉ tiêu tính toán phụ thuộc vòng tròn: B → C → D → B");
}

TEST_F(GraphTest, SelfReferenceIsACycle) {
    Graph g(codes_.size());
    g.set_formula(A, bound("A + 1"));
    const Status st = finalize(g);
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error(), "Chỉ tiêu tính toán phụ thuộc vòng tròn: A → A");
}

TEST_F(GraphTest, PreviousPeriodReferenceIsNotACycle) {
    Graph g(codes_.size());
    g.set_formula(A, bound("sum(prev(A), B)"));  // cumulative (lũy kế)
    ASSERT_TRUE(finalize(g));
    g.set_input(B, Value::of(5));
    EXPECT_EQ(g.value(A), Value::of(5));
    std::vector<Value> previous(codes_.size());
    previous[A] = Value::of(40);
    g.set_previous(previous);
    EXPECT_EQ(g.value(A), Value::of(45));
    g.set_input(B, Value::of(6));
    EXPECT_EQ(g.value(A), Value::of(46));
}

TEST_F(GraphTest, SettingAComputedSlotIsRefused) {
    Graph g = standard();
    g.set_input(A, Value::of(1));
    g.set_input(B, Value::of(1));
    EXPECT_TRUE(g.set_input(C, Value::of(100)).empty());
    EXPECT_EQ(g.value(C), Value::of(2));
    EXPECT_TRUE(g.set_input(99, Value::of(1)).empty());
}

TEST_F(GraphTest, DependentsAreDirect) {
    Graph g = standard();
    EXPECT_EQ(g.dependents(A), (std::vector<std::size_t>{C, E}));
    EXPECT_EQ(g.dependents(C), (std::vector<std::size_t>{D}));
    EXPECT_TRUE(g.dependents(D).empty());
}

TEST_F(GraphTest, InputsSetBeforeFinalizeAreUsed) {
    Graph g(codes_.size());
    g.set_formula(C, bound("A + B"));
    EXPECT_EQ(g.set_input(A, Value::of(2)), (std::vector<std::size_t>{A}));
    g.set_input(B, Value::of(3));
    EXPECT_EQ(g.value(C), Value::blank());
    ASSERT_TRUE(finalize(g));
    EXPECT_EQ(g.value(C), Value::of(5));
}

TEST_F(GraphTest, NewFormulaRequiresFinalizeAgain) {
    Graph g = standard();
    g.set_formula(B, bound("A * 10"));
    EXPECT_FALSE(g.is_finalized());
    ASSERT_TRUE(finalize(g));
    g.set_input(A, Value::of(2));
    EXPECT_EQ(g.value(C), Value::of(22));
    EXPECT_TRUE(g.set_input(B, Value::of(1)).empty());
}

}  // namespace
}  // namespace rb::expr
