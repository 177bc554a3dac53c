// A lung cut-off beside a thin artery that runs in the slice plane is one slice of voxels: its
// flatness and the half-width the fill test reads come from the voxels as 3 mm slabs, not points
// (EmbolismParams::cutoffSlabMaxVesselRadiusMm, cutoffSlabMinSliceRadiusShare; s35-hilumecc).
// Exact answers on the working grid's spacing (1.13 x 1.13 x 3 mm):
// - "in-plane": a 2.3 mm-radius artery along i on slice k 6 only (its whole diameter, 4.6 mm, within one
//   3 mm slice and its partial volume), an eccentric clot on its half j 20-22 for i 15-22 (9 mm). The
//   lumen j 18-19 runs past it: one lumen side.
// - "crossing": the same artery leaving slice 5 at i 14 and entering slice 7 at i 23, with only a thin
//   tail of lumen (radius 1.13 mm) on slice 6: the one-slice gap between its two lumens (the partial
//   volume of a slice transition) must stay a sheet.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "embolism/artery_levels.h"
#include "embolism/candidate_scoring.h"
#include "embolism/candidates.h"
#include "scoring_scene.h"
#include "test_support.h"

namespace {
constexpr int kNx = 40, kNy = 40, kNz = 12;
constexpr double kSpacing = tv::testing::kSceneSpacingMm;
constexpr double kClot = 60, kRadius = 2.3;

using Scene = tv::testing::ScoringScene;

Scene emptyScene() { return tv::testing::emptyScoringScene(kNx, kNy, kNz); }

void lumenVoxel(Scene& sc, int i, int j, int k, double radiusMm) { tv::testing::sceneLumenVoxel(sc, i, j, k, radiusMm); }
void clotVoxel(Scene& sc, int i, int j, int k) { tv::testing::sceneClotVoxel(sc, i, j, k, kClot); }

bool inSection(int j) { return std::abs((j - 20.0) * kSpacing) <= kRadius; }  // j 18..22

Scene inPlane() {
    Scene sc = emptyScene();
    for (int i = 2; i <= 37; ++i)
        for (int j = 0; j < kNy; ++j) {
            if (!inSection(j)) continue;
            if (i >= 15 && i <= 22 && j >= 20) {
                clotVoxel(sc, i, j, 6);
            } else {
                lumenVoxel(sc, i, j, 6, kRadius);
            }
        }
    return sc;
}

// An in-plane artery stepping from slice 5 (its lumen up to i = `lowerEnd`) to slice 7 (from i = `upperStart`), a
// thin tail on slice 6 either side, and the one-slice gap between them on slice 6 (i 15-22).
Scene crossingGap(int lowerEnd, int upperStart) {
    Scene sc = emptyScene();
    for (int j = 0; j < kNy; ++j) {
        if (!inSection(j)) continue;
        for (int i = 2; i <= lowerEnd; ++i) lumenVoxel(sc, i, j, 5, kRadius);
        for (int i = upperStart; i <= 37; ++i) lumenVoxel(sc, i, j, 7, kRadius);
    }
    for (const int i : {13, 14, 23, 24}) lumenVoxel(sc, i, 20, 6, kSpacing);  // the thin tail on slice 6
    for (int i = 15; i <= 22; ++i)
        for (int j = 19; j <= 21; ++j) clotVoxel(sc, i, j, 6);
    return sc;
}

// The idealised crossing: the lumens end where the gap starts.
Scene crossing() { return crossingGap(14, 23); }

// s36-inplaneocc: a one-slice OCCLUSION of the in-plane artery. The clot fills the section (j 18-22) for i 15-19 on
// slice 6; the lumen before it (i 2-14) is the artery's thin partial-volume end on the working grid, tree radius one
// pixel (1.13 mm), and a vessel crossing the slices 7-11 at i 21-22 (radius 2.3 mm) lies within the 5-slice box but
// not over the clot: slice R / box R = 1.13 / 2.3 = 0.49, under the slice gate, and no lumen right above or below it.
Scene inPlaneOcclusion() {
    Scene sc = emptyScene();
    for (int j = 0; j < kNy; ++j) {
        if (!inSection(j)) continue;
        for (int i = 2; i <= 14; ++i) lumenVoxel(sc, i, j, 6, kSpacing);
        for (int i = 15; i <= 19; ++i) clotVoxel(sc, i, j, 6);
    }
    for (int k = 7; k <= 11; ++k)
        for (int i = 21; i <= 22; ++i)
            for (int j = 19; j <= 21; ++j) lumenVoxel(sc, i, j, k, kRadius);
    return sc;
}

// The partial-volume gap as real slice transitions show it (s36-inplaneocc: the gaps of the clean raised C3N and C3N
// as is have 0.27-0.93 of their voxels under or over lumen): where the artery is shared between two slices its lumen
// on slice 5 runs on over the gap's first half (i 15-18) and its lumen on slice 7 starts over its second half (i 19-22).
Scene crossingOverlap() { return crossingGap(18, 19); }
}  // namespace

