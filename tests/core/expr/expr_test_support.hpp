#pragma once
// Helpers shared by the expression suites: readable failure output and one-line evaluation
// over named values.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "expr/expr.hpp"

namespace rb::expr {

inline void PrintTo(const Value& v, std::ostream* os) { *os << to_string(v); }

namespace testing_support {

using Named = std::vector<std::pair<std::string, Value>>;

// Parses, binds the codes of `current` and `previous` (same numbering), evaluates.
inline Value eval(std::string_view source, const Named& current = {}, const Named& previous = {}) {
    std::vector<std::string> codes;
    for (const auto& [code, v] : current) codes.push_back(code);
    for (const auto& [code, v] : previous)
        if (std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
    std::vector<Value> cur(codes.size()), prev;
    for (std::size_t i = 0; i < current.size(); ++i) cur[i] = current[i].second;
    if (!previous.empty()) {
        prev.resize(codes.size());
        for (const auto& [code, v] : previous)
            prev[static_cast<std::size_t>(std::find(codes.begin(), codes.end(), code) - codes.begin())] = v;
    }
    auto e = Expr::parse(source);
    EXPECT_TRUE(e) << source << ": " << e.error();
    if (!e) return Value::of(-999999.0);
    const Status bound = e->bind([&](std::string_view code) -> std::optional<std::size_t> {
        const auto it = std::find(codes.begin(), codes.end(), code);
        if (it == codes.end()) return std::nullopt;
        return static_cast<std::size_t>(it - codes.begin());
    });
    EXPECT_TRUE(bound) << source << ": " << bound.error();
    return e->evaluate(cur, prev);
}

inline std::string parse_error(std::string_view source) {
    auto e = Expr::parse(source);
    EXPECT_FALSE(e) << source << " parsed but should not";
    return e ? std::string() : e.error();
}

}  // namespace testing_support
}  // namespace rb::expr
