#!/usr/bin/env bash
# Lesion-insertion validation of the embolus detector on the shared data (README "Embolus detector
# validation"). Converts nothing into the repository: NIfTI outputs go to OUTDIR (default /tmp).
# Usage: scripts/validate_pe.sh [OUTDIR]
# TV_VALIDATE_ARGS adds arguments to every embolism_validate call (e.g. "--occlusive-fill section";
# "--site-lung-bridges 1": sites in both lungs, README "Stop 29").
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-/tmp/thromboview-validate-pe}
BIN=${TV_VALIDATE_BIN:-build/release/tests/embolism/embolism_validate}
DATA=${TV_SHARED_DATA:-../shared/data}
read -r -a EXTRA <<< "${TV_VALIDATE_ARGS:-}"
mkdir -p "$OUT"
# pa-crop: central and lobar emboli (real CTPA-level enhancement).
# Sites only inside the reference pulmonary-artery mask: the crop's enhanced aorta and arch branches
# are connected to the detector's tree (5 of 6 "central" sites of 2026-11-29 were outside the mask).
"$BIN" "$DATA/pa-crop/ct_cropped.nii.gz" "$OUT/pa-crop" --levels central,lobar --per 6 --spacing 20 --round-spacing 8 --rounds 8 \
  --artery-mask "$DATA/pa-crop/pulmonary_artery.nii.gz" "${EXTRA[@]}" > "$OUT/pa-crop.json"
# Rounds (--rounds 8): within a round sites are --spacing 20 mm apart (clots are at most 25 mm long
# and ellipsoidal, so they do not merge); each round is a separate detector run on its own copy of the
# background, and its clots keep --round-spacing 8 mm from the clots of earlier rounds: the site pool
# holds only a few arteries per level (README), so later rounds re-use them at another segment and
# with another shape (counted as "reused" below: not independent arteries). A round with no site left
# ends the series. Truth/detected
# are summed per level over the rounds, false positives are reported per round (one scan per round).
# C3N-00247 needs a NIfTI copy outside the repository (the validation tool reads NIfTI).
if [ ! -f "$OUT/c3n/c3n.nii.gz" ]; then
  mkdir -p "$OUT/c3n"
  build/release/app/thromboview convert "$DATA/chest-ct-contrast/C3N-00247" -o "$OUT/c3n/c3n.nii.gz" \
    || dcm2niix -z y -f c3n -o "$OUT/c3n" "$DATA/chest-ct-contrast/C3N-00247"
fi
"$BIN" "$OUT/c3n/c3n.nii.gz" "$OUT/c3n-asis" --levels lobar,segmental --per 10 --spacing 20 --round-spacing 8 --rounds 8 "${EXTRA[@]}" > "$OUT/c3n-asis.json"
"$BIN" "$OUT/c3n/c3n.nii.gz" "$OUT/c3n-raised" --levels lobar,segmental --per 10 --spacing 20 --round-spacing 8 --raise 400 --rounds 8 "${EXTRA[@]}" > "$OUT/c3n-raised.json"
for f in pa-crop c3n-asis c3n-raised; do
  python3 - "$OUT/$f.json" "$f" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); s = d["summary"]
print(f"{sys.argv[2]}: contrast {d['background']['contrast_state']} ({d['background']['pa_enhancement_hu']:.0f} HU), "
      f"background findings {len(d['background']['candidates'])}; {s['rounds']} rounds; per level (truth/detected) "
      f"{ {k: (v['truth'], v['detected']) for k, v in s['per_level'].items()} }; FP per round {s['false_positives_per_round']}")
import math
from collections import Counter
clots = [[(c["level"], c["center_lps_mm"]) for c in r["clots"]] for r in d["rounds"]]
reused = sum(1 for i, rc in enumerate(clots) for lv, p in rc
             if any(math.dist(p, q) < 20 for e in clots[:i] for _, q in e))
print(f"  clots within 20 mm of a clot of an earlier round (re-used artery segment): {reused} of {sum(map(len, clots))}")
nv = s.get("not_visible_per_level")
if nv is not None:
    print(f"  clot sizing {s.get('clot_sizing')}; not a visible defect (left out of per level; clots/detected): "
          f"{ {k: (v['clots'], v['detected']) for k, v in nv.items()} }")
skip = s.get("sites_skipped_beyond_occlusion_per_round")
if skip is not None:
    why = Counter(k["reason"] for r in d["rounds"] for k in r.get("beyond_occlusion", {}).get("skipped_sites", []))
    print(f"  beyond-occlusion rule {s.get('beyond_occlusion_rule')}: sites skipped per round {skip} {dict(why)}")
# Per level and lung side (visible clots): detected / truth. The sites come from the detector's tree unless the
# run had --site-lung-bridges 1 (TV_VALIDATE_ARGS): then also from arteries that tree does not reach.
side = Counter()
for r in d["rounds"]:
    for c in r["clots"]:
        if c.get("visible_defect", True):
            side[(c["level"], c["side"], "n")] += 1
            side[(c["level"], c["side"], "d")] += bool(c["detected"])
bridged = bool(d["rounds"]) and d["rounds"][0].get("site_lung_bridges", False)
print(f"  per level and side (detected/truth; sites from the tree{' with the lung bridges' if bridged else ''}):",
      {f"{lv} {sd}": f"{side[(lv, sd, 'd')]}/{side[(lv, sd, 'n')]}" for lv, sd, k in sorted(side) if k == "n"})
f = d["rounds"][0]["site_funnel"] if d["rounds"] else {}
print("  site funnel (round 0):", {k: v for k, v in f.items()})
PY
done
