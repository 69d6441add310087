#!/usr/bin/env bash
# Builds, for 64-bit Windows, the libraries ReportBench links, from Debian 12's own source
# packages: `apt-get source` through a deb-src entry of the archive this machine already uses;
# nothing else is downloaded. Installs them into a prefix in the cache folder, keyed on the
# source packages' versions and on this script, so later runs reuse it; a run that was
# interrupted resumes at the library it stopped in. Prints the prefix on its last line.
#
# Static libraries, except ICU (its data is 30 MB: one DLL shared by every program instead of
# a copy in each) and the compiler's own runtime (one C++ runtime for the host and its native
# plugins, so strings and exceptions cross the plugin boundary safely).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${RB_WINDOWS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/reportbench-windows}
triple=x86_64-w64-mingw32
jobs=$(nproc)
# Build order: a library comes after those it needs.
sources=(pugixml fmtlib spdlog nlohmann-json3 googletest libxml2 libzip libxlsxwriter gettext icu libpng1.6 wxwidgets3.2)

log() { printf '[windows deps] %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# A deb-src entry for the archive the machine installs from (same mirror, same suites).
src_list=/etc/apt/sources.list.d/reportbench-src.sources
if ! apt-get source --print-uris pugixml >/dev/null 2>&1; then
  log "adding the Debian source archive ($src_list)"
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources | as_root tee "$src_list" >/dev/null
  else
    grep -h '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' | as_root tee "${src_list%.sources}.list" >/dev/null
  fi
  as_root apt-get update -q >&2
fi

mkdir -p "$cache/sources"
# Whether a version's source package can be fetched (it is, once, into the cache): a mirror may
# list a security update's sources before it carries them (seen: libpng1.6 1.6.39-2+deb12u6's
# .dsc was a 404 while the index named it).
fetchable() {  # fetchable NAME VERSION
  local name=$1 version=$2
  [ -f "$cache/sources/${name}_${version#*:}.dsc" ] && return 0
  (cd "$cache/sources" && apt-get source --download-only "$name=$version" >"$cache/sources/fetch-$name.log" 2>&1)
}
# The newest version of each that can be fetched now: they, the recipes and the compiler make
# the key.
versions=()
for s in "${sources[@]}"; do
  chosen=
  for v in $(apt-cache showsrc "$s" 2>/dev/null | sed -n 's/^Version: //p' | sort -u -r -V); do
    if fetchable "$s" "$v"; then chosen=$v; break; fi
    log "$s $v is in the archive's index but cannot be fetched; trying the version before it"
  done
  [ -n "$chosen" ] || { log "no source package named $s can be fetched from the archive"; exit 1; }
  versions+=("${chosen#*:}")
done
key=$( { paste -d= <(printf '%s\n' "${sources[@]}") <(printf '%s\n' "${versions[@]}");
        cat "$here/recipes.sh"; $triple-g++-posix --version | head -1; } | sha256sum | cut -c1-16)
top=$cache/deps-$key
prefix=$top/prefix
work=$top/work
mkdir -p "$prefix" "$work"
if [ -f "$top/complete" ]; then echo "$prefix"; exit 0; fi

unpack() {  # unpack NAME VERSION: the fetched source package, with Debian's patches
  local name=$1 version=$2
  local dsc="$cache/sources/${name}_${version}.dsc"
  rm -rf "$work/src-$name" && mkdir -p "$work/src-$name"
  dpkg-source --no-check -x "$dsc" "$work/src-$name/tree" >/dev/null
  echo "$work/src-$name/tree"
}

source "$here/recipes.sh"

for i in "${!sources[@]}"; do
  s=${sources[$i]}
  [ -f "$top/done-$s" ] && continue
  log "building $s ${versions[$i]} ($(date +%T))"
  start=$SECONDS
  src=$(unpack "$s" "${versions[$i]}")
  # In a subshell with errexit on: a failing step inside a recipe stops it (an `if` around the
  # call would switch errexit off inside it and mark a half-built library done).
  set +e
  (set -e; "build_$s" "$src")
  rc=$?
  set -e
  if [ $rc -ne 0 ]; then
    log "building $s failed; the end of its log:"
    tail -40 "$(ls -t "$work"/*.log | head -1)" >&2
    exit 1
  fi
  rm -rf "$work/src-$s" "$work/build-$s"
  log "built $s in $((SECONDS - start)) s"
  touch "$top/done-$s"
done
build_boost-headers
printf '%s\n' "${sources[@]}" | paste -d' ' - <(printf '%s\n' "${versions[@]}") >"$prefix/SOURCES"
touch "$top/complete"
echo "$prefix"
