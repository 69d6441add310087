// The expression parser and evaluator never crash, whatever a definition holds.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "expr/expr.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto parsed = rb::expr::Expr::parse(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!parsed) return 0;
    std::size_t next = 0;
    auto bound = parsed->bind([&](std::string_view) -> std::optional<std::size_t> { return next++ % 4; });
    if (!bound) return 0;
    const rb::expr::Value values[4] = {rb::expr::Value::of(0), rb::expr::Value::of(3), rb::expr::Value::blank(),
                                       rb::expr::Value::not_applicable()};
    (void)parsed->evaluate(values, values);
    return 0;
}
