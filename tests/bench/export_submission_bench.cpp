// Benchmarks of the submission and CSV exports of the seed report (xã Phương Định, CCHC,
// Q1 2024): writing each shape in memory, the whole export a user waits for (evaluate,
// validate, build the document, write the file), and importing a submission back.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "export/document.hpp"
#include "export/profile.hpp"
#include "export/submission/csv.hpp"
#include "export/submission/submission.hpp"
#include "report/report.hpp"
#include "schema/report_type.hpp"
#include "validate/evaluation.hpp"
#include "validate/findings.hpp"

namespace {

using namespace rb;

const std::string kDefinitionPath = std::string(RB_SOURCE_DIR) + "/plugins/cchc/cchc-nam-dinh-2024.xml";
const std::string kReportPath = std::string(RB_SOURCE_DIR) + "/plugins/cchc/samples/phuong-dinh-2024-q1.rbr";

[[noreturn]] void die(const std::string& what) {
    std::fprintf(stderr, "bench_export_submission: %s\n", what.c_str());
    std::exit(1);
}

validate::Evaluation evaluate(const schema::ReportTypePtr& type, const report::Report& r) {
    auto ev = validate::Evaluation::create(type);
    if (!ev) die("cannot create the evaluation: " + ev.error());
    ev->load(r);
    return std::move(*ev);
}

// The definition, the seed, its evaluation, findings and document, built once per process.
struct Data {
    schema::ReportTypePtr type;
    report::Report report;
    std::unique_ptr<validate::Evaluation> evaluation;
    validate::ValidationResult findings;
    exporting::RecipientProfile profile;
    exporting::ExportDocument document;
    std::string xml, json;

    static const Data& get() {
        static const Data d = [] {
            Data x;
            auto type = schema::load_definition(kDefinitionPath);
            if (!type) die("cannot load " + kDefinitionPath + ": " + type.error());
            x.type = *type;
            auto r = report::load(kReportPath);
            if (!r) die("cannot load " + kReportPath + ": " + r.error());
            x.report = std::move(*r);
            x.evaluation = std::make_unique<validate::Evaluation>(evaluate(x.type, x.report));
            x.findings = validate::validate(*x.evaluation, x.report);
            x.profile = exporting::default_profile(*x.type);
            x.document = exporting::build_document(x.report, *x.evaluation, x.findings, nullptr);
            const auto s = exporting::make_submission(x.report, *x.evaluation, x.findings);
            x.xml = exporting::submission_to_xml(s);
            x.json = exporting::submission_to_json(s);
            return x;
        }();
        return d;
    }
};

void BM_SubmissionXmlWrite(benchmark::State& state) {
    const Data& d = Data::get();
    for (auto _ : state) {
        const auto s = exporting::make_submission(d.report, *d.evaluation, d.findings);
        std::string out = exporting::submission_to_xml(s);
        benchmark::DoNotOptimize(out);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * d.xml.size()));
}
BENCHMARK(BM_SubmissionXmlWrite)->Unit(benchmark::kMicrosecond);

void BM_SubmissionJsonWrite(benchmark::State& state) {
    const Data& d = Data::get();
    for (auto _ : state) {
        const auto s = exporting::make_submission(d.report, *d.evaluation, d.findings);
        std::string out = exporting::submission_to_json(s);
        benchmark::DoNotOptimize(out);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * d.json.size()));
}
BENCHMARK(BM_SubmissionJsonWrite)->Unit(benchmark::kMicrosecond);

void BM_CsvWrite(benchmark::State& state) {
    const Data& d = Data::get();
    for (auto _ : state) {
        std::string out = exporting::appendix_to_csv(d.document);
        benchmark::DoNotOptimize(out);
    }
}
BENCHMARK(BM_CsvWrite)->Unit(benchmark::kMicrosecond);

// What the user waits for after pressing "export": evaluate, validate, build the document and
// write the file through the exporter. The first three are shared by every format.
void export_to_file(benchmark::State& state, const std::shared_ptr<const exporting::Exporter>& exporter) {
    const Data& d = Data::get();
    const std::string path =
        (std::filesystem::temp_directory_path() / ("rb-bench-seed." + exporter->extension())).string();
    for (auto _ : state) {
        validate::Evaluation ev = evaluate(d.type, d.report);
        const validate::ValidationResult findings = validate::validate(ev, d.report);
        const exporting::ExportDocument doc = exporting::build_document(d.report, ev, findings, nullptr);
        const exporting::ExportInput in{d.report, ev, findings, d.profile, doc};
        auto ok = exporter->write(in, path, {});
        if (!ok) die(ok.error());
    }
    std::filesystem::remove(path);
}

void BM_ExportSeedXmlFile(benchmark::State& state) {
    export_to_file(state, exporting::make_submission_xml_exporter());
}
BENCHMARK(BM_ExportSeedXmlFile)->Unit(benchmark::kMillisecond);

void BM_ExportSeedJsonFile(benchmark::State& state) {
    export_to_file(state, exporting::make_submission_json_exporter());
}
BENCHMARK(BM_ExportSeedJsonFile)->Unit(benchmark::kMillisecond);

void BM_ExportSeedCsvFile(benchmark::State& state) {
    export_to_file(state, exporting::make_csv_exporter());
}
BENCHMARK(BM_ExportSeedCsvFile)->Unit(benchmark::kMillisecond);

void BM_SubmissionXmlImport(benchmark::State& state) {
    const Data& d = Data::get();
    for (auto _ : state) {
        auto r = exporting::import_submission(d.xml, "seed.xml");
        if (!r) die(r.error());
        benchmark::DoNotOptimize(r);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * d.xml.size()));
}
BENCHMARK(BM_SubmissionXmlImport)->Unit(benchmark::kMicrosecond);

void BM_SubmissionJsonImport(benchmark::State& state) {
    const Data& d = Data::get();
    for (auto _ : state) {
        auto r = exporting::import_submission(d.json, "seed.json");
        if (!r) die(r.error());
        benchmark::DoNotOptimize(r);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * d.json.size()));
}
BENCHMARK(BM_SubmissionJsonImport)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
