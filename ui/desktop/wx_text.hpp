#pragma once
// The core speaks UTF-8 std::string; wx speaks wxString. Every crossing goes through these
// two functions so that no conversion ever depends on the C locale.
#include <wx/string.h>

#include <string>

namespace rb::desktop {

inline wxString wxs(const std::string& s) { return wxString::FromUTF8(s.data(), s.size()); }
inline wxString wxs(const char* s) { return wxString::FromUTF8(s); }
inline std::string utf8(const wxString& s) { return s.utf8_string(); }

}  // namespace rb::desktop
