// Benchmarks of the DOCX export of the seed report (xã Phương Định, Q1 2024, CCHC Nam Định 2024
// edition): writing the file from its prepared document (target: under 50 ms), the whole
// export from an evaluated report, and, for reference only, how long LibreOffice takes to turn
// that DOCX into a PDF (a separate process; its own start-up dominates).
// Run the Release build:
//   bench_export_docx --benchmark_repetitions=10 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "export/document.hpp"
#include "export/docx/docx.hpp"
#include "export/profile.hpp"
#include "report/report.hpp"
#include "schema/report_type.hpp"
#include "validate/evaluation.hpp"
#include "validate/findings.hpp"

namespace {

using namespace rb;
namespace fs = std::filesystem;

const std::string kDefinitionPath = std::string(RB_SOURCE_DIR) + "/plugins/cchc/cchc-nam-dinh-2024.xml";
const std::string kReportPath = std::string(RB_SOURCE_DIR) + "/plugins/cchc/samples/phuong-dinh-2024-q1.rbr";

[[noreturn]] void die(const std::string& what) {
    std::fprintf(stderr, "bench_export_docx: %s\n", what.c_str());
    std::exit(1);
}

// The seed, evaluated and validated once per process.
struct Data {
    schema::ReportTypePtr type;
    report::Report report;
    validate::Evaluation evaluation;
    validate::ValidationResult findings;
    exporting::RecipientProfile profile;
    exporting::ExportDocument document;

    static const Data& get() {
        static const Data d = [] {
            auto type = schema::load_definition(kDefinitionPath);
            if (!type) die("cannot load " + kDefinitionPath + ": " + type.error());
            auto r = report::load(kReportPath);
            if (!r) die("cannot load " + kReportPath + ": " + r.error());
            auto ev = validate::Evaluation::create(*type);
            if (!ev) die("cannot create the evaluation: " + ev.error());
            ev->load(*r);
            validate::ValidationResult findings = validate::validate(*ev, *r);
            exporting::ExportDocument document = exporting::build_document(*r, *ev, findings, nullptr);
            exporting::RecipientProfile profile = exporting::default_profile(**type);
            return Data{*type,
                        std::move(*r),
                        std::move(*ev),
                        std::move(findings),
                        std::move(profile),
                        std::move(document)};
        }();
        return d;
    }
};

fs::path output(const char* name) {
    const fs::path dir = fs::path(RB_BUILD_DIR) / "bench-output";
    fs::create_directories(dir);
    return dir / name;
}

void write_seed(const exporting::ExportDocument& document, const fs::path& path) {
    const Data& d = Data::get();
    static const auto exporter = exporting::make_docx_exporter();
    const exporting::ExportInput in{d.report, d.evaluation, d.findings, d.profile, document};
    const rb::Status written = exporter->write(in, path.string(), {});
    if (!written) die(written.error());
}

// The writer alone: OOXML parts, deflate, zip written to disk.
void BM_DocxWriteSeed(benchmark::State& state) {
    const Data& d = Data::get();
    const fs::path path = output("seed.docx");
    for (auto _ : state) write_seed(d.document, path);
    state.counters["bytes"] = static_cast<double>(fs::file_size(path));
}
BENCHMARK(BM_DocxWriteSeed)->Unit(benchmark::kMillisecond);

// What "Xuất DOCX" costs after the report is open: the document built from the evaluated
// report, then written.
void BM_DocxBuildAndWriteSeed(benchmark::State& state) {
    const Data& d = Data::get();
    const fs::path path = output("seed-built.docx");
    for (auto _ : state) {
        const exporting::ExportDocument document =
            exporting::build_document(d.report, d.evaluation, d.findings, nullptr);
        write_seed(document, path);
    }
}
BENCHMARK(BM_DocxBuildAndWriteSeed)->Unit(benchmark::kMillisecond);

std::string quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// Reference only: LibreOffice headless converting the seed's DOCX to PDF, wall time.
// Argument 0: a fresh profile folder per run, as the export tests use (LibreOffice then
// creates its profile first); 1: one profile, created before timing starts.
void BM_LibreOfficeConvertsSeedDocxToPdf(benchmark::State& state) {
    if (std::system("command -v soffice >/dev/null 2>&1") != 0) {
        state.SkipWithError("LibreOffice (soffice) is not installed");
        return;
    }
    const bool fresh_profile = state.range(0) == 0;
    const fs::path docx = output("seed-office.docx");
    write_seed(Data::get().document, docx);
    const fs::path base = output("office") / (fresh_profile ? "fresh" : "warm");
    fs::remove_all(base);
    int run = 0;
    auto convert = [&] {
        const fs::path outdir = base / std::to_string(run++);
        const fs::path profile = fresh_profile ? outdir / "profile" : base / "profile";
        const std::string cmd = "soffice -env:UserInstallation=file://" + fs::absolute(profile).string() +
                                " --headless --norestore --convert-to pdf --outdir " +
                                quote(outdir.string()) + " " + quote(docx.string()) + " >/dev/null 2>&1";
        return std::system(cmd.c_str()) == 0 && fs::exists(outdir / "seed-office.pdf");
    };
    if (!fresh_profile && !convert()) {
        state.SkipWithError("LibreOffice could not convert the DOCX");
        return;
    }
    for (auto _ : state) {
        if (!convert()) {
            state.SkipWithError("LibreOffice could not convert the DOCX");
            return;
        }
    }
}
BENCHMARK(BM_LibreOfficeConvertsSeedDocxToPdf)
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
