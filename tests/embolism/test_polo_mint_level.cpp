// The arterial-tree lookup of a defect wrapped in contrast (candidate_scoring.cpp, computeFeatures):
// a central clot leaves a thin rim of its artery's lumen, coded as a thin mediastinal branch without
// a level (artery_levels.h: the rim's path calibre is the rim's); the artery's level is looked up
// beyond the clot's ends, up to its half-length from the centroid. Exact answers on the pa-crop grid
// (1.5 mm), with the maps computeFeatures reads built here.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "embolism/candidate_scoring.h"
#include "embolism/volume_ops.h"
#include "test_support.h"
#include "tube_phantom.h"

namespace {
constexpr int kN = 40, kSlices = 60, kC = 20;
constexpr float kBlood = 500, kClot = 60;

// Tube along k (radius 6 voxels = 9 mm, blood) in fat; a central clot of radius 3 voxels over
// slices 24-35 (18 mm). Tree codes: `rimCode` on the lumen within `rimReach` slices of the clot's
// slices (the rim and the artery just beyond it), Central elsewhere.
struct Scene {
    tv::Image<float> hu;
    tv::ThoraxMasks masks;
    tv::VesselTree tree;
    tv::RawCandidate clot;
};

bool inClot(int di, int dj, int k) { return di * di + dj * dj <= 9 && k >= 24 && k <= 35; }

Scene scene(int rimReach) {
    const tv::ImageGeometry g = tvtest::grid(kN, kN, kSlices, 1.5, 1.5, 1.5);
    Scene s{tv::Image<float>(g, -100), {}, {}, {}};
    s.masks.lungs = tv::Mask(g, 0);
    s.masks.lungHull = tv::Mask(g, 0);  // all mediastinal
    s.masks.heart = tv::Mask(g, 0);
    s.masks.midlineX = kC;
    s.tree.lumen = tv::Mask(g, 0);
    s.tree.connected = tv::Mask(g, 0);
    for (int k = 0; k < kSlices; ++k)
        for (int j = 0; j < kN; ++j)
            for (int i = 0; i < kN; ++i) {
                const int di = i - kC, dj = j - kC;
                if (di * di + dj * dj > 36) continue;
                if (inClot(di, dj, k)) {
                    s.hu.at(i, j, k) = kClot;
                    s.clot.voxels.push_back(s.hu.offset(i, j, k));
                    continue;
                }
                s.hu.at(i, j, k) = kBlood;
                s.tree.lumen.at(i, j, k) = 1;
                const bool nearClot = k >= 24 - rimReach && k <= 35 + rimReach;
                s.tree.connected.at(i, j, k) = static_cast<std::uint8_t>(nearClot ? tv::ArteryCode::MediastinalBranch : tv::ArteryCode::Central);
            }
    tv::testing::finishTestTree(s.tree, kBlood, 280);
    s.clot.completedRadiusMm = 9.0;
    return s;
}

tv::CandidateFeatures features(const Scene& s, bool fromCutoff) {
    tv::ContrastResult c;
    c.state = tv::ContrastState::Adequate;
    c.paEnhancementHu = kBlood;
    tv::RawCandidate clot = s.clot;
    clot.fromCutoff = fromCutoff;
    return tv::computeFeatures(clot, s.hu, s.hu, s.masks, s.tree, c, tv::EmbolismParams{});
}
}  // namespace

TEST_CASE("a polo-mint clot whose rim is coded as a thin mediastinal branch takes the level beyond its ends", "[embolism][unit]") {
    // The clot's half-length: sqrt(5 x var) of 12 slices of 1.5 mm = sqrt(5 x (143 / 12) x 2.25) = 11.6 mm.
    // Its vessel radius (largest tree radius within 2 voxels: on the axis 2 voxels beyond its ends,
    // whose nearest non-lumen voxel is a clot voxel at (1, 1, 2) voxels) sqrt(6) x 1.5 = 3.67 mm. The
    // box of half-width ceil(3.67 / 1.5) + 1 = 4 voxels around the centroid (slice lround(29.5) = 30)
    // holds slices 26-34: rim code only (rimReach 4: slices 20-39). Radius + half-length,
    // ceil(15.3 / 1.5) + 1 = 12 voxels, reaches slices 18-42, Central at 18-19 and 40-42.
    const Scene s = scene(4);
    const tv::CandidateFeatures f = features(s, false);
    REQUIRE(f.enclosure == Approx(1.0));
    REQUIRE(f.vesselRadiusMm == Approx(1.5 * std::sqrt(6.0)));
    CHECK(f.onArterialTree);
    REQUIRE(f.treeLevel.has_value());
    CHECK(*f.treeLevel == tv::VesselLevel::Central);
    // Without the wrapping (a cut-off is not an intraluminal defect) the box stays the radius: no level.
    CHECK_FALSE(features(s, true).onArterialTree);
    // Rim code beyond the half-length (slices 9-50, the extended box 18-42): no level either.
    CHECK_FALSE(features(scene(15), false).onArterialTree);
}

TEST_CASE("a fine-pass polo mint's contrast term is its core HU, not its rim-dominated median", "[embolism][unit]") {
    // Raised C3N round 1 clot 3's hole (s23): median 194 HU (its partial-volume rim up to the lumen
    // threshold), core 97 HU. The scene's lumen is 500 HU (thrombusMid 60 HU).
    const Scene s = scene(4);
    tv::ContrastResult c;
    c.state = tv::ContrastState::Adequate;
    c.paEnhancementHu = kBlood;
    tv::RawCandidate hole = s.clot;
    hole.fromFine = true;
    hole.fineMedianHu = 194;
    hole.fineCoreHu = 97;
    hole.fineHoleShare = 1.0;
    hole.fineEnclosure = 1.0;
    const tv::EmbolismParams p;
    const tv::CandidateFeatures f = tv::computeFeatures(hole, s.hu, s.hu, s.masks, s.tree, c, p);
    REQUIRE(f.localBloodHu == Approx(500));
    CHECK(f.contrastNorm == Approx((500.0 - 97) / (500 - 60)));
    // The guard: without the rule, or with its pixels mostly outside holes, the median's 0.70.
    tv::EmbolismParams fromMedian;
    fromMedian.fineHoleContrastFromCore = false;
    CHECK(tv::computeFeatures(hole, s.hu, s.hu, s.masks, s.tree, c, fromMedian).contrastNorm == Approx((500.0 - 194) / (500 - 60)));
    hole.fineHoleShare = 0.4;
    CHECK(tv::computeFeatures(hole, s.hu, s.hu, s.masks, s.tree, c, p).contrastNorm == Approx((500.0 - 194) / (500 - 60)));
}
