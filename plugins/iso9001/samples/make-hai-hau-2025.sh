#!/usr/bin/env bash
# Rebuilds hai-hau-2025.rbr: a complete annual ISO 9001 maintenance report of the commune of
# Hải Hậu (Ninh Bình province) for 2025, through the command line only, so it can be
# regenerated whenever the file format changes. The commune is real-sounding but the figures,
# names and document numbers are illustrative. It validates with no findings at all.
# Usage: make-hai-hau-2025.sh [OUTPUT.rbr]   (REPORTBENCH_CLI picks the program)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cli=${REPORTBENCH_CLI:-reportbench-cli}
out=${1:-$here/hai-hau-2025.rbr}
text=$here/hai-hau-2025
rb() { "$cli" "$@"; }

# The default data window of a year: 15/12 of the previous year to 14/12.
rb new iso9001 --edition tcvn-iso-9001-2015 --period 2025 --unit-profile "$here/hai-hau.unit.xml" \
   -o "$out" --force >/dev/null
rb header "$out" number=285 date=16/12/2025 >/dev/null

# Appendix. Computed rows (I.3, I.4, III.3, IV.4, VII.3, VII.6, IX.1) are not typed.
rb set "$out" \
   I.1=318 I.2=318 I.4.1=126 I.4.2=58 I.4.3=21 I.5=205 I.6=0 \
   II.1=1 II.2=156/QĐ-UBND II.3=10/11/2025 II.4=1 \
   III.1=8 III.2=7 \
   IV.1=1 IV.2=6 IV.3=6 \
   V.1=1 \
   VI.1=6 VI.2=6 VI.3=14 VI.4=14 \
   VII.1=1.218 VII.2=1.160 VII.4=0 VII.5=0 \
   VIII.1=2 VIII.2=46 \
   IX.1.1=35 IX.1.2=15 >/dev/null

for section in intro I II III.1 III.2 III.3 III.4 III.5 III.6 III.7 III.8 IV.1 IV.2 IV.3 V VI closing; do
  rb text "$out" "$section" --file "$text/$section.txt" >/dev/null
done
rm -f "$out.bak"  # each step keeps the previous version; the last one is of no use here
echo "$out"
