#pragma once
// Internal to core/expr: the parsed form of an expression, postfix instructions for a small
// value stack. Shared by the evaluator (expr.cpp) and the translators that read a parsed
// expression (spreadsheet.cpp); not part of the module's public interface.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "expr/expr.hpp"

namespace rb::expr {

namespace detail {

enum class Op : std::uint8_t {
    Const,     // push {kind, number}
    Load,      // push current[arg]
    LoadPrev,  // push previous[arg]
    Neg, Add, Sub, Mul, Div,
    Eq, Ne, Lt, Le, Gt, Ge,
    And, Or, Not,
    SumAcc, MinAcc, MaxAcc,  // fold the top into the accumulator below it
    Ratio, If, Round1, Round2, IsBlank, Abs,
};

struct Instr {
    Op op;
    Kind kind;          // Const only
    std::uint32_t arg;  // Load/LoadPrev: reference index before bind(), slot after
    double number;      // Const only
};

}  // namespace detail

struct Expr::Parsed {
    std::string source;
    std::vector<std::string> references;
    std::vector<std::string> previous_references;
    std::vector<detail::Instr> code;  // Load args are indexes into the reference lists
    std::size_t max_stack = 0;
};

}  // namespace rb::expr
