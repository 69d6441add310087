#!/usr/bin/env bash
# check-installer.sh SETUP.exe DEBIAN_CLI
# The installer as a user meets it, in a fresh Wine prefix: installed silently for the current
# user; from the installed copy, `types`, `validate` of the Phương Định sample (its findings
# compared with the Debian build's, as JSON) and exports to DOCX, XLSX, XML and JSON in a
# folder named with Vietnamese letters, the DOCX and XLSX then opened by LibreOffice on the
# Debian side and their text searched for the report's figures; the workspace made; the desktop
# program: its Start-menu and desktop shortcuts, the .rbr association, and its window opened on
# the sample (in a folder named with Vietnamese letters) under a virtual display, captured with
# --screenshot (to RB_WINDOWS_SCREENSHOT when set) and checked to be a real picture; then
# uninstalled silently, which must remove the shortcuts and the association and leave the
# user's reports and settings. Fails on any miss.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
setup=$(realpath "$1")
debian_cli=$(realpath "$2")
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/rb-installer.XXXXXX")
trap 'RB_WINEPREFIX=$work/prefix /usr/lib/wine/wineserver -k 2>/dev/null || true; rm -rf "$work"' EXIT
export RB_WINEPREFIX=$work/prefix
export WINEPREFIX=$RB_WINEPREFIX
# Wine links the prefix's Desktop and Documents to folders of $HOME, and adds a launcher there for
# every shortcut: the check gets a home of its own, and no launchers, so that nothing it installs,
# writes or leaves lands in the real home (and no earlier run's reports are found there).
export HOME=$work/home
mkdir -p "$HOME"
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
run() { "$here/wine-run" - "$@"; }
fail() { echo "check-installer: $*" >&2; exit 1; }
say() { echo "[installer] $*" >&2; }

run cmd /c exit 0 >/dev/null 2>&1 || true   # makes the prefix
user_dir=$(find "$WINEPREFIX/drive_c/users" -mindepth 1 -maxdepth 1 -type d ! -name Public | head -1)
[ -d "$user_dir" ] || fail "the Wine prefix has no user folder"

say "installing $(basename "$setup") silently, for the current user"
run "$setup" /S /CurrentUser
/usr/lib/wine/wineserver -w
install=$user_dir/AppData/Local/Programs/ReportBench
cli=$install/bin/reportbench-cli.exe
[ -f "$cli" ] || fail "no $cli after installing"
[ -f "$install/Uninstall.exe" ] || fail "no uninstaller"
[ -f "$install/share/reportbench/plugins/cchc/cchc_native.dll" ] || fail "the CCHC plugin's DLL is not installed"
# The guides for IT staff and the example plugin, where plugin-guide.md says they are.
for f in definitions.md plugin-guide.md user-guide.vi.md example-plugin/plugin.xml; do
  [ -f "$install/share/doc/reportbench/$f" ] || fail "share/doc/reportbench/$f is not installed"
done

say "types"
types=$(run "$cli" types --json)
for t in cchc iso9001 digital; do grep -q "\"$t\"" <<<"$types" || fail "types lacks $t: $types"; done
# The native plugin loaded: no plugin failed.
plugins=$(run "$cli" plugins --json) || fail "plugins exited non-zero (a plugin failed to load): $plugins"
python3 -c 'import json,sys; d=json.loads(sys.argv[1]); sys.exit(1 if d["failed"] else 0)' "$plugins" \
  || fail "plugins failed to load: $plugins"

say "validate, compared with the Debian build"
sample=$install/share/reportbench/plugins/cchc/samples/phuong-dinh-2024-q1.rbr
run "$cli" validate "$sample" --json >"$work/windows.json" || [ $? -eq 1 ]
"$debian_cli" validate "$root/plugins/cchc/samples/phuong-dinh-2024-q1.rbr" --json >"$work/debian.json" || [ $? -eq 1 ]
python3 - "$work/windows.json" "$work/debian.json" <<'PY' || fail "validate's findings differ between Windows and Debian"
import json, sys
w, d = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
if w != d:
    print(json.dumps(w, ensure_ascii=False, indent=1)[:2000], file=sys.stderr)
    sys.exit(1)
if not d["findings"]:
    sys.exit("no findings at all: the comparison would prove nothing")
PY

say "exports into a folder named with Vietnamese letters"
folder="$user_dir/Documents/Báo cáo Quý I"
mkdir -p "$folder"
for f in docx xlsx xml json; do
  run "$cli" export "$sample" --format "$f" -o "$folder/Phương Định Quý I.$f" >/dev/null
  [ -s "$folder/Phương Định Quý I.$f" ] || fail "no $f export"
