#pragma once
// Generated communes for the consolidation tests and benchmark: the bundled sample report of
// the CCHC definition, varied per commune so that the totals are known sums and the ratios of
// the communes differ (small communes with low shares, large ones with high shares).
#include <fmt/format.h>

#include <cmath>
#include <string>
#include <vector>

#include "report/report.hpp"
#include "schema/report_type.hpp"

namespace rb::test {

inline std::string cchc_definition_path(const std::string& source_dir) {
    return source_dir + "/plugins/cchc/cchc-nam-dinh-2024.xml";
}
inline std::string cchc_sample_path(const std::string& source_dir) {
    return source_dir + "/plugins/cchc/samples/phuong-dinh-2024-q1.rbr";
}

// Commune i (0-based): every entered count of the sample times (1 + i % 3), which keeps all
// the definition's rules true; the outgoing documents (V.1.1) are 10 × (1 + i % 4) of which
// the commune with i % 4 == 0 sent none electronically (V.1.2 = 0) and the others all.
inline report::Report make_commune(const report::Report& sample, const schema::ReportType& type, int i,
                                   const std::string& parent = "Trực Ninh") {
    report::Report r = sample;
    r.unit.name = fmt::format("Xã Thử Nghiệm {:05}", i);
    r.unit.code.clear();  // a made-up commune: not in the units catalog
    r.unit.parent = parent;
    r.header.issuing_body = fmt::format("UBND XÃ THỬ NGHIỆM {:05}", i);
    const long long k = 1 + i % 3;
    for (auto& [code, e] : r.values) {
        const auto* ind = type.indicator(code);
        if (!ind || ind->type != schema::ValueType::Integer || e.value.empty()) continue;
        e.value = std::to_string(std::stoll(e.value) * k);
    }
    // Each commune writes its own text: the narrative checks analyse every report afresh (they
    // keep the last analysis per thread, which identical texts would reuse).
    if (!r.narrative.empty()) r.narrative.begin()->second += fmt::format(" Xã Thử Nghiệm {:05}.", i);
    const long long docs = 10LL * (1 + i % 4);
    r.values["V.1.1"].value = std::to_string(docs);
    r.values["V.1.2"].value = std::to_string(i % 4 == 0 ? 0 : docs);
    return r;
}

inline std::vector<report::Report> make_communes(const report::Report& sample, const schema::ReportType& type, int n) {
    std::vector<report::Report> out;
    out.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) out.push_back(make_commune(sample, type, i));
    return out;
}

}  // namespace rb::test
