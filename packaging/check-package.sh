#!/usr/bin/env bash
# Builds the .debs from a finished build and checks them as an IT officer would meet them:
# the control data, the installed layout, the programs run from the extracted tree (they find
# their data relative to their own location), the SDK builds the example plugin, and lintian.
#
#   check-package.sh BUILD_DIR [--desktop] [--example PLUGIN_SOURCE_DIR] [--keep DIR]
#
# --desktop: the package must hold the desktop program; it is started under Xvfb.
# --example: build this out-of-tree plugin against the extracted reportbench-dev ("installed":
#            the copy the package installs beside the guides).
# --keep:    copy the .debs and the lintian report into DIR.
set -euo pipefail

build=${1:?usage: check-package.sh BUILD_DIR [--desktop] [--example DIR] [--keep DIR]}
shift
desktop=0 example="" keep=""
while (($#)); do
  case $1 in
    --desktop) desktop=1 ;;
    --example) example=$2; shift ;;
    --keep) keep=$2; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done
build=$(cd "$build" && pwd)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
step() { echo "== $*"; }

for tool in cpack dpkg-deb dpkg lintian desktop-file-validate appstreamcli pdffonts file; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed" >&2; exit 1; }
done
((desktop == 0)) || command -v xvfb-run >/dev/null || { echo "FAIL: xvfb-run is not installed" >&2; exit 1; }

step "cpack -G DEB"
# Packages and CPack's staging go to the temporary folder: the build folder stays as it was and
# two runs never share files.
start=$SECONDS
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$tmp/out" >"$tmp/cpack.log" 2>&1 || {
  cat "$tmp/cpack.log" >&2; echo "FAIL: cpack" >&2; exit 1; }
