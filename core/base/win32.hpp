#pragma once
// <windows.h> for the Windows-only sources, always through here: lean, without the min/max
// macros, and without the A/W macros that collide with ReportBench's own names (in a unity
// build one file's include reaches the next file's code).
#ifdef _WIN32
#ifndef NOMINMAX
#define NOMINMAX
#endif
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#undef SearchPath  // rb::plugin::SearchPath
#endif
