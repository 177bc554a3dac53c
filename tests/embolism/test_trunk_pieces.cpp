// Trunk pieces (EmbolismParams::zoneFromTrunkPieces; contrast_check.h ContrastResult::trunkPieceVoxels, vessel_tree.cpp):
// a clot that splits the contrast check's enhanced component leaves the artery beyond it a component of its own
// that still continues into the lung, and the vessel zone holds 3 mm around it as around the trunk region.
// Noise-free phantoms with exact answers: the chest-like tube phantom for the contrast check, a hand-masked
// working grid (as test_lung_bridges.cpp) for the zone.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "embolism/contrast_check.h"
#include "embolism/thorax_masks.h"
#include "embolism/vessel_tree.h"
#include "embolism/volume_ops.h"
#include "embolism/working_grid.h"
#include "test_support.h"
#include "tube_phantom.h"

using tv::testing::arteryK;
using tv::testing::tubePhantom;

namespace {
// The contrast check on a CT, as the detector runs it (embolism_detector.cpp up to checkContrast).
tv::ContrastResult contrastOf(const tv::CtVolume& ct, const tv::EmbolismParams& p) {
    tv::WorkingGrid wg = tv::makeWorkingGrid(ct, p.workingSpacingMm);
    tv::Image<float> sm = wg.hu;
    tv::gaussianSmooth(sm, p.smoothingSigmaMm);
    const tv::ThoraxMasks m = tv::computeThoraxMasks(sm, wg.hu, tv::ThoraxParams{}, tv::neverCancel());
    return tv::checkContrast(sm, wg.hu, m, p, tv::neverCancel());
}

// A complete plug (60 HU, thrombus) across the left artery over columns i0..i1 (inside the left lung box).
void plug(tv::CtVolume& ct, int i0, int i1) {
    for (int k = 0; k < ct.hu.nz(); ++k)
        for (int j = 0; j < ct.hu.ny(); ++j)
            for (int i = i0; i <= i1; ++i)
                if (std::hypot(j - 40.0, k - arteryK(i)) < 6.0) ct.hu.at(i, j, k) = 60;
}

tv::CtVolume plugged(int i0, int i1) {
    tv::CtVolume ct = tubePhantom(450);
    plug(ct, i0, i1);
    return ct;
}
}  // namespace

TEST_CASE("trunk pieces: the artery beyond a plug that splits it is a piece, the trunk and the other artery are not", "[embolism][unit]") {
    const tv::EmbolismParams on;
    REQUIRE(on.zoneFromTrunkPieces);  // on by default since stop 39 (embolism_params.h)
    // Clean: one enhanced component (trunk and both arteries), no piece.
    const tv::ContrastResult clean = contrastOf(tubePhantom(450), on);
    REQUIRE(clean.state == tv::ContrastState::Adequate);
    CHECK(clean.trunkPieceCount == 0);
    // Plugged at i 40..43 (4 mm of the left artery, 1 mm grid): the artery i 15..39 is cut from the trunk.
    const tv::ContrastResult cut = contrastOf(plugged(40, 43), on);
    REQUIRE(cut.state == tv::ContrastState::Adequate);
    CHECK(cut.trunkPieceCount == 1);
    const auto piece = [&](int i, int j, int k) {
        return std::binary_search(cut.trunkPieceVoxels.begin(), cut.trunkPieceVoxels.end(), cut.trunk.offset(i, j, k));
    };
    const int k30 = static_cast<int>(std::lround(arteryK(30)));
    CHECK(piece(30, 40, k30));   // beyond the plug
    CHECK(cut.trunk.at(30, 40, k30) == 0);
    CHECK_FALSE(piece(60, 40, 30));    // the trunk
    CHECK(cut.trunk.at(60, 40, 30) == 1);
    const int k90 = static_cast<int>(std::lround(arteryK(90)));
    CHECK_FALSE(piece(90, 40, k90));   // the right artery, still the trunk's
    CHECK(cut.trunk.at(90, 40, k90) == 1);
    CHECK_FALSE(piece(41, 40, static_cast<int>(std::lround(arteryK(41)))));  // the plug
    for (const std::size_t n : cut.trunkPieceVoxels) CHECK(cut.trunk[n] == 0);
    // Off: no piece map.
    tv::EmbolismParams offParams;
    offParams.zoneFromTrunkPieces = false;
    const tv::ContrastResult off = contrastOf(plugged(40, 43), offParams);
    CHECK(off.trunkPieceCount == 0);
    CHECK(off.trunkPieceVoxels.empty());
}

