#pragma once
// <windows.h>, when a caller included it first, renames SearchPath to SearchPathW.
#ifdef SearchPath
#undef SearchPath
#endif
// Plugin folders and the report types they bring. A plugin is a folder with a plugin.xml
// manifest (checked against schemas/plugin.xsd) and definitions; a broken folder is listed
// with its reason and the others load. The working directory is never searched.
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "export/profile.hpp"
#include "plugin/native.hpp"
#include "schema/report_type.hpp"

namespace rb::plugin {

constexpr int kApiVersion = reportbench::plugin_api::kApiVersion;

// The folders searched, in order: the --plugin-path folders (so that a plugin under test wins
// over an installed copy of the same id), the install's plugin folder, the user's plugin
// folder, then REPORTBENCH_PLUGIN_PATH (':'-separated). Each folder holds plugin folders; a
// folder that itself holds a plugin.xml is taken as one plugin.
struct SearchPath {
    std::vector<std::string> dirs;
    std::size_t command_line = 0;  // how many of the first dirs the command line gave
    static SearchPath standard(const std::vector<std::string>& command_line_dirs);
};

struct PluginInfo {
    std::string id;
    std::string version;
    std::string folder;
    schema::LocalText name;
    schema::LocalText description;
    std::vector<std::string> type_keys;  // "id@edition" of the definitions it brought
    std::string library;                 // the native library, if any
    std::vector<std::string> profile_ids;  // the recipient profiles it brought
};

struct Failure {
    std::string folder;
    std::string reason;
    std::vector<std::string> type_ids;  // the report types it would have brought, as far as readable
};

struct TypeEntry {
    schema::ReportTypePtr type;
    std::string plugin_id;
};

// What a plugin.xml says: its text checked against plugin.xsd, then read. File names are as
// written, relative to the plugin folder; `info` has no folder, type keys or profiles yet.
struct Manifest {
    PluginInfo info;
    int api_version = 0;
    std::vector<std::string> definitions;
    std::vector<std::string> profiles;
    std::string library;  // empty: no native library
    // Where each file is named in plugin.xml, same order: definitions, profiles, library.
    std::vector<xml::Location> named_at;
};
// Errors name `file_label` with line and column. Reads only the text given (fuzzed as is).
Result<Manifest> parse_manifest(std::string_view text, const std::string& file_label);

class Registry {
public:
    static Registry discover(const SearchPath& path);

    const std::vector<PluginInfo>& plugins() const { return plugins_; }
    const std::vector<Failure>& failures() const { return failures_; }
    // Conflicts resolved deterministically, explained in the user's language.
    const std::vector<std::string>& conflicts() const { return conflicts_; }
    // Every loaded type, ordered by id then by the plugin's listing order of editions.
    const std::vector<TypeEntry>& types() const { return types_; }
    // Every recipient profile of every loaded plugin, in the order found.
    const std::vector<exporting::RecipientProfile>& profiles() const { return profiles_; }
    const exporting::RecipientProfile* find_profile(std::string_view id) const;

    // The type with this id and edition; with no edition, its default edition (the first one
    // its plugin lists). nullptr when not installed.
    schema::ReportTypePtr find(std::string_view id, std::string_view edition = {}) const;
    std::vector<schema::ReportTypePtr> editions(std::string_view id) const;
    const PluginInfo* plugin_of(const schema::ReportType& type) const;

    // Adds one plugin folder (used by discover; public for tests). Without `run_library`, a
    // native library is only checked to exist (what `schema check` does: it runs no code).
    void add_folder(const std::string& folder, bool run_library = true);
    // Refuses the recipient profiles that no loaded type can use (an unknown type or edition,
    // rows naming codes the type lacks); discover() ends with it. `also` are types known
    // besides this registry's (the installed ones, when checking a plugin on its own).
    void check_profiles(const std::vector<schema::ReportTypePtr>& also = {});
    // What loading accepted but the author most likely did not mean, "file:line:col: message".
    std::vector<std::string> warnings() const;
    // Why a report of this type and edition cannot be opened, as a clause for "FILE: …": its
    // plugin was refused (and why), or the edition or the type is not installed.
    std::string why_unavailable(std::string_view type_id, std::string_view edition) const;
    // Changes whenever the set of refused plugins or their reasons does; empty when none is.
    std::string failures_fingerprint() const;

    // What native libraries registered.
    const std::vector<std::shared_ptr<const api::RuleSet>>& rules_for(const std::string& type_id) const;
    std::shared_ptr<const api::Drafter> drafter_for(const std::string& type_id, const std::string& section) const;
    const std::vector<PluginFormat>& exporters() const { return native_.exporters; }

private:
    std::vector<PluginInfo> plugins_;
    std::vector<Failure> failures_;
    std::vector<std::string> conflicts_;
    std::vector<TypeEntry> types_;
    std::vector<exporting::RecipientProfile> profiles_;
    NativeExtensions native_;
    void refuse(const std::string& folder, std::string reason);

    bool from_command_line_ = false;  // while discover() adds the --plugin-path folders
    std::set<std::string> preferred_;  // ids of the plugins they brought
};

// Checks a file that is a definition, a plugin manifest, a report, a unit or recipient profile,
// by its root element, with every check that loading it runs: a manifest's plugin is loaded
// whole (its native library only checked to exist); a profile is checked against the types of
// its own plugin folder and `installed`. Each problem is "file:line:col: message".
struct CheckResult {
    std::vector<std::string> errors;    // refused when loaded
    std::vector<std::string> warnings;  // loaded, but most likely a mistake
};
CheckResult check_file(const std::string& path, const Registry* installed = nullptr);

}  // namespace rb::plugin
