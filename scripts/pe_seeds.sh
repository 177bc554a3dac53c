#!/usr/bin/env bash
# The embolus detector's validation over several seeds (README "Embolus detector validation"): runs
# scripts/validate_pe.sh once per SPEC, one after another, each into ROOT/<seed>-<mode>, ready for
# scripts/pe_figures.py and scripts/pe_miss_census.py (LABEL=DIR with LABEL = the SPEC).
# Usage: scripts/pe_seeds.sh ROOT SPEC [SPEC ...]     SPEC = <seed>-default | <seed>-fill
#   default: the validation's cylinder clots; fill: --occlusive-fill section (README "Stop 18").
# Environment: TV_VALIDATE_BIN (the embolism_validate binary, default the release build's);
#   TV_EXTRA_ARGS (added to every run, e.g. "--site-lung-bridges 1" for sites in both lungs, or
#   "--pe-params FILE" for the detector's parameters from a JSON file as `thromboview analyze` reads it);
#   TV_KEEP_VOLUMES=1 keeps the volumes (below).
# Every run lists findings down to 0.2 (--sweep-floor 0.2) for the operating-point sweep.
# The volumes a run writes (each round's inserted.nii.gz and the raised C3N-00247; stop 40 measured about 350 MB per run)
# are deleted when the run ends: stop 40 lost two runs when 77 GB of them filled the disk. Regenerate a
# round to probe it with TV_KEEP_VOLUMES=1 (the same seed gives the same clots). C3N-00247 is
# converted to NIfTI once, into ROOT/c3n, and shared by the runs.
set -euo pipefail
if [ $# -lt 2 ]; then
  sed -n '2,15p' "$0" >&2
  exit 2
fi
ROOT=$(realpath -m "$1")  # before the cd below: ROOT may be relative to the caller's folder
shift
cd "$(dirname "$0")/.."
mkdir -p "$ROOT"
# Every run's c3n folder links to ROOT/c3n: validate_pe.sh converts C3N-00247 there on the first run only.
mkdir -p "$ROOT/c3n"
for spec in "$@"; do
  seed=${spec%%-*}
  mode=${spec#*-}
  case "$mode" in
    default) fill="" ;;
    fill) fill="--occlusive-fill section" ;;
    *) echo "pe_seeds.sh: $spec: expected <seed>-default or <seed>-fill" >&2; exit 2 ;;
  esac
  if ! [[ "$seed" =~ ^[0-9]+$ ]]; then
    echo "pe_seeds.sh: $spec: the seed must be a number" >&2
    exit 2
  fi
  out="$ROOT/$spec"
  mkdir -p "$out"
  ln -sfn "$(realpath "$ROOT/c3n")" "$out/c3n"
  start=$(date +%s)
  status=0
  TV_VALIDATE_ARGS="--seed $seed --sweep-floor 0.2 $fill ${TV_EXTRA_ARGS:-}" \
    ./scripts/validate_pe.sh "$out" > "$out/summary.txt" 2> "$out/stderr.txt" || status=$?
  if [ "${TV_KEEP_VOLUMES:-0}" != 1 ]; then
    find "$out" -name inserted.nii.gz -type f -delete
    rm -f "$out"/*/raised.nii.gz
  fi
  echo "$spec: exit $status in $(( $(date +%s) - start )) s; free disk $(df -h --output=avail "$ROOT" | tail -1)"
done