TEST_CASE("trunk pieces: a piece under trunkPieceMinMm3 is no piece", "[embolism][unit]") {
    // Two plugs in the left artery (i 32..34 and 42..44): the artery between them (i 35..41) and the artery beyond
    // the second plug (i 15..31) are components of their own, 310 and 697 enhanced working voxels (1 mm grid,
    // measured), both under the trunk's own 1,000 mm3: no piece by default, the far one with a 500 mm3 floor, both
    // with 100 mm3.
    tv::CtVolume ct = tubePhantom(450);
    plug(ct, 32, 34);
    plug(ct, 42, 44);
    const auto isPiece = [](const tv::ContrastResult& c, int i) {
        const std::size_t n = c.trunk.offset(i, 40, static_cast<int>(std::lround(arteryK(i))));
        return std::binary_search(c.trunkPieceVoxels.begin(), c.trunkPieceVoxels.end(), n);
    };
    REQUIRE(tv::EmbolismParams{}.trunkPieceMinMm3 == 1000.0);
    const auto withFloor = [&](double mm3) {
        tv::EmbolismParams p;
        p.trunkPieceMinMm3 = mm3;
        return contrastOf(ct, p);
    };
    const tv::ContrastResult floor1000 = withFloor(1000.0);
    REQUIRE(floor1000.state == tv::ContrastState::Adequate);
    CHECK(floor1000.trunkPieceCount == 0);
    const tv::ContrastResult floor500 = withFloor(500.0);
    CHECK(floor500.trunkPieceCount == 1);
    CHECK(isPiece(floor500, 24));
    CHECK_FALSE(isPiece(floor500, 38));
    const tv::ContrastResult floor100 = withFloor(100.0);
    CHECK(floor100.trunkPieceCount == 2);
    CHECK(isPiece(floor100, 24));
    CHECK(isPiece(floor100, 38));
    // The trunk is the same component at every floor: the floor applies to pieces only.
    CHECK(floor100.paEnhancementHu == floor1000.paEnhancementHu);
    CHECK(floor100.trunkSeed == floor1000.trunkSeed);
    // The vessel zone (vessel_tree.h trunkVesselZone) holds every piece voxel and 3 mm around it.
    const tv::Mask zone = tv::trunkVesselZone(floor100);
    for (const std::size_t n : floor100.trunkPieceVoxels) REQUIRE(zone[n] == 1);
    int jEdge = 40;  // the piece's last voxel along +j on the axis slice at i 38
    const int k38 = static_cast<int>(std::lround(arteryK(38)));
    while (std::binary_search(floor100.trunkPieceVoxels.begin(), floor100.trunkPieceVoxels.end(), floor100.trunk.offset(38, jEdge + 1, k38))) ++jEdge;
    CHECK(zone.at(38, jEdge + 3, k38) == 1);  // 3 mm beyond the piece
    CHECK(zone.at(38, jEdge + 4, k38) == 0);  // 4 mm beyond it (no trunk voxel within 3 mm there either)
}

