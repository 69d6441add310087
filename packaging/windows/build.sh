#!/usr/bin/env bash
# ReportBench for Windows, built and tested on Debian 12 in one command:
#   packaging/windows/build.sh [ctest arguments...]
# 1. installs what it needs with apt (MinGW-w64 with POSIX threads, Wine, NSIS);
# 2. builds the libraries from Debian's source packages into a cache outside the clone
#    (deps.sh; reused while the sources and recipes are the same);
# 3. cross-builds the desktop program, the command line, the CCHC plugin's DLL and the test
#    programs (build-windows/);
# 4. runs the test programs under Wine and fails if any fails.
# 5. stages the installed tree with the DLLs it imports, makes the NSIS installer and checks it
#    in a fresh Wine prefix (check-installer.sh), the desktop's window captured into
#    build-windows/screenshots/windows-desktop.png.
# Not yet: the PDF export (docs/windows.md says what is done and what is not).
# RB_WINDOWS_CACHE moves the cache (default ~/.cache/reportbench-windows).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cache=${RB_WINDOWS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/reportbench-windows}
export RB_WINDOWS_CACHE=$cache
build=${RB_WINDOWS_BUILD:-$root/build-windows}
stage_start=$SECONDS
say() { printf '[windows] %s (%d s)\n' "$*" $((SECONDS - stage_start)) >&2; }

packages=(
  # the cross compiler (the -posix variant has std::thread) and its zlib
  g++-mingw-w64-x86-64-posix gcc-mingw-w64-x86-64-posix binutils-mingw-w64-x86-64 libz-mingw-w64-dev
  # building the libraries from Debian's sources
  dpkg-dev cmake ninja-build pkg-config python3 make
  # the headers of Boost.DLL (header-only, the same on every architecture)
  libboost-dev
  # running the Windows programs, and windows under a virtual display
  wine64 xvfb xauth
  # the installer
  nsis
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  say "installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -q
  "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi

# The Debian side of the checks (the reference CLI, LibreOffice, pdftotext, rsvg-convert).
"$root/packaging/debian-deps.sh"

prefix=$("$here/deps.sh" | tail -1)
say "libraries ready in $prefix"

umask 022
cmake -G Ninja -S "$root" -B "$build" -DCMAKE_TOOLCHAIN_FILE="$here/toolchain.cmake" -DRB_WINDOWS_PREFIX="$prefix" \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" -DRB_UNITY_BUILD=ON \
  -DRB_WARNINGS_AS_ERRORS=ON -DRB_BUILD_GUI=ON -DwxWidgets_CONFIG_EXECUTABLE="$prefix/bin/wx-config" \
  -DRB_BUILD_BENCHMARKS=OFF \
  -DRB_EXPORT_FORMATS="submission;docx;xlsx" >/dev/null
cmake --build "$build" -j"$(nproc)"
say "built"

# One Wine prefix for the whole run, made before the tests start (its first start takes seconds).
export RB_WINEPREFIX=${RB_WINEPREFIX:-$cache/wineprefix}
"$here/wine-run" "$prefix/bin" cmd /c exit 0 >/dev/null 2>&1 || true
# The installed tree, with every DLL the programs import beside them, and the installer.
version=$(sed -n 's/^project(ReportBench VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
stage=$build/stage
rm -rf "$stage"
for component in Unspecified desktop; do
  cmake --install "$build" --prefix "$stage" --component $component >/dev/null
done
gcc_dir=$(dirname "$(x86_64-w64-mingw32-g++-posix -print-file-name=libstdc++-6.dll)")
pthread_dir=$(dirname "$(x86_64-w64-mingw32-g++-posix -print-file-name=libwinpthread-1.dll)")
"$here/bundle-dlls" "$stage" "$prefix/bin" "$gcc_dir" "$pthread_dir"
setup=$build/ReportBench-$version-x64-Setup.exe
# The program's icon, made for its resources by the build (cmake/Windows.cmake).
makensis -V2 -DVERSION="$version" -DSTAGE="$stage" -DICON="$build/icons/reportbench.ico" -DOUTFILE="$setup" \
  "$here/installer.nsi" >"$build/makensis.log" || { cat "$build/makensis.log" >&2; exit 1; }
say "installer: $setup ($(du -h "$setup" | cut -f1))"

# The suites that open files in LibreOffice (label office) need it on the same system: the
# Windows build's files are opened by the Debian side's LibreOffice instead (docs/windows.md).
(cd "$build" && ctest --output-on-failure -j"$(nproc)" -LE office "$@")
say "tests passed under Wine"

# The installer, checked from the installed copy against the Debian build's command line.
debian_cli=${RB_DEBIAN_CLI:-$root/build/bin/reportbench-cli}
if [ ! -x "$debian_cli" ]; then
  cmake -G Ninja -S "$root" -B "$root/build-reference" -DCMAKE_BUILD_TYPE=Release -DRB_BUILD_GUI=OFF \
    -DRB_BUILD_TESTS=OFF -DRB_BUILD_BENCHMARKS=OFF >/dev/null
  cmake --build "$root/build-reference" --target reportbench-cli catalogs -j"$(nproc)"
  debian_cli=$root/build-reference/bin/reportbench-cli
fi
RB_WINDOWS_SCREENSHOT=$build/screenshots/windows-desktop.png "$here/check-installer.sh" "$setup" "$debian_cli"
say "installer checked under Wine"
