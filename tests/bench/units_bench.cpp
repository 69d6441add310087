// The units catalog: loading the shipped file (once per program), and the lookups a wizard,
// a consolidation and a narrative check make. Figures: docs/performance.md ("Units catalog").
#include <benchmark/benchmark.h>

#include <string>

#include "units/catalog.hpp"

namespace {

using namespace rb;

const std::string kFile = std::string(RB_SOURCE_DIR) + "/data/units/units.tsv";
const locale::Date kAfter{2025, 9, 30};
const locale::Date kBefore{2024, 12, 31};

const units::Catalog& catalog() {
    static const units::Catalog c = *units::Catalog::load(kFile);
    return c;
}

void BM_LoadCatalog(benchmark::State& state) {
    for (auto _ : state) {
        auto c = units::Catalog::load(kFile);
        if (!c) state.SkipWithError(c.error().c_str());
        benchmark::DoNotOptimize(c);
    }
}
BENCHMARK(BM_LoadCatalog)->Unit(benchmark::kMillisecond);

void BM_FindByCode(benchmark::State& state) {
    const auto& c = catalog();
    for (auto _ : state) benchmark::DoNotOptimize(c.find("14038", units::Level::Commune, kAfter));
}
BENCHMARK(BM_FindByCode);

void BM_FindByName(benchmark::State& state) {
    const auto& c = catalog();
    for (auto _ : state) benchmark::DoNotOptimize(c.find_by_name("xa phuong dinh", units::Level::Commune, kBefore));
}
BENCHMARK(BM_FindByName);

// What the wizard does on each key press.
void BM_SearchTyped(benchmark::State& state) {
    const auto& c = catalog();
    for (auto _ : state) benchmark::DoNotOptimize(c.search("ninh gi", kAfter));
}
BENCHMARK(BM_SearchTyped)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
