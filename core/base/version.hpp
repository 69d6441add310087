#pragma once
// The program's version, from the build's one definition (CMake's project version).

namespace rb {

inline constexpr const char* kVersion = RB_VERSION;

}  // namespace rb
