// reportbench-cli: the program is its commands (commands.cpp), run on the process's arguments.
#include "cli_main.hpp"

int main(int argc, char** argv) { return rb::cli::main_entry(argc, argv); }
