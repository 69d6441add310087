#pragma once
// The sample workspace offered on a first start: for each installed report type, one finished
// report from its plugin's samples/ folder, copied into the user's workspace so there is
// something real to open, check and export before the commune's own first report.
//
// A plugin needs no manifest entry for this: every *.rbr directly in <plugin folder>/samples/
// is a candidate, and per report type the one with the fewest errors (then warnings, then by
// file name) is chosen, so deliberately broken samples kept for tests are never offered.
#include <string>
#include <vector>

#include "base/result.hpp"
#include "plugin/registry.hpp"

namespace rb::session {

struct Sample {
    std::string path;       // the file in the plugin's samples/ folder
    std::string type_id;
    std::string type_title; // in the UI language
    std::string plugin_id;
};

// One sample per installed report type, in the registry's type order (by id).
std::vector<Sample> find_samples(const plugin::Registry& registry);

struct SampleCopy {
    std::vector<std::string> copied;   // files written into the workspace
    std::vector<std::string> skipped;  // a file of that name was already there: left untouched
};

// Copies the samples into `folder` (created when missing) under their own file names. An
// existing file is never replaced; each copy appears whole or not at all. Fails on the first
// file that cannot be read or written, naming it; what was copied before stays.
Result<SampleCopy> copy_samples(const std::vector<Sample>& samples, const std::string& folder);

// True when `folder` holds no report (.rbr) in it or its sub-folders, as the workspace reads
// it; a missing folder is empty.
bool workspace_is_empty(const std::string& folder);

}  // namespace rb::session
