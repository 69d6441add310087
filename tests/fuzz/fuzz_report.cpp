// The report reader refuses or reads any bytes; what it reads writes back and reads again.
// A file of a newer format is read without the schema check, to be shown read-only: the product
// never writes such a report (report::save and the journal refuse it), so it is not written here.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "report/report.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto r = rb::report::from_xml(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.rbr");
    if (!r || r->read_only) return 0;
    const std::string again = rb::report::to_xml(*r);
    auto back = rb::report::from_xml(again, "again.rbr");
    if (!back) std::abort();  // what we write we must be able to read
    return 0;
}
