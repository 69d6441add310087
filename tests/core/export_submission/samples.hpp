#pragma once
// The bundled sample reports with their definitions, evaluated and validated as an export
// would see them, loaded once per test program.
#include <map>
#include <memory>
#include <stdexcept>
#include <string>

#include "export/document.hpp"
#include "export/profile.hpp"
#include "report/report.hpp"
#include "schema/report_type.hpp"
#include "validate/evaluation.hpp"
#include "validate/findings.hpp"

namespace rb::exporting::testing {

inline std::string source(const std::string& relative) {
    return std::string(RB_SOURCE_DIR) + "/" + relative;
}

// A report as an exporter receives it.
struct Sample {
    schema::ReportTypePtr type;
    report::Report report;
    std::unique_ptr<validate::Evaluation> evaluation;
    validate::ValidationResult findings;
    RecipientProfile profile;
    ExportDocument document;

    ExportInput input() const { return ExportInput{report, *evaluation, findings, profile, document}; }
};

inline schema::ReportTypePtr definition(const std::string& relative) {
    static std::map<std::string, schema::ReportTypePtr> cache;
    auto& slot = cache[relative];
    if (!slot) {
        auto t = schema::load_definition(source(relative));
        if (!t) throw std::runtime_error(t.error());
        slot = *t;
    }
    return slot;
}

inline std::unique_ptr<Sample> evaluate(schema::ReportTypePtr type, report::Report r) {
    auto s = std::make_unique<Sample>();
    s->type = std::move(type);
    s->report = std::move(r);
    auto ev = validate::Evaluation::create(s->type);
    if (!ev) throw std::runtime_error(ev.error());
    s->evaluation = std::make_unique<validate::Evaluation>(std::move(*ev));
    s->evaluation->load(s->report);
    s->findings = validate::validate(*s->evaluation, s->report);
    s->profile = default_profile(*s->type);
    s->document = build_document(s->report, *s->evaluation, s->findings, nullptr);
    return s;
}

inline const Sample& load_sample(const std::string& definition_path, const std::string& report_path) {
    static std::map<std::string, std::unique_ptr<Sample>> cache;
    auto& slot = cache[report_path];
    if (!slot) {
        auto r = report::load(source(report_path));
        if (!r) throw std::runtime_error(r.error());
        slot = evaluate(definition(definition_path), std::move(*r));
    }
    return *slot;
}

inline const char* const kCchcDefinition = "plugins/cchc/cchc-nam-dinh-2024.xml";
inline const char* const kSeedReport = "plugins/cchc/samples/phuong-dinh-2024-q1.rbr";

// The seed: xã Phương Định, CCHC, Q1 2024.
inline const Sample& seed() {
    return load_sample(kCchcDefinition, kSeedReport);
}

}  // namespace rb::exporting::testing
