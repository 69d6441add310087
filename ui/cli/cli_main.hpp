#pragma once
// The command line as a function, so that tests can run most commands in their own process
// (the program itself is main() over this).

namespace rb::cli {

// Runs one command line (argv[0] is the program's name) as reportbench-cli does: prints to
// std::cout and std::cerr and returns the exit code (0 done, 1 data errors, 2 could not run).
int main_entry(int argc, char** argv);

}  // namespace rb::cli
