#pragma once
// Native plugin libraries (Boost.DLL) and what they register: rules and narrative drafters.
// Loader rules, written where they are used: the API version and the interfaces' layout are
// checked both ways before anything from a library is created; every library stays loaded for the life of the process (objects it
// created must never outlive their code); anything a plugin throws is caught here and turns
// into the plugin's failure reason.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/result.hpp"
#include "reportbench/plugin_api.hpp"

namespace rb::plugin {

namespace api = reportbench::plugin_api;

// A plugin's file format, with what it says of itself read once when it registered (a call
// into the plugin that can fail is made where its failure refuses the plugin, not later).
struct PluginFormat {
    std::shared_ptr<const api::Exporter> exporter;
    std::string id, extension, label_vi, label_en;
};

// Every call into a plugin's code goes through here: what the call throws becomes `error`
// (the exception's text, or "lỗi không rõ") and the function returns false, so a plugin's
// failure is reported as its own, never as the host's.
bool call_plugin(const std::function<void()>& call, std::string& error);

struct NativeExtensions {
    std::map<std::string, std::vector<std::shared_ptr<const api::RuleSet>>> rules;  // by type id
    std::map<std::pair<std::string, std::string>, std::shared_ptr<const api::Drafter>> drafters;  // (type, section)
    std::vector<PluginFormat> exporters;
    std::vector<std::shared_ptr<api::Plugin>> plugins;  // kept alive with their libraries

    void merge(NativeExtensions&& other);
};

// Loads one plugin library and collects what it registers. On failure nothing is added and the
// message says why (file, and the reason in the user's language).
Result<NativeExtensions> load_library(const std::string& path);

}  // namespace rb::plugin
