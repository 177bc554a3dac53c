#!/usr/bin/env bash
# The test command of README.md (and of CI): install, build, run every test. View tests need a
# display, so the whole suite runs inside one Xvfb server with Mesa's software OpenGL.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh
export LIBGL_ALWAYS_SOFTWARE=1
xvfb-run -a -s "-screen 0 1920x1200x24 -noreset" ctest --preset release --output-on-failure -j2 "$@"
