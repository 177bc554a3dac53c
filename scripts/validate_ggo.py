#!/usr/bin/env python3
"""Compares `thromboview analyze` output (analysis.json) with the radiologists' slice and lobe
labels of COVID-CT-MD P001 (P001-labels.csv) and prints the validation figures.

usage: validate_ggo.py P001_ANALYSIS_JSON LABELS_CSV [NORMAL_ANALYSIS_JSON]
Slices are matched by patient z (label image_position_z vs analysis slices[].z_mm, within half a
slice spacing), never by index. Prints key=value lines (parsed by the tests and the README).
"""
import csv
import json
import sys

LOBES = ["RUL", "RML", "RLL", "LUL", "LLL"]
MIRROR = {"RUL": "LUL", "RLL": "LLL", "LUL": "RUL", "LLL": "RLL", "RML": "LUL"}


def match_slices(analysis, labels):
    slices = analysis["opacity"]["slices"]
    zs = sorted(s["z_mm"] for s in slices)
    half = min(abs(b - a) for a, b in zip(zs, zs[1:])) / 2 if len(zs) > 1 else 1.0
    pairs = []
    for row in labels:
        z = float(row["image_position_z"])
        best = min(slices, key=lambda s: abs(s["z_mm"] - z))
        if abs(best["z_mm"] - z) <= half + 1e-3:
            pairs.append((row, best))
    return pairs


def reversed_labels(labels):
    """The same rows (z positions, files) with the flags of row n-1-i on row i: the labels as they
    would read if the label array had been indexed from the top of the scan down."""
    flags = ["infected"] + LOBES
    out = []
    for i, row in enumerate(labels):
        new = dict(row)
        src = labels[len(labels) - 1 - i]
        for f in flags:
            new[f] = src[f]
        out.append(new)
    return out


def slice_figures(pairs):
    tp = fp = tn = fn = 0
    for row, s in pairs:
        truth = row["infected"] == "1"
        pred = bool(s["involved"])
        tp += truth and pred
        fp += (not truth) and pred
        tn += (not truth) and (not pred)
        fn += truth and (not pred)
    return tp, fp, tn, fn


def lobe_agreement(pairs, mapping=lambda l: l):
    agree = total = 0
    per = {l: [0, 0] for l in LOBES}
    for row, s in pairs:
        pred = set(s["lobes_involved"])
        for lobe in LOBES:
            truth = row[lobe] == "1"
            got = mapping(lobe) in pred
            per[lobe][0] += truth == got
            per[lobe][1] += 1
            agree += truth == got
            total += 1
    return agree / total, {l: per[l][0] / per[l][1] for l in LOBES}


def labelled_z(labels, lobe):
    return [float(r["image_position_z"]) for r in labels if r[lobe] == "1"]


def median(values):
    return sorted(values)[len(values) // 2] if values else float("nan")


def orientation_check(analysis, labels):
    """The labels as given versus reversed in z (README "Label orientation of P001-labels.csv").

    Printed for both orientations, so a reader sees which one the images support:
    - where the upper-lobe and middle-lobe labels lie (the right upper lobe lies above the middle
      lobe; as given, the median RUL-labelled slice lies 60 mm below the median RML-labelled one);
    - labelled-infected slices on which the analysis finds no opacity at all (0 mm^2), and
      unlabelled slices on which it finds at least 300 mm^2 (screenshots of such slices are in the
      README);
    - the agreement figures.
    The headline figures above always use the labels as given."""
    for name, rows in (("as_given", labels), ("reversed", reversed_labels(labels))):
        pairs = match_slices(analysis, rows)
        tp, fp, tn, fn = slice_figures(pairs)
        agreement, _ = lobe_agreement(pairs)
        empty = sum(1 for r, s in pairs if r["infected"] == "1" and s["opacity_area_mm2"] == 0)
        large = sum(1 for r, s in pairs if r["infected"] != "1" and s["opacity_area_mm2"] >= 300)
        print("label_orientation_%s: rul_label_median_z=%.1f rml_label_median_z=%.1f"
              " labelled_slices_without_opacity=%d unlabelled_slices_with_300mm2=%d"
              " sensitivity=%.3f specificity=%.3f lobe_agreement=%.3f" % (
                  name, median(labelled_z(rows, "RUL")), median(labelled_z(rows, "RML")), empty, large,
                  tp / (tp + fn) if tp + fn else float("nan"),
                  tn / (tn + fp) if tn + fp else float("nan"), agreement))
        # Which slices disagree in this reading (label slice_index and opacity area in mm^2).
        print("label_orientation_%s_false_positive_slices=%s" % (name, " ".join(
            "%s(%.0f)" % (r["slice_index"], s["opacity_area_mm2"]) for r, s in pairs if r["infected"] != "1" and s["involved"])))
        print("label_orientation_%s_missed_slices=%s" % (name, " ".join(
            "%s(%.0f)" % (r["slice_index"], s["opacity_area_mm2"]) for r, s in pairs if r["infected"] == "1" and not s["involved"])))


def main():
    analysis = json.load(open(sys.argv[1]))
    labels = list(csv.DictReader(open(sys.argv[2])))
    pairs = match_slices(analysis, labels)
    tp, fp, tn, fn = slice_figures(pairs)
    print("p001_matched_slices=%d of %d" % (len(pairs), len(labels)))
    print("p001_slice_tp=%d fp=%d tn=%d fn=%d" % (tp, fp, tn, fn))
    # Which slices disagree (label slice_index, opacity area on the slice in mm^2): for reading the
    # renderings of exactly these slices.
    print("p001_false_positive_slices=" + " ".join(
        "%s(%.0f)" % (row["slice_index"], s["opacity_area_mm2"]) for row, s in pairs
        if row["infected"] != "1" and s["involved"]))
    print("p001_missed_slices=" + " ".join(
        "%s(%.0f)" % (row["slice_index"], s["opacity_area_mm2"]) for row, s in pairs
        if row["infected"] == "1" and not s["involved"]))
    print("p001_slice_sensitivity=%.3f" % (tp / (tp + fn) if tp + fn else float("nan")))
    print("p001_slice_specificity=%.3f" % (tn / (tn + fp) if tn + fp else float("nan")))

    agreement, per = lobe_agreement(pairs)
    print("p001_lobe_agreement=%.3f" % agreement)
    print("p001_lobe_agreement_per_lobe=" + " ".join("%s:%.3f" % (l, per[l]) for l in LOBES))
    mirrored, mper = lobe_agreement(pairs, lambda l: MIRROR[l])
    print("p001_lobe_agreement_if_labels_left_right_mirrored=%.3f" % mirrored)
    # Any-lobe agreement on involved slices: which lung is involved, ignoring the lobe split.
    o = analysis["opacity"]
    print("p001_involvement_percent=%.2f" % o["involvement_percent"])
    print("p001_ct_severity_score=%d" % o["ct_severity_score"])
    print("p001_six_zone_score=%d" % o["six_zone_score"])
    print("p001_lobe_methods=" + " ".join("%s:%s" % (l, o["lobes"][l]["boundary_method"]) for l in LOBES))
    orientation_check(analysis, labels)
    if len(sys.argv) > 3:
        normal = json.load(open(sys.argv[3]))
        no = normal["opacity"]
        print("normal001_involvement_percent=%.2f" % no["involvement_percent"])
        print("normal001_ct_severity_score=%d" % no["ct_severity_score"])
        print("normal001_six_zone_score=%d" % no["six_zone_score"])
        print("normal001_involved_slices=%d of %d" % (sum(1 for s in no["slices"] if s["involved"]), len(no["slices"])))


if __name__ == "__main__":
    main()
