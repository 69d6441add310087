// Benchmarks of what a user waits for: loading a definition, loading a report file, the full
// evaluate + validate pass run when a report is opened, and the incremental recompute after
// one edit. Data: the CCHC definition (Nam Định 2024 edition) and its bundled seed report
// (xã Phương Định, Q1 2024). Targets and figures: docs/performance.md.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "expr/expr.hpp"
#include "i18n/i18n.hpp"
#include "plugin/registry.hpp"
#include "report/entry.hpp"
#include "report/report.hpp"
#include "schema/report_type.hpp"
#include "validate/evaluation.hpp"
#include "validate/findings.hpp"
#include "validate/narrative_checks.hpp"

namespace {

using namespace rb;

const std::string kDefinitionPath = std::string(RB_SOURCE_DIR) + "/plugins/cchc/cchc-nam-dinh-2024.xml";
const std::string kReportPath = std::string(RB_SOURCE_DIR) + "/plugins/cchc/samples/phuong-dinh-2024-q1.rbr";

[[noreturn]] void die(const std::string& what) {
    std::fprintf(stderr, "bench_report: %s\n", what.c_str());
    std::exit(1);
}

// The definition and the seed report, loaded once per process.
struct Data {
    schema::ReportTypePtr type;
    report::Report report;

    static const Data& get() {
        static const Data d = [] {
            Data x;
            auto type = schema::load_definition(kDefinitionPath);
            if (!type) die("cannot load " + kDefinitionPath + ": " + type.error());
            x.type = *type;
            auto r = report::load(kReportPath);
            if (!r) die("cannot load " + kReportPath + ": " + r.error());
            x.report = std::move(*r);
            return x;
        }();
        return d;
    }
};

validate::Evaluation make_evaluation(const Data& d) {
    auto ev = validate::Evaluation::create(d.type);
    if (!ev) die("cannot create the evaluation: " + ev.error());
    return std::move(*ev);
}

// The rule part of validate(): every rule's `when` and `test` over the current values, as the
// validator evaluates them, without building findings (the seed report breaks no rule or
// only a few, so message formatting is not what this measures). Returns the broken rules.
int evaluate_rules(const validate::Evaluation& ev) {
    const auto& current = ev.values();
    const auto& previous = ev.previous_values();
    int broken = 0;
    for (const auto& rule : ev.type().rules) {
        if (rule.when && !rule.when->evaluate(current, previous).is_true()) continue;
        if (rule.test.evaluate(current, previous).is_false()) ++broken;
    }
    return broken;
}

using validate::narrative_input;  // the input of the narrative checks, as validate() builds it

// 1. Reading a definition: XSD validation, model, expression parsing and binding, graph.
// Discovering and loading every bundled plugin: manifests, definitions (with their XSD checks
// and formula compilation) and native libraries — what every program start pays.
void BM_DiscoverBundledPlugins(benchmark::State& state) {
    const rb::plugin::SearchPath path{{std::string(RB_BUILD_DIR) + "/share/reportbench/plugins"}};
    std::size_t types = 0;
    for (auto _ : state) {
        auto reg = rb::plugin::Registry::discover(path);
        types = reg.types().size();
        benchmark::DoNotOptimize(types);
    }
    state.counters["types"] = static_cast<double>(types);
}
BENCHMARK(BM_DiscoverBundledPlugins)->Unit(benchmark::kMillisecond);

void BM_LoadDefinition(benchmark::State& state) {
    for (auto _ : state) {
        auto type = schema::load_definition(kDefinitionPath);
        if (!type) {
            state.SkipWithError(type.error().c_str());
            break;
        }
        benchmark::DoNotOptimize(type);
    }
}
BENCHMARK(BM_LoadDefinition)->Unit(benchmark::kMillisecond);

// 4. Reading a report file: XSD validation and parse.
void BM_LoadReport(benchmark::State& state) {
    for (auto _ : state) {
        auto r = report::load(kReportPath);
        if (!r) {
            state.SkipWithError(r.error().c_str());
            break;
        }
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_LoadReport)->Unit(benchmark::kMicrosecond);

// 2. Opening a report: every entered value taken in and everything recomputed, then every
// finding (rules, built-in checks, narrative checks).
void BM_FullPass(benchmark::State& state) {
    const Data& d = Data::get();
    auto ev = make_evaluation(d);
    for (auto _ : state) {
        ev.load(d.report);
        auto res = validate::validate(ev, d.report);
        benchmark::DoNotOptimize(res);
    }
}
BENCHMARK(BM_FullPass)->Unit(benchmark::kMicrosecond);

// 2a. Evaluate only: Evaluation::load (inputs parsed from canonical text, full recompute).
void BM_EvaluateOnly(benchmark::State& state) {
    const Data& d = Data::get();
    auto ev = make_evaluation(d);
    for (auto _ : state) {
        ev.load(d.report);
        benchmark::DoNotOptimize(ev.values().data());
        benchmark::ClobberMemory();
    }
}
BENCHMARK(BM_EvaluateOnly)->Unit(benchmark::kMicrosecond);

// 2b. Rules only: the definition's validation rules over already computed values.
void BM_RulesOnly(benchmark::State& state) {
    const Data& d = Data::get();
    auto ev = make_evaluation(d);
    ev.load(d.report);
    state.counters["rules"] = static_cast<double>(d.type->rules.size());
    state.counters["broken"] = evaluate_rules(ev);
    for (auto _ : state) benchmark::DoNotOptimize(evaluate_rules(ev));
}
BENCHMARK(BM_RulesOnly)->Unit(benchmark::kMicrosecond);

// 2c. Evaluate + rules: the full pass without the built-in and narrative checks.
void BM_EvaluateAndRules(benchmark::State& state) {
    const Data& d = Data::get();
    auto ev = make_evaluation(d);
    for (auto _ : state) {
        ev.load(d.report);
        benchmark::DoNotOptimize(evaluate_rules(ev));
    }
}
BENCHMARK(BM_EvaluateAndRules)->Unit(benchmark::kMicrosecond);

// 2d. validate() as the application calls it: rules, built-in checks and narrative checks.
void BM_ValidateWithNarrative(benchmark::State& state) {
    const Data& d = Data::get();
    auto ev = make_evaluation(d);
    ev.load(d.report);
    {
        auto res = validate::validate(ev, d.report);
        state.counters["findings"] = static_cast<double>(res.findings.size());
    }
    for (auto _ : state) {
        auto res = validate::validate(ev, d.report);
        benchmark::DoNotOptimize(res);
    }
}
BENCHMARK(BM_ValidateWithNarrative)->Unit(benchmark::kMicrosecond);

// 2e. The narrative checks alone (check_narrative on the seed report's prose), input prepared
// outside the loop; tells how much of validate() they account for.
void BM_NarrativeChecksOnly(benchmark::State& state) {
    const Data& d = Data::get();
    auto ev = make_evaluation(d);
    ev.load(d.report);
    const auto in = narrative_input(ev, d.report);
    std::size_t bytes = 0;
    for (const auto& s : in.sections) bytes += s.text.size();
    state.counters["sections"] = static_cast<double>(in.sections.size());
    state.counters["mentions"] = static_cast<double>(in.mentions.size());
    for (auto _ : state) {
        auto found = validate::check_narrative(in);
        benchmark::DoNotOptimize(found);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_NarrativeChecksOnly)->Unit(benchmark::kMicrosecond);

// 2f. Each narrative check on its own, to see where the narrative time goes. Every call also
// folds the text (NFC + case folding), so the cheapest check approximates that shared cost.
void BM_NarrativeCheck(benchmark::State& state) {
    using Fn = std::vector<validate::NarrativeFinding> (*)(const validate::NarrativeInput&);
    struct Check {
        const char* name;
        Fn fn;
    };
    static const Check checks[] = {
        {"numbers", validate::check_number_contradictions}, {"names", validate::check_name_typos},
        {"repeats", validate::check_repeated_paragraphs},   {"years", validate::check_wrong_years},
        {"fractions", validate::check_fraction_arithmetic},
    };
    const Check& c = checks[state.range(0)];
    state.SetLabel(c.name);
    const Data& d = Data::get();
    auto ev = make_evaluation(d);
    ev.load(d.report);
    const auto in = narrative_input(ev, d.report);
    for (auto _ : state) {
        auto found = c.fn(in);
        benchmark::DoNotOptimize(found);
    }
}
BENCHMARK(BM_NarrativeCheck)->DenseRange(0, 4)->Unit(benchmark::kMicrosecond);

// 3. One edit: HS.4.2 (resolved on time) alternating 317 / 318, incremental recompute of what
// depends on it (HS.4, III.3.1.x, the on-time rate...).
void BM_IncrementalEdit(benchmark::State& state) {
    const Data& d = Data::get();
    auto ev = make_evaluation(d);
    ev.load(d.report);
    const auto slot = d.type->slot("HS.4.2");
    if (!slot) {
        state.SkipWithError("HS.4.2 is not in the definition");
        return;
    }
    const std::string values[2] = {"318", "317"};
    std::size_t changed = 0;
    bool flip = false;
    for (auto _ : state) {
        auto out = ev.set(*slot, values[flip]);
        flip = !flip;
        changed = out.size();
        benchmark::DoNotOptimize(out);
    }
    state.counters["changed_slots"] = static_cast<double>(changed);
}
BENCHMARK(BM_IncrementalEdit)->Unit(benchmark::kNanosecond);

// Wall-clock and process CPU time of one call, in microseconds.
struct Timing {
    double wall = 0, cpu = 0;
};

double cpu_now_us() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

template <class F>
Timing time_once(F&& f) {
    const auto w0 = std::chrono::steady_clock::now();
    const double c0 = cpu_now_us();
    f();
    return {std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - w0).count(),
            cpu_now_us() - c0};
}

void add_context(const char* key, const Timing& t) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%.0f us wall, %.0f us CPU", t.wall, t.cpu);
    benchmark::AddCustomContext(key, buf);
}

}  // namespace

int main(int argc, char** argv) {
    i18n::set_language(i18n::Language::Vietnamese);

    // First calls of the process: they also compile the XSDs, which are cached afterwards.
    // Measured once here and shown in the context header; the benchmarks measure the warm case.
    add_context("first_load_definition", time_once([] {
                    if (!schema::load_definition(kDefinitionPath)) die("cannot load " + kDefinitionPath);
                }));
    add_context("first_load_report", time_once([] {
                    if (!report::load(kReportPath)) die("cannot load " + kReportPath);
                }));

    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
