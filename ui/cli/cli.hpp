#pragma once
// What every command of reportbench-cli shares: exit codes, arguments, the plugin registry and
// report loading with the CLI's messages. Commands live in main.cpp and cmd_*.cpp.
#include <spdlog/spdlog.h>

#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "base/file_io.hpp"
#include "i18n/i18n.hpp"
#include "locale/vi.hpp"
#include "plugin/registry.hpp"
#include "report/report.hpp"
#include "session/edit_session.hpp"
#include "validate/evaluation.hpp"
#include "validate/findings.hpp"

namespace rb::cli {

// Exit codes: 0 done; 1 the data is wrong (a bad value, errors found by validate, a locked
// report); 2 the command could not run (usage, files, plugins).
inline constexpr int kOk = 0;
inline constexpr int kDataError = 1;
inline constexpr int kCannotRun = 2;

struct Failure {
    int code;
    std::string message;
};

[[noreturn]] inline void fail(int code, std::string message) { throw Failure{code, std::move(message)}; }

struct Args {
    std::vector<std::string> positional;
    std::vector<std::pair<std::string, std::string>> options;  // --name value
    std::vector<std::string> flags;                             // --name

    bool flag(std::string_view name) const {
        for (const auto& f : flags)
            if (f == name) return true;
        return false;
    }
    std::optional<std::string> option(std::string_view name) const {
        for (const auto& [k, v] : options)
            if (k == name) return v;
        return std::nullopt;
    }
};

// Options that take a value; everything else starting with "--" is a flag.
inline bool takes_value(std::string_view name) {
    static const char* names[] = {"--plugin-path", "--lang", "--period", "-o", "--output", "--edition",
                                  "--unit", "--parent", "--unit-profile", "--province", "--from", "--to",
                                  "--file", "--value", "--previous", "--parent-kind", "--format", "--profile",
                                  "--compare", "--workspace", "--with", "--expect", "--date", "--limit",
                                  "--expect-province"};
    for (const char* n : names)
        if (name == n) return true;
    return false;
}

inline Args parse_args(int argc, char** argv, int first) {
    Args a;
    for (int i = first; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--") {
            for (++i; i < argc; ++i) a.positional.emplace_back(argv[i]);
            break;
        }
        if (arg.size() > 1 && arg[0] == '-' && !std::isdigit(static_cast<unsigned char>(arg[1]))) {
            const auto eq = arg.find('=');
            if (arg.rfind("--", 0) == 0 && eq != std::string::npos) {
                a.options.emplace_back(arg.substr(0, eq), arg.substr(eq + 1));
            } else if (takes_value(arg)) {
                if (i + 1 >= argc) fail(kCannotRun, trf("Tùy chọn {} cần một giá trị", arg));
                a.options.emplace_back(arg == "--output" ? "-o" : arg, argv[++i]);
            } else {
                a.flags.push_back(arg);
            }
        } else {
            a.positional.push_back(arg);
        }
    }
    return a;
}

// Text files given on the command line are read with the report's own limit: nothing larger
// could be saved, and a FIFO or a device is refused instead of blocking.
inline std::string read_text_file(const std::string& path) {
    auto text = files::read(path, files::kMaxReportBytes);
    if (!text) fail(kCannotRun, text.error());
    return std::move(*text);
}

// Text given with --value or --file (exactly one of them).
inline std::string value_or_file(const Args& a) {
    const auto v = a.option("--value");
    const auto f = a.option("--file");
    if (v.has_value() == f.has_value()) fail(kCannotRun, tr("Cần đúng một trong hai tùy chọn --value hoặc --file"));
    std::string text = v ? *v : read_text_file(*f);
    if (!locale::is_valid_utf8(text)) fail(kDataError, tr("Văn bản không phải UTF-8 hợp lệ"));
    return locale::to_nfc(text);
}

inline std::string periods_text(const schema::ReportType& t) {
    std::string out;
    for (const auto& p : t.periods) {
        if (!out.empty()) out += ", ";
        out += p;
    }
    return out;
}

inline std::string date_text(const report::SimpleDate& d) {
    return locale::format_date_short(locale::Date{d.year, d.month, d.day});
}

class App {
public:
    explicit App(std::vector<std::string> plugin_paths) : plugin_paths_(std::move(plugin_paths)) {}

    const plugin::Registry& registry() {
        if (!registry_) {
            registry_ = plugin::Registry::discover(plugin::SearchPath::standard(plugin_paths_));
            for (const auto& f : registry_->failures())
                spdlog::warn("plugin failed: {}: {}", f.folder, f.reason);
        }
        return *registry_;
    }

