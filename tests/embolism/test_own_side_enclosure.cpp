// The own-side enclosure (own_side_faces.h, EmbolismParams::ownSideEnclosure, s33-centralecc): the
// deep slab of a wall-adherent clot that the 9 mm closing keeps in a central artery has lumen on one
// side and the clot's own wall side on the other; those faces are left out of the polo-mint terms.
// Exact answers on the pa-crop grid (1.5 mm), with the maps computeFeatures reads built here.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "embolism/candidate_scoring.h"
#include "embolism/own_side_faces.h"
#include "embolism/volume_ops.h"
#include "test_support.h"
#include "tube_phantom.h"

namespace {
constexpr int kN = 40, kSlices = 60, kC = 20;
constexpr float kBlood = 500, kClot = 60;

// A central artery along k (radius 6 voxels = 9 mm, blood) in fat; a wall-adherent clot filling its
// half i - kC >= 1 over slices 24-35. The candidate is the clot's slab next to the lumen (i - kC 1-2,
// the part a closing's thickness test keeps), its own side the clot beyond (i - kC >= 3).
struct Scene {
    tv::Image<float> hu;
    tv::ThoraxMasks masks;
    tv::VesselTree tree;
    tv::RawCandidate slab;
    std::vector<std::uint8_t> clot;  // per voxel: 1 = clot
};

Scene scene(int firstSlice, int lastSlice) {
    const tv::ImageGeometry g = tvtest::grid(kN, kN, kSlices, 1.5, 1.5, 1.5);
    Scene s{tv::Image<float>(g, -100), {}, {}, {}, std::vector<std::uint8_t>(g.voxelCount(), 0)};
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
                const std::size_t n = s.hu.offset(i, j, k);
                if (di >= 1 && k >= firstSlice && k <= lastSlice) {
                    s.hu[n] = kClot;
                    s.clot[n] = 1;
                    if (di <= 2) s.slab.voxels.push_back(n);
                    continue;
                }
                s.hu[n] = kBlood;
                s.tree.lumen[n] = 1;
                s.tree.connected[n] = static_cast<std::uint8_t>(tv::ArteryCode::Central);
            }
    tv::testing::finishTestTree(s.tree, kBlood, 280);
    s.slab.completedRadiusMm = 9.0;
    s.slab.ownSide = tv::ownSideFaces(s.slab.voxels, g, [&](std::size_t q) { return s.clot[q] != 0; });
    return s;
}

tv::ContrastResult ctpa() {
    tv::ContrastResult c;
    c.state = tv::ContrastState::Adequate;
    c.paEnhancementHu = kBlood;
    return c;
}
}  // namespace

TEST_CASE("own side faces: the clot beyond the slab, each voxel once", "[embolism][unit]") {
    // Per slice the slab (i - kC = 1, 2; j - kC = -5..5: 22 voxels) faces 11 clot voxels at i - kC = 3.
    const Scene s = scene(24, 35);
    REQUIRE(s.slab.voxels.size() == 12u * 22u);
    CHECK(s.slab.ownSide.size() == 12u * 11u);
    for (const std::size_t q : s.slab.ownSide) CHECK(s.clot[q] == 1);
}

TEST_CASE("the deep slab of a wall-adherent central clot reads the polo-mint sign without its own side", "[embolism][unit]") {
    // Faces per slice: 11 lumen (i - kC = 0), 11 own side (i - kC = 3), 4 fat at the j ends (the wall);
    // the end slices 24 and 35 face lumen with all 22 voxels. 356 faces, 176 lumen, 132 own side.
    const Scene s = scene(24, 35);
    const tv::ContrastResult c = ctpa();
    tv::EmbolismParams on;
    const tv::CandidateFeatures f = tv::computeFeatures(s.slab, s.hu, s.hu, s.masks, s.tree, c, on);
    REQUIRE(f.enclosure == Approx(176.0 / 356.0));
    REQUIRE(f.ownSideEnclosure == Approx(176.0 / 224.0));  // over the 0.75 polo-mint sign
    REQUIRE(f.volumeMm3 == Approx(264 * 3.375));
    REQUIRE(f.mediastinalShare == Approx(1.0));
    const double withRule = tv::scoreCandidate(f, on);
    CHECK(withRule > 0.5);
    // Rule off: the plain enclosure (0.49) takes the mediastinal polo-mint penalty.
    tv::EmbolismParams off = on;
    off.ownSideEnclosure = false;
    const double withoutRule = tv::scoreCandidate(tv::computeFeatures(s.slab, s.hu, s.hu, s.masks, s.tree, c, off), off);
    CHECK(withoutRule > 0.0);
    CHECK(withoutRule < 0.5);
    // A body: under the volume bound (891 mm3 here) the plain enclosure is read.
    tv::EmbolismParams bound = on;
    bound.ownSideMinVolumeMm3 = 900;
    CHECK(tv::scoreCandidate(f, bound) == Approx(withoutRule));
    // ... and over the ceiling (ownSideMaxVolumeMm3) as well: a slab is part of one clot.
    tv::EmbolismParams ceiling = on;
    ceiling.ownSideMaxVolumeMm3 = 800;
    CHECK(tv::scoreCandidate(f, ceiling) == Approx(withoutRule));
    ceiling.ownSideMaxVolumeMm3 = 900;
    CHECK(tv::scoreCandidate(f, ceiling) == Approx(withRule));
    // A fragment buried in its own side (plain enclosure under ownSideMinEnclosure) keeps the plain reading.
    tv::EmbolismParams floor = on;
    floor.ownSideMinEnclosure = 0.5;
    CHECK(tv::scoreCandidate(f, floor) == Approx(withoutRule));
    // Not on a scan below CTPA-level contrast.
    tv::ContrastResult venous = c;
    venous.state = tv::ContrastState::Suboptimal;
    CHECK(tv::scoreCandidate(tv::computeFeatures(s.slab, s.hu, s.hu, s.masks, s.tree, venous, on), on) ==
          Approx(tv::scoreCandidate(tv::computeFeatures(s.slab, s.hu, s.hu, s.masks, s.tree, venous, off), off)));
}

TEST_CASE("a notch under the volume bound keeps the plain enclosure", "[embolism][unit]") {
    // The same clot over slices 28-29 only: a slab of 44 voxels, 148.5 mm3 (< 200 mm3).
    const Scene s = scene(28, 29);
    const tv::ContrastResult c = ctpa();
    const tv::EmbolismParams on;
    const tv::CandidateFeatures f = tv::computeFeatures(s.slab, s.hu, s.hu, s.masks, s.tree, c, on);
    REQUIRE(f.volumeMm3 == Approx(44 * 3.375));
    tv::EmbolismParams off = on;
    off.ownSideEnclosure = false;
    CHECK(tv::scoreCandidate(f, on) == Approx(tv::scoreCandidate(f, off)));
    CHECK(f.ownSideEnclosure > f.enclosure);
}
