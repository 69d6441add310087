// The vi-VN number and date parsers accept or refuse any text without crashing.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "locale/vi.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (auto kind : {rb::locale::NumberKind::Count, rb::locale::NumberKind::Decimal, rb::locale::NumberKind::Percent}) {
        auto n = rb::locale::parse_number(text, kind);
        if (n) (void)rb::locale::format_decimal(*n, 2);
    }
    (void)rb::locale::parse_date(text);
    return 0;
}