    schema::ReportTypePtr type_for(const std::string& id, const std::string& edition) {
        auto t = registry().find(id, edition);
        if (!t) {
            if (registry().find(id))
                fail(kCannotRun, trf("Loại báo cáo “{}” không có ấn bản “{}”. Các ấn bản: {}", id, edition,
                                     editions_text(id)));
            fail(kCannotRun, trf("Chưa cài đặt loại báo cáo “{}”. Xem danh sách bằng lệnh: reportbench-cli types", id));
        }
        return t;
    }

    std::string editions_text(const std::string& id) {
        std::string out;
        for (const auto& t : registry().editions(id)) out += (out.empty() ? "" : ", ") + t->edition;
        return out;
    }

    report::Report load_report(const std::string& path) {
        auto r = report::load(path);
        if (!r) fail(kCannotRun, r.error());
        if (r->read_only) std::cerr << r->read_only_reason << '\n';
        return std::move(*r);
    }

    // The definition a report was made with; a report whose type is not installed cannot be
    // evaluated, and the message says which plugin it needs.
    schema::ReportTypePtr type_of(const report::Report& r, const std::string& path) {
        auto t = registry().find(r.type_id, r.edition);
        if (!t)
            fail(kCannotRun, trf("{}: {}; tệp không bị thay đổi.", path, registry().why_unavailable(r.type_id, r.edition)));
        return t;
    }

    validate::Evaluation evaluate(const report::Report& r, const std::string& path) {
        auto ev = validate::Evaluation::create(type_of(r, path));
        if (!ev) fail(kCannotRun, ev.error());
        ev->load(r);
        return std::move(*ev);
    }

    void save(report::Report& r, const std::string& path) {
        r.modified = report::timestamp_now();
        if (auto ok = report::save(r, path); !ok) fail(kCannotRun, ok.error());
    }

    // Every change to a report goes through an editing session, as in the desktop: the rules
    // about editing live there once.
    // The report's folder is held from reading to saving, so that two commands editing one
    // report run one after the other and neither loses the other's change.
    std::unique_ptr<session::EditSession> open_session(const std::string& path) {
        registry();  // plugins are found before the folder is held, to hold it briefly
        folder_locks_.push_back(std::make_unique<files::FolderLock>(files::folder_of(path)));
        if (!folder_locks_.back()->error().empty()) fail(kCannotRun, folder_locks_.back()->error());
        auto s = session::EditSession::open(registry(), path);
        if (!s) fail(kCannotRun, s.error());
        if ((*s)->report().read_only) std::cerr << (*s)->report().read_only_reason << '\n';
        return std::move(*s);
    }
    std::unique_ptr<session::EditSession> session_over(report::Report r, const std::string& path) {
        auto s = session::EditSession::create(registry(), std::move(r), path, false);
        if (!s) fail(kCannotRun, s.error());
        return std::move(*s);
    }
    void save(session::EditSession& s) {
        if (auto ok = s.save(); !ok) fail(kCannotRun, ok.error());
    }

private:
    std::vector<std::string> plugin_paths_;
    std::optional<plugin::Registry> registry_;
    std::vector<std::unique_ptr<files::FolderLock>> folder_locks_;
};

inline void require_args(const Args& a, std::size_t n, const char* usage) {
    if (a.positional.size() < n) fail(kCannotRun, trf("Thiếu tham số. Cách dùng: {}", usage));
}

// Commands in their own files (cmd_<name>.cpp).
int cmd_history(App& app, const Args& a);  // cmd_history.cpp
// `get --compare`: the report's values beside the previous period's or the year-ago report's.
int print_comparison(App& app, const Args& a, const std::string& path, const report::Report& r,
                     const validate::Evaluation& ev, const std::vector<std::size_t>& slots);
// `validate --workspace`: warnings from the unit's own history in the workspace.
std::vector<validate::Finding> workspace_findings(App& app, const Args& a, const std::string& path,
                                                  const report::Report& r, const validate::Evaluation& ev);
int cmd_workspace(App& app, const Args& a);  // cmd_workspace.cpp
int cmd_migrate(App& app, const Args& a);    // cmd_migrate.cpp
int cmd_consolidate(App& app, const Args& a);  // cmd_consolidate.cpp

// {"value","display","state"} of one cell, as `get --json` prints it.
inline nlohmann::ordered_json value_json(const validate::Cell& c, const schema::Indicator& ind) {
    nlohmann::ordered_json v;
    if (c.number) {
        // Past 10^15 (only in a file edited by hand) the conversion could overflow long long.
        if (ind.type == schema::ValueType::Integer && *c.number == std::floor(*c.number) &&
            std::fabs(*c.number) <= 1e15)
            v["value"] = static_cast<long long>(*c.number);
        else
            v["value"] = *c.number;
    } else if (!c.text.empty()) {
        v["value"] = c.text;
    } else {
        v["value"] = nullptr;
    }
    v["display"] = c.display;
    v["state"] = validate::to_string(c.state);
    return v;
}

}  // namespace rb::cli
