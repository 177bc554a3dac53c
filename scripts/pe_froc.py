#!/usr/bin/env python3
"""Operating-point sweep of the embolus detector (README "Operating point"): sensitivity per level and
false positives per scan for every operating point, from validation runs made with
`embolism_validate --sweep-floor F` (core/evaluation/operating_point_sweep.h).

Usage: scripts/pe_froc.py [--points 0.2,0.3,...] [--group NAME=SEED,SEED ...] DIR [DIR ...]

Each DIR is one seed-mode run (pa-crop.json, c3n-raised.json, c3n-asis.json), named s<seed>-<mode>.
Per group of seeds (default: one group "all") and mode, and for the CTPA-level backgrounds (pa-crop and
C3N raised to 400 HU, pooled) and C3N as is (suboptimal contrast) apart, one table row per operating
point: visible clots detected / truth per level, all levels pooled, false positives per scan (findings
overlapping no clot, per round), and the findings on each background without insertions (the same scan in
every run, so counted once).

A clot counts as detected at point t when a finding scoring >= t overlaps its voxels, as in the
validation's matching; clots the validation marks as no visible defect are left out, as in its per-level
tallies. The row at the documented operating point (0.5) must equal scripts/pe_figures.py's figures.
"""
import json
import sys
from collections import defaultdict
from pathlib import Path

LEVELS = ("central", "lobar", "segmental")
GROUPS = (("ctpa", ("pa-crop", "c3n-raised"), "CTPA-level (pa-crop + C3N raised)"),
          ("asis", ("c3n-asis",), "C3N as is (suboptimal contrast)"))


def tally(run_json, t):
    """(per level [detected, truth], false positives, rounds, background findings) at point t."""
    try:
        d = json.loads(Path(run_json).read_text())
    except json.JSONDecodeError as e:
        raise ValueError(f"{run_json}: not complete JSON (run still going?): {e}")
    if "sweep_findings" not in d.get("background", {}):
        raise ValueError(f"{run_json}: no sweep_findings (run embolism_validate with --sweep-floor)")
    per = defaultdict(lambda: [0, 0])
    fp = 0
    for r in d["rounds"]:
        hit = set()
        for f in r["sweep_findings"]:
            if f["score"] >= t:
                if f["truth"]:
                    hit.update(f["truth"])
                else:
                    fp += 1
        for i, c in enumerate(r["clots"]):
            if not c.get("visible_defect", True):
                continue
            per[c["level"]][1] += 1
            per[c["level"]][0] += i in hit
    bg = sum(1 for f in d["background"]["sweep_findings"] if f["score"] >= t)
    return per, fp, len(d["rounds"]), bg


def pct(dt):
    return f"{100.0 * dt[0] / dt[1]:.0f} % ({dt[0]}/{dt[1]})" if dt[1] else "-"


def main(argv):
    points = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8]
    groups = []
    dirs = []
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "--points":
            points = [float(x) for x in args.pop(0).split(",")]
        elif a == "--group":
            name, _, seeds = args.pop(0).partition("=")
            groups.append((name, set(seeds.split(","))))
        else:
            dirs.append(Path(a))
    if not dirs:
        sys.exit(__doc__)
    if not groups:
        groups = [("all", None)]
    for gname, seeds in groups:
        for mode in ("default", "fill"):
            chosen = [p for p in dirs if p.name.endswith("-" + mode) and (seeds is None or p.name[1:].split("-")[0] in seeds)]
            if not chosen:
                continue
            names = ", ".join(sorted((p.name[1:].split("-")[0] for p in chosen), key=int))
            for key, backgrounds, title in GROUPS:
                files = [p / f"{b}.json" for p in chosen for b in backgrounds if (p / f"{b}.json").exists()]
                try:
                    rows = []
                    for t in points:
                        per = defaultdict(lambda: [0, 0])
                        fp = rounds = 0
                        bg = {}  # background -> findings on it without insertions (the same scan in every run)
                        for f in files:
                            p_, fp_, n_, bg_ = tally(f, t)
                            bg[f.stem] = bg_
                            for lv, dt in p_.items():
                                per[lv][0] += dt[0]
                                per[lv][1] += dt[1]
                            fp += fp_
                            rounds += n_
                        allv = [sum(per[lv][0] for lv in LEVELS), sum(per[lv][1] for lv in LEVELS)]
                        rows.append((t, per, allv, fp, rounds, ", ".join(f"{k} {v}" for k, v in bg.items())))
                except ValueError as e:
                    print(f"skipped {title} of group {gname} ({mode}): {e}")
                    continue
                print(f"\n### {title}, {mode} mode, seeds {names} (group {gname})\n")
                print("| operating point | central | lobar | segmental | all levels | FP per scan | findings on the clean backgrounds |")
                print("| --- | --- | --- | --- | --- | --- | --- |")
                for t, per, allv, fp, rounds, bg in rows:
                    mark = " (documented)" if abs(t - 0.5) < 1e-9 else ""
                    print(f"| {t:.2f}{mark} | {pct(per['central'])} | {pct(per['lobar'])} | {pct(per['segmental'])} | "
                          f"{pct(allv)} | {fp / rounds if rounds else 0:.2f} ({fp}/{rounds}) | {bg} |")


if __name__ == "__main__":
    main(sys.argv[1:])
