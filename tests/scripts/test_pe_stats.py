"""Exact answers for scripts/pe_stats.py and one pe_figures.py run on a validation output written here."""
import io
import json
import sys
import tempfile
import unittest
from contextlib import redirect_stdout
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import pe_figures  # noqa: E402
from pe_stats import Z95, describe, place_bootstrap, wilson  # noqa: E402


class WilsonTest(unittest.TestCase):
    def test_none_found_has_the_closed_form_upper_bound(self):
        low, high = wilson(0, 10)
        self.assertEqual(low, 0.0)
        self.assertAlmostEqual(high, Z95 ** 2 / (10 + Z95 ** 2), places=12)

    def test_all_found_mirrors_none_found(self):
        low, high = wilson(10, 10)
        self.assertAlmostEqual(low, 1.0 - Z95 ** 2 / (10 + Z95 ** 2), places=12)
        self.assertAlmostEqual(high, 1.0, places=12)

    def test_half_matches_the_published_value(self):
        # R: prop.test(50, 100, correct = FALSE)$conf.int = 0.4038315 0.5961685
        low, high = wilson(50, 100)
        self.assertAlmostEqual(low, 0.4038315, places=6)
        self.assertAlmostEqual(high, 0.5961685, places=6)

    def test_no_clot_is_uninformative_and_bad_counts_are_refused(self):
        self.assertEqual(wilson(0, 0), (0.0, 1.0))
        with self.assertRaises(ValueError):
            wilson(11, 10)


class PlaceBootstrapTest(unittest.TestCase):
    def test_equal_places_give_a_point(self):
        self.assertEqual(place_bootstrap([(1, 2)] * 7), (0.5, 0.5))
        self.assertEqual(place_bootstrap([(3, 3)] * 5), (1.0, 1.0))

    def test_is_reproducible(self):
        groups = [(4, 5), (2, 2), (0, 1), (6, 6), (1, 3)]
        self.assertEqual(place_bootstrap(groups), place_bootstrap(groups))

    def test_misses_at_one_place_widen_the_interval(self):
        # 90 of 100 either way; all 10 misses at one of ten places, or spread over all ten.
        gathered = [(10, 10)] * 9 + [(0, 10)]
        spread = [(9, 10)] * 10
        low_g, high_g = place_bootstrap(gathered)
        self.assertEqual(place_bootstrap(spread), (0.9, 0.9))
        self.assertEqual(high_g, 1.0)  # draws without the bad place
        self.assertLessEqual(low_g, 0.7)  # three or more draws of it in 2.5 % of the resamples
        self.assertLess(low_g, wilson(90, 100)[0])

    def test_describe_names_both_intervals(self):
        text = describe(9, 10, [(5, 5), (4, 5)])
        self.assertTrue(text.startswith("9/10 (90.0 %; 95 % CI 59.6-98.2 by clot, "), text)
        self.assertIn("by place (2 places)", text)


def clot(level, centre, detected, shape="central", volume=100.0):
    return {"level": level, "center_voxel": centre, "detected": detected, "shape": shape,
            "truth_volume_mm3": volume, "side": "left", "visible_defect": True}


class PeFiguresTest(unittest.TestCase):
    def test_pooled_figures_of_a_written_run(self):
        rounds = [{"clots": [clot("lobar", [1, 2, 3], True), clot("lobar", [7, 8, 9], False)]},
                  {"clots": [clot("lobar", [1, 2, 3], True), clot("central", [4, 4, 4], True)]}]
        run = {"background": {"candidates": []}, "rounds": rounds,
               "summary": {"per_level": {"lobar": {"detected": 2, "truth": 3}, "central": {"detected": 1, "truth": 1}},
                           "false_positives_per_round": [1, 0]}}
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "pa-crop.json").write_text(json.dumps(run))
            out = io.StringIO()
            with redirect_stdout(out):
                pe_figures.main(["--held-out", "5", f"5-default={tmp}"])
        text = out.getvalue()
        self.assertIn("| 5 | default | pa-crop | 1 of 1 | 2 of 3 | - | 1,0 | 0 |", text)
        lobar = f"lobar 2/3 (66.7 %; 95 % CI {100 * wilson(2, 3)[0]:.1f}-{100 * wilson(2, 3)[1]:.1f} by clot"
        self.assertIn(lobar, text)
        self.assertIn("0.0-100.0 by place (2 places)", text)  # two places: one always found, one never
        self.assertIn("false findings 1 in 2 rounds (0.50 per scan)", text)


if __name__ == "__main__":
    unittest.main()
