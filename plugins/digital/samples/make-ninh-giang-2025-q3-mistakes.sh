#!/usr/bin/env bash
# Rebuilds ninh-giang-2025-q3-mistakes.rbr: a draft of the commune of Ninh Giang's Q3 2025
# digital-transformation report with the mistakes a province reviewer typically sends back,
# through the command line only. Compared with ninh-giang-2025-q3.rbr (the corrected report):
# - a part above its total: 48 officials hold a signature certificate out of 46 officials
#   (I.7.2 > I.7.1), and 29 community digital teams in 27 villages (III.1.2 > III.1.1: two
#   teams of the school and the youth union were counted as village teams);
# - members per team out of range: 261 members in 29 teams, 9 per team (5–8 expected);
# - a prose figure that contradicts the appendix: section II.1 says 1.142 applications were
#   received online, the appendix has 1.124 (two digits swapped);
# - a year that isn't the report's: section I.1 names the plan "về chuyển đổi số năm 2024",
#   pasted from last year's report.
# `reportbench-cli validate` exits 1 on it (two errors) and lists the warnings.
# Usage: make-ninh-giang-2025-q3-mistakes.sh [OUTPUT.rbr]   (REPORTBENCH_CLI picks the program)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cli=${REPORTBENCH_CLI:-reportbench-cli}
out=${1:-$here/ninh-giang-2025-q3-mistakes.rbr}
text=$here/ninh-giang-2025-q3-mistakes
rb() { "$cli" "$@"; }

# Built in a scratch folder and moved into place, so no backup copy (.rbr.bak) is left beside it.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
report=$work/report.rbr

rb new digital --edition qd-766-2025 --period 2025-Q3 --unit-profile "$here/ninh-giang.unit.xml" \
   --from 01/07/2025 --to 14/09/2025 -o "$report" --force >/dev/null
rb header "$report" number=47 date=16/09/2025 >/dev/null

rb set "$report" \
   I.1.1=1.187 I.1.2=1.124 \
   I.2.1=326 I.2.2=158 I.2.3=121 \
   I.3.1=1.155 I.3.2=1.100 \
   I.4.1=486 I.4.2=412 \
   I.5.1=368 I.5.2=368 \
   I.6.1=1.645 I.6.2=1.620 \
   I.7.1=46 I.7.2=48 I.7.3.1=46 \
   I.8.1=0 I.8.2=0 >/dev/null

rb set "$report" \
   II.1.1=22.146 II.1.2=18.935 II.2.1=78 II.2.2=78 II.2.3=75 \
   III.1.1=27 III.1.2=29 III.1.3=261 III.1.5=2.415 \
   III.2.1=8.536 III.2.2=7.389 III.3.1=21.348 III.3.2=16.920 \
   IV.1.1=1.215 IV.1.2=1.034 IV.2=341 IV.3=58 IV.4.1=4 IV.4.2=4 \
   V.1.1=27 V.2.1=27 V.3=12 >/dev/null

for section in intro I.1 I.2 II.1 II.2 II.3 II.4 II.5 III.1 III.2 III.3 IV V closing; do
  rb text "$report" "$section" --file "$text/$section.txt" >/dev/null
done
mv -f "$report" "$out"
echo "$out"
