#pragma once
// Expressions of the definition language as spreadsheet formulas, so that an exported sheet
// keeps its computed rows live. The formula follows the language's semantics as far as a
// spreadsheet can:
//
//   blank          an empty cell, or a formula that returns "" — arithmetic over it is "",
//                  comparisons with it are "", sum/min/max skip it
//   not applicable a text cell (the writer's "không phát sinh"); division or ratio by zero
//                  returns that text, never 0 or #DIV/0!
//   booleans       1 and 0 (how yes/no indicators are stored), three-valued and/or/not
//   ratio(a, b)    a / b * 100 (percentage points); a cell that shows a percent as a fraction
//                  with a 0.00% format gets a / b
//
// Guards are hoisted: an arithmetic expression is computed once, behind one test of its
// inputs, rather than testing every operation. What does not translate fails (the writer then
// writes the value alone): prev(), a code with no cell, a formula over the spreadsheet's
// length limit. Known differences: comparisons use the spreadsheet's equality (15 significant
// digits) rather than the language's relative tolerance of 1e-9, and an overflow shows as a
// spreadsheet error instead of "not applicable".
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "expr/expr.hpp"

namespace rb::expr {

// Where an indicator's value sits.
struct SheetCell {
    std::string address;          // "D12", "$D$12" or "'Phụ lục'!D12"
    bool holds_fraction = false;  // a percent stored as a fraction (0.1667 shown as 16,67%)
};

// The cell of an indicator code, or nullopt when the code is not in the sheet.
using CellLookup = std::function<std::optional<SheetCell>(std::string_view code)>;

struct SpreadsheetOptions {
    // What a not-applicable result shows; must not be empty (empty is blank).
    std::string not_applicable_text = "n/a";
    // The target cell shows a percent as a fraction: the result is divided by 100.
    bool result_as_fraction = false;
    // Excel refuses formulas longer than 8192 characters.
    std::size_t max_length = 8192;
};

// The formula without its leading '=', with OOXML function names and ',' between arguments
// (what an .xlsx file stores, whatever the user's locale). Fails with a message naming the
// reason.
Result<std::string> to_spreadsheet_formula(const Expr& e, const CellLookup& cell_of,
                                           const SpreadsheetOptions& options = {});

}  // namespace rb::expr
