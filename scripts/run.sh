#!/usr/bin/env bash
# The "run it" command of README.md: install, build, then start ThromboView with any arguments
# given (no arguments: the viewer with its built-in demo case, or a path to open a study).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh
exec ./build/release/app/thromboview "$@"
