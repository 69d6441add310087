// Exporting the seed report (CCHC, Phương Định Q1 2024) to XLSX: the appendix document built
// and written with libxlsxwriter (target under 50 ms), and the write alone.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "export/document.hpp"
#include "export/xlsx/xlsx.hpp"
#include "report/report.hpp"
#include "schema/report_type.hpp"
#include "validate/evaluation.hpp"
#include "validate/findings.hpp"

namespace {

using namespace rb;

struct Seed {
    schema::ReportTypePtr type;
    report::Report report;
};

const Seed& seed() {
    static const Seed s = [] {
        auto type = schema::load_definition(std::string(RB_SOURCE_DIR) + "/plugins/cchc/cchc-nam-dinh-2024.xml");
        if (!type) throw std::runtime_error(type.error());
        auto r = report::load(std::string(RB_SOURCE_DIR) + "/plugins/cchc/samples/phuong-dinh-2024-q1.rbr");
        if (!r) throw std::runtime_error(r.error());
        return Seed{*type, *r};
    }();
    return s;
}

std::string out_path() {
    const auto dir = std::filesystem::path(RB_BUILD_DIR) / "bench-output";
    std::filesystem::create_directories(dir);
    return (dir / "export_xlsx_bench.xlsx").string();
}

void BM_ExportSeedToXlsx(benchmark::State& state) {
    const auto& s = seed();
    const auto profile = exporting::default_profile(*s.type);
    const std::string path = out_path();
    for (auto _ : state) {
        auto ev = validate::Evaluation::create(s.type);
        ev->load(s.report);
        const auto findings = validate::validate(*ev, s.report);
        const auto doc = exporting::build_document(s.report, *ev, findings, &profile);
        const Status ok = exporting::write_xlsx(doc, profile, path, {});
        if (!ok) state.SkipWithError(ok.error().c_str());
    }
    std::remove(path.c_str());
}
BENCHMARK(BM_ExportSeedToXlsx)->Unit(benchmark::kMillisecond);

void BM_WriteSeedXlsxOnly(benchmark::State& state) {
    const auto& s = seed();
    const auto profile = exporting::default_profile(*s.type);
    auto ev = validate::Evaluation::create(s.type);
    ev->load(s.report);
    const auto doc = exporting::build_document(s.report, *ev, validate::validate(*ev, s.report), &profile);
    const std::string path = out_path();
    for (auto _ : state) {
        const Status ok = exporting::write_xlsx(doc, profile, path, {});
        if (!ok) state.SkipWithError(ok.error().c_str());
    }
    std::remove(path.c_str());
}
BENCHMARK(BM_WriteSeedXlsxOnly)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
