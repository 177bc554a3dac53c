#!/usr/bin/env python3
"""The embolus detector's validation figures over several seeds (README "Embolus detector validation").

Usage: scripts/pe_figures.py [--held-out SEED,SEED] LABEL=DIR [LABEL=DIR ...]

Each DIR is a scripts/validate_pe.sh output (pa-crop.json, c3n-raised.json, c3n-asis.json); LABEL names
the run as "<seed>-<mode>" (e.g. 1000-default, 2000-fill). Prints one markdown table row per run and
background (visible clots detected / truth per level, false positives per round, findings on the
background without insertions), then per mode the pooled CTPA-level sensitivity (pa-crop and C3N
raised) over the held-out seeds (default 1000,2000): the figures the rules were not tuned on, with their
false findings per scan (false findings / rounds) and the distinct insertions behind the counts (the validation
re-uses sites, so one clot recurs in several rounds and seeds). Clots the validation marks as no visible defect are
left out, as in the per-level tallies of the JSON. Each pooled figure carries two 95 % intervals (scripts/pe_stats.py):
one that takes every clot as independent, and one that resamples the insertion places, since the misses gather at a
few places that recur over seeds and rounds.
"""
import sys
from collections import defaultdict

from pe_runs import parse_runs, read_background
from pe_stats import describe

BACKGROUNDS = (("pa-crop", "pa-crop", True), ("c3n-raised", "C3N raised to 400 HU", True),
               ("c3n-asis", "C3N as is", False))
LEVELS = ("central", "lobar", "segmental")


def place_groups(insertions_of_level):
    """(detected, truth) per insertion place (background and centre voxel) from insertion -> detected flags."""
    per_place = defaultdict(lambda: [0, 0])
    for (background, _shape, centre, _volume), flags in insertions_of_level.items():
        per_place[(background, centre)][0] += sum(flags)
        per_place[(background, centre)][1] += len(flags)
    return [tuple(v) for v in per_place.values()]


def main(argv):
    runs, opts = parse_runs(argv, {"--held-out": ("held_out", lambda v: set(v.split(",")))}, "pe_figures", __doc__)
    held_out = opts.get("held_out", {"1000", "2000"})
    print("| seed | mode | background | central | lobar | segmental | FP per round | background findings |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    pooled = defaultdict(lambda: defaultdict(lambda: [0, 0]))  # mode -> level -> [detected, truth]
    fps = defaultdict(lambda: [0, 0])  # mode -> [false findings, rounds] on the CTPA-level backgrounds
    # The validation re-uses sites: later rounds and other seeds insert the same clot (place, shape and volume)
    # again, so the pooled counts weigh a few insertions many times. mode -> level -> insertion -> detected flags.
    insertions = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    # mode -> (level, lung side) -> [detected, truth]: the goal asks for both lungs (sites in the left lung need
    # scripts/pe_seeds.sh with TV_EXTRA_ARGS="--site-lung-bridges 1", README "Stop 29").
    per_side = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for label, path in runs:
        seed, _, mode = label.partition("-")
        for name, title, ctpa in BACKGROUNDS:
            d, why = read_background(path, name)
            if why == "incomplete":
                print(f"| {seed} | {mode} | {title} | {path / name}.json is not complete JSON (run still going?) |||||")
            if d is None:
                continue
            s = d["summary"]
            cells = []
            for lv in LEVELS:
                v = s["per_level"].get(lv)
                cells.append(f"{v['detected']} of {v['truth']}" if v else "-")
                if v and ctpa and seed in held_out:
                    pooled[mode][lv][0] += v["detected"]
                    pooled[mode][lv][1] += v["truth"]
            if ctpa and seed in held_out:
                fps[mode][0] += sum(s["false_positives_per_round"])
                fps[mode][1] += len(s["false_positives_per_round"])
                for r in d["rounds"]:
                    for c in r["clots"]:
                        if c.get("visible_defect", True):
                            key = (name, c["shape"], tuple(c["center_voxel"]), round(c["truth_volume_mm3"]))
                            insertions[mode][c["level"]][key].append(bool(c["detected"]))
                            per_side[mode][(c["level"], c.get("side", "?"))][0] += bool(c["detected"])
                            per_side[mode][(c["level"], c.get("side", "?"))][1] += 1
            fp = ",".join(str(x) for x in s["false_positives_per_round"])
            print(f"| {seed} | {mode} | {title} | {' | '.join(cells)} | {fp} | {len(d['background']['candidates'])} |")
    print()
    print(f"Held-out seeds {','.join(sorted(held_out))}, CTPA-level backgrounds pooled (detected / truth):")
    for mode, per in pooled.items():
        parts = [f"{lv} {describe(per[lv][0], per[lv][1], place_groups(insertions[mode].get(lv, {})))}"
                 for lv in LEVELS if per[lv][1]]
        if fps[mode][1]:
            parts.append(f"false findings {fps[mode][0]} in {fps[mode][1]} rounds ({fps[mode][0] / fps[mode][1]:.2f} per scan)")
        print(f"- {mode}: " + ", ".join(parts))
    print()
    print("The same per level and lung side (detected / truth):")
    for mode, per in per_side.items():
        print(f"- {mode}: " + ", ".join(f"{lv} {side} {d}/{n}" for (lv, side), (d, n) in sorted(per.items())))
    print()
    print("Distinct insertions (the same place, shape and volume counted once; found every time / some of the times / never):")
    for mode, per in insertions.items():
        parts = []
        for lv in LEVELS:
            ins = per.get(lv)
            if not ins:
                continue
            always = sum(1 for v in ins.values() if all(v))
            never = sum(1 for v in ins.values() if not any(v))
            places = len({(k[0], k[2]) for k in ins})
            parts.append(f"{lv} {len(ins)} at {places} places: {always} / {len(ins) - always - never} / {never}")
        print(f"- {mode}: " + "; ".join(parts))


if __name__ == "__main__":
    main(sys.argv[1:])
