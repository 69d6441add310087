#pragma once
// ReportBench native plugin API — the only header a plugin needs.
//
// A native plugin is a shared library inside a plugin folder (its plugin.xml names it with
// <library file="…"/>). It exports two symbols through REPORTBENCH_PLUGIN(factory):
//   reportbench_abi_layout    — the API version and the number of methods of each interface
//                              as this header declared them when the plugin was built, checked
//                              by the host before anything else is touched, and
//   reportbench_create_plugin — a factory given the host's layout, which refuses (returns no
//                              plugin) when the host lacks a method the plugin may call.
// So a method appended to an interface on either side is detected, never called past the end
// of a table of functions.
// The plugin registers rules (checks a definition cannot express, e.g. across periods),
// narrative drafters and file formats (exporters) with the host. It never sees a window toolkit.
//
// Failure contract: a plugin never lets an exception escape; it reports failure through its
// return values (an empty draft, a finding). The host still catches anything thrown and
// reports the plugin instead of crashing. The ABI holds only when host and plugin are built
// with the same compiler and standard library (the distribution's toolchain).
// GCC for Windows (MinGW-w64) drops an exported variable that is only declared, and Boost.DLL's
// aliases are such declarations unless their definition is forced: without this a plugin DLL
// exports neither its layout nor its factory.
#if defined(__MINGW32__) && !defined(BOOST_DLL_FORCE_ALIAS_INSTANTIATION)
#define BOOST_DLL_FORCE_ALIAS_INSTANTIATION
#endif
#include <boost/dll/alias.hpp>
#include <reportbench/plugin_api_version.hpp>

#include <memory>
#include <string>
#include <vector>

namespace reportbench::plugin_api {

// kApiVersion comes from plugin_api_version.hpp, made by the build from its one definition.

struct Value {
    enum class Kind { Blank, NotApplicable, Number };
    Kind kind = Kind::Blank;
    double number = 0;
    bool is_number() const { return kind == Kind::Number; }
};

// What a plugin may read of a report: values (entered and computed), their display, the
// narrative, and the previous period's report of the same unit when the host has it.
class ReportView {
public:
    virtual ~ReportView() = default;
    virtual std::string type_id() const = 0;
    virtual std::string edition() const = 0;
    virtual std::string period() const = 0;        // "2024-Q1", "2024-H1", "2024-9M", "2024"
    virtual std::string period_label() const = 0;  // "Quý I năm 2024"
    virtual std::string unit_name() const = 0;
    virtual std::string window_from() const = 0;   // "15/12/2023"
    virtual std::string window_to() const = 0;
    virtual Value value(const std::string& code) const = 0;
    virtual std::string display(const std::string& code) const = 0;  // "1.034", "16,67%"
    virtual std::string label(const std::string& code) const = 0;    // the indicator's label
    virtual std::string text(const std::string& section_id) const = 0;
    virtual const ReportView* previous() const = 0;  // nullptr when not available
};

struct Finding {
    std::string severity = "warning";  // "error", "warning" or "info"
    std::string rule;                  // an id unique within the plugin
    std::vector<std::string> codes;
    std::string section;
    std::string message_vi;
    std::string message_en;
};

class RuleSet {
public:
    virtual ~RuleSet() = default;
    virtual std::vector<Finding> check(const ReportView& report) const = 0;
};

class Drafter {
public:
    virtual ~Drafter() = default;
    // A paragraph for the section, or "" when the numbers it needs are not there yet.
    virtual std::string draft(const ReportView& report) const = 0;
};

// A file format of the plugin's own (a recipient's in-house import format, say). The host
// offers it beside the built-in formats, for any report type whose recipient profile allows
// its id, and makes the write atomic (`path` is a temporary name in the destination folder).
class Exporter {
public:
    virtual ~Exporter() = default;
    virtual std::string id() const = 0;         // lower-case letters and digits: "tsv"
    virtual std::string extension() const = 0;  // "tsv"
    virtual std::string label_vi() const = 0;
    virtual std::string label_en() const = 0;
    // Writes the report; `codes` are the appendix rows in the recipient's order (indicators
    // only). Returns "" when written, else the reason in Vietnamese.
    virtual std::string write(const ReportView& report, const std::vector<std::string>& codes,
                              const std::string& path) const = 0;
};

// The host's side: what a plugin registers, for which report type (id).
class Registrar {
public:
    virtual ~Registrar() = default;
    virtual void add_rules(const std::string& type_id, std::shared_ptr<const RuleSet> rules) = 0;
    virtual void add_drafter(const std::string& type_id, const std::string& section_id,
                             std::shared_ptr<const Drafter> drafter) = 0;
    virtual void log_info(const std::string& message) = 0;
    // Added last, so that the table of the functions above keeps its layout.
    virtual void add_exporter(std::shared_ptr<const Exporter> exporter) = 0;
};

class Plugin {
public:
    virtual ~Plugin() = default;
    virtual void register_with(Registrar& host) = 0;
};

// The shape of the interfaces above: how many methods (pure virtual functions, the destructor
// not counted) each declares. Appending a method to an interface means raising its count here,
// in the same change; a test of the host counts the declarations in this header and fails when
// they disagree.
struct Layout {
    int api_version;
    int report_view;  // implemented by the host, called by plugins
    int registrar;    // implemented by the host, called by plugins
    int rule_set;     // implemented by plugins, called by the host
    int drafter;      // implemented by plugins, called by the host
    int exporter;     // implemented by plugins, called by the host
    int plugin;       // implemented by plugins, called by the host
};
inline constexpr Layout kLayout{kApiVersion, 12, 4, 1, 1, 5, 1};

// What each side needs of the other: the host must implement at least the methods the plugin
// may call, and the plugin at least those the host calls. Both sides run these checks.
constexpr bool host_serves(const Layout& host, const Layout& plugin) {
    return host.api_version == plugin.api_version && host.report_view >= plugin.report_view &&
           host.registrar >= plugin.registrar;
}
constexpr bool plugin_serves(const Layout& host, const Layout& plugin) {
    return host.api_version == plugin.api_version && plugin.rule_set >= host.rule_set &&
           plugin.drafter >= host.drafter && plugin.exporter >= host.exporter && plugin.plugin >= host.plugin;
}

using LayoutQuery = Layout();
using Factory = std::shared_ptr<Plugin>(const Layout& host);

}  // namespace reportbench::plugin_api

// Exports a plugin's layout and factory. `factory` is a qualified function name of type
// std::shared_ptr<reportbench::plugin_api::Plugin>(); the exported factory first checks that
// the host implements what this plugin may call.
#define REPORTBENCH_PLUGIN(factory)                                                                     \
    namespace reportbench_plugin_exports {                                                              \
    inline ::reportbench::plugin_api::Layout layout() { return ::reportbench::plugin_api::kLayout; }    \
    inline std::shared_ptr<::reportbench::plugin_api::Plugin> create(                                   \
        const ::reportbench::plugin_api::Layout& host) {                                                \
        if (!::reportbench::plugin_api::host_serves(host, ::reportbench::plugin_api::kLayout)) return {}; \
        return factory();                                                                               \
    }                                                                                                   \
    }                                                                                                   \
    BOOST_DLL_ALIAS(reportbench_plugin_exports::layout, reportbench_abi_layout)                         \
    BOOST_DLL_ALIAS(reportbench_plugin_exports::create, reportbench_create_plugin)
