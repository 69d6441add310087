// What the functional tests must not time (they only check the outcome): a report written
// with and without its flushes, files refused for their size before a byte is read, a huge
// journal passed over at start, a definition with a cycle of computed indicators refused.
// Figures: docs/performance.md.
#include <benchmark/benchmark.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "base/file_io.hpp"
#include "report/report.hpp"
#include "schema/report_type.hpp"
#include "session/journal.hpp"

namespace {

namespace fs = std::filesystem;
using namespace rb;

const std::string kReportPath = std::string(RB_SOURCE_DIR) + "/plugins/cchc/samples/phuong-dinh-2024-q1.rbr";

// A private folder for the process, removed at exit.
const fs::path& scratch() {
    static const fs::path dir = [] {
        std::string tmpl = (fs::temp_directory_path() / "rb-bench-files-XXXXXX").string();
        if (!::mkdtemp(tmpl.data())) std::exit(1);
        std::atexit([] {
            std::error_code ec;
            fs::remove_all(scratch(), ec);
        });
        return fs::path(tmpl);
    }();
    return dir;
}

std::string sample_text() {
    auto text = files::read(kReportPath, files::kMaxReportBytes);
    if (!text) std::exit(1);
    return *text;
}

// One save of the seed report's file (about 30 KB), flushed to disk or not (durable:0|1).
void BM_WriteReportFile(benchmark::State& state) {
    const std::string data = sample_text();
    const std::string path = (scratch() / "saved.rbr").string();
    const files::WriteOptions options{.durable = state.range(0) != 0, .keep_backup = true};
    for (auto _ : state)
        if (!files::write_atomic(path, data, options)) state.SkipWithError("write failed");
}
BENCHMARK(BM_WriteReportFile)->ArgName("durable")->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// A sparse file of 1 GiB given as a report: refused from its size.
void BM_RefuseHugeReport(benchmark::State& state) {
    const std::string path = (scratch() / "huge.rbr").string();
    std::ofstream(path) << "<";
    fs::resize_file(path, std::uintmax_t(1) << 30);
    for (auto _ : state) {
        auto r = report::load(path);
        if (r) state.SkipWithError("accepted");
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_RefuseHugeReport)->Unit(benchmark::kMicrosecond);

// The journal folder at start with a 2 GiB journal of a dead process in it.
void BM_PendingRecoveriesBesideAHugeJournal(benchmark::State& state) {
    const fs::path dir = scratch() / "journal";
    fs::create_directories(dir);
    const pid_t dead = ::fork();
    if (dead == 0) ::_exit(0);
    ::waitpid(dead, nullptr, 0);
    const fs::path file = dir / (std::to_string(dead) + "-s1.rbj");
    std::ofstream(file) << "ReportBench journal 1\n";
    fs::resize_file(file, std::uintmax_t(2) << 30);
    session::Journal journal(dir.string());
    for (auto _ : state) benchmark::DoNotOptimize(journal.pending_recoveries());
}
BENCHMARK(BM_PendingRecoveriesBesideAHugeJournal)->Unit(benchmark::kMicrosecond);

// A definition whose computed indicators depend on each other in a circle.
void BM_RefuseCyclicDefinition(benchmark::State& state) {
    const std::string text = R"xml(<?xml version="1.0" encoding="UTF-8"?>
<reportType xmlns="urn:reportbench:reporttype:1" id="t" edition="e" version="1" formatVersion="1">
  <title>Báo cáo thử</title>
  <periods><period kind="quarter"/></periods>
  <narrative>
    <section id="S" number="I" required="true"><title>Mục một</title></section>
  </narrative>
  <appendix>
    <title>Phụ lục</title>
    <group code="G">
      <title>Nhóm</title>
      <indicator code="A" type="integer" computed="B + 1"><label>A</label></indicator>
      <indicator code="B" type="integer" computed="sum(A, 2)"><label>B</label></indicator>
    </group>
  </appendix>
</reportType>
)xml";
    for (auto _ : state) {
        auto t = schema::parse_definition(text, "cycle.xml");
        if (t) state.SkipWithError("accepted");
        benchmark::DoNotOptimize(t);
    }
}
BENCHMARK(BM_RefuseCyclicDefinition)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
