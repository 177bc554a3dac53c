#!/usr/bin/env python3
"""Offline effect of a change to the 'mixing with contrast' score term on the sweep findings (>= 0.2) of
validation runs: which findings would cross the 0.5 operating point. Usage: mixrule.py RULE DIR..."""
import json, math, sys, os
exec(open(os.path.join(os.path.dirname(__file__), "nearmiss.py")).read().split("rows=[]")[0])
rule = sys.argv[1]
BGS = os.environ.get("BGS", "pa-crop,c3n-raised").split(",")
def mixval(F, rule):
    med = F["mediastinal_share"] > 0.5
    twoSided = F["cutoff"] > 0 and F["lumen_sides"] >= 2 and not med
    slab = F["slab_minor_semi_axis_mm"] > 0
    mixCore = F["fine_lung_as_hole"] > 0 or twoSided or slab
    if rule == "A":   # every lung-hull candidate reads its core
        mixCore = mixCore or not med
        return F["core_hu"] if mixCore else F["median_hu"]
    if rule == "B":   # lung hull: the darker of core and median
        if not med: return min(F["core_hu"], F["median_hu"])
        return F["core_hu"] if mixCore else F["median_hu"]
    if rule == "C":   # as A, and two-sided occlusions the darker of core and median
        if twoSided: return min(F["core_hu"], F["median_hu"])
        mixCore = mixCore or not med
        return F["core_hu"] if mixCore else F["median_hu"]
    if rule == "D":   # lung hull, not a one-sided cut-off: the darker of core and median
        if not med and (F["cutoff"] == 0 or twoSided): return min(F["core_hu"], F["median_hu"])
        return F["core_hu"] if mixCore else F["median_hu"]
    return F["core_hu"] if mixCore else F["median_hu"]
out = {"gain": [], "fp": [], "dup": [], "lost": [], "fp_removed": []}
nrounds = 0
for d in sys.argv[2:]:
    seed = os.path.basename(d.rstrip("/")).split("-")[0]
    for bg in BGS:
        p = os.path.join(d, bg + ".json")
        if not os.path.exists(p) or os.path.getsize(p) == 0: continue
        try: J = json.load(open(p))
        except Exception: continue
        # clean background
        for f in J["background"].get("sweep_findings", J["background"].get("candidates", [])):
            if "features" not in f: continue
            F = f["features"]
            old = (mixval(F, "old") > 140); new = (mixval(F, rule) > 140)
            if old != new and f["score"] >= 0.2:
                z = math.log(f["score"] / (1 - f["score"])) + (1 if old else -1)
                s2 = 1 / (1 + math.exp(-z))
                if (s2 >= 0.5) != (f["score"] >= 0.5): out["fp"].append((seed, bg, "CLEAN", f["center_voxel"], round(f["score"], 3), round(s2, 3)))
        for ri, r in enumerate(J["rounds"]):
            nrounds += 1
            det = {i: c["detected"] for i, c in enumerate(r["clots"])}
            for f in r["sweep_findings"]:
                F = f["features"]
                old = (mixval(F, "old") > 140); new = (mixval(F, rule) > 140)
                if old == new: continue
                z = math.log(f["score"] / (1 - f["score"])) + (1 if old else -1)
                s2 = 1 / (1 + math.exp(-z))
                if (s2 >= 0.5) == (f["score"] >= 0.5): continue
                row = (seed, bg, ri, f["center_voxel"], round(f["score"], 3), round(s2, 3), f["truth"])
                if s2 >= 0.5:
                    if not f["truth"]: out["fp"].append(row)
                    elif any(not det[x] for x in f["truth"]): out["gain"].append(row)
                    else: out["dup"].append(row)
                else:
                    if not f["truth"]: out["fp_removed"].append(row)
                    else: out["lost"].append(row)
print(f"rule {rule}: {nrounds} rounds")
for k, v in out.items():
    print(f"{k}: {len(v)}")
    for row in v: print("   ", row)
