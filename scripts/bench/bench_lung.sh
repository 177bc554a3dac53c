#!/usr/bin/env bash
# Lung opacity benchmark on COVID-CT-MD P001 (512x512x148): median of RUNS analyses (lungs,
# regions, opacity, scores; loading excluded), per-stage times, CPU time and peak memory beyond the
# volume. Goal: under 3 s on 2 cores, peak under 4x the volume's bytes.
# usage: scripts/bench/bench_lung.sh [BUILD_DIR] [RUNS]   (default build/release, 5)
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build/release}
RUNS=${2:-5}
DATA=${TV_SHARED_DATA:-../shared/data}
if [ ! -d "$DATA/covid-ct-md/P001" ]; then
  echo "bench_lung: $DATA/covid-ct-md/P001 not found (shared data absent)" >&2
  exit 77
fi
cmake --build "$BUILD" --target bench_lung >/dev/null
echo "# machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
# CPU time (user + sys) is printed too: on a shared, loaded machine wall time overstates the cost.
/usr/bin/time -f "# process: %e s wall, %U s user, %S s sys (includes loading and all runs)" \
  "$BUILD/tests/lung/bench_lung" "$DATA/covid-ct-md/P001" "$RUNS"
