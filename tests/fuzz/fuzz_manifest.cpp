// The plugin manifest reader (plugin.xml: XSD validation, then the fields) refuses or reads any
// bytes without crashing; it never touches the files a manifest names.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "plugin/registry.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto m = rb::plugin::parse_manifest(std::string_view(reinterpret_cast<const char*>(data), size), "plugin.xml");
    if (m) (void)m->info.id.size();
    return 0;
}
