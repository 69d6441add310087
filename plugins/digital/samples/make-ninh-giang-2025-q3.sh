#!/usr/bin/env bash
# Rebuilds ninh-giang-2025-q3.rbr, a complete digital-transformation report of the commune of
# Ninh Giang (Ninh Bình province; formed on 1 July 2025 from Phương Định, Trực Chính and Liêm
# Hải) for the third quarter of 2025, through the command line only, so it can be regenerated
# whenever the file format changes. The figures, the signer and the commune's own document
# numbers are illustrative; they are consistent with one another and with the prose, and the
# report validates without findings.
# Usage: make-ninh-giang-2025-q3.sh [OUTPUT.rbr]   (REPORTBENCH_CLI picks the program)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cli=${REPORTBENCH_CLI:-reportbench-cli}
out=${1:-$here/ninh-giang-2025-q3.rbr}
text=$here/ninh-giang-2025-q3
rb() { "$cli" "$@"; }

# Built in a scratch folder and moved into place, so no backup copy (.rbr.bak) is left beside it.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
report=$work/report.rbr

# The commune exists from 1 July 2025: its first quarter's data run from that day to the
# usual cut-off (14/9) instead of the default window (15/6 → 14/9).
rb new digital --edition qd-766-2025 --period 2025-Q3 --unit-profile "$here/ninh-giang.unit.xml" \
   --from 01/07/2025 --to 14/09/2025 -o "$report" --force >/dev/null
rb header "$report" number=47 date=16/09/2025 >/dev/null

# I. Digital government. Ratios are never typed: the program computes them from these counts.
rb set "$report" \
   I.1.1=1.187 I.1.2=1.124 \
   I.2.1=326 I.2.2=158 I.2.3=121 \
   I.3.1=1.155 I.3.2=1.100 \
   I.4.1=486 I.4.2=412 \
   I.5.1=368 I.5.2=368 \
   I.6.1=1.645 I.6.2=1.620 \
   I.7.1=46 I.7.2=44 I.7.3.1=46 \
   I.8.1=0 I.8.2=0 >/dev/null

# II. Project 06; III. digital society; IV. digital economy; V. infrastructure.
rb set "$report" \
   II.1.1=22.146 II.1.2=18.935 II.2.1=78 II.2.2=78 II.2.3=75 \
   III.1.1=27 III.1.2=27 III.1.3=158 III.1.5=2.415 \
   III.2.1=8.536 III.2.2=7.389 III.3.1=21.348 III.3.2=16.920 \
   IV.1.1=1.215 IV.1.2=1.034 IV.2=341 IV.3=58 IV.4.1=4 IV.4.2=4 \
   V.1.1=27 V.2.1=27 V.3=12 >/dev/null

for section in intro I.1 I.2 II.1 II.2 II.3 II.4 II.5 III.1 III.2 III.3 IV V closing; do
  rb text "$report" "$section" --file "$text/$section.txt" >/dev/null
done
mv -f "$report" "$out"
echo "$out"
