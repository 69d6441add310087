#pragma once
// A report's values seen through its definition: entered values, computed indicators (kept
// up to date incrementally after each edit) and how each one is displayed.
#include <optional>
#include <string>
#include <vector>

#include "expr/expr.hpp"
#include "expr/graph.hpp"
#include "report/report.hpp"
#include "schema/report_type.hpp"

namespace rb::validate {

enum class ValueState { Entered, Computed, Blank, NotApplicable };
const char* to_string(ValueState s);  // "entered", "computed", "blank", "not-applicable"

struct Cell {
    ValueState state = ValueState::Blank;
    std::optional<double> number;  // numeric indicators; a percent in percent units
    std::string text;              // canonical text as stored (text and date indicators)
    std::string display;           // as staff write it: "1.034", "16,67%", "không phát sinh"
};

class Evaluation {
public:
    // Fails when the definition's formulas cannot be ordered (checked at load already).
    static Result<Evaluation> create(schema::ReportTypePtr type);

    // Takes every entered value of `r` and recomputes everything.
    void load(const report::Report& r);
    // The previous period's report of the same unit (for prev() and cumulative checks).
    void set_previous(const report::Report* previous);
    // Applies one entered value (canonical text, "" = blank) and recomputes only what depends
    // on it. Returns the slots whose value changed.
    std::vector<std::size_t> set(std::size_t slot, const std::string& canonical);

    const schema::ReportType& type() const { return *type_; }
    const schema::ReportTypePtr& type_ptr() const { return type_; }
    const expr::Value& value(std::size_t slot) const { return graph_.value(slot); }
    const std::vector<expr::Value>& values() const { return graph_.values(); }
    const std::vector<expr::Value>& previous_values() const { return previous_; }
    bool has_previous() const { return !previous_.empty(); }
    Cell cell(std::size_t slot) const;
    std::string display(std::size_t slot) const;

private:
    explicit Evaluation(schema::ReportTypePtr type, expr::Graph graph);
    expr::Value input_value(std::size_t slot, const std::string& canonical) const;

    schema::ReportTypePtr type_;
    expr::Graph graph_;
    std::vector<std::string> texts_;  // canonical text of text/date indicators
    std::vector<expr::Value> previous_;
};

// How a value is shown for an indicator (display rules of the vi-VN locale).
std::string display_value(const schema::Indicator& ind, const expr::Value& v);

}  // namespace rb::validate
