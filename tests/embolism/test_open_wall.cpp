// A lung "cut-off" lying along its artery's patent lumen is a wall-adherent partial defect open to the wall, scored
// as a partial defect (EmbolismParams::openWallDefect, openWallMinCoveredShare; s39-openwall). Exact answers on the
// working grid's spacing (1.13 x 1.13 x 3 mm):
// - "open wall": an artery of 3.4 mm radius (wider than cutoffSlabMaxVesselRadiusMm, so the slab rule does not
//   apply) runs along i on slices 5 and 6 (section j 17-23). On slice 6 an eccentric clot fills the half j 20-23
//   of the section up to the wall for i 15-22 (8 x 4 voxels, 122.6 mm3): the lumen of slice 5 lies under every
//   clot voxel (covered share 1), the lumen of slice 6 beside it (j 17-19) and beyond its ends (i 14, i 23): one
//   lumen piece. Its faces: 32 onto lumen below, 8 beside, 4 + 4 at its ends = 48 of 88 on contrast (0.545), 32
//   onto the tissue above and 8 onto the wall at j 24 (no contrast on its wall side).
#include <catch2/catch.hpp>

#include <cmath>

#include "embolism/artery_levels.h"
#include "embolism/candidate_scoring.h"
#include "embolism/candidates.h"
#include "scoring_scene.h"
#include "test_support.h"

namespace {
constexpr int kNx = 40, kNy = 40, kNz = 12;
constexpr double kSpacing = tv::testing::kSceneSpacingMm;
constexpr double kClot = 60, kRadius = 3.4;

using Scene = tv::testing::ScoringScene;

void lumenVoxel(Scene& sc, int i, int j, int k) { tv::testing::sceneLumenVoxel(sc, i, j, k, kRadius); }
void clotVoxel(Scene& sc, int i, int j, int k) { tv::testing::sceneClotVoxel(sc, i, j, k, kClot); }

bool inSection(int j) { return std::abs((j - 20.0) * kSpacing) <= kRadius; }  // j 17..23

// `brokenLumen`: the artery's lumen broken for i 19-20 on both slices, so that the clot lies between two lumens.
Scene openWall(bool brokenLumen = false) {
    Scene sc = tv::testing::emptyScoringScene(kNx, kNy, kNz);
    for (int k = 5; k <= 6; ++k)
        for (int i = 2; i <= 37; ++i)
            for (int j = 0; j < kNy; ++j) {
                if (!inSection(j)) continue;
                if (k == 6 && i >= 15 && i <= 22 && j >= 20) clotVoxel(sc, i, j, k);
                else if (!(brokenLumen && (i == 19 || i == 20))) lumenVoxel(sc, i, j, k);
            }
    return sc;
}
}  // namespace

