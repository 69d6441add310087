#pragma once
// Whole-file writes that a crash cannot leave half done: the data goes to a temporary file in
// the same folder, is flushed to disk, and is renamed over the destination; the folder is
// flushed too. At any moment the destination is the old file or the new one, never a mix.
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace rb::session {

// `durable` false skips the flushes (still atomic through the rename): for preferences, where
// losing the last change to a power cut is harmless and the flush would cost more than the write.
rb::Status write_file_atomic(const std::string& path, std::string_view data, bool durable = true);
Result<std::string> read_whole_file(const std::string& path);

}  // namespace rb::session
