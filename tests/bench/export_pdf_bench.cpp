// Benchmarks of the PDF export of the seed report (xã Phương Định, Q1 2024, CCHC definition,
// Nam Định district profile): the first export of a process, which pays for fontconfig's set-up
// (reading the font cache, matching Times New Roman) once, then the steady state of the writer
// alone and of the whole export (evaluate, validate, build the document, write the PDF).
// Target: under 150 ms for the steady state. Figures: docs/performance.md.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "export/document.hpp"
#include "export/pdf/pdf.hpp"
#include "export/profile.hpp"
#include "report/report.hpp"
#include "schema/report_type.hpp"
#include "validate/evaluation.hpp"
#include "validate/findings.hpp"

namespace {

using namespace rb;
using namespace rb::exporting;

[[noreturn]] void die(const std::string& what) {
    std::fprintf(stderr, "bench_export_pdf: %s\n", what.c_str());
    std::exit(1);
}

struct Data {
    schema::ReportTypePtr type;
    report::Report report;
    RecipientProfile profile;
    std::string out;

    static const Data& get() {
        static const Data d = [] {
            Data x;
            const std::string src = RB_SOURCE_DIR;
            auto type = schema::load_definition(src + "/plugins/cchc/cchc-nam-dinh-2024.xml");
            if (!type) die(type.error());
            x.type = *type;
            auto r = report::load(src + "/plugins/cchc/samples/phuong-dinh-2024-q1.rbr");
            if (!r) die(r.error());
            x.report = std::move(*r);
            auto p = load_profile(src + "/plugins/cchc/profiles/cchc-nam-dinh-phu-luc-2.xml");
            if (!p) die(p.error());
            x.profile = std::move(*p);
            const std::filesystem::path dir = std::filesystem::path(RB_BUILD_DIR) / "bench-output";
            std::filesystem::create_directories(dir);
            x.out = (dir / "seed.pdf").string();
            return x;
        }();
        return d;
    }
};

// Evaluates, validates and builds the document, then writes the PDF.
void export_seed(const Data& d) {
    auto ev = validate::Evaluation::create(d.type);
    if (!ev) die(ev.error());
    ev->load(d.report);
    const validate::ValidationResult findings = validate::validate(*ev, d.report);
    const ExportDocument doc = build_document(d.report, *ev, findings, &d.profile);
    const Status st = write_pdf(doc, d.out, {});
    if (!st) die(st.error());
}

ExportDocument seed_document(const Data& d) {
    auto ev = validate::Evaluation::create(d.type);
    if (!ev) die(ev.error());
    ev->load(d.report);
    const validate::ValidationResult findings = validate::validate(*ev, d.report);
    return build_document(d.report, *ev, findings, &d.profile);
}

// Registered first so that it runs first: nothing in the process has touched fontconfig yet.
// The counter font_setup_ms is the part spent resolving the font (fontconfig's set-up).
void BM_PdfExportFirstInProcess(benchmark::State& state) {
    const Data& d = Data::get();  // loading the definition is not the export's cost
    double font_setup_ms = 0;
    for (auto _ : state) {
        const auto start = std::chrono::steady_clock::now();
        const auto font = resolve_pdf_font("Times New Roman");
        if (!font) die(font.error());
        font_setup_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        export_seed(d);
    }
    state.counters["font_setup_ms"] = font_setup_ms;
}
BENCHMARK(BM_PdfExportFirstInProcess)->Iterations(1)->Repetitions(1)->Unit(benchmark::kMillisecond);

void BM_PdfWriteSeedDocument(benchmark::State& state) {
    const Data& d = Data::get();
    const ExportDocument doc = seed_document(d);
    for (auto _ : state) {
        const Status st = write_pdf(doc, d.out, {});
        if (!st) die(st.error());
    }
}
BENCHMARK(BM_PdfWriteSeedDocument)->Unit(benchmark::kMillisecond);

void BM_PdfExportSeed(benchmark::State& state) {
    const Data& d = Data::get();
    for (auto _ : state) export_seed(d);
}
BENCHMARK(BM_PdfExportSeed)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
