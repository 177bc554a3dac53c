"""Uncertainty of the validation's sensitivities (scripts/pe_figures.py), so a figure is read against its goal with
its interval and not as a point.

Two intervals, both 95 %:
- `wilson`: the score interval of a binomial proportion (Wilson 1927; Brown, Cai & DasGupta, Statistical Science
  2001, recommend it over the normal approximation near 0 and 1). It treats every inserted clot as independent.
- `place_bootstrap`: a percentile bootstrap that resamples *places* (Efron & Tibshirani 1993, ch. 13; resampling
  whole clusters, Davison & Hinkley 1997, sec. 3.8). The validation re-uses insertion sites, and the misses gather
  at a few of them (README "What limits the figures now"), so clots at one place are not independent: resampling
  places keeps that, and its interval is the wider, honest one when one place holds several misses.
"""
import math
import random

Z95 = 1.959963984540054  # two-sided 95 % quantile of the standard normal


def wilson(detected, truth, z=Z95):
    """(low, high) of the Wilson score interval for `detected` of `truth`; (0, 1) when `truth` is 0."""
    if truth <= 0:
        return 0.0, 1.0
    if not 0 <= detected <= truth:
        raise ValueError(f"wilson: detected {detected} is not within 0..{truth}")
    p = detected / truth
    z2 = z * z
    denom = 1.0 + z2 / truth
    centre = (p + z2 / (2.0 * truth)) / denom
    half = z * math.sqrt(p * (1.0 - p) / truth + z2 / (4.0 * truth * truth)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def place_bootstrap(groups, reps=4000, seed=20261204, level=0.95):
    """(low, high) percentile interval of sum(detected) / sum(truth) when the places are resampled with replacement.

    `groups`: one (detected, truth) pair per place. Deterministic for a given `seed`, so a figure in the README
    can be reproduced. (0, 1) when there is no clot."""
    groups = [(int(d), int(n)) for d, n in groups if n > 0]
    if not groups:
        return 0.0, 1.0
    rng = random.Random(seed)
    count = len(groups)
    rates = []
    for _ in range(reps):
        detected = truth = 0
        for _ in range(count):
            d, n = groups[rng.randrange(count)]
            detected += d
            truth += n
        rates.append(detected / truth)
    rates.sort()
    tail = (1.0 - level) / 2.0
    low = rates[int(math.floor(tail * (reps - 1)))]
    high = rates[int(math.ceil((1.0 - tail) * (reps - 1)))]
    return low, high


def describe(detected, truth, groups=None):
    """The figure with its intervals, e.g. the lobar line of seeds 90000-109000 (README "Stop 43"):
    '131/140 (93.6 %; 95 % CI 88.2-96.6 by clot, 86.0-98.8 by place (44 places))'."""
    if truth <= 0:
        return "0/0"
    lo, hi = wilson(detected, truth)
    text = f"{detected}/{truth} ({100.0 * detected / truth:.1f} %; 95 % CI {100 * lo:.1f}-{100 * hi:.1f} by clot"
    if groups:
        plo, phi = place_bootstrap(groups)
        text += f", {100 * plo:.1f}-{100 * phi:.1f} by place ({len(groups)} places)"
    return text + ")"
