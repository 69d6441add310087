#pragma once
// The bundled CCHC definitions, profiles and the seed report, loaded once per test program.
#include <stdexcept>
#include <string>

#include "export/document.hpp"
#include "export/profile.hpp"
#include "report/report.hpp"
#include "schema/report_type.hpp"
#include "validate/evaluation.hpp"
#include "validate/findings.hpp"

namespace rb::exporting::testing {

inline std::string source(const std::string& rel) { return std::string(RB_SOURCE_DIR) + "/" + rel; }

inline schema::ReportTypePtr definition(const std::string& rel) {
    auto t = schema::load_definition(source(rel));
    if (!t) throw std::runtime_error(t.error());
    return *t;
}

inline const schema::ReportTypePtr& nam_dinh() {
    static const auto t = definition("plugins/cchc/cchc-nam-dinh-2024.xml");
    return t;
}

inline const report::Report& seed() {
    static const report::Report r = [] {
        auto loaded = report::load(source("plugins/cchc/samples/phuong-dinh-2024-q1.rbr"));
        if (!loaded) throw std::runtime_error(loaded.error());
        return *loaded;
    }();
    return r;
}

inline RecipientProfile profile(const std::string& rel) {
    auto p = load_profile(source(rel));
    if (!p) throw std::runtime_error(p.error());
    return *p;
}

// The document of `r` under `type` for `p` (nullptr: the definition's own layout).
inline ExportDocument document_of(const report::Report& r, const schema::ReportTypePtr& type,
                                  const RecipientProfile* p) {
    auto ev = validate::Evaluation::create(type);
    if (!ev) throw std::runtime_error(ev.error());
    ev->load(r);
    const auto findings = validate::validate(*ev, r);
    return build_document(r, *ev, findings, p);
}

}  // namespace rb::exporting::testing
