#!/usr/bin/env python3
"""Runs of the new default (rule D on): which findings would cross 0.5 with lung_mixing_from_darker off. Usage: reverse.py DIR..."""
import json, math, sys, os
src = open(os.path.join(os.path.dirname(__file__), "mixrule.py")).read()
exec(src.split("out = {")[0].replace("rule = sys.argv[1]", "rule = 'D'"))
for d in sys.argv[1:]:
    seed = os.path.basename(d.rstrip("/")).split("-")[0]
    for bg in ("pa-crop", "c3n-raised", "c3n-asis"):
        p = os.path.join(d, bg + ".json")
        if not os.path.exists(p) or os.path.getsize(p) == 0: continue
        J = json.load(open(p))
        for f in J["background"]["sweep_findings"]:
            F = f["features"]; on = mixval(F, "D") > 140; off = mixval(F, "old") > 140
            if on != off and (f["score"] >= 0.5) != (1 / (1 + math.exp(-(math.log(f["score"] / (1 - f["score"])) + (1 if on else -1)))) >= 0.5):
                print(seed, bg, "CLEAN", f["center_voxel"], round(f["score"], 3))
        for ri, r in enumerate(J["rounds"]):
            det = {i: c["detected"] for i, c in enumerate(r["clots"])}
            for f in r["sweep_findings"]:
                F = f["features"]; on = mixval(F, "D") > 140; off = mixval(F, "old") > 140
                if on == off: continue
                z = math.log(f["score"] / (1 - f["score"])) + (1 if on else -1)
                s2 = 1 / (1 + math.exp(-z))
                if (s2 >= 0.5) == (f["score"] >= 0.5): continue
                kind = "FP" if not f["truth"] else "clot"
                print(seed, bg, ri, f["center_voxel"], kind, f["truth"], round(f["score"], 3), "->", round(s2, 3), "with the rule off")
