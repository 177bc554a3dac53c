#!/usr/bin/env python3
"""Where the embolus detector's misses lie: the visible clots it missed, grouped by place (README "What limits the figures").

Usage: scripts/pe_miss_census.py [--within VOXELS] [--backgrounds NAME,NAME] LABEL=DIR [LABEL=DIR ...]

Each DIR is a scripts/validate_pe.sh output and LABEL names it "<seed>-<mode>", as for scripts/pe_figures.py.
The validation re-uses insertion sites, so most misses recur at a few places. For each mode and level this prints
the pooled sensitivity (visible clots, CTPA-level backgrounds pa-crop and c3n-raised unless --backgrounds says
otherwise) and then every place with misses: clots whose centre voxels lie within --within voxels (default 3,
Chebyshev distance on the input grid) of a place's anchor voxel on the same background belong to it; anchors are
taken most frequent first, each farther than --within from the others. For each place:
its misses, the clots inserted there and found, the shapes and volumes missed, the runs (seed-mode/round), and the
sensitivity the level would have if every clot at that place had been found (what fixing it is worth).
"""
import sys
from collections import defaultdict

from pe_runs import parse_runs, read_background

LEVELS = ("central", "lobar", "segmental")


def load_clots(runs, backgrounds):
    """mode -> list of clot records (background, level, voxel, detected, shape, volume, run)."""
    clots = defaultdict(list)
    for label, path in runs:
        seed, _, mode = label.partition("-")
        for name in backgrounds:
            d, why = read_background(path, name)
            if why == "incomplete":
                print(f"(skipped {path / name}.json: not complete JSON)", file=sys.stderr)
            if d is None:
                continue
            for ri, r in enumerate(d["rounds"]):
                for c in r["clots"]:
                    if not c.get("visible_defect", True):
                        continue  # left out of the per-level tallies, as in the validation's JSON
                    clots[mode].append({"background": name, "level": c["level"], "side": c.get("side", "?"),
                                        "voxel": tuple(c["center_voxel"]), "detected": bool(c["detected"]),
                                        "shape": c["shape"], "volume": c["truth_volume_mm3"], "run": f"{seed}/r{ri}"})
    return clots


def places(records, within):
    """Groups records of one background around anchors: the most frequent voxel first, then every voxel farther
    than `within` (Chebyshev) from each anchor so far; a record joins its nearest anchor. Not chained, so a dense
    run of sites (the central arteries of pa-crop) does not become one place."""
    count = defaultdict(int)
    for r in records:
        count[(r["background"], r["voxel"])] += 1
    anchors = []
    for key, _ in sorted(count.items(), key=lambda kv: (-kv[1], kv[0])):
        if all(a[0] != key[0] or max(abs(x - y) for x, y in zip(a[1], key[1])) > within for a in anchors):
            anchors.append(key)
    groups = defaultdict(list)
    for r in records:
        near = min((a for a in anchors if a[0] == r["background"]),
                   key=lambda a: max(abs(x - y) for x, y in zip(a[1], r["voxel"])))
        groups[near].append(r)
    return list(groups.values())


def main(argv):
    runs, opts = parse_runs(argv, {"--within": ("within", int), "--backgrounds": ("backgrounds", lambda v: v.split(","))},
                            "pe_miss_census", __doc__)
    within = opts.get("within", 3)
    backgrounds = opts.get("backgrounds", ["pa-crop", "c3n-raised"])
    for mode, records in sorted(load_clots(runs, backgrounds).items()):
        for level in LEVELS:
            at_level = [r for r in records if r["level"] == level]
            if not at_level:
                continue
            found = sum(r["detected"] for r in at_level)
            total = len(at_level)
            print(f"## {mode}, {level}: {found}/{total} ({100.0 * found / total:.1f} %), {total - found} misses "
                  f"({', '.join(backgrounds)}; {len(runs)} runs)")
            rows = []
            for group in places(at_level, within):
                missed = [r for r in group if not r["detected"]]
                if not missed:
                    continue
                voxels = sorted({r["voxel"] for r in group})
                shapes = sorted({r["shape"] for r in missed})
                volumes = [r["volume"] for r in missed]
                if_found = 100.0 * (found + len(missed)) / total
                rows.append((len(missed), group[0]["background"], voxels, len(group) - len(missed), shapes,
                             min(volumes), max(volumes), sorted(r["run"] for r in missed), if_found,
                             sorted({r["side"] for r in group})))
            print("| misses | background | place (input voxels) | side | found there | shapes missed | volume missed (mm3) | "
                  "runs | level if found |")
            print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
            for n, bg, voxels, hits, shapes, vmin, vmax, where, if_found, sides in sorted(rows, key=lambda x: -x[0]):
                place = " ".join(f"[{v[0]},{v[1]},{v[2]}]" for v in voxels[:3]) + (" ..." if len(voxels) > 3 else "")
                print(f"| {n} | {bg} | {place} | {'/'.join(sides)} | {hits} | {', '.join(shapes)} | {vmin:.0f}-{vmax:.0f} | "
                      f"{' '.join(where)} | {if_found:.1f} % |")
            print()


if __name__ == "__main__":
    main(sys.argv[1:])
