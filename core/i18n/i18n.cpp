#include "i18n/i18n.hpp"

#include <libintl.h>

#include <clocale>
#include <cstdlib>

#include "base/paths.hpp"

namespace rb::i18n {
namespace {
constexpr const char* kDomain = "reportbench";
Language g_language = Language::Vietnamese;
}  // namespace

void set_language(Language lang, const std::string& locale_dir) {
    g_language = lang;
#ifdef _WIN32
    // libintl on Windows takes the language from LANGUAGE, whatever the C library's locale.
    _putenv_s("LANGUAGE", lang == Language::English ? "en" : "vi");
    // libintl.h makes setlocale a macro (libintl_setlocale) there: the unqualified name.
    setlocale(LC_ALL, "");
    setlocale(LC_NUMERIC, "C");
#else
    // gettext ignores LANGUAGE in the "C" locale; C.UTF-8 is always present on glibc.
    if (!std::setlocale(LC_ALL, "")) std::setlocale(LC_ALL, "C.UTF-8");
    const char* current = std::setlocale(LC_MESSAGES, nullptr);
    if (current && (std::string_view(current) == "C" || std::string_view(current) == "POSIX"))
        std::setlocale(LC_ALL, "C.UTF-8");
    // Numbers in files are always written with the C conventions.
    std::setlocale(LC_NUMERIC, "C");
    setenv("LANGUAGE", lang == Language::English ? "en" : "vi", 1);
#endif
    const std::string dir = locale_dir.empty() ? paths::locale_dir() : locale_dir;
    bindtextdomain(kDomain, dir.c_str());
    bind_textdomain_codeset(kDomain, "UTF-8");
}

Language language() { return g_language; }

bool parse_language(std::string_view text, Language& out) {
    if (text.substr(0, 2) == "vi") { out = Language::Vietnamese; return true; }
    if (text.substr(0, 2) == "en") { out = Language::English; return true; }
    return false;
}

const char* tr(const char* msgid) {
    if (g_language == Language::Vietnamese) return msgid;
    return dgettext(kDomain, msgid);
}

const std::string& pick(const std::string& vi, const std::string& en) {
    if (g_language == Language::English && !en.empty()) return en;
    return vi;
}

}  // namespace rb::i18n
