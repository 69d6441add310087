#pragma once
// What both file_io implementations (POSIX and Windows) share.
#include <filesystem>
#include <string>

#include "base/result.hpp"

namespace rb::files::detail {

// Resolves a symbolic link so that the link stays a link and its target is replaced.
std::filesystem::path real_target(const std::string& path);
std::string folder_of_path(const std::filesystem::path& target);
// Under the folder's lock every temporary of `name` belongs to a writer that died.
void remove_dead_temporaries(const std::string& dir, const std::string& name);

// Gives the complete file `tmp` the name `path` unless something already has it (false then).
// `tmp` may remain; the caller removes it.
Result<bool> place_new(const std::string& tmp, const std::string& path);

}  // namespace rb::files::detail
