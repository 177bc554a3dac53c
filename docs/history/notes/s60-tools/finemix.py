#!/usr/bin/env python3
"""Offline effect of stop 51's rules on the 'mixing with contrast' term, relative to stop 50's default (rule D of
s59-tools/mixrule.py): which sweep findings (>= 0.2) would cross the 0.5 operating point.
  E: no mixing term for any core-read candidate in the lung hull (fine lung-as-hole, two-sided occlusion, slab)
  F: no mixing term for a fine-pass candidate in the lung hull (fine.lung_without_mixing, adopted at stop 51)
Usage: finemix.py E|F DIR...   (BGS=pa-crop,c3n-raised by default, as mixrule.py)"""
import os, sys
__file__ = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "s59-tools", "mixrule.py")
head, loop = open(__file__).read().split("out = {", 1)
exec(head)  # nearmiss.py's terms and mixrule.py's mixval
stop50 = mixval
def mixval(F, rule):
    if rule == "old":
        return stop50(F, "D")  # the base: stop 50's default
    med = F["mediastinal_share"] > 0.5
    twoSided = F["cutoff"] > 0 and F["lumen_sides"] >= 2 and not med
    coreRead = F["fine_lung_as_hole"] > 0 or twoSided or F["slab_minor_semi_axis_mm"] > 0
    if rule == "E" and coreRead and not med: return 0
    if rule == "F" and F["fine_lung_as_hole"] > 0: return 0
    return stop50(F, "D")
exec("out = {" + loop)
