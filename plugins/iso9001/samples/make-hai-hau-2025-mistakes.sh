#!/usr/bin/env bash
# Rebuilds hai-hau-2025-mistakes.rbr: the Hải Hậu 2025 ISO 9001 report of hai-hau-2025.rbr with
# the slips a province reviewer finds in real reports, for trying the checks through the
# command line only. What `validate` reports on it:
#   errors    audit-closed-within-found      more nonconformities closed (7) than found (6)
#             narrative.fraction             III.6 "1.160/1.218 = 95,42%" (it is 95,24%)
#   warnings  nonconformities-without-corrective-action   6 found, no corrective action (VI.1 = 0)
#             required:V.1                   management reviews left blank
#             header:date-before-window-end  dated 10/12/2025, data to 14/12/2025
#             narrative.number               III.3 and III.5 "100%" (IV.4 is 116,67%), III.6 "97,5%" (VII.3 is 95,24%)
#             narrative.year                 III.2 "năm 2024" in a 2025 report
#             narrative.repeat               III.5 pastes III.3's paragraph
#             narrative.name                 closing "Hải Hâu" for "Hải Hậu"
# Usage: make-hai-hau-2025-mistakes.sh [OUTPUT.rbr]   (REPORTBENCH_CLI picks the program)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cli=${REPORTBENCH_CLI:-reportbench-cli}
out=${1:-$here/hai-hau-2025-mistakes.rbr}
text=$here/hai-hau-2025-mistakes
rb() { "$cli" "$@"; }

rb new iso9001 --edition tcvn-iso-9001-2015 --period 2025 --unit-profile "$here/hai-hau.unit.xml" \
   -o "$out" --force >/dev/null
rb header "$out" number=285 date=10/12/2025 >/dev/null

# As in hai-hau-2025.rbr except IV.3 (7 > 6 found), VI.1 and VI.2 (none opened), V.1 (blank).
rb set "$out" \
   I.1=318 I.2=318 I.4.1=126 I.4.2=58 I.4.3=21 I.5=205 I.6=0 \
   II.1=1 II.2=156/QĐ-UBND II.3=10/11/2025 II.4=1 \
   III.1=8 III.2=7 \
   IV.1=1 IV.2=6 IV.3=7 \
   VI.1=0 VI.2=0 VI.3=14 VI.4=14 \
   VII.1=1.218 VII.2=1.160 VII.4=0 VII.5=0 \
   VIII.1=2 VIII.2=46 \
   IX.1.1=35 IX.1.2=15 >/dev/null

for section in intro I II III.1 III.2 III.3 III.4 III.5 III.6 III.7 III.8 IV.1 IV.2 IV.3 V VI closing; do
  rb text "$out" "$section" --file "$text/$section.txt" >/dev/null
done
rm -f "$out.bak"  # each step keeps the previous version; the last one is of no use here
echo "$out"
