#pragma once
#include <unistd.h>
// Shared by the XLSX suites: the seed report exported, and a small reader of the parts of a
// workbook (libzip) for structural checks.
#include <gtest/gtest.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "../validate/cchc_sample.hpp"
#include "export/document.hpp"
#include "export/xlsx/xlsx.hpp"
#include "validate/findings.hpp"

namespace rb::exporting::testing {

namespace fs = std::filesystem;

inline fs::path out_dir(const std::string& name) {
    // One folder per process: CTest runs one suite's tests in parallel processes.
    const fs::path dir = fs::path(RB_BUILD_DIR) / "test-output" / "export_xlsx" / (name + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

struct SeedExport {
    ExportDocument doc;
    RecipientProfile profile;
    std::string path;
};

inline SeedExport export_seed(const std::string& dir_name, const RecipientProfile* profile = nullptr) {
    const auto& r = validate::testing::sample();
    auto ev = validate::testing::evaluate(r);
    const auto findings = validate::validate(ev, r);
    SeedExport s;
    s.profile = profile ? *profile : default_profile(*validate::testing::cchc());
    s.doc = build_document(r, ev, findings, &s.profile);
    s.path = (out_dir(dir_name) / "phu-luc.xlsx").string();
    const Status ok = write_xlsx(s.doc, s.profile, s.path, {});
    EXPECT_TRUE(ok) << ok.error();
    return s;
}

// The text of one part of a zip, "" when missing.
inline std::string read_part(const std::string& zip_path, const std::string& name) {
    int err = 0;
    zip_t* z = zip_open(zip_path.c_str(), ZIP_RDONLY, &err);
    if (!z) return {};
    std::string out;
    if (zip_file_t* f = zip_fopen(z, name.c_str(), 0)) {
        char buf[8192];
        zip_int64_t n = 0;
        while ((n = zip_fread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
        zip_fclose(f);
    }
    zip_discard(z);
    return out;
}

// Writes a zip with the given parts (name → bytes).
inline void write_zip(const std::string& path, const std::map<std::string, std::string>& parts) {
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    ASSERT_NE(z, nullptr);
    for (const auto& [name, bytes] : parts) {
        // zip_source_buffer does not copy: `parts` outlives zip_close below.
        zip_source_t* src = zip_source_buffer(z, bytes.data(), bytes.size(), 0);
        ASSERT_NE(src, nullptr);
        const zip_int64_t index = zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE);
        ASSERT_GE(index, 0);
        // The fastest deflate level: the zip-bomb test compresses 64 MB.
        ASSERT_EQ(zip_set_file_compression(z, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 1), 0);
    }
    ASSERT_EQ(zip_close(z), 0);
}

// Table row of an indicator in the document, or -1.
inline int row_of(const ExportDocument& doc, const std::string& code) {
    for (std::size_t i = 0; i < doc.appendix.rows.size(); ++i)
        if (doc.appendix.rows[i].code == code) return static_cast<int>(i);
    return -1;
}

}  // namespace rb::exporting::testing
