#!/usr/bin/env python3
"""Clot-by-clot comparison of two embolus-detector validation runs (scripts/validate_pe.sh OUTDIR).

Usage: scripts/compare_pe.py BASE_DIR NEW_DIR

Both directories hold pa-crop.json, c3n-raised.json and c3n-asis.json written by embolism_validate.
The runs insert the same clots when the site search is unchanged; a clot is matched by its round,
label and centre voxel, so a changed site search shows up as "not in the other run" rather than as a
silently different comparison. Prints, per background: the per-level and per-shape tallies of both
runs, every clot whose detected flag changed, the background findings and the false positives per
round, and (runs since s21) the level agreement of the findings: a confusion table of truth level
against the level reported by the candidate that matches the clot, and the occlusion agreement
(an occlusive clot should be reported "complete", a central or eccentric one "partial"). Runs since
s25 record whether each clot really closes its artery on the inserted scan (occludes_section,
patent_share: core/evaluation/clot_occlusion.h): an "occlusive" clot that leaves an enhanced channel
past it (a funnel wider than its cylinder) is tallied apart, as "occlusive, channel left", and is not
expected to be reported "complete"; every occlusive clot that leaves a channel is listed. Runs since
s26 apply the beyond-occlusion site rule (core/evaluation/round_placement.h): a site beyond an
occlusive clot of the same round that closes its artery is not used; the sites skipped per round and
why are printed, and per occlusive clot the site-tree voxels it cuts off from the trunk. Runs since
s27 size central and eccentric clots from the artery's calibre in its section (core/evaluation/clot_sizing.h,
sizing_radius_mm against the site's radius_mm; every resized clot is listed) and mark clots that are no
visible defect (core/evaluation/clot_visibility.h, visible_defect false): those are left out of the
per-level and per-shape tallies and listed apart ("not a visible defect"), with whether they were found.
Exit status 0; the comparison is for people, not a test.
"""
import json
import sys
from collections import Counter
from pathlib import Path

BACKGROUNDS = ("pa-crop", "c3n-raised", "c3n-asis")


def load(directory, name):
    path = Path(directory) / f"{name}.json"
    if not path.exists():
        return None
    return json.loads(path.read_text())


def clots(run):
    """{(round, label, centre voxel): clot} for every inserted clot of a run."""
    out = {}
    for r, rnd in enumerate(run["rounds"]):
        for c in rnd["clots"]:
            out[(r, c["label"], tuple(c["center_voxel"]))] = c
    return out


def visible(c):
    """A visible filling defect (runs since s27; earlier runs: every clot)."""
    return c.get("visible_defect", True) is not False


def tally(clot_map):
    found, total = Counter(), Counter()
    for c in clot_map.values():
        if not visible(c):
            continue
        for key in (c["level"], f'{c["level"]}/{c["shape"]}'):
            total[key] += 1
            found[key] += bool(c["detected"])
    return {k: f"{found[k]}/{total[k]}" for k in sorted(total)}


LEVELS = ("central", "lobar", "segmental", "subsegmental")


def leaves_channel(c):
    """An inserted clot that does not close its artery: enhanced lumen beyond both ends joined past it
    (runs since s25; without enhanced lumen on the axis beyond an end the measure cannot tell)."""
    return c.get("lumen_beyond_both_ends") is True and c.get("occludes_section") is False


def level_agreement(clot_map):
    """Lines of the truth-level x reported-level table and the occlusion agreement of found clots;
    None when the run has no reported levels (runs before s21)."""
    found = [c for c in clot_map.values() if c["detected"]]
    if found and not any("reported_level" in c for c in found):
        return None
    table, occl, channel = Counter(), Counter(), Counter()
    for c in found:
        table[(c["level"], c.get("reported_level", "?"))] += 1
        if c["shape"] == "occlusive" and leaves_channel(c):
            channel[c.get("reported_occlusion", "?")] += 1  # no expectation: the clot does not close its artery
            continue
        want = "complete" if c["shape"] == "occlusive" else "partial"
        occl[(c["shape"], c.get("reported_occlusion") == want)] += 1
    rows = [lv for lv in LEVELS if any(k[0] == lv for k in table)]
    lines = ["    truth \\ reported " + " ".join(f"{lv[:5]:>6s}" for lv in LEVELS)]
    for lv in rows:
        lines.append(f"    {lv:17s}" + " ".join(f"{table[(lv, r)]:>6d}" for r in LEVELS))
    agree = sum(table[(lv, lv)] for lv in LEVELS)
    lines.append(f"    level agrees: {agree}/{len(found)}; occlusion agrees: " +
                 ", ".join(f"{shape} {occl[(shape, True)]}/{occl[(shape, True)] + occl[(shape, False)]}"
                           for shape in sorted({k[0] for k in occl})))
    if channel:
        lines.append("    occlusive, channel left (not expected complete): " +
                     ", ".join(f"reported {k} {v}" for k, v in sorted(channel.items())))
    return lines


