#pragma once
// Shared by the DOCX tests: the bundled samples loaded with their definitions, exported to
// DOCX under the build folder, and the parts of a written package read back as XML.
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>

#include "export/document.hpp"
#include "export/docx/docx.hpp"
#include "export/docx/docx_package.hpp"
#include "export/profile.hpp"
#include "report/report.hpp"
#include "schema/report_type.hpp"
#include "validate/evaluation.hpp"
#include "validate/findings.hpp"

namespace rb::exporting::testing {

namespace fs = std::filesystem;

// A report with its definition, evaluated and validated, and its document for printing.
struct Sample {
    schema::ReportTypePtr type;
    report::Report report;
    validate::Evaluation evaluation;
    validate::ValidationResult findings;
    RecipientProfile profile;
    ExportDocument document;
};

inline Sample load_sample(const std::string& definition, const std::string& rbr) {
    const std::string root = RB_SOURCE_DIR;
    auto type = schema::load_definition(root + "/" + definition);
    if (!type) throw std::runtime_error(type.error());
    auto r = report::load(root + "/" + rbr);
    if (!r) throw std::runtime_error(r.error());
    auto ev = validate::Evaluation::create(*type);
    if (!ev) throw std::runtime_error(ev.error());
    ev->load(*r);
    validate::ValidationResult findings = validate::validate(*ev, *r);
    RecipientProfile profile = default_profile(**type);
    ExportDocument document = build_document(*r, *ev, findings, nullptr);
    return Sample{
        *type, std::move(*r), std::move(*ev), std::move(findings), std::move(profile), std::move(document)};
}

// The seed: Phương Định, Q1 2024, under the Nam Định 2024 edition.
inline const Sample& seed() {
    static const Sample s =
        load_sample("plugins/cchc/cchc-nam-dinh-2024.xml", "plugins/cchc/samples/phuong-dinh-2024-q1.rbr");
    return s;
}

// A fresh folder for one test's files under the build folder. CTest runs each test in its own
// process, possibly in parallel: the folder is the test's own.
inline fs::path output_dir(const std::string& name) {
    std::string test = "setup";
    if (const auto* info = ::testing::UnitTest::GetInstance()->current_test_info())
        test = std::string(info->test_suite_name()) + "." + info->name();
    for (char& c : test)
        if (c == '/') c = '_';
    const fs::path dir = fs::path(RB_BUILD_DIR) / "test-output" / "export_docx" / name / test;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

inline rb::Status write_docx(const Sample& s, const ExportDocument& d, const fs::path& path) {
    const ExportInput in{s.report, s.evaluation, s.findings, s.profile, d};
    return make_docx_exporter()->write(in, path.string(), {});
}

// One part of a written package, parsed; fails the test when it is missing or not XML.
inline pugi::xml_document read_part(const fs::path& docx, const std::string& name) {
    pugi::xml_document doc;
    auto package = docx::PackageReader::open(docx.string());
    if (!package) {
        ADD_FAILURE() << package.error();
        return doc;
    }
    auto part = package->read(name);
    if (!part || !*part) {
        ADD_FAILURE() << "missing part " << name << (part ? "" : ": " + part.error());
        return doc;
    }
    const pugi::xml_parse_result parsed = doc.load_buffer((*part)->data(), (*part)->size());
    if (!parsed) ADD_FAILURE() << name << ": " << parsed.description();
    return doc;
}

}  // namespace rb::exporting::testing