echo "cpack took $((SECONDS - start)) s"
shopt -s nullglob
apps=("$tmp"/out/reportbench_*.deb)
devs=("$tmp"/out/reportbench-dev_*.deb)
shopt -u nullglob
((${#apps[@]} == 1 && ${#devs[@]} == 1)) || {
  ls "$tmp/out" >&2; echo "FAIL: expected one reportbench and one reportbench-dev package" >&2; exit 1; }
app=${apps[0]} dev=${devs[0]}
ls -l "$app" "$dev"

step "control data"
dpkg-deb -I "$app" | sed -n '/Package:/,$p'
depends=$(dpkg-deb -f "$app" Depends)
for needed in libwx libxlsxwriter libzip libpango fonts-liberation2; do
  [[ $depends == *"$needed"* ]] || fail "Depends lacks $needed: $depends"
done
[[ $(dpkg-deb -f "$app" Package) == reportbench ]] || fail "first package is not named reportbench"
[[ $(dpkg-deb -f "$dev" Package) == reportbench-dev ]] || fail "SDK package is not named reportbench-dev"
[[ $(dpkg-deb -f "$dev" Depends) == *libboost-dev* ]] || fail "reportbench-dev does not depend on libboost-dev"
# The SDK must not leak into the program's package, nor the programs into the SDK's.
dpkg-deb -c "$app" | grep -E '\./usr/(include|lib/[^/]+/cmake)/' && fail "reportbench holds SDK files"
dpkg-deb -c "$dev" | grep -E '\./usr/(bin|share/reportbench)/' && fail "reportbench-dev holds program files"

step "installed layout"
root=$tmp/root
dpkg -x "$app" "$root"
dpkg -x "$dev" "$root"
data=usr/share/reportbench
required=(
  usr/bin/reportbench-cli
  $data/plugins/cchc/plugin.xml $data/plugins/cchc/cchc_native.so
  $data/plugins/cchc/samples/phuong-dinh-2024-q1.rbr
  $data/plugins/iso9001/plugin.xml $data/plugins/digital/plugin.xml
  usr/share/locale/en/LC_MESSAGES/reportbench.mo
  usr/share/man/man1/reportbench-cli.1.gz
  usr/share/doc/reportbench/copyright usr/share/doc/reportbench/changelog.gz
  usr/share/doc/reportbench-dev/copyright usr/share/doc/reportbench-dev/changelog.gz
  usr/include/reportbench/plugin_api.hpp
  usr/share/doc/reportbench/definitions.md usr/share/doc/reportbench/plugin-guide.md
  usr/share/doc/reportbench/user-guide.vi.md usr/share/doc/reportbench/user-guide.en.md
  usr/share/doc/reportbench/example-plugin/plugin.xml usr/share/doc/reportbench/example-plugin/CMakeLists.txt
)
for xsd in plugin profile report reporttype submission unitprofile; do required+=("$data/schemas/$xsd.xsd"); done
if ((desktop)); then
  required+=(usr/bin/reportbench usr/share/man/man1/reportbench.1.gz
             usr/share/applications/reportbench.desktop
             usr/share/metainfo/io.reportbench.ReportBench.metainfo.xml
             usr/share/icons/hicolor/scalable/apps/reportbench.svg)
  for size in 16 22 24 32 48 64 128 256; do
    png=usr/share/icons/hicolor/${size}x${size}/apps/reportbench.png
    required+=("$png")
    [[ -f $root/$png ]] && { file "$root/$png" | grep -q "PNG image data, $size x $size," || fail "$png is not a ${size}x$size PNG"; }
  done
fi
for f in "${required[@]}"; do [[ -f $root/$f ]] || fail "missing $f"; done
shopt -s nullglob
# lib/<triplet> with an install prefix of /usr, lib with /usr/local (GNUInstallDirs).
configs=()
for c in "$root"/usr/lib/cmake "$root"/usr/lib/*/cmake; do
  [[ -f $c/ReportBench/ReportBenchConfig.cmake ]] && configs+=("$c/ReportBench/ReportBenchConfig.cmake")
done
shopt -u nullglob
((${#configs[@]} == 1)) || fail "expected one usr/lib/[<triplet>/]cmake/ReportBench/ReportBenchConfig.cmake: ${configs[*]}"
file "$root/usr/bin/reportbench-cli" | grep -q ", stripped" || fail "reportbench-cli is not stripped"

# The programs run from the extracted tree with nothing pointing them at their data: no
# REPORTBENCH_* variables, an empty home (no user plugins), a working directory that is not
# the tree.
home=$tmp/home
mkdir -p "$home" "$tmp/cwd"
run() {
  (cd "$tmp/cwd" && env -u REPORTBENCH_DATA_DIR -u REPORTBENCH_LOCALE_DIR -u REPORTBENCH_PLUGIN_PATH \
     -u REPORTBENCH_LANG -u XDG_DATA_HOME HOME="$home" LANG=C.UTF-8 "$@")
}
cli=$root/usr/bin/reportbench-cli

step "reportbench-cli types"
types=$(run "$cli" types) || fail "reportbench-cli types exited $?"
echo "$types"
for t in cchc iso9001 digital; do grep -q "^$t " <<<"$types" || fail "type $t not listed"; done
plugins=$(run "$cli" plugins --json) || fail "reportbench-cli plugins exited $?"
grep -q "\"library\": \"$root/$data/plugins/cchc/cchc_native.so\"" <<<"$plugins" ||
  fail "the cchc native library was not loaded from the package: $plugins"
grep -q '"failed": \[\]' <<<"$plugins" || fail "plugins failed to load: $plugins"

step "export the seed sample"
sample=$root/$data/plugins/cchc/samples/phuong-dinh-2024-q1.rbr
mkdir -p "$tmp/exports"
for fmt in docx pdf; do
  out=$tmp/exports/q1.$fmt
  run "$cli" export "$sample" --format "$fmt" -o "$out" || fail "export to $fmt exited $?"
  ls -l "$out" 2>/dev/null || true
done
[[ $(head -c 2 "$tmp/exports/q1.docx" 2>/dev/null) == PK ]] || fail "q1.docx is not a zip container"
[[ $(head -c 5 "$tmp/exports/q1.pdf" 2>/dev/null) == %PDF- ]] || fail "q1.pdf is not a PDF"
# fonts-liberation2 is a dependency because of this: the PDF must embed Liberation Serif,
# not whatever fontconfig falls back to.
fonts=$(pdffonts "$tmp/exports/q1.pdf" 2>/dev/null) || fail "pdffonts cannot read q1.pdf"
echo "$fonts"
grep -q "LiberationSerif" <<<"$fonts" || fail "q1.pdf does not embed Liberation Serif"

step "the sample workspace (first start) from the package"
# With no folder given: the default workspace, ~/ReportBench of the empty home.
run "$cli" workspace init-samples || fail "workspace init-samples exited $?"
for f in phuong-dinh-2024-q1.rbr hai-hau-2025.rbr ninh-giang-2025-q3.rbr; do
  [[ -f $home/ReportBench/$f ]] || fail "the sample workspace lacks $f"
done
[[ ! -e $home/ReportBench/hai-hau-2025-mistakes.rbr ]] || fail "a sample with mistakes was offered"

if ((desktop)); then
  step "the desktop under Xvfb"
  shot=$tmp/desktop.png
  run xvfb-run -n 300 -a -s "-screen 0 1280x800x24" "$root/usr/bin/reportbench" --lang en \
    --workspace "$tmp/workspace" --screenshot "$shot" --exit-when-idle "$sample" ||
    fail "reportbench exited $?"
  file "$shot" 2>/dev/null | grep -q "PNG image data" || fail "no screenshot from the desktop"
  file "$shot" 2>/dev/null || true
  mkdir -p "$build/screenshots" && cp -f "$shot" "$build/screenshots/package-desktop.png" 2>/dev/null || true
  desktop-file-validate "$root/usr/share/applications/reportbench.desktop" || fail "desktop-file-validate"
  appstreamcli validate --no-net "$root/usr/share/metainfo/io.reportbench.ReportBench.metainfo.xml" ||
    fail "appstreamcli validate"
fi

[[ $example == installed ]] && example=$root/usr/share/doc/reportbench/example-plugin
if [[ -n $example ]]; then
  step "build the example plugin against reportbench-dev"
  if cmake -S "$example" -B "$tmp/example" -DCMAKE_PREFIX_PATH="$root/usr" >"$tmp/example.log" 2>&1 &&
     cmake --build "$tmp/example" >>"$tmp/example.log" 2>&1; then
    ex=$(run "$cli" --plugin-path "$tmp/example/reportbench-example" plugins --json) || fail "plugins with the example exited $?"
    grep -q '"id": "example"' <<<"$ex" && grep -q '"failed": \[\]' <<<"$ex" ||
      fail "the example plugin built against the package does not load: $ex"
    grep -q "ReportBench_DIR:PATH=$root/usr/lib/" "$tmp/example/CMakeCache.txt" ||
      fail "the example found another ReportBench SDK: $(grep ReportBench_DIR "$tmp/example/CMakeCache.txt")"
  else
    cat "$tmp/example.log" >&2
    fail "the example plugin does not build against reportbench-dev"
  fi
fi

step "lintian"
# Errors fail the check; warnings are listed in docs/packaging.md with the reason they stay.
lint=0
lintian --fail-on error --display-info "$app" "$dev" >"$tmp/lintian.txt" 2>&1 || lint=$?
cat "$tmp/lintian.txt"
((lint == 0)) || fail "lintian reports errors (exit $lint)"
grep -q '^E:' "$tmp/lintian.txt" && fail "lintian reports errors"

if [[ -n $keep ]]; then
  mkdir -p "$keep" && cp -f "$app" "$dev" "$tmp/lintian.txt" "$keep/"
fi

if ((failures)); then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "package checks passed"
