#pragma once
// The expression language of report definitions: computed indicators and validation rules.
//
//   numbers        12  0.5  1e3            (dot decimal, whatever the user's locale)
//   references     I.2.1  III.3.1.2  HS.7.1  X1
//                  @digital.I.2.2 (another report type's indicator; cross checks only)
//   operators      + - * /  unary -   = == != <> < <= > >=   and or not   true false
//   functions      sum min max ratio if round blank abs prev
//
// Blank (not entered) is not zero: arithmetic with a blank operand is blank, comparisons with
// it are unknown, and sum/min/max skip it. Logic is three-valued (Kleene), unknown being Blank.
// An expression is parsed once, bound once to the slot numbering of a report, then evaluated
// many times over plain arrays of values without allocating.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace rb::expr {

enum class Kind : std::uint8_t { Blank, NotApplicable, Number, Boolean };

struct Value {
    Kind kind = Kind::Blank;
    // The number for Number; 1 or 0 for Boolean; 0 for Blank and NotApplicable, so that
    // equality of values is equality of both fields.
    double number = 0.0;

    static constexpr Value blank() { return {}; }
    static constexpr Value not_applicable() { return {Kind::NotApplicable, 0.0}; }
    static constexpr Value of(double n) { return {Kind::Number, n}; }
    static constexpr Value boolean(bool b) { return {Kind::Boolean, b ? 1.0 : 0.0}; }

    constexpr bool is_blank() const { return kind == Kind::Blank; }
    constexpr bool is_not_applicable() const { return kind == Kind::NotApplicable; }
    constexpr bool is_number() const { return kind == Kind::Number; }
    constexpr bool is_boolean() const { return kind == Kind::Boolean; }
    // Known true: Boolean true or a non-zero Number. Blank and NotApplicable are neither true
    // nor false: a validation rule is broken only when its value is_false().
    constexpr bool is_true() const {
        return (kind == Kind::Number || kind == Kind::Boolean) && number != 0.0;
    }
    constexpr bool is_false() const {
        return (kind == Kind::Number || kind == Kind::Boolean) && number == 0.0;
    }

    friend constexpr bool operator==(const Value&, const Value&) = default;
};

// Debug form: "blank", "n/a", "12", "0.5", "true", "false".
std::string to_string(const Value& value);

struct ParseError {
    std::size_t offset = 0;  // byte offset in the source
    std::string message;     // translated, without the column, e.g. "thiếu dấu ‘)’"
    std::size_t column = 0;  // 1-based, in characters (UTF-8 code points)
};

// Limits that keep a hostile or mistyped definition from exhausting the stack or the memory.
inline constexpr std::size_t kMaxSourceLength = 10'000;  // bytes
inline constexpr int kMaxNestingDepth = 200;             // parentheses, calls, unary operators

class Expr {
public:
    // An empty expression: no references, bound, evaluates to Blank.
    Expr() = default;

    // On failure the message reads "cột 7: thiếu dấu ‘)’" (column in characters, 1-based).
    static Result<Expr> parse(std::string_view source);
    // Same, and on failure also fills `error` (for editors that place a caret).
    static Result<Expr> parse(std::string_view source, ParseError& error);

    // Distinct codes read in the current period, in order of first appearance.
    const std::vector<std::string>& references() const;
    // Distinct codes read through prev(), in order of first appearance.
    const std::vector<std::string>& previous_references() const;
    const std::string& source() const;
    // Whether the outermost operation is "=": a balance such as "sum(A, B, C) = T".
    bool is_equality() const;
    // Each comparison (=, !=, <, <=, >, >=) of a code read in the current period with a plain
    // number, either way round ("I.3 >= 0.8", "0.8 <= I.3"), in the order written. Lets a
    // loader see a threshold written on the wrong scale.
    struct CodeAgainstNumber {
        std::string code;
        double number = 0;
    };
    std::vector<CodeAgainstNumber> code_number_comparisons() const;

    // Resolves every code (references() and previous_references()) to a slot index. On
    // failure names the first unknown code and leaves any earlier binding in place.
    // Copies made before bind() keep their own binding; the parsed program itself is shared.
    Status bind(const std::function<std::optional<std::size_t>(std::string_view code)>& resolve);
    bool is_bound() const;
    // After bind(): the slot of each references() / previous_references() entry, same order.
    const std::vector<std::size_t>& reference_slots() const;
    const std::vector<std::size_t>& previous_reference_slots() const;

    // Evaluates over slot arrays. An unbound expression evaluates to Blank; a slot outside
    // `current` (or `previous`) reads as Blank. Numbers never come out non-finite: overflow
    // gives NotApplicable. Does not allocate (except for absurdly deep expressions).
    Value evaluate(std::span<const Value> current, std::span<const Value> previous = {}) const;

    struct Parsed;   // defined in ast.hpp (internal to core/expr)
    struct Program;  // defined in expr.cpp

    // The parsed program, for translators inside core/expr (nullptr for an empty expression).
    const Parsed* parsed() const { return parsed_.get(); }

private:
    std::shared_ptr<const Parsed> parsed_;
    std::shared_ptr<const Program> bound_;
};

}  // namespace rb::expr
