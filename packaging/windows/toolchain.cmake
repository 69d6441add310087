# Cross-compiling for 64-bit Windows with Debian's MinGW-w64 (the POSIX-threads variant, which
# has std::thread). RB_WINDOWS_PREFIX is where packaging/windows/deps.sh installed the
# libraries built from Debian's source packages.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(triple x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${triple}-gcc-posix)
set(CMAKE_CXX_COMPILER ${triple}-g++-posix)
set(CMAKE_RC_COMPILER ${triple}-windres)
set(CMAKE_AR ${triple}-gcc-ar-posix CACHE FILEPATH "")
set(CMAKE_RANLIB ${triple}-gcc-ranlib-posix CACHE FILEPATH "")

if(NOT RB_WINDOWS_PREFIX AND DEFINED ENV{RB_WINDOWS_PREFIX})
  set(RB_WINDOWS_PREFIX $ENV{RB_WINDOWS_PREFIX})
endif()
# Passed on to try_compile projects, which read this file again.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES RB_WINDOWS_PREFIX)
set(CMAKE_FIND_ROOT_PATH ${RB_WINDOWS_PREFIX} /usr/${triple})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# Static archives only: the programs carry their libraries and need no DLL beside them.
set(CMAKE_FIND_LIBRARY_SUFFIXES .a .dll.a)

# pkg-config reads the Windows prefix's .pc files only.
set(ENV{PKG_CONFIG_LIBDIR} "${RB_WINDOWS_PREFIX}/lib/pkgconfig:${RB_WINDOWS_PREFIX}/share/pkgconfig")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "")
set(PKG_CONFIG_EXECUTABLE /usr/bin/pkg-config CACHE FILEPATH "")

# Test programs run under Wine (packaging/windows/wine-run sets up the prefix).
set(CMAKE_CROSSCOMPILING_EMULATOR ${CMAKE_CURRENT_LIST_DIR}/wine-run ${RB_WINDOWS_PREFIX}/bin)
