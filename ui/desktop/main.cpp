// reportbench: the desktop workbench. Options are read before the toolkit starts, so that
// --help and mistakes in the command line need no display.
#include <iostream>
#include <string>
#include <vector>

#include "app.hpp"
#include "base/version.hpp"
#include "i18n/i18n.hpp"

int main(int argc, char** argv) {
    rb::desktop::mark_start();
    std::vector<std::string> args(argv + 1, argv + argc);
    rb::i18n::Language lang = rb::i18n::Language::Vietnamese;
    for (std::size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == "--lang") rb::i18n::parse_language(args[i + 1], lang);
    rb::i18n::set_language(lang);
    auto options = rb::desktop::parse_options(args);
    if (!options) {
        std::cerr << options.error() << "\n\n" << rb::desktop::usage_text();
        return 2;
    }
    if (options->version) {
        std::cout << "reportbench " << rb::kVersion << '\n';
        return 0;
    }
    if (options->help) {
        std::cout << rb::desktop::usage_text();
        return 0;
    }
    wxApp::SetInstance(new rb::desktop::DesktopApp(*options));
    return wxEntry(argc, argv);
}
