#pragma once
#include <string>

namespace rb::logging {
// Logs go to a rotating file in the user's data folder (logs/<program>.log); with
// `console` they also go to standard error. Failing to open the file never stops the program.
void init(const std::string& program, bool console);
std::string log_file(const std::string& program);
}  // namespace rb::logging