namespace {
// Working grid 1.25 x 1.25 x 3 mm: mediastinal corridor i < 20 (the trunk's blood), an artery along i at
// (j 24, k 8), radius 4 mm, cut by a clot at i 22..24; beyond it the artery runs outside the lung hull (i 25..33,
// the 6 mm closing cannot fill a wide artery) and then inside it (i > 33), as the raised C3N-00247 right
// interlobar artery below a clot (seed 58000 round 1) and pa-crop's left lower lobe artery beyond a left PA clot.
constexpr int kNx = 48, kNy = 48, kNz = 17, kAxisJ = 24, kAxisK = 8, kCorridorI = 20, kClotI0 = 22, kClotI1 = 24, kHullI = 34;
constexpr double kBlood = 408, kLung = -866, kTissue = 40, kClot = 60, kR = 4.0;

struct Scene {
    tv::Image<float> hu;
    tv::ThoraxMasks m;
    tv::ContrastResult c;
};

Scene scene() {
    const tv::ImageGeometry g = tvtest::grid(kNx, kNy, kNz, 1.25, 1.25, 3.0);
    Scene s{tv::Image<float>(g, static_cast<float>(kLung)), {}, {}};
    s.m.lungs = tv::Mask(g, 0);
    s.m.lungHull = tv::Mask(g, 0);
    s.m.nearLung = tv::Mask(g, 0);
    s.m.mediastinum = tv::Mask(g, 0);
    s.m.heart = tv::Mask(g, 0);
    s.m.denseBone = tv::Mask(g, 0);
    s.c.state = tv::ContrastState::Adequate;
    s.c.paEnhancementHu = kBlood;
    s.c.trunk = tv::Mask(g, 0);
    for (int k = 0; k < kNz; ++k)
        for (int j = 0; j < kNy; ++j)
            for (int i = 0; i < kNx; ++i) {
                float& v = s.hu.at(i, j, k);
                const bool inArtery = std::hypot((j - kAxisJ) * 1.25, (k - kAxisK) * 3.0) < kR;
                if (i < kHullI) v = static_cast<float>(kTissue);  // mediastinal and hilar soft tissue
                if (inArtery) v = static_cast<float>(i >= kClotI0 && i <= kClotI1 ? kClot : kBlood);
                const std::size_t n = s.hu.offset(i, j, k);
                s.m.lungs[n] = v < -400 ? 1 : 0;
                s.m.mediastinum[n] = i < kCorridorI ? 1 : 0;
                s.m.lungHull[n] = i >= kHullI ? 1 : 0;
                s.m.nearLung[n] = s.m.lungHull[n] && !s.m.lungs[n] ? 1 : 0;
                s.c.trunk[n] = inArtery && i < kCorridorI ? 1 : 0;
                if (inArtery && i > kClotI1) s.c.trunkPieceVoxels.push_back(n);  // as checkContrast lists the part beyond
            }
    return s;
}

int axisLumen(const tv::VesselTree& t, int i0, int i1) {
    int n = 0;
    for (int i = i0; i <= i1; ++i) n += t.lumen.at(i, kAxisJ, kAxisK) != 0;
    return n;
}
}  // namespace

TEST_CASE("trunk pieces: the vessel zone holds the artery beyond the clot only with the pieces", "[embolism][unit]") {
    Scene s = scene();
    const tv::EmbolismParams p;
    // With the pieces: the artery beyond the clot outside the lung hull (i 25..33) is lumen.
    const tv::VesselTree with = tv::traceVesselLumen(s.hu, s.m, s.c, p, tv::neverCancel());
    CHECK(axisLumen(with, kClotI1 + 1, kHullI - 1) == kHullI - 1 - kClotI1);
    CHECK(axisLumen(with, kClotI0, kClotI1) == 0);  // the clot is no lumen
    // Without (the detector frees or never fills the map when EmbolismParams::zoneFromTrunkPieces is off): the zone
    // ends 3 mm beyond the trunk region (i 20-21) and the artery is lumen again only inside the hull.
    s.c.trunkPieceVoxels.clear();
    const tv::VesselTree without = tv::traceVesselLumen(s.hu, s.m, s.c, p, tv::neverCancel());
    CHECK(axisLumen(without, kClotI1 + 1, kHullI - 1) == 0);
    CHECK(axisLumen(without, kHullI, kNx - 1) == kNx - kHullI);
    CHECK(axisLumen(with, kHullI, kNx - 1) == kNx - kHullI);
}