TEST_CASE("open wall: a cut-off along its artery's patent lumen is scored as a wall-adherent partial defect", "[embolism][unit]") {
    const Scene sc = openWall();
    tv::EmbolismParams p;
    REQUIRE(p.openWallDefect);
    REQUIRE(p.openWallMinCoveredShare == Approx(0.8));
    REQUIRE(p.maxCutoffEnclosure == Approx(0.5));
    REQUIRE(kRadius >= p.cutoffSlabMaxVesselRadiusMm);  // the slab rule does not reach it
    const tv::CandidateFeatures on = tv::testing::sceneFeatures(sc, p);
    REQUIRE(on.openWall);
    CHECK_FALSE(on.cutoff);
    CHECK_FALSE(on.complete);
    CHECK(on.lumenSides == 1);
    CHECK(on.lumenCoveredShare == Approx(1.0));
    CHECK(on.lumenInPlaneFaces == 16);
    CHECK(on.lumenThroughPlaneFaces == 32);
    CHECK(on.enclosure == Approx(48.0 / 88.0));
    CHECK(on.vesselRadiusMm == Approx(kRadius));
    CHECK(on.contrastNorm == Approx(1.0));
    CHECK(on.onArterialTree);
    CHECK(on.minorSemiAxisMm == Approx(0.0).margin(1e-6));
    // Flatness from boxes: through the plane 9 / 12 = 0.75 mm2; across the artery 4 voxels, (16 - 1) / 12 x 1.13^2
    // + 1.13^2 / 12.
    const double across = 15.0 / 12.0 * kSpacing * kSpacing + kSpacing * kSpacing / 12.0;
    CHECK(on.flatness == Approx(std::sqrt(0.75 / across)).epsilon(1e-6));
    // The partial defect's terms: contrast (clamped at 0.8 above 0.4: 1.8), volume against 40 mm3, enclosure,
    // railway track (elongation from the point moments, 8 voxels along i against 4 across).
    const double volume = 32 * kSpacing * kSpacing * 3.0;
    CHECK(on.volumeMm3 == Approx(volume));
    const double elongation = std::sqrt((63.0 / 12.0) / (15.0 / 12.0));
    CHECK(on.elongation == Approx(elongation).epsilon(1e-6));
    const double z = -2.0 + 3.0 * 0.6 + 1.2 * std::log10(volume / 40.0) + 4.0 * (48.0 / 88.0 - 0.25) + 0.4 * (elongation - 1.0);
    CHECK(tv::scoreCandidate(on, p) == Approx(1.0 / (1.0 + std::exp(-z))).epsilon(1e-6));
    CHECK(tv::scoreCandidate(on, p) > 0.85);
    // Rule off: a cut-off, read as a plug filling its artery: half-width 0 (the strand penalty) and point-moment
    // flatness (the sheet penalty).
    p.openWallDefect = false;
    const tv::CandidateFeatures off = tv::testing::sceneFeatures(sc, p);
    CHECK_FALSE(off.openWall);
    CHECK(off.cutoff);
    CHECK(off.flatness < 0.35);
    CHECK(tv::cutoffFill(off) < p.cutoffMinFill);
    CHECK(tv::scoreCandidate(off, p) < 0.05);
}

TEST_CASE("open wall: each condition keeps the cut-off reading", "[embolism][unit]") {
    const Scene sc = openWall();
    const tv::EmbolismParams p;
    // Lumen under fewer of its voxels than openWallMinCoveredShare (the bound set just above the scene's 1.0).
    tv::EmbolismParams covered = p;
    covered.openWallMinCoveredShare = 1.01;
    CHECK_FALSE(tv::testing::sceneFeatures(sc, covered).openWall);
    // Enclosure not above maxCutoffEnclosure.
    tv::EmbolismParams enclosed = p;
    enclosed.maxCutoffEnclosure = 48.0 / 88.0 + 1e-6;
    CHECK_FALSE(tv::testing::sceneFeatures(sc, enclosed).openWall);
    // Mediastinal (outside the lung hull): the mediastinal rules, not this one.
    Scene mediastinal = openWall();
    for (std::size_t n = 0; n < mediastinal.m.lungHull.voxelCount(); ++n) mediastinal.m.lungHull[n] = 0;
    CHECK_FALSE(tv::testing::sceneFeatures(mediastinal, p).openWall);
    // Beside no arterial-tree vessel.
    Scene offTree = openWall();
    for (std::size_t n = 0; n < offTree.t.connected.voxelCount(); ++n) offTree.t.connected[n] = 0;
    CHECK_FALSE(tv::testing::sceneFeatures(offTree, p).openWall);
    // Two lumen pieces: the artery's lumen broken for i 19-20 on both slices, so the clot lies between two lumens
    // (lumen under 24 of its 32 voxels: covered share 0.75 too).
    const Scene twoSides = openWall(true);
    const tv::CandidateFeatures two = tv::testing::sceneFeatures(twoSides, p);
    CHECK(two.lumenSides == 2);
    CHECK_FALSE(two.openWall);
    CHECK(two.cutoff);
}
