#!/usr/bin/env python3
"""Sweep findings (0.2 <= score < 0.5) on CTPA-level backgrounds: which additive score terms applied.
Usage: nearmiss.py DIR... (each DIR a <seed>-<mode> folder)."""
import json, math, sys, os
from collections import Counter
def terms(f):
    F=f["features"]; t={}
    med=F["mediastinal_share"]>0.5
    twoSided=F["cutoff"]>0 and F["lumen_sides"]>=2 and not med
    slab=F["slab_minor_semi_axis_mm"]>0
    mixCore=F["fine_lung_as_hole"]>0 or twoSided or slab
    R=F["vessel_radius_mm"]
    ref=min(40, 0.4*2*math.pi*R**3) if R>0 else 40
    t["contrast"]=3*min(max(F["contrast_norm"]-0.4,-1),0.8)
    t["volume"]=1.2*math.log10(max(F["volume_mm3"],1)/ref)
    if F["cutoff"]>0:
        t["elong"]=min(F["elongation"]-1,2)
        fill=max(F["minor_semi_axis_mm"],F["slab_minor_semi_axis_mm"])/R if R>0 else 1
        if fill<0.6: t["thin"]=-2.5
    else:
        t["enclosure"]=4*(F["enclosure"]-0.25)
        t["elong"]=0.4*min(F["elongation"]-1,2)
    if F["median_hu"]<0: t["fatmedian"]=-1.5
    if (F["core_hu"] if mixCore else F["median_hu"])>140: t["mixing"+("(core)" if mixCore else "")]=-1
    if F["at_scan_edge"]>0: t["edge"]=-2.5
    if F["below_heart_centre"]>0: t["belowheart"]=-3
    if F["vein_like"]>0: t["vein"]=-1.5
    if F["flatness"]<0.35: t["sheet"]=-2
    wrapped=F["round_section_share"]>=0.5 or F["wrapped_pocket"]>0  # approx
    if med and F["enclosure"]<0.35 and not F["stump"] and not wrapped: t["node"]=-1.5
    if med and F["enclosure"]<0.75 and not F["stump"] and not wrapped: t["nopolo"]=-2.5
    return t
rows=[]
for d in sys.argv[1:]:
    seed=os.path.basename(d.rstrip("/"))
    for bg in ("pa-crop","c3n-raised"):
        p=os.path.join(d,bg+".json")
        if not os.path.exists(p) or os.path.getsize(p)==0: continue
        try: J=json.load(open(p))
        except Exception: continue
        for ri,r in enumerate(J["rounds"]):
            det={i:c["detected"] for i,c in enumerate(r["clots"])}
            vis={i:c.get("visible_defect",True) for i,c in enumerate(r["clots"])}
            lvl={i:c["level"] for i,c in enumerate(r["clots"])}
            for f in r["sweep_findings"]:
                if not (0.2<=f["score"]<0.5): continue
                tr=[x for x in f["truth"] if x>0]
                kind="BG" if not f["truth"] or tr==[] and 0 in f["truth"] and False else None
                if not f["truth"]: kind="FP"
                elif any((not det.get(x,True)) and vis.get(x,True) for x in f["truth"]): kind="MISS"
                else: kind="dup"
                t=terms(f); z=-2+sum(t.values())
                rows.append((kind,seed,bg,ri,f["center_voxel"],round(f["score"],3),round(1/(1+math.exp(-z)),3),
                             ",".join(sorted(k for k,v in t.items() if v<0)), ",".join(lvl.get(x,"?") for x in f["truth"]), round(f["volume_mm3"])))
c=Counter((r[0],r[7]) for r in rows)
for k,v in sorted(c.items()): print(v,k)
for r in rows:
    if r[0]=="MISS": print(r)
