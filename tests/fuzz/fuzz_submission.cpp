// Submission import, both shapes (read_submission tells XML from JSON by the first byte): any
// bytes are read or refused without crashing, and what it reads it writes back in both shapes
// in a form it reads again.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "export/submission/submission.hpp"

namespace {
void must_read_back(const std::string& text, const char* label) {
    auto back = rb::exporting::read_submission(text, label);
    if (back) return;
    std::fprintf(stderr, "written submission does not read back: %s\n", back.error().c_str());
    std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto s = rb::exporting::read_submission(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
    if (!s) return 0;
    must_read_back(rb::exporting::submission_to_xml(*s), "again.xml");
    must_read_back(rb::exporting::submission_to_json(*s), "again.json");
    return 0;
}
