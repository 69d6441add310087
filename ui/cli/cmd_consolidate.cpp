// reportbench-cli consolidate: the communes' submissions for one period into the receiving

#include "base/paths.hpp"
// office's consolidated report, with who submitted, who did not, the inputs refused and why,
// the units with errors and the figures that stand far from the others (docs/consolidation.md).
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli.hpp"
#include "consolidate/consolidate.hpp"
#include "consolidate/files.hpp"
#include "export/all/export.hpp"
#include "export/submission/submission.hpp"

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace rb::cli {
namespace {

const char* kUsage =
    "consolidate SUBMISSION|FOLDER... -o OUT [--expect UNITS_FILE] [--expect-province PROVINCE] [--unit NAME] [--parent NAME] "
    "[--format F [--profile ID]] [--json]";

std::string lower_ext(const fs::path& p) {
    std::string e = paths::text_of(p.extension());
    for (auto& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return e;
}

// Files named on the command line, and the .xml / .json files of the folders named (not
// their subfolders), each folder's in name order.
std::vector<std::string> input_paths(const Args& a) {
    std::vector<std::string> out;
    for (const auto& p : a.positional) {
        if (paths::is_folder(p)) {
            auto here = consolidate::submission_files_in(p);
            if (!here) fail(kCannotRun, here.error());
            out.insert(out.end(), here->begin(), here->end());
        } else if (paths::exists(p)) {
            out.push_back(p);
        } else {
            fail(kCannotRun, trf("Không có tệp hoặc thư mục {}", p));
        }
    }
    return out;
}

// "Huyện Trực Ninh" → kind "huyện", name "Trực Ninh"; a name without a known kind is kept whole.
report::UnitInfo office_from(const std::string& text, const std::string& parent) {
    report::UnitInfo u;
    u.name = locale::to_nfc(text);
    u.kind = "";
    const std::string folded = locale::fold_case(u.name);
    for (std::string_view kind : {"huyện ", "quận ", "thị xã ", "thành phố ", "tỉnh ", "xã ", "phường "}) {
        if (folded.size() > kind.size() && folded.compare(0, kind.size(), kind) == 0) {
            u.kind = std::string(kind.substr(0, kind.size() - 1));
            // The same number of bytes: case folding keeps Vietnamese letters' UTF-8 lengths.
            u.name = u.name.substr(kind.size());
            break;
        }
    }
    u.parent = parent;
    if (!parent.empty()) {
        u.parent_kind = "tỉnh";
        u.province = parent;
    }
    return u;
}

json number_json(const schema::Indicator& ind, const expr::Value& v) {
    if (v.is_number() || v.is_boolean()) {
        if (ind.type == schema::ValueType::Integer && v.number == std::floor(v.number) && std::fabs(v.number) < 1e15)
            return static_cast<long long>(v.number);
        return v.number;
    }
    return nullptr;
}

const char* state_text(const expr::Value& v) {
    return v.is_blank() ? "blank" : v.is_not_applicable() ? "not-applicable" : "value";
}

const char* severity_text(schema::Severity s) { return schema::to_string(s); }

// At most `limit` lines of a list, then how many more there are.
void print_list(const std::vector<std::string>& lines, std::size_t limit = 50) {
    for (std::size_t i = 0; i < lines.size() && i < limit; ++i) std::cout << "  " << lines[i] << '\n';
    if (lines.size() > limit) std::cout << "  " << trf("… và {} dòng khác (xem --json)", lines.size() - limit) << '\n';
}

}  // namespace

int cmd_consolidate(App& app, const Args& a) {
    require_args(a, 1, kUsage);
    const auto out = a.option("-o");
    if (!out) fail(kCannotRun, trf("Thiếu tham số. Cách dùng: {}", kUsage));
    const auto format = a.option("--format");
    if (!format && lower_ext(paths::fs_path(*out)) != ".rbr")
        fail(kCannotRun, trf("{}: tệp báo cáo tổng hợp phải có đuôi .rbr; để xuất định dạng khác, dùng --format", *out));
    if (a.option("--profile") && !format) fail(kCannotRun, tr("--profile cần đi kèm --format"));

    const std::vector<std::string> paths = input_paths(a);
    if (paths.empty()) fail(kCannotRun, tr("Không có tệp nộp báo cáo nào (.xml, .json) để tổng hợp"));

    consolidate::Options options;
    if (auto e = a.option("--expect")) {
        auto list = consolidate::parse_expected_units(read_text_file(*e), *e);
        if (!list) fail(kCannotRun, list.error());
        if (list->empty()) fail(kCannotRun, trf("{}: danh sách đơn vị phải nộp không có tên nào", *e));
        options.expected = std::move(*list);
    }
    // Every commune of a province in the units catalog on the period's last day.
    if (auto p = a.option("--expect-province")) options.expected_province = *p;
    if (auto u = a.option("--unit")) options.office = office_from(*u, a.option("--parent").value_or(""));

    // Progress on stderr for long runs: when it is a terminal, or with --verbose.
    const bool show_progress = ::isatty(STDERR_FILENO) || spdlog::should_log(spdlog::level::debug);
    std::size_t shown = 0;
    auto progress = [&](std::size_t done, std::size_t total) {
        if (!show_progress || total < 1000) return;
        if (done / 1000 == shown / 1000 && done != total) return;
        shown = done;
        std::cerr << trf("Đã đọc {}/{} tệp", done, total) << '\n';
    };
    const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
    // The definition is that of the first input that can be read.
    auto consolidated = consolidate::consolidate_files(app.registry(), paths, options, threads, progress);
    if (!consolidated) fail(kCannotRun, consolidated.error());
    const schema::ReportTypePtr type = consolidated->type;
    auto res = std::move(consolidated->result);

    // The consolidated report: a report document, or through an exporter and profile.
    std::string written;
    int export_errors = 0;
    if (format) {
        exporting::ExportOptions o;
        o.format = *format;
        o.profile_id = a.option("--profile").value_or("");
        o.output = *out;
        auto ex = exporting::export_report(app.registry(), res.report, o);
        if (!ex) fail(kCannotRun, ex.error());
        written = ex->path;
        export_errors = ex->errors;
    } else {
        if (auto ok = report::save(res.report, *out); !ok) fail(kCannotRun, ok.error());
        written = *out;
    }

    const auto& t = *type;
    const int code = res.has_problems() ? kDataError : kOk;
    std::vector<const consolidate::UnitResult*> included, excluded, with_errors;
    for (const auto& u : res.units) {
        if (u.state == consolidate::InputState::Included) {
            included.push_back(&u);
            if (u.data.errors > 0) with_errors.push_back(&u);
        } else if (u.state != consolidate::InputState::Copy && u.state != consolidate::InputState::Superseded) {
            excluded.push_back(&u);
        }
    }

    if (a.flag("--json")) {
        json j;
        j["type"] = t.id;
        j["edition"] = t.edition;
        j["version"] = res.report.type_version;
        j["period"] = res.report.period.code();
        j["office"] = {{"name", res.report.unit.name}, {"kind", res.report.unit.kind}};
        j["output"] = written;
        j["exitCode"] = code;
        j["summary"] = {{"inputs", res.units.size()},
                        {"included", res.included},
                        {"excluded", excluded.size()},
                        {"expected", options.expected.size()},
                        {"missing", res.missing.size()},
                        {"unitsWithErrors", res.units_with_errors},
                        {"outliers", std::count_if(res.issues.begin(), res.issues.end(), [](const auto& i) {
                             return i.kind == consolidate::IssueKind::Outlier;
                         })}};
        json inputs = json::array();
        for (std::size_t i = 0; i < res.units.size(); ++i) {
            const auto& u = res.units[i];
            json findings = json::array();
            for (const auto& f : u.data.findings)
                findings.push_back({{"severity", severity_text(f.severity)}, {"rule", f.rule}, {"message", f.message}});
            inputs.push_back({{"index", i},
                              {"file", u.data.label},
                              {"unit", u.data.unit.name},
                              {"parent", u.data.unit.parent},
                              {"period", u.state == consolidate::InputState::Unreadable ? "" : u.data.period.code()},
                              {"amendment", u.data.amendment},
                              {"state", consolidate::to_string(u.state)},
                              {"reason", u.reason},
                              {"expectedAs", u.expected_as},
                              {"errors", u.data.errors},
                              {"warnings", u.data.warnings},
                              {"findings", std::move(findings)}});
        }
        j["inputs"] = std::move(inputs);
        j["missing"] = res.missing;
        json issues = json::array();
        for (const auto& i : res.issues) {
            json x = {{"kind", consolidate::to_string(i.kind)},
                      {"severity", severity_text(i.severity)},
                      {"file", i.file},
                      {"otherFile", i.other_file},
                      {"unit", i.unit},
                      {"message", i.message}};
            if (i.kind == consolidate::IssueKind::Outlier) {
                x["code"] = i.code;
                x["value"] = i.value;
                x["median"] = i.median;
            }
            issues.push_back(std::move(x));
        }
        j["issues"] = std::move(issues);
        json totals = json::array();
        for (std::size_t s = 0; s < t.indicators.size(); ++s) {
            const auto& ind = t.indicators[s];
            if (ind.heading) continue;
            const auto& tot = res.totals[s];
            json x = {{"code", ind.code},
                      {"label", ind.label.get()},
                      {"rule", schema::to_string(tot.rule)},
                      {"computed", ind.is_computed()},
                      {"value", number_json(ind, tot.value)},
                      {"state", state_text(tot.value)},
                      {"display", validate::display_value(ind, tot.value)},
                      {"contributors", tot.contributors}};
            if (!tot.answers.empty()) {
                json ans = json::object();
                for (const auto& [k, n] : tot.answers) ans[std::to_string(k)] = n;
                x["answers"] = std::move(ans);
            }
            if (ind.is_numeric()) {
                // Drill-down: [input index, value] per included unit (null: blank).
                json units = json::array();
                for (const auto& [ui, v] : res.drill_down(s)) units.push_back(json::array({ui, number_json(ind, v)}));
                x["units"] = std::move(units);
            }
            totals.push_back(std::move(x));
        }
        j["totals"] = std::move(totals);
        std::cout << j.dump(2) << '\n';
        return code;
    }

    const bool en = i18n::language() == i18n::Language::English;
    std::cout << trf("Tổng hợp {} — {} — {}", t.title.get(),
                     en ? res.report.period.label_en() : res.report.period.label_vi(),
                     res.report.unit.kind.empty() ? res.report.unit.name
                                                  : res.report.unit.kind + " " + res.report.unit.name)
              << '\n';
    std::cout << trf("Đã nộp và được tính: {} đơn vị (trong {} tệp)", res.included, res.units.size()) << '\n';
    {
        std::vector<std::string> lines;
        for (const auto* u : included) lines.push_back(fmt::format("{} — {}", units::with_kind(u->data.unit.kind, u->data.unit.name), u->data.label));
        print_list(lines, 20);
    }
    if (!options.expected.empty()) {
        std::cout << trf("Chưa nộp: {} đơn vị", res.missing.size()) << '\n';
        print_list(res.missing);
    }
    auto issue_lines = [&](std::initializer_list<consolidate::IssueKind> kinds) {
        std::vector<std::string> lines;
        for (const auto& i : res.issues)
            if (std::find(kinds.begin(), kinds.end(), i.kind) != kinds.end()) lines.push_back(i.message);
        return lines;
    };
    if (auto lines = issue_lines({consolidate::IssueKind::Unreadable, consolidate::IssueKind::Mismatch,
                                  consolidate::IssueKind::Duplicate, consolidate::IssueKind::Unknown,
                                  consolidate::IssueKind::Copy, consolidate::IssueKind::Superseded});
        !lines.empty()) {
        std::cout << trf("Tệp bị loại hoặc không tính: {}", lines.size()) << '\n';
        print_list(lines);
    }
    if (auto lines = issue_lines({consolidate::IssueKind::SpellingDiffers}); !lines.empty()) {
        std::cout << trf("Tên đơn vị viết khác danh sách: {}", lines.size()) << '\n';
        print_list(lines);
    }
    if (!with_errors.empty()) {
        std::cout << trf("Đơn vị có lỗi trong báo cáo: {}", with_errors.size()) << '\n';
        std::vector<std::string> lines;
        for (const auto* u : with_errors)
            lines.push_back(trf("{} ({}): {} lỗi, {} cảnh báo", units::with_kind(u->data.unit.kind, u->data.unit.name), u->data.label, u->data.errors,
                                u->data.warnings));
        print_list(lines);
    }
    if (auto lines = issue_lines({consolidate::IssueKind::Outlier}); !lines.empty()) {
        std::cout << trf("Số liệu khác xa các đơn vị khác (cảnh báo): {}", lines.size()) << '\n';
        print_list(lines);
    }

    std::cout << tr("Số liệu tổng hợp:") << '\n';
    for (std::size_t s = 0; s < t.indicators.size(); ++s) {
        const auto& ind = t.indicators[s];
        const auto& tot = res.totals[s];
        if (ind.heading || !ind.is_numeric()) continue;
        std::string shown_value;
        if (!tot.answers.empty()) {
            for (const auto& [k, n] : tot.answers) {
                std::string answer = std::to_string(k);
                if (ind.type == schema::ValueType::YesNo) answer = k == 1 ? tr("có") : tr("không");
                for (const auto& ch : ind.choices)
                    if (ch.value == k) answer = ch.label.get();
                shown_value += (shown_value.empty() ? "" : ", ") + trf("{}: {} đơn vị", answer, n);
            }
        } else {
            shown_value = validate::display_value(ind, tot.value);
            if (shown_value.empty()) shown_value = "—";
            if (tot.rule != schema::Consolidation::None && tot.contributors > 0)
                shown_value += " " + trf("({} đơn vị)", tot.contributors);
        }
        std::cout << fmt::format("  {:<10} {}\n", ind.code, shown_value);
    }
    if (export_errors > 0) std::cerr << trf("Chú ý: báo cáo tổng hợp còn {} lỗi theo quy tắc của mẫu.", export_errors) << '\n';
    std::cout << trf("Đã ghi {}", written) << '\n';
    return code;
}

}  // namespace rb::cli
