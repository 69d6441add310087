#!/usr/bin/env bash
# Copies screenshots the GUI tests wrote (<build>/screenshots) into docs/images for the user
# guides, made small: at most 960 pixels wide, 256 colours, no metadata.
#   tests/gui/update_guide_images.sh BUILD_DIR [NAME.png...]
# With no names, every picture already in docs/images that this build took is refreshed (the
# Windows desktop's comes from build-windows: packaging/windows/build.sh). Run `ctest -L gui`
# first; gui.guide_images then checks that the guides and docs/images agree.
set -euo pipefail
build=${1:?usage: $0 BUILD_DIR [NAME.png...]}
shift
here=$(cd "$(dirname "$0")/../.." && pwd)
out=$here/docs/images
mkdir -p "$out"
if (($# == 0)); then
  for name in $(cd "$out" && ls *.png); do
    [[ -f $build/screenshots/$name ]] && set -- "$@" "$name"
  done
fi
# Dialogs whose lower part shows the test's temporary folder: only the part the guide is about.
# The Windows window under Xvfb has no window manager, so no title bar: its empty band is cut.
declare -A crop=([wizard-carry-vi.png]=1000x324+0+0 [export-vi.png]=1000x92+0+0 [windows-desktop.png]=1280x777+0+23)
for name in "$@"; do
  src=$build/screenshots/$name
  [[ -f $src ]] || { echo "no $src: run the GUI tests first" >&2; exit 1; }
  geometry=${crop[$name]:-}
  convert "$src" ${geometry:+-crop "$geometry" +repage} -resize '960x>' -strip -colors 256 "PNG8:$out/$name"
  printf '%-28s %7d bytes\n' "$name" "$(stat -c %s "$out/$name")"
done
