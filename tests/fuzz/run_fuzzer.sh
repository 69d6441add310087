#!/usr/bin/env bash
# Runs one fuzz target for a bounded time over a scratch copy of its seeds (the source tree is
# never written), with the sanitizer options of tests/sanitizers/env.sh.
#   run_fuzzer.sh FUZZER SECONDS SCRATCH_DIR DICT|- SEED...
# A SEED is a file or a folder of files. The inputs that once crashed the target
# (regressions/<fuzzer>/) are always added. Fails when libFuzzer finds a crash, a leak, a
# timeout or a sanitizer error; the input that did it is left in SCRATCH_DIR/artifacts.
set -euo pipefail
fuzzer=$1 seconds=$2 scratch=$3 dict=$4
shift 4
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../sanitizers/env.sh"
rm -rf "$scratch"
mkdir -p "$scratch/corpus" "$scratch/artifacts"
n=0
add() {  # unique names: several seeds are called plugin.xml
  n=$((n + 1))
  cp "$1" "$scratch/corpus/seed-$n-$(basename "$1")"
}
regressions="$here/regressions/$(basename "$fuzzer")"
for s in "$@" ${regressions:+"$regressions"}; do
  if [ -d "$s" ]; then
    for f in "$s"/*; do [ -f "$f" ] && add "$f"; done
  elif [ -f "$s" ]; then
    add "$s"
  fi
done
args=(-max_total_time="$seconds" -timeout=25 -rss_limit_mb=4096 -print_final_stats=1
      -artifact_prefix="$scratch/artifacts/")
[ "$dict" != - ] && args+=(-dict="$dict")
exec "$fuzzer" "${args[@]}" "$scratch/corpus"
