#pragma once
// ReportBench native plugin API — the only header a plugin needs.
//
// A native plugin is a shared library inside a plugin folder (its plugin.xml names it with
// <library file="…"/>). It exports two symbols through REPORTBENCH_PLUGIN(factory):
//   reportbench_api_version  — the API version it was built against (checked before anything
//                              else is touched), and
//   reportbench_create_plugin — a factory returning the plugin object.
// The plugin registers rules (checks a definition cannot express, e.g. across periods),
// narrative drafters and file formats (exporters) with the host. It never sees a window toolkit.
//
// Failure contract: a plugin never lets an exception escape; it reports failure through its
// return values (an empty draft, a finding). The host still catches anything thrown and
// reports the plugin instead of crashing. The ABI holds only when host and plugin are built
// with the same compiler and standard library (the distribution's toolchain).
#include <boost/dll/alias.hpp>

#include <memory>
#include <string>
#include <vector>

namespace reportbench::plugin_api {

constexpr int kApiVersion = 1;

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

using Factory = std::shared_ptr<Plugin>();
using ApiVersion = int();

}  // namespace reportbench::plugin_api

// Exports a plugin's factory and API version. `factory` is a qualified function name of type
// std::shared_ptr<reportbench::plugin_api::Plugin>() — qualified, because an alias with the
// same name as its target would alias itself.
#define REPORTBENCH_PLUGIN(factory)                                                           \
    namespace reportbench_plugin_exports {                                                    \
    inline int api_version() { return ::reportbench::plugin_api::kApiVersion; }               \
    }                                                                                         \
    BOOST_DLL_ALIAS(reportbench_plugin_exports::api_version, reportbench_api_version)         \
    BOOST_DLL_ALIAS(factory, reportbench_create_plugin)