def effective_occlusion(clot_map):
    """Lines on how many "occlusive" clots close their artery on the inserted scan, listing those
    that leave a channel; None for runs without the measure (before s25)."""
    occlusive = {k: c for k, c in clot_map.items() if c["shape"] == "occlusive"}
    if not occlusive or not all("occludes_section" in c for c in occlusive.values()):
        return None
    closing = sum(bool(c["occludes_section"]) for c in occlusive.values())
    channel = sum(leaves_channel(c) for c in occlusive.values())
    lines = [f"    occlusive clots closing their section: {closing}/{len(occlusive)}; leaving a channel {channel}; "
             f"undetermined (no enhanced lumen on the axis beyond an end) {len(occlusive) - closing - channel}"]
    for key in sorted(occlusive):
        c = occlusive[key]
        if c["occludes_section"]:
            continue
        why = "channel" if leaves_channel(c) else "undetermined"
        reported = f"found, reported {c.get('reported_occlusion', '?')}" if c["detected"] else "missed"
        lines.append(f"      round {key[0]} clot {key[1]} ({c['level']}, r={c['radius_mm']:.2f} mm, voxel {list(key[2])}): "
                     f"{why}" + (f" up to {c['channel_hu']:.0f} HU (blood {c['blood_hu']:.0f})" if c.get("channel_hu") else "") +
                     f"; patent share {c['patent_share']:.2f} ({c['patent_area_mm2']:.1f} of "
                     f"{c['section_area_mm2']:.1f} mm2); {reported}")
    cut = [(key, c) for key, c in sorted(occlusive.items()) if "cuts_off_tree_voxels" in c]
    if cut:
        lines.append("      site-tree voxels cut off from the trunk (beyond-occlusion rule): " +
                     ", ".join(f"r{key[0]}c{key[1]} {c['cuts_off_tree_voxels']}" +
                               ("" if c["occludes_section"] else " (channel)" if leaves_channel(c) else " (undetermined)")
                               for key, c in cut))
    # A partial clot that closes its section (a check of the measure: none expected).
    for key, c in sorted(clot_map.items()):
        if c["shape"] != "occlusive" and c.get("occludes_section"):
            lines.append(f"      {c['shape']} round {key[0]} clot {key[1]} closes its section (patent share "
                         f"{c['patent_share']:.2f})")
    return lines