done
grep -q "Phương Định" "$folder/Phương Định Quý I.xml" || fail "the XML export lacks the unit"
python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$folder/Phương Định Quý I.json" \
  || fail "the JSON export does not parse"

say "the DOCX and XLSX opened by LibreOffice"
for f in docx xlsx; do
  out=$work/office-$f
  mkdir -p "$out"
  soffice -env:UserInstallation="file://$work/lo-$f" --headless --convert-to pdf --outdir "$out" \
    "$folder/Phương Định Quý I.$f" >/dev/null 2>&1 || fail "LibreOffice could not open the $f"
  text=$(pdftotext -layout "$out/Phương Định Quý I.pdf" - | tr -s ' \n' ' ')
  # Figures of the appendix as the report shows them (vi-VN thousands), and the unit.
  for needle in "1.034" "101" "Phương Định"; do
    grep -qF "$needle" <<<"$text" || fail "the $f as LibreOffice reads it lacks $needle"
  done
done

say "the desktop program: shortcuts, the .rbr association, its window on the sample"
desktop=$install/bin/reportbench.exe
[ -f "$desktop" ] || fail "no $desktop after installing"
menu_link="$user_dir/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/ReportBench/ReportBench.lnk"
desk_link="$user_dir/Desktop/ReportBench.lnk"
[ -f "$menu_link" ] || fail "no Start-menu shortcut ($menu_link)"
[ -f "$desk_link" ] || fail "no desktop shortcut ($desk_link)"
reg_value() {  # reg_value KEY: the key's default value, empty when there is none
  run reg query "$1" /ve 2>/dev/null | tr -d '\r' | sed -n 's/.*REG_SZ *//p' | head -1 || true
}
[ "$(reg_value 'HKCU\Software\Classes\.rbr')" = ReportBench.Report ] || fail ".rbr is not associated with ReportBench"
open_command=$(reg_value 'HKCU\Software\Classes\ReportBench.Report\shell\open\command')
grep -qi 'reportbench.exe" "%1"' <<<"$open_command" || fail "the .rbr open command is wrong: $open_command"
report="$folder/Phương Định Quý I.rbr"
cp "$sample" "$report"
shot=${RB_WINDOWS_SCREENSHOT:-$work/windows-desktop.png}
mkdir -p "$(dirname "$shot")"
rm -f "$shot"
winpath() { printf 'Z:%s' "${1//\//\\}"; }
# The prefix's server and desktop process were started without a display by the steps above;
# a window needs them started again under the virtual display.
/usr/lib/wine/wineserver -w
timeout 180 xvfb-run -a -s "-screen 0 1440x900x24" "$here/wine-run" - "$desktop" \
  --workspace "$(winpath "$user_dir/Documents/ReportBench")" --screenshot "$(winpath "$shot")" --exit-when-idle \
  "$(winpath "$report")" >"$work/desktop.log" 2>&1 || { cat "$work/desktop.log" >&2; fail "the desktop program did not run"; }
[ -s "$shot" ] || { cat "$work/desktop.log" >&2; fail "the desktop program wrote no screenshot"; }
read -r width height colours < <(identify -format '%w %h %k\n' "$shot")
[ "$width" -ge 800 ] && [ "$height" -ge 500 ] || fail "the screenshot is ${width}x$height"
[ "$colours" -ge 200 ] || fail "the screenshot has $colours colours: an empty window?"
say "desktop window captured: $shot (${width}x$height, $colours colours)"

say "the workspace, then uninstalling"
run "$cli" workspace init-samples >/dev/null
workspace="$user_dir/Documents/ReportBench"
[ -n "$(find "$workspace" -name '*.rbr' 2>/dev/null)" ] || fail "no sample reports in $workspace"
appdata="$user_dir/AppData/Roaming/ReportBench"
[ -d "$appdata" ] || fail "no settings folder $appdata"
run "$install/Uninstall.exe" /S /CurrentUser
/usr/lib/wine/wineserver -w
[ ! -e "$cli" ] || fail "the program is still there after uninstalling"
[ ! -e "$desktop" ] || fail "the desktop program is still there after uninstalling"
[ ! -e "$menu_link" ] && [ ! -e "$desk_link" ] || fail "a shortcut is left after uninstalling"
[ -z "$(reg_value 'HKCU\Software\Classes\.rbr')" ] || fail "the .rbr association is left after uninstalling"
[ -n "$(find "$workspace" -name '*.rbr')" ] || fail "uninstalling removed the user's reports"
[ -d "$appdata" ] || fail "uninstalling removed the user's settings"
[ -s "$folder/Phương Định Quý I.docx" ] || fail "uninstalling removed an export"
say "installed, used and uninstalled"
