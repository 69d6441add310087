// reportbench-cli migrate: carries a report into another edition of its type by the mapping the

#include "base/paths.hpp"
// new edition declares, printing what moved and what needs the user's attention.
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "migrate/migrate.hpp"

namespace fs = std::filesystem;

namespace rb::cli {

int cmd_migrate(App& app, const Args& a) {
    const char* usage = "migrate REPORT --edition E [-o OUT] [--dry-run] [--force] [--json]";
    require_args(a, 1, usage);
    const auto edition = a.option("--edition");
    if (!edition) fail(kCannotRun, trf("Thiếu tham số. Cách dùng: {}", usage));
    const std::string path = a.positional[0];
    const bool dry_run = a.flag("--dry-run");
    report::Report old = app.load_report(path);
    const auto from = app.type_of(old, path);
    const auto to = app.type_for(old.type_id, *edition);
    auto res = migrate::migrate(old, *from, *to);
    if (!res) fail(kDataError, res.error());

    // The input is never overwritten unless -o names it.
    std::string out;
    if (auto o = a.option("-o")) {
        out = *o;
    } else {
        const fs::path p = paths::fs_path(path);
        out = paths::text_of(p.parent_path() / (p.stem().native() + paths::fs_path("-" + *edition).native() + p.extension().native()));
    }
    std::error_code ec;
    const bool same_as_input = paths::exists(out) && fs::equivalent(paths::fs_path(out), paths::fs_path(path), ec);
    if (!dry_run && paths::exists(out) && !same_as_input && !a.flag("--force"))
        fail(kCannotRun, trf("Tệp {} đã có; dùng --force để ghi đè (bản cũ được giữ ở {}.bak)", out, out));

    migrate::Migrated m = std::move(*res);
    int carried_values = 0, carried_sections = 0, entered = 0, kept = 0;
    for (const auto& [code, e] : old.values)
        if (!e.value.empty() || !e.note.empty()) ++entered;
    for (const auto& i : m.summary) {
        if (i.kind == migrate::ItemKind::Carried && !i.attention) ++carried_values;
        if (i.kind == migrate::ItemKind::NarrativeCarried) ++carried_sections;
    }
    for (const auto& [code, e] : m.report.values)
        if (!e.value.empty() || !e.note.empty()) ++kept;

    if (!dry_run) app.save(m.report, out);

    if (a.flag("--json")) {
        nlohmann::ordered_json j;
        j["report"] = path;
        j["type"] = old.type_id;
        j["from"] = from->edition;
        j["to"] = to->edition;
        j["output"] = out;
        j["written"] = !dry_run;
        j["entered"] = entered;
        j["values"] = kept;
        j["attention"] = m.attention();
        auto items = nlohmann::ordered_json::array();
        for (const auto& i : m.summary) {
            nlohmann::ordered_json row = {{"kind", migrate::to_string(i.kind)},
                                          {"from", i.from},
                                          {"to", i.to},
                                          {"old", i.old_value},
                                          {"new", i.new_value},
                                          {"attention", i.attention},
                                          {"message", i.message}};
            items.push_back(std::move(row));
        }
        j["items"] = items;
        std::cout << j.dump(2) << '\n';
        return kOk;
    }
    std::cout << trf("Chuyển {} ({} ấn bản {}) sang ấn bản {}:", path, old.type_id, from->edition, to->edition) << '\n';
    std::cout << "  " << trf("{} giá trị và {} mục chuyển nguyên.", carried_values, carried_sections) << '\n';
    for (const auto& i : m.summary) {
        if (i.message.empty()) continue;
        std::cout << "  " << (i.attention ? std::string(tr("[CẦN XEM]")) + " " : std::string("- ")) << i.message << '\n';
    }
    std::cout << trf("{} giá trị đã nhập; {} giá trị trong báo cáo mới; {} mục cần xem lại.", entered, kept,
                     m.attention())
              << '\n';
    if (dry_run) std::cout << tr("Chạy thử: chưa ghi gì.") << '\n';
    else std::cout << trf("Đã ghi {}; báo cáo gốc {} được giữ nguyên.", out, path) << '\n';
    return kOk;
}

}  // namespace rb::cli