def skipped_sites(run):
    """(per-round counts, lines listing each skipped site) of the beyond-occlusion rule; None for runs
    without it (before s26)."""
    if "sites_skipped_beyond_occlusion_per_round" not in run["summary"]:
        return None
    lines = []
    for r, rnd in enumerate(run["rounds"]):
        for k in rnd.get("beyond_occlusion", {}).get("skipped_sites", []):
            lines.append(f"      round {r}: {k['level']} {k['side']} site at voxel {k['center_voxel']} "
                         f"(r={k['radius_mm']:.1f} mm, would have been {k['shape_it_would_have_had']}): "
                         f"{k['reason']} {k['clot_label']}")
    return run["summary"]["sites_skipped_beyond_occlusion_per_round"], lines


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    base_dir, new_dir = sys.argv[1], sys.argv[2]
    for name in BACKGROUNDS:
        base, new = load(base_dir, name), load(new_dir, name)
        if base is None or new is None:
            print(f"{name}: missing in {'base' if base is None else 'new'} run")
            continue
        bc, nc = clots(base), clots(new)
        print(f"== {name}")
        print(f"  background findings: {len(base['background']['candidates'])} -> {len(new['background']['candidates'])}")
        print(f"  FP per round: {base['summary']['false_positives_per_round']} -> {new['summary']['false_positives_per_round']}")
        for label, run in (("base", base), ("new", new)):
            sk = skipped_sites(run)
            if sk is None:
                print(f"  beyond-occlusion rule ({label} run): not applied (run before s26)")
                continue
            print(f"  beyond-occlusion rule ({label} run, {run['summary'].get('beyond_occlusion_rule')}): "
                  f"sites skipped per round {sk[0]}")
            for line in sk[1]:
                print(line)
        bt, nt = tally(bc), tally(nc)
        for key in sorted(set(bt) | set(nt)):
            mark = "" if bt.get(key) == nt.get(key) else "   <- changed"
            print(f"  {key:24s} {bt.get(key, '-'):>6s} -> {nt.get(key, '-'):>6s}{mark}")
        for label, clot_map in (("base", bc), ("new", nc)):
            lines = level_agreement(clot_map)
            print(f"  level agreement ({label} run):" + (" not recorded (run before s21)" if lines is None else ""))
            for line in lines or []:
                print(line)
        for label, clot_map in (("base", bc), ("new", nc)):
            lines = effective_occlusion(clot_map)
            if lines is not None:
                print(f"  effective occlusion ({label} run):")
                for line in lines:
                    print(line)
        for label, clot_map in (("base", bc), ("new", nc)):
            if clot_map and not any("visible_defect" in c for c in clot_map.values()):
                print(f"  not a visible defect ({label} run): not recorded (run before s27; every clot counted)")
                continue
            hidden = [(k, c) for k, c in sorted(clot_map.items()) if not visible(c)]
            counts = Counter(c["level"] for _, c in hidden)
            print(f"  not a visible defect ({label} run): {len(hidden)}" +
                  (" (" + ", ".join(f"{lv} {n}" for lv, n in sorted(counts.items())) + ")" if hidden else ""))
            for k, c in hidden:
                print(f"      round {k[0]} clot {k[1]} ({c['level']} {c['shape']}, r={c['radius_mm']:.1f} mm, voxel {list(k[2])}): "
                      f"{c.get('not_visible_reason', '?')}; truth {c['truth_voxels']} vox ({c.get('truth_volume_mm3', 0):.0f} mm3), "
                      f"mean {c.get('mean_inserted_hu', 0):.0f} HU; {'found' if c['detected'] else 'missed'}")
        resized = [(k, c) for k, c in sorted(nc.items())
                   if "sizing_radius_mm" in c and c["sizing_radius_mm"] > c["radius_mm"] + 1e-6]
        if any("sizing_radius_mm" in c for c in nc.values()):
            print(f"  clots sized from the lumen rays beyond the site radius (new run): {len(resized)} of "
                  f"{sum(c['shape'] != 'occlusive' for c in nc.values())} central/eccentric")
            for k, c in resized:
                b = bc.get(k)
                was = (f"; base same site: truth {b['truth_voxels']} vox, {'found' if b['detected'] else 'missed'}"
                       if b is not None and b["shape"] == c["shape"] else "; not in the base run with this shape")
                print(f"      round {k[0]} clot {k[1]} ({c['level']} {c['shape']}, voxel {list(k[2])}): r {c['radius_mm']:.1f} -> "
                      f"{c['sizing_radius_mm']:.1f} mm (median lumen ray {c.get('site_median_lumen_ray_mm', 0):.1f} mm), truth "
                      f"{c['truth_voxels']} vox, {'found' if c['detected'] else 'missed'}{was}")
        for key in sorted(set(bc) | set(nc)):
            if key not in nc or key not in bc:
                print(f"  round {key[0]} clot {key[1]} at {key[2]}: only in the {'base' if key not in nc else 'new'} run")
                continue
            b, n = bc[key], nc[key]
            if bool(b["detected"]) != bool(n["detected"]):
                change = "now FOUND" if n["detected"] else "now LOST"
                print(f"  round {key[0]} clot {key[1]} ({n['level']} {n['shape']}, r={n['radius_mm']:.1f} mm, "
                      f"voxel {list(key[2])}): {change}")
            elif n["detected"] and "reported_level" in b and "reported_level" in n and (
                    b["reported_level"], b["reported_occlusion"]) != (n["reported_level"], n["reported_occlusion"]):
                print(f"  round {key[0]} clot {key[1]} ({n['level']} {n['shape']}, voxel {list(key[2])}): reported "
                      f"{b['reported_level']}/{b['reported_occlusion']} -> {n['reported_level']}/{n['reported_occlusion']}")


if __name__ == "__main__":
    main()