TEST_CASE("cut-off slab: a one-slice eccentric clot in an in-plane thin artery is a slab, not a sheet or strand", "[embolism][unit]") {
    const Scene sc = inPlane();
    tv::EmbolismParams p;
    REQUIRE(p.cutoffSlabMaxVesselRadiusMm == Approx(3.0));
    const tv::CandidateFeatures on = tv::testing::sceneFeatures(sc, p);
    REQUIRE(on.cutoff);
    REQUIRE(on.lumenSides == 1);
    CHECK(on.vesselRadiusMm == Approx(kRadius));
    CHECK(on.sliceVesselRadiusMm == Approx(kRadius));
    // Point moments: zero thickness. Boxes: one slice is 3 mm thick, variance 9 / 12 = 0.75 mm2, half-width
    // sqrt(5 x 0.75) = 1.94 mm; in-plane the clot is 3 voxels (variance 8 / 12 x 1.13^2 + 1.13^2 / 12 = 0.96 mm2).
    CHECK(on.minorSemiAxisMm == Approx(0.0).margin(1e-6));
    CHECK(on.slabMinorSemiAxisMm == Approx(std::sqrt(5.0 * 0.75)).epsilon(1e-3));
    CHECK(on.flatness == Approx(std::sqrt(0.75 / (8.0 / 12.0 * kSpacing * kSpacing + kSpacing * kSpacing / 12.0))).epsilon(1e-3));
    CHECK(tv::cutoffFill(on) >= p.cutoffMinFill);
    CHECK(tv::scoreCandidate(on, p) > 0.5);
    // A slab cut-off reads its mixing from its solid core, as a two-sided occlusion does: its working voxels are
    // mostly partial-volume rim (median above thrombusHighHu + 40, core dark).
    tv::CandidateFeatures rim = on;
    rim.medianHu = p.thrombusHighHu + 70;
    rim.coreHu = p.thrombusHighHu - 40;
    tv::CandidateFeatures rimPoint = rim;
    rimPoint.slabMinorSemiAxisMm = 0;
    rimPoint.minorSemiAxisMm = rim.slabMinorSemiAxisMm;  // the same fill, only the mixing term differs
    const double zSlab = std::log(tv::scoreCandidate(rim, p) / (1 - tv::scoreCandidate(rim, p)));
    const double zPoint = std::log(tv::scoreCandidate(rimPoint, p) / (1 - tv::scoreCandidate(rimPoint, p)));
    CHECK(zSlab - zPoint == Approx(1.0).margin(1e-6));
    // Rule off: point moments, the sheet and strand penalties.
    p.cutoffSlabMaxVesselRadiusMm = 0;
    const tv::CandidateFeatures off = tv::testing::sceneFeatures(sc, p);
    CHECK(off.flatness < 0.35);
    CHECK(off.slabMinorSemiAxisMm == 0.0);
    CHECK(tv::cutoffFill(off) < p.cutoffMinFill);
    CHECK(tv::scoreCandidate(off, p) < 0.2);
}

TEST_CASE("cut-off slab: the one-slice gap where a thin artery crosses slices stays a sheet", "[embolism][unit]") {
    const Scene sc = crossing();
    // The slice gate alone: in this idealised crossing no lumen lies over or under the gap (the lumens end where
    // it starts), which is the geometry of an occlusion of an artery stepping through slice 6; the covered-share
    // path (cutoffSlabMaxCoveredShare) is tested on crossingOverlap below.
    tv::EmbolismParams p;
    p.cutoffSlabMaxCoveredShare = -1;
    const tv::CandidateFeatures f = tv::testing::sceneFeatures(sc, p);
    REQUIRE(f.cutoff);
    CHECK(f.lumenSides == 2);
    CHECK(f.vesselRadiusMm == Approx(kRadius));
    CHECK(f.sliceVesselRadiusMm == Approx(kSpacing));  // only the tail on its own slice
    CHECK(f.sliceVesselRadiusMm < p.cutoffSlabMinSliceRadiusShare * f.vesselRadiusMm);
    CHECK(f.slabMinorSemiAxisMm == 0.0);
    CHECK(f.flatness < 0.35);
    CHECK(tv::scoreCandidate(f, p) < 0.2);
    // With the slice gate off (share 0) the same gap would read as a slab.
    tv::EmbolismParams ungated = p;
    ungated.cutoffSlabMinSliceRadiusShare = 0;
    const tv::CandidateFeatures g = tv::testing::sceneFeatures(sc, ungated);
    CHECK(g.flatness > 0.35);
}

