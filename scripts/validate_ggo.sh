#!/usr/bin/env bash
# GGO scorer validation report: runs `thromboview analyze` on COVID-CT-MD P001 and normal001 (read
# in place from ../shared/data) and prints slice-level sensitivity/specificity and lobe-level
# agreement against the radiologists' labels, and the normal scan's involvement and score.
# usage: scripts/validate_ggo.sh [BUILD_DIR]   (default build/release)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build/release}
BIN="$BUILD/app/thromboview"
DATA=${TV_SHARED_DATA:-../shared/data}
if [ ! -d "$DATA/covid-ct-md/P001" ]; then
  echo "validate_ggo: $DATA/covid-ct-md/P001 not found (shared data absent): nothing to validate" >&2
  exit 77
fi
[ -x "$BIN" ] || { echo "validate_ggo: $BIN not built (cmake --build $BUILD --target thromboview)" >&2; exit 1; }
OUT=$(mktemp -d /tmp/tv-validate-ggo.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
"$BIN" analyze "$DATA/covid-ct-md/P001" --out "$OUT/P001" --quiet
"$BIN" analyze "$DATA/covid-ct-md/normal001" --out "$OUT/normal001" --quiet
echo "# GGO scorer validation (decision support, not a diagnosis)"
echo "# goals: slice sensitivity >= 0.90, specificity >= 0.90, lobe agreement >= 0.85,"
echo "#        normal001 involvement < 1 %, CT severity score 0 or 1"
python3 scripts/validate_ggo.py "$OUT/P001/analysis.json" "$DATA/covid-ct-md/P001-labels.csv" "$OUT/normal001/analysis.json"
