// Consolidating N generated commune reports (the CCHC sample varied per commune, narrative
// included): from reports held in memory, and from submission files on disk (XML, read and
// checked by read_submission on one or two threads, then evaluated and validated). Wall time;
// the CPU column of the file runs is the whole process's (all threads). Counters: the wall time
// per unit and the peak memory the run adds (VmHWM after resetting it, minus VmRSS before).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "../core/consolidate/generator.hpp"
#include "consolidate/consolidate.hpp"
#include "export/submission/submission.hpp"
#include "report/report.hpp"
#include "schema/report_type.hpp"
#include "validate/evaluation.hpp"
#include "validate/findings.hpp"

namespace {

using namespace rb;
namespace fs = std::filesystem;

[[noreturn]] void die(const std::string& what) {
    std::fprintf(stderr, "bench_consolidate: %s\n", what.c_str());
    std::exit(1);
}

struct Data {
    schema::ReportTypePtr type;
    report::Report sample;
    static Data& get() {
        static Data d = [] {
            Data x;
            auto t = schema::load_definition(test::cchc_definition_path(RB_SOURCE_DIR));
            if (!t) die(t.error());
            x.type = *t;
            auto s = report::load(test::cchc_sample_path(RB_SOURCE_DIR));
            if (!s) die(s.error());
            x.sample = std::move(*s);
            return x;
        }();
        return d;
    }
};

long status_kb(const char* field) {
    std::ifstream in("/proc/self/status");
    std::string line;
    const std::string key = std::string(field) + ":";
    while (std::getline(in, line))
        if (line.rfind(key, 0) == 0) return std::atol(line.c_str() + key.size());
    return -1;
}

// Resets the peak resident size (Linux ≥ 4.0) so VmHWM measures this run only.
long reset_peak() {
    std::ofstream("/proc/self/clear_refs") << "5";
    return status_kb("VmRSS");
}

void report_memory(benchmark::State& state, long before_kb, long peak_kb, std::size_t n) {
    state.counters["peak_MB"] = static_cast<double>(peak_kb - before_kb) / 1024.0;
    state.counters["per_unit"] =
        benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

// What the result keeps, roughly: per unit its values, strings and findings.
std::size_t retained_bytes(const consolidate::Result& res) {
    std::size_t b = sizeof(res) + res.units.capacity() * sizeof(consolidate::UnitResult);
    for (const auto& u : res.units) {
        b += u.data.values.capacity() * sizeof(expr::Value);
        b += u.data.label.capacity() + u.data.unit.name.capacity();
        for (const auto& f : u.data.findings) b += sizeof(f) + f.rule.capacity() + f.message.capacity();
    }
    for (const auto& i : res.issues) b += sizeof(i) + i.message.capacity();
    return b;
}

void BM_ConsolidateInMemory(benchmark::State& state) {
    const Data& d = Data::get();
    const int n = static_cast<int>(state.range(0));
    const auto reports = test::make_communes(d.sample, *d.type, n);
    std::vector<const report::Report*> ptrs;
    std::vector<std::string> labels;
    for (int i = 0; i < n; ++i) {
        ptrs.push_back(&reports[static_cast<std::size_t>(i)]);
        labels.push_back(fmt::format("xa-{:05}.xml", i));
    }
    long before = 0, peak = 0;
    for (auto _ : state) {
        before = reset_peak();
        auto res = consolidate::consolidate(d.type, ptrs, labels);
        if (!res || res->included != n) die("in-memory consolidation failed");
        peak = std::max(peak, status_kb("VmHWM"));
        state.counters["result_MB"] = static_cast<double>(retained_bytes(*res)) / (1024.0 * 1024.0);
        benchmark::DoNotOptimize(res->report.values);
    }
    report_memory(state, before, peak, static_cast<std::size_t>(n));
}

// The submission files of N communes, written once per N into a temporary folder.
const std::vector<std::string>& submission_files(int n) {
    static std::map<int, std::vector<std::string>> made;
    static struct Cleanup {
        std::vector<fs::path> dirs;
        ~Cleanup() {
            std::error_code ec;
            for (const auto& d : dirs) fs::remove_all(d, ec);
        }
    } cleanup;
    auto& paths = made[n];
    if (!paths.empty()) return paths;
    const Data& d = Data::get();
    const fs::path dir = fs::temp_directory_path() / fmt::format("rb-bench-consolidate-{}-{}", ::getpid(), n);
    fs::create_directories(dir);
    cleanup.dirs.push_back(dir);
    auto ev = validate::Evaluation::create(d.type);
    if (!ev) die(ev.error());
    for (int i = 0; i < n; ++i) {
        const auto r = test::make_commune(d.sample, *d.type, i);
        ev->load(r);
        const auto s = exporting::make_submission(r, *ev, validate::validate(*ev, r));
        const fs::path p = dir / fmt::format("xa-{:05}.xml", i);
        std::ofstream(p, std::ios::binary) << exporting::submission_to_xml(s);
        paths.push_back(p.string());
    }
    return paths;
}

void BM_ConsolidateFiles(benchmark::State& state) {
    const Data& d = Data::get();
    const int n = static_cast<int>(state.range(0));
    const unsigned threads = static_cast<unsigned>(state.range(1));
    const bool findings = state.range(2) != 0;  // 0: evaluate only, no validation of each unit
    const auto& paths = submission_files(n);
    consolidate::Options options;
    options.findings = findings;
    long before = 0, peak = 0;
    for (auto _ : state) {
        before = reset_peak();
        auto outcomes = consolidate::read_and_digest(d.type, paths, threads, findings, true);
        auto c = consolidate::Consolidator::create(d.type, options);
        if (!c) die(c.error());
        for (auto& o : outcomes) {
            if (!o.data) die(o.error);
            c->add(std::move(*o.data));
        }
        outcomes.clear();
        auto res = c->finish();
        if (res.included != n) die("file consolidation failed");
        peak = std::max(peak, status_kb("VmHWM"));
        state.counters["result_MB"] = static_cast<double>(retained_bytes(res)) / (1024.0 * 1024.0);
        benchmark::DoNotOptimize(res.report.values);
    }
    report_memory(state, before, peak, static_cast<std::size_t>(n));
    state.counters["process_peak_MB"] = static_cast<double>(peak) / 1024.0;
}

// Reading and checking the files only (no evaluation), to see where the time goes.
void BM_ReadSubmissionsOnly(benchmark::State& state) {
    const int n = static_cast<int>(state.range(0));
    const auto& paths = submission_files(n);
    for (auto _ : state) {
        for (const auto& p : paths) {
            auto r = exporting::load_submission(p);
            if (!r) die(r.error());
            benchmark::DoNotOptimize(r->values);
        }
    }
    state.counters["per_unit"] =
        benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

}  // namespace

BENCHMARK(BM_ConsolidateFiles)
    ->ArgsProduct({{100, 1000, 10000}, {1, 2}, {1}})
    ->Args({1000, 2, 0})
    ->ArgNames({"n", "threads", "findings"})
    ->UseRealTime()
    ->MeasureProcessCPUTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->Repetitions(3)
    ->ReportAggregatesOnly(true);
BENCHMARK(BM_ConsolidateInMemory)
    ->Arg(100)
    ->Arg(1000)
    ->Arg(10000)
    ->ArgName("n")
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->Repetitions(3)
    ->ReportAggregatesOnly(true);
BENCHMARK(BM_ReadSubmissionsOnly)->Arg(1000)->ArgName("n")->UseRealTime()->Unit(benchmark::kMillisecond)->Iterations(1);

BENCHMARK_MAIN();