TEST_CASE("cut-off slab: not beside a subsegmental vessel, not for a candidate on two slices", "[embolism][unit]") {
    // Stop 27: the box moments are for one-slice candidates beside arteries of segmental calibre or more.
    // (1) The in-plane scene with the artery's radius read as 1.8 mm (< segmentalRadiusMm 2): point moments.
    Scene thin = inPlane();
    for (std::size_t n = 0; n < thin.t.radius.voxelCount(); ++n)
        if (thin.t.radius[n] > 0) thin.t.radius[n] = 1.8f;
    const tv::EmbolismParams p;
    REQUIRE(p.segmentalRadiusMm == Approx(2.0));
    const tv::CandidateFeatures f = tv::testing::sceneFeatures(thin, p);
    REQUIRE(f.cutoff);
    CHECK(f.vesselRadiusMm == Approx(1.8));
    CHECK(f.slabMinorSemiAxisMm == 0.0);
    CHECK(f.minorSemiAxisMm == Approx(0.0).margin(1e-6));
    // (2) The same clot with a second slice of clot below it (k 5): point moments, as any multi-slice cut-off.
    Scene twoSlices = inPlane();
    for (int i = 15; i <= 22; ++i)
        for (int j = 20; j <= 22; ++j) {
            twoSlices.s.at(i, j, 5) = static_cast<float>(kClot);
            twoSlices.clot.voxels.push_back(twoSlices.s.offset(i, j, 5));
        }
    const tv::CandidateFeatures two = tv::testing::sceneFeatures(twoSlices, p);
    REQUIRE(two.cutoff);
    CHECK(two.slabMinorSemiAxisMm == 0.0);
    CHECK(two.minorSemiAxisMm > 0.0);
}

TEST_CASE("cut-off slab: a one-slice occlusion of an in-plane artery, no lumen over or under it, is a slab", "[embolism][unit]") {
    // s36-inplaneocc (EmbolismParams::cutoffSlabMaxCoveredShare).
    const Scene sc = inPlaneOcclusion();
    tv::EmbolismParams p;
    REQUIRE(p.cutoffSlabMaxCoveredShare == Approx(0.15));
    const tv::CandidateFeatures on = tv::testing::sceneFeatures(sc, p);
    REQUIRE(on.cutoff);
    REQUIRE(on.lumenSides == 1);
    CHECK(on.vesselRadiusMm == Approx(kRadius));
    CHECK(on.sliceVesselRadiusMm == Approx(kSpacing));
    CHECK(on.sliceVesselRadiusMm < p.cutoffSlabMinSliceRadiusShare * on.vesselRadiusMm);  // the slice gate alone would not admit it
    CHECK(on.lumenInPlaneFaces == 5);       // the lumen's end, i 14, one face per row j 18-22
    CHECK(on.lumenThroughPlaneFaces == 0);
    CHECK(on.lumenCoveredShare == Approx(0.0));
    // Box moments: the slab's half-width sqrt(5 x 0.75) = 1.94 mm; 5 x 5 voxels in-plane.
    CHECK(on.slabMinorSemiAxisMm == Approx(std::sqrt(5.0 * 0.75)).epsilon(1e-3));
    CHECK(on.flatness > 0.35);
    CHECK(tv::cutoffFill(on) >= p.cutoffMinFill);
    CHECK(tv::scoreCandidate(on, p) > 0.5);
    // Rule off: point moments, the sheet and strand penalties.
    p.cutoffSlabMaxCoveredShare = -1;
    const tv::CandidateFeatures off = tv::testing::sceneFeatures(sc, p);
    CHECK(off.slabMinorSemiAxisMm == 0.0);
    CHECK(off.flatness < 0.35);
    CHECK(tv::cutoffFill(off) < p.cutoffMinFill);
    CHECK(tv::scoreCandidate(off, p) < 0.2);
}

TEST_CASE("cut-off slab: a slice-transition gap covered by its artery's lumen above and below stays a sheet", "[embolism][unit]") {
    const Scene sc = crossingOverlap();
    const tv::EmbolismParams p;
    const tv::CandidateFeatures f = tv::testing::sceneFeatures(sc, p);
    REQUIRE(f.cutoff);
    CHECK(f.lumenSides == 2);
    CHECK(f.sliceVesselRadiusMm < p.cutoffSlabMinSliceRadiusShare * f.vesselRadiusMm);
    CHECK(f.lumenCoveredShare == Approx(1.0));  // i 15-18 under the slice-5 lumen, i 19-22 under the slice-7 lumen
    CHECK(f.lumenThroughPlaneFaces == 24);
    CHECK(f.slabMinorSemiAxisMm == 0.0);
    CHECK(f.flatness < 0.35);
    CHECK(tv::scoreCandidate(f, p) < 0.2);
}
