#!/usr/bin/env bash
# Slice-view speed (issue 3): time to first image after the volume is in memory, and slice step to
# new frame shown with an overlay on (median and p90 of many steps), for ThromboView's slice view and,
# in the same run, a plain VTK set-up (vtkImageSliceMapper for the CT + a colored label overlay) as
# the peer. 1024x1024 views, Mesa software OpenGL under Xvfb. Prints the figures and their ratio.
#
#   scripts/bench/bench_viewer.sh [--steps N]        C3N-00247 when present, then the phantom
#   BUILD_DIR=build-xyz scripts/bench/bench_viewer.sh (default: build/release, built if needed)
#
# Other processes share the 2 cores: the load average is printed next to the figures. "CPU ms" is
# the process CPU time per step (all threads, including Mesa's rasterizer), less load-dependent
# than wall time; Xvfb's own copy of the frame is not included in it.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD_DIR=${BUILD_DIR:-build/release}
if [[ ! -f "$BUILD_DIR/build.ninja" && ! -f "$BUILD_DIR/Makefile" ]]; then
    cmake --preset release >/dev/null
fi
cmake --build "$BUILD_DIR" --target bench_viewer -j2 >/dev/null
BENCH="$BUILD_DIR/tests/ui/bench_viewer"

export LIBGL_ALWAYS_SOFTWARE=1
# Raised priority for Xvfb and the benchmark alike (root only; BENCH_NICE=0 disables).
NICE=${BENCH_NICE:--10}
RUN=()
if [[ "$NICE" != 0 && $(id -u) == 0 ]]; then RUN=(nice -n "$NICE"); fi

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
DATA=${TV_SHARED_DATA:-../shared/data}/chest-ct-contrast/C3N-00247
if [[ -d "$DATA" ]]; then
    "${RUN[@]}" xvfb-run -a -s "-screen 0 1920x1200x24 -noreset" "$BENCH" --data "$DATA" "$@" 2>&1 | grep -v XDG_RUNTIME_DIR
else
    echo "SKIPPED C3N-00247: $DATA is absent (the shared CT data sits beside the checkout)"
fi
"${RUN[@]}" xvfb-run -a -s "-screen 0 1920x1200x24 -noreset" "$BENCH" --phantom "$@" 2>&1 | grep -v XDG_RUNTIME_DIR
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
