#!/usr/bin/env bash
# Benchmark of the embolus detector: `thromboview analyze` timing of the "embolism" stages and peak
# memory on C3N-00247 (median of RUNS runs, 2 cores). Usage: scripts/bench/bench_embolism.sh [RUNS] [INPUT]
# INPUT (a DICOM folder or NIfTI volume) replaces C3N-00247, e.g. the validation's raised copy
# (/tmp/.../c3n-raised/raised.nii.gz), on which the native-resolution fine pass runs (fine_defects.h:
# it is gated off on C3N-00247's own venous-phase contrast).
# Reads ../shared/data in place; writes only into a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-5}
BIN=${TV_BIN:-build/release/app/thromboview}
DATA=${2:-${TV_SHARED_DATA:-../shared/data}/chest-ct-contrast/C3N-00247}
[ -e "$DATA" ] || { echo "SKIPPED: $DATA not found"; exit 0; }
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
times=()
for r in $(seq 1 "$RUNS"); do
  /usr/bin/time -f "%M" -o "$OUT/mem" taskset -c 0,1 "$BIN" analyze "$DATA" --out "$OUT/run" --quiet >/dev/null
  t=$(python3 -c "import json;print(json.load(open('$OUT/run/analysis.json'))['timing_ms']['embolism']['total'])")
  times+=("$t")
  echo "run $r: embolism total ${t} ms, process peak RSS $(cat "$OUT/mem") KB, load $(cut -d' ' -f1-3 /proc/loadavg)"
  # CPU time per stage (all threads): comparable across machine loads, unlike the wall times.
  python3 -c "import json;t=json.load(open('$OUT/run/analysis.json'))['timing_ms']['embolism'];print('  cpu ms: ' + ', '.join(k[4:] + ' ' + str(round(v)) for k, v in sorted(t.items()) if k.startswith('cpu.')))"
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print "median embolism total: " a[int((NR+1)/2)] " ms"}'
# Memory of the detector alone beyond the loaded volume (goal < 4x the volume's bytes): the tool
# resets the peak-RSS mark after loading, so loader buffers and libraries do not count.
MEM_BIN=${TV_MEMORY_BIN:-build/release/tests/embolism/embolism_memory}
[ -x "$MEM_BIN" ] && taskset -c 0,1 "$MEM_BIN" "$DATA"
