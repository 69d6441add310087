#!/usr/bin/env bash
# Installs the Debian 12 packages that building and testing ReportBench need, and only those
# that are missing (a quick no-op when everything is there). Run as root, or through sudo.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config gettext
  # a faster linker for the many test programs
  lld
  libboost-dev libboost-filesystem-dev
  libpugixml-dev libspdlog-dev libfmt-dev libxml2-dev libicu-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  # exports: OOXML containers, XLSX, PDF with Vietnamese shaping, Times New Roman's metric twin
  libzip-dev libxlsxwriter-dev libpango1.0-dev libcairo2-dev fonts-liberation2
  # the desktop, and its tests under a virtual display
  libwxgtk3.2-dev xvfb xauth
  # tests open every export in a real client and look at rendered pages
  libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils imagemagick
  # an independent check of the submission against its schema file; fontconfig's own answer
  libxml2-utils fontconfig
  # the units catalog's maker (data/units/make-catalog), re-run by a test against the shipped file
  python3
  # the .deb: icons rendered from SVG, and the checks a package must pass
  librsvg2-bin desktop-file-utils appstream file lintian dpkg-dev
  # the sanitizer and fuzzing build (./test's second stage): clang 14, its ASan/UBSan/libFuzzer
  # runtimes (a recommend of clang-14, not pulled in without recommends) and llvm-symbolizer
  clang libclang-rt-14-dev llvm
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -q
  "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi
