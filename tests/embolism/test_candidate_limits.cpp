// Candidate generation in thin arteries (core/embolism/candidates.cpp): the depth, volume and
// occlusion limits scale with the local vessel radius (EmbolismParams::defectShellRadiusFraction,
// minCandidateVesselShare, occlusionRadiusFraction), the old mm values staying the cap. Exact
// answers on binary tubes along k on the C3N-00247 working grid (1.125 x 1.125 x 3 mm), with
// the maps findCandidates reads built here directly (no smoothing, no thresholding).
#include <catch2/catch.hpp>

#include <functional>

#include "embolism/candidates.h"
#include "embolism/volume_ops.h"
#include "test_support.h"

namespace {
constexpr int kN = 40, kSlices = 30, kCi = 20, kCj = 20;
constexpr float kBlood = 400, kLung = -850, kClot = 60;

struct TubeScene {
    tv::Image<float> s;
    tv::ThoraxMasks masks;
    tv::VesselTree tree;
};

// A tube along k whose cross-section is the voxels (di, dj) with di^2 + dj^2 <= discR2, blood
// inside, aerated lung outside; `clot(di, dj, k)` marks thrombus voxels (60 HU, not lumen).
TubeScene tube(int discR2, const std::function<bool(int, int, int)>& clot) {
    const tv::ImageGeometry g = tvtest::grid(kN, kN, kSlices, 1.125, 1.125, 3.0);
    TubeScene t{tv::Image<float>(g, kLung), {}, {}};
    t.masks.lungs = tv::Mask(g, 1);
    t.masks.heart = tv::Mask(g, 0);
    t.masks.lungHull = tv::Mask(g, 0);  // no cut-off search in these scenes
    t.tree.lumen = tv::Mask(g, 0);
    for (int k = 0; k < kSlices; ++k)
        for (int j = 0; j < kN; ++j)
            for (int i = 0; i < kN; ++i) {
                const int di = i - kCi, dj = j - kCj;
                if (di * di + dj * dj > discR2) continue;
                t.masks.lungs.at(i, j, k) = 0;
                const bool c = clot(di, dj, k);
                t.s.at(i, j, k) = c ? kClot : kBlood;
                t.tree.lumen.at(i, j, k) = c ? 0 : 1;
            }
    t.tree.connected = t.tree.lumen;
    t.tree.bloodHu = kBlood;
    t.tree.lumenThresholdHu = 230;
    t.tree.radius = tv::distanceInsideMm(tv::closeMm(t.tree.lumen, 2.5));
    return t;
}

std::size_t candidates(const TubeScene& t, const tv::EmbolismParams& p) {
    return tv::findCandidates(t.s, t.masks, t.tree, p, tv::neverCancel()).candidates.size();
}

// The limits before they scaled with the radius: 1.2 mm depth, 20 mm3, 1.6 mm occlusion core.
tv::EmbolismParams fixedMmLimits() {
    tv::EmbolismParams p;
    p.defectShellRadiusFraction = 1e9;
    p.minCandidateVesselShare = 1e9;
    p.occlusionRadiusFraction = 1e9;
    return p;
}
}  // namespace

TEST_CASE("a one-voxel clot 3 slices long in a 2.25 mm-radius artery is a candidate, one dark voxel is not", "[embolism][unit]") {
    // Disc di^2 + dj^2 <= 4 (13 voxels, radius 2.25 mm): the centre lies 2.516 mm (sqrt 5 voxels)
    // from the nearest outside voxel, so R = 2.516 mm and the minimum volume is
    // 0.08 x 2 pi R^3 = 8.00 mm3, under the 20 mm3 cap. Voxel volume 3.797 mm3.
    const tv::EmbolismParams p;
    const double minMm3 = p.minCandidateVesselShare * 2.0 * 3.14159265358979 * std::pow(std::sqrt(5.0) * 1.125, 3);
    REQUIRE(minMm3 == Approx(8.005).margin(0.01));
    const auto centre = [](int firstK, int lastK) {
        return [=](int di, int dj, int k) { return di == 0 && dj == 0 && k >= firstK && k <= lastK; };
    };
    const TubeScene clot3 = tube(4, centre(14, 16));  // 3 voxels, 11.4 mm3
    CHECK(candidates(clot3, p) == 1);
    CHECK(candidates(clot3, fixedMmLimits()) == 0);  // under 20 mm3
    const TubeScene clot2 = tube(4, centre(14, 15));  // 2 voxels, 7.6 mm3 < 8.0 mm3
    CHECK(candidates(clot2, p) == 0);
    const TubeScene speck = tube(4, centre(15, 15));  // one dark voxel: noise
    CHECK(candidates(speck, p) == 0);
    const TubeScene clean = tube(4, [](int, int, int) { return false; });
    CHECK(candidates(clean, p) == 0);
}

TEST_CASE("an off-centre clot in a 2.25 mm-radius artery is a candidate with the radius scaling, a large artery keeps the mm limits", "[embolism][unit]") {
    // Clot: voxel (1, 0) over 3 slices, enclosed in-plane by lumen (0, 0), (2, 0), (1, +-1), so every
    // closing fills it; it lies 1.591 mm (sqrt 2 voxels, to (2, +-1)) deep, over both depth limits
    // (1.2 mm; 0.45 x 2.516 = 1.132 mm). 11.4 mm3: over 8.0 mm3, under the fixed 20 mm3.
    const auto offCentre = [](int di, int dj, int k) { return di == 1 && dj == 0 && k >= 14 && k <= 16; };
    const tv::EmbolismParams p;
    const TubeScene thin = tube(4, offCentre);
    CHECK(candidates(thin, p) == 1);
    CHECK(candidates(thin, fixedMmLimits()) == 0);
    tv::EmbolismParams noVolumeScaling = p;
    noVolumeScaling.minCandidateVesselShare = 1e9;
    CHECK(candidates(thin, noVolumeScaling) == 0);
    // Large vessel (disc di^2 + dj^2 <= 16, radius 4.5 mm, centre 4.64 mm deep): the minimum volume
    // is the 20 mm3 cap (0.08 x 2 pi 4.64^3 = 50 mm3), so the same 11.4 mm3 clot is no candidate.
    const TubeScene large = tube(16, offCentre);
    CHECK(candidates(large, p) == 0);
    // ... and 6 voxels (22.8 mm3) are one.
    const TubeScene largeLong = tube(16, [](int di, int dj, int k) { return di == 1 && dj == 0 && k >= 12 && k <= 17; });
    CHECK(candidates(largeLong, p) == 1);
}

TEST_CASE("a central clot filling most of a wide artery carries the completed artery's radius, not the rim's", "[embolism][unit]") {
    // Disc di^2 + dj^2 <= 36 (radius 6.75 mm) with a clot di^2 + dj^2 <= 16 over slices 12-17: only a
    // rim of about two voxels of contrast is left beside it. The 5 mm closing fills the clot; the
    // completed lumen's centre lies sqrt(37) voxels = 6.84 mm from the nearest outside voxel (6, 1),
    // stored in 0.1 mm: 6.8 mm. The rim's own radius (2.5 mm-closed lumen) stays under 3 mm there.
    const TubeScene t = tube(36, [](int di, int dj, int k) { return di * di + dj * dj <= 16 && k >= 12 && k <= 17; });
    const auto found = tv::findCandidates(t.s, t.masks, t.tree, tv::EmbolismParams{}, tv::neverCancel());
    REQUIRE(found.candidates.size() == 1);
    CHECK(found.candidates[0].completedRadiusMm == Approx(6.8));
    CHECK(t.tree.radius.at(kCi, kCj + 5, 15) < 3.0f);
    // A clean tube: no candidate.
    CHECK(candidates(tube(36, [](int, int, int) { return false; }), tv::EmbolismParams{}) == 0);
}
