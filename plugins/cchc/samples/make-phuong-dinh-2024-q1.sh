#!/usr/bin/env bash
# Rebuilds phuong-dinh-2024-q1.rbr, the commune of Phương Định's real Q1 2024 CCHC report,
# through the command line only, so it can be regenerated whenever the file format changes.
# Usage: make-phuong-dinh-2024-q1.sh [OUTPUT.rbr]   (REPORTBENCH_CLI picks the program)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cli=${REPORTBENCH_CLI:-reportbench-cli}
out=${1:-$here/phuong-dinh-2024-q1.rbr}
text=$here/phuong-dinh-2024-q1
rb() { "$cli" "$@"; }

rb new cchc --edition nam-dinh-2024 --period 2024-Q1 --unit-profile "$here/phuong-dinh.unit.xml" \
   --from 15/12/2023 --to 07/03/2024 -o "$out" --force >/dev/null
rb header "$out" number=09 date=08/03/2024 >/dev/null

# Appendix (Phụ lục 2) as typed in the seed. Rows the form computes are not typed: the seed's
# own figures for them were I.2 16,67%; I.3 0; I.3.3 0; III.3.1 "317/1.034 = 31%"; III.3.1.1
# 1.034; III.3.1.2 317; III.3.2 0; V.1 "184/184 = 100%"; V.2.1 "27/101 = 26%"; V.2.2
# "74/101 = 74%"; V.2.3 100; V.2.4 "1.034/1.034 = 100%"; V.2.5 100; II.1 0; III.1 empty.
rb set "$out" \
   I.1=12 I.2.1=6 I.2.2=1 I.3.1=0 I.3.2=0 I.3.3.1=0 I.3.3.2=0 \
   I.4.1=0 I.4.2=0 I.4.3=0 I.4.4=0 I.5=1 I.5.1=1.034 I.5.2=0 I.6=0 \
   II.1.1=0 II.2.1=0 II.2.2.1=0 II.2.2.2=0 II.3.1=0 II.3.2.1=0 II.3.2.2=0 \
   III.1.2=101 III.2.1=0 III.2.2=1 III.2.3=0 III.3.3.1=0 III.3.3.2=0 \
   IV.1=0 IV.2=0 IV.3=0 \
   V.2.1.1=27 V.2.1.2=27 V.2.2.1=74 V.2.2.2=74 V.2.3.1=101 V.2.3.2=101 \
   V.2.4.1=1.034 V.2.4.2=1.034 V.2.5.1=101 V.2.5.2=101 >/dev/null

# Figures behind the appendix, as the narrative gives them: 184 documents issued, all signed
# digitally (II.1, II.6); case files of the quarter and by field (II.2); procedures by field (II.2).
rb set "$out" V.1.1=184 V.1.2=184 \
   HS.1=0 HS.2.1=0 HS.2.2=1.034 HS.2.3=0 HS.4.1=717 HS.4.2=317 HS.4.3=0 HS.5.1=0 HS.5.2=0 HS.6=0 \
   HS.7.1=985 HS.7.2=12 HS.7.3=05 HS.7.4=29 HS.7.5=03 HS.7.6=0 HS.7.7=0 \
   HS.8.1=37 HS.8.2=18 HS.8.3=17 HS.8.4=07 HS.8.5=02 HS.8.6=05 HS.8.7=05 HS.8.8=07 HS.8.9=03 HS.8.10=0 >/dev/null

for section in intro I.1 I.2 I.3 II.1 II.2 II.3 II.4 II.5 II.6 III.1 III.2 IV closing; do
  rb text "$out" "$section" --file "$text/$section.txt" >/dev/null
done
rm -f "$out.bak"  # the sample is regenerated whole; no previous version to keep
echo "$out"
