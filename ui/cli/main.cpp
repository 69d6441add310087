// reportbench-cli: the program is its commands (commands.cpp), run on the process's arguments.
#include "cli_main.hpp"

#ifdef _WIN32
#include "base/win32.hpp"
#include <fcntl.h>
#include <io.h>
#include <cstdio>
#endif

int main(int argc, char** argv) {
#ifdef _WIN32
    // The program's text is UTF-8 (its manifest makes argv UTF-8 too); so is the console's.
    SetConsoleOutputCP(CP_UTF8);
    // The same bytes as on Linux ("\n", not "\r\n"): output piped to a file or another program
    // (JSON, CSV) is identical on both systems.
    _setmode(_fileno(stdout), _O_BINARY);
    _setmode(_fileno(stderr), _O_BINARY);
#endif
    return rb::cli::main_entry(argc, argv);
}
