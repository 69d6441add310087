// The definition loader reports errors for any bytes and never crashes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "schema/report_type.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    (void)rb::schema::parse_definition(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.xml");
    return 0;
}
