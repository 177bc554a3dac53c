#!/usr/bin/env bash
# Loading and conversion benchmark (not a test): for C3N-00247 (uncompressed) and P001 (JPEG
# Lossless), times side by side in one hyperfine run per series
#   load          tv_bench_load DIR                     (tv::loadVolume into memory, nothing written)
#   convert       thromboview convert DIR -o x.nii      (uncompressed NIfTI, like dcm2niix -z n)
#   convert_gz    thromboview convert DIR -o x.nii.gz   (the documented default, gzip level of libnifti)
#   dcm2niix      dcm2niix -z n DIR                     (the reference)
# and prints medians and ratios to dcm2niix. Goals (issue 2): load <= 0.5x, convert <= 1.0x.
#
# usage: scripts/bench/bench_loading.sh [BUILD_DIR] [RUNS]
#   BUILD_DIR defaults to ./build (needs targets thromboview and tv_bench_load), RUNS to 7 (>= 5).
# The machine is shared: the load average is printed before and after, read the figures with it.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(cd "${1:-$ROOT/build}" && pwd)
RUNS=${2:-7}
DATA=${TV_SHARED_DATA:-$ROOT/../shared/data}
TV=$BUILD/app/thromboview
LOAD=$BUILD/bench/tv_bench_load

for exe in "$TV" "$LOAD"; do
  [[ -x $exe ]] || { echo "missing $exe: cmake --build $BUILD --target thromboview tv_bench_load" >&2; exit 1; }
done
for tool in hyperfine dcm2niix python3; do
  command -v $tool > /dev/null || { echo "missing $tool (scripts/install-deps.sh installs it)" >&2; exit 1; }
done
(( RUNS >= 5 )) || { echo "RUNS must be at least 5" >&2; exit 1; }

OUT=$(mktemp -d /tmp/tv-bench-XXXXXX)
trap 'rm -rf "$OUT"' EXIT
echo "machine: $(nproc) cores; before: $(uptime)"
for series in chest-ct-contrast/C3N-00247 covid-ct-md/P001; do
  dir=$DATA/$series
  [[ -d $dir ]] || { echo "skipped $series: $dir not found (shared data absent)"; continue; }
  tag=$(basename "$series")
  hyperfine -N --style basic --runs "$RUNS" --warmup 1 --export-json "$OUT/$tag.json" \
    -n load "$LOAD $dir" \
    -n convert "$TV convert $dir -q -o $OUT/$tag.nii" \
    -n convert_gz "$TV convert $dir -q -o $OUT/$tag.nii.gz" \
    -n dcm2niix "dcm2niix -z n -b n -w 1 -f ${tag}_dcm2niix -o $OUT $dir"
done
echo "after: $(uptime)"

python3 - "$OUT" <<'PY'
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
goals = {"load": 0.5, "convert": 1.0}
print("\n| series | step | median wall (s) | mean CPU user+sys (s) | ratio to dcm2niix (wall) | goal |")
print("|---|---|---|---|---|---|")
for f in sorted(out.glob("*.json")):
    res = {r["command"]: r for r in json.loads(f.read_text())["results"]}
    ref = res["dcm2niix"]["median"]
    for name in ("load", "convert", "convert_gz", "dcm2niix"):
        r = res[name]
        ratio = r["median"] / ref
        goal = goals.get(name)
        verdict = "" if goal is None else (f"<= {goal} met" if ratio <= goal else f"<= {goal} NOT met")
        print(f"| {f.stem} | {name} | {r['median']:.3f} | {r['user'] + r['system']:.3f} | {ratio:.2f} | {verdict} |")
PY
