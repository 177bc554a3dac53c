#!/usr/bin/env bash
# 3D view speed (issue 3): our view (interactive level of detail, CPU and GPU ray casting) against a
# plain VTK GPU ray-cast set-up, side by side in one run, on C3N-00247 resampled to 512x512x256,
# 1024x1024 window, Mesa software OpenGL under Xvfb. Prints median frame times and ratios.
#
#   scripts/bench/bench_3d.sh [tv_bench_3d options]   e.g. --preset vessels --frames 30
#   BUILD_DIR=build-xyz scripts/bench/bench_3d.sh    (default: build/release, built if needed)
#
# Other processes (compilers) share the 2 cores: the machine load is printed before and after, and
# belongs next to any figure quoted from this script.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD_DIR=${BUILD_DIR:-build/release}
DATA=${TV_SHARED_DATA:-../shared/data}/chest-ct-contrast/C3N-00247
if [[ ! -d "$DATA" ]]; then
    echo "SKIPPED: $DATA is absent (the shared CT data sits beside the checkout)"
    exit 0
fi
if [[ ! -f "$BUILD_DIR/build.ninja" && ! -f "$BUILD_DIR/Makefile" ]]; then
    cmake --preset release >/dev/null
fi
cmake --build "$BUILD_DIR" --target tv_bench_3d -j2 >/dev/null
BENCH="$BUILD_DIR/tests/ui3d/tv_bench_3d"

export LIBGL_ALWAYS_SOFTWARE=1
# Raised priority (root only; BENCH_NICE=0 to disable) so that concurrent compiles distort the
# figures less; both our view and the peer run under the same priority.
NICE=${BENCH_NICE:--10}
RUN=()
if [[ "$NICE" != 0 && $(id -u) == 0 ]]; then RUN=(nice -n "$NICE"); fi
echo "machine load before: $(uptime)"
echo "cores: $(nproc); OpenGL: Mesa llvmpipe (software) under Xvfb"
if [[ -n "${DISPLAY:-}" ]]; then
    "${RUN[@]}" "$BENCH" "$DATA" --slices 256 --size 1024 "$@"
else
    "${RUN[@]}" xvfb-run -a -s "-screen 0 1920x1200x24 -noreset" "$BENCH" "$DATA" --slices 256 --size 1024 "$@"
fi
echo "machine load after: $(uptime)"
