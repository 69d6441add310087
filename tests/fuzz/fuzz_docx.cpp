// DOCX narrative import: the bytes of a .docx (zip container, word/document.xml, styles) are
// read or refused without crashing. The API reads a path, so each input is written to one
// scratch file per process first; the narrative sections come from a bundled definition.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "export/docx/docx_import.hpp"
#include "schema/report_type.hpp"

namespace {
const rb::schema::ReportType& definition() {
    static const rb::schema::ReportTypePtr type = [] {
        auto t = rb::schema::load_definition(RB_SOURCE_DIR "/plugins/cchc/cchc-nam-dinh-2024.xml");
        if (!t) {
            std::fprintf(stderr, "cannot load the definition: %s\n", t.error().c_str());
            std::abort();
        }
        return *t;
    }();
    return *type;
}

const std::string& scratch_path() {
    static const std::string path = (std::filesystem::temp_directory_path() /
                                     ("rb-fuzz-docx-" + std::to_string(::getpid()) + ".docx")).string();
    static const bool cleanup = [] { return std::atexit([] { std::remove(path.c_str()); }) == 0; }();
    (void)cleanup;
    return path;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& type = definition();
    const std::string& path = scratch_path();
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
        if (!out) std::abort();
    }
    auto imported = rb::exporting::import_docx_narrative(path, type);
    if (imported) (void)imported->sections.size();
    return 0;
}
