#pragma once
// Consolidation straight from submission files, as the receiving office gets them: the
// command line and the desktop's consolidation window both go through here.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "consolidate/consolidate.hpp"
#include "plugin/registry.hpp"

namespace rb::consolidate {

// The submission files (.xml, .json, any letter case) directly in `folder`, sorted by name.
rb::Result<std::vector<std::string>> submission_files_in(const std::string& folder);

struct FilesResult {
    schema::ReportTypePtr type;
    Result result;
};

// Reads the files on `threads` threads and consolidates them. The definition is that of the
// first file that can be read, and must be installed; files that cannot be read are listed in
// the result as unreadable. Fails when no file can be read or the type is not installed.
rb::Result<FilesResult> consolidate_files(const plugin::Registry& registry, const std::vector<std::string>& paths,
                                          Options options, unsigned threads,
                                          const std::function<void(std::size_t, std::size_t)>& progress = {});

// A total as the office reads it: the value as staff write it ("1.034", "16,67%"), or for
// yes/no and choice indicators the units per answer ("có: 12 đơn vị, không: 3 đơn vị");
// empty when blank.
std::string total_display(const schema::Indicator& ind, const Total& total);

}  // namespace rb::consolidate
