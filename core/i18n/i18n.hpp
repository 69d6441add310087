#pragma once
// User-facing text. Message ids are the Vietnamese text (the default language); the English
// catalog (po/en.po) translates them. Everything a user reads goes through tr().
#include <fmt/format.h>
#include <string>
#include <string_view>

namespace rb::i18n {

enum class Language { Vietnamese, English };

// Selects the language for this process. Catalogs are searched in `locale_dir` (the build's or
// the install's share/locale); when none is given, the built-in locations are tried.
void set_language(Language lang, const std::string& locale_dir = {});
Language language();
// Parses "vi" / "en" (and "vi_VN", "en_US"...). Unknown → std::nullopt-like false.
bool parse_language(std::string_view text, Language& out);

const char* tr(const char* msgid);

// tr() then fmt-format with the arguments.
template <class... Args>
std::string trf(const char* msgid, Args&&... args) {
    return fmt::format(fmt::runtime(tr(msgid)), std::forward<Args>(args)...);
}

// Picks between two texts given in data files (definitions carry vi and en side by side).
const std::string& pick(const std::string& vi, const std::string& en);

}  // namespace rb::i18n

namespace rb {
using i18n::tr;
using i18n::trf;
}  // namespace rb

// Marks a string for extraction without translating it at that point.
#define RB_N_(s) s
