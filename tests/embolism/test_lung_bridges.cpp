// Lung bridges (core/embolism/lung_bridges.h): a wide artery beside the lung, outside the vessel zone
// (not in the lung hull, not in the mediastinal corridor), that leads from the trunk-connected tree
// into intrapulmonary lumen joins the tree; a wide vessel beside the lung that leads nowhere into the
// lung, and one the lung does not wrap, do not. Noise-free phantom on a working grid of 1.25 x 1.25 x 3 mm
// with the masks set by hand (as thorax_masks would for the raised C3N-00247 left lower lobe artery,
// tree_side_census / tree_gap_probe): exact answers.
#include <catch2/catch.hpp>

#include <cmath>

#include "embolism/lung_smoothing.h"
#include "embolism/vessel_tree.h"
#include "test_support.h"

namespace {
constexpr int kNx = 64, kNy = 72, kNz = 17;
constexpr double kBlood = 408, kLung = -866, kTissue = 40;
constexpr int kCorridorI = 20;   // i < 20: mediastinal corridor (soft tissue, the trunk's blood)
constexpr int kWideEndI = 33;    // wide vessels i 20..33 (17.5 mm beyond the corridor: inside its 20 mm hilum)
constexpr int kThinEndI = 60;    // the intrapulmonary artery i 34..60
constexpr int kAxisK = 8, kArteryJ = 24, kBlindJ = 52;
constexpr double kWideR = 8.0, kThinR = 3.0;  // mm: a 16 mm-wide lobar artery, a 6 mm segmental one

double distYz(int j, int k, int axisJ) { return std::hypot((j - axisJ) * 1.25, (k - kAxisK) * 3.0); }

struct Scene {
    tv::Image<float> hu;
    tv::ThoraxMasks m;
    tv::ContrastResult c;
};

// `wrapped`: aerated lung around the wide vessels (false: soft tissue, e.g. mediastinal fat or chest
// wall, up to 24 mm beyond their end, further than the wrapping test's reach of half-width +
// hilarLungMarginMm = 20 mm: no aerated lung in any in-plane direction).
// `thinJunction`: instead of the blind vessel, a vessel as wide (i 24..33, off the trunk zone) that feeds a lung
// vessel as the artery does (i 34..60) but meets the tree only through a thin branch of radius kJunctionR from
// the corridor's blood (i 0..23): a vein that touches a thin mediastinal branch (raised C3N-00247, s39-bridges).
constexpr double kJunctionR = 1.5;
constexpr int kVeinStartI = 24;
Scene scene(bool wrapped, bool thinJunction = false) {
    const tv::ImageGeometry g = tvtest::grid(kNx, kNy, kNz, 1.25, 1.25, 3.0);
    Scene s{tv::Image<float>(g, static_cast<float>(kLung)), {}, {}};
    for (int k = 0; k < kNz; ++k)
        for (int j = 0; j < kNy; ++j)
            for (int i = 0; i < kNx; ++i) {
                float& v = s.hu.at(i, j, k);
                if (i < kCorridorI) v = static_cast<float>(kTissue);
                if (!wrapped && i <= kWideEndI + 19) v = static_cast<float>(kTissue);
                const bool artery = (i <= kWideEndI && distYz(j, k, kArteryJ) < kWideR) || (i <= kThinEndI && distYz(j, k, kArteryJ) < kThinR);
                // The blind vessel: as wide, from the same blood pool (joined to it in the corridor at i 4..8).
                const bool blind = !thinJunction && ((i <= kWideEndI && distYz(j, k, kBlindJ) < kWideR) ||
                                                     (i >= 4 && i <= 8 && j >= kArteryJ && j <= kBlindJ && std::abs(k - kAxisK) <= 1));
                const bool vein = thinJunction && ((i >= kVeinStartI && i <= kWideEndI && distYz(j, k, kBlindJ) < kWideR) ||
                                                   (i <= kThinEndI && distYz(j, k, kBlindJ) < kThinR && i > kWideEndI) ||
                                                   (i < kVeinStartI && distYz(j, k, kBlindJ) < kJunctionR));
                if (artery || blind || vein) v = static_cast<float>(kBlood);
            }
    s.m.lungs = tv::Mask(g, 0);
    s.m.lungHull = tv::Mask(g, 0);
    s.m.nearLung = tv::Mask(g, 0);
    s.m.mediastinum = tv::Mask(g, 0);
    for (int k = 0; k < kNz; ++k)
        for (int j = 0; j < kNy; ++j)
            for (int i = 0; i < kNx; ++i) {
                const std::size_t n = s.hu.offset(i, j, k);
                s.m.lungs[n] = s.hu[n] < -400 ? 1 : 0;
                s.m.mediastinum[n] = i < kCorridorI ? 1 : 0;
                // The 6 mm-closed hull holds the thin artery, not the 16 mm-wide vessels.
                s.m.lungHull[n] = i > kWideEndI ? 1 : 0;
                s.m.nearLung[n] = s.m.lungHull[n] && !s.m.lungs[n] ? 1 : 0;
            }
    s.m.heart = tv::Mask(g, 0);
    s.m.denseBone = tv::Mask(g, 0);
    s.m.midlineX = 0;  // the wide vessels lie 25-41 mm lateral (hilarMinLateralMm 25)
    s.c.state = tv::ContrastState::Adequate;
    s.c.paEnhancementHu = kBlood;
    s.c.trunk = tv::Mask(g, 0);
    for (std::size_t n = 0; n < s.c.trunk.voxelCount(); ++n)
        s.c.trunk[n] = s.hu[n] >= kBlood && static_cast<int>(n % kNx) < kCorridorI ? 1 : 0;
    return s;
}

// Axis voxels i0..i1 at (j, kAxisK) in the arterial tree.
int axisInTree(const tv::VesselTree& t, int i0, int i1, int j) {
    int n = 0;
    for (int i = i0; i <= i1; ++i) n += t.connected.at(i, j, kAxisK) != 0;
    return n;
}
}  // namespace

TEST_CASE("lung bridges: a wide artery beside the lung joins the tree with the lung artery it feeds", "[embolism][unit]") {
    const Scene s = scene(true);
    tv::EmbolismParams off;
    off.lungBridges = false;
    REQUIRE(tv::lumenThresholdFor(kBlood, off) < kBlood);
    const tv::VesselTree before = tv::traceVesselLumen(s.hu, s.m, s.c, off, tv::neverCancel());
    // Without the rule the zone stops 3 mm beyond the trunk region (i 20-22), the rest is cut off.
    CHECK(axisInTree(before, 23, kWideEndI, kArteryJ) == 0);
    CHECK(axisInTree(before, kWideEndI + 1, kThinEndI, kArteryJ) == 0);
    CHECK(before.lumen.at(45, kArteryJ, kAxisK) == 1);  // lumen, not tree
    tv::EmbolismParams on;
    REQUIRE(on.lungBridges);  // on by default since stop 44 (embolism_params.h)
    const tv::VesselTree after = tv::traceVesselLumen(s.hu, s.m, s.c, on, tv::neverCancel());
    CHECK(axisInTree(after, 23, kWideEndI, kArteryJ) == kWideEndI - 23 + 1);
    CHECK(axisInTree(after, kWideEndI + 1, kThinEndI, kArteryJ) == kThinEndI - kWideEndI);
    // The wide vessel that leads into no lung lumen stays out of the tree (trunk zone excepted).
    CHECK(axisInTree(after, 23, kWideEndI, kBlindJ) == 0);
}

TEST_CASE("lung bridges: no bridge where the lung does not wrap the vessel", "[embolism][unit]") {
    const Scene s = scene(false);
    tv::EmbolismParams on;
    on.lungBridges = true;
    const tv::VesselTree t = tv::traceVesselLumen(s.hu, s.m, s.c, on, tv::neverCancel());
    CHECK(axisInTree(t, 23, kWideEndI, kArteryJ) == 0);
    CHECK(axisInTree(t, kWideEndI + 1, kThinEndI, kArteryJ) == 0);
}

TEST_CASE("lung bridges: a wide vessel that meets the tree only through a thin branch is no bridge", "[embolism][unit]") {
    const Scene s = scene(true, true);
    tv::EmbolismParams p;  // junction of at least pi x 6^2 mm2 (lungBridgeJunctionMinAreaMm2)
    REQUIRE(p.lungBridgeJunctionMinAreaMm2 == 113.0);
    REQUIRE(p.lungBridges);  // on by default since stop 44
    const tv::VesselTree t = tv::traceVesselLumen(s.hu, s.m, s.c, p, tv::neverCancel());
    // The artery (junction over its own cross-section) joins as before.
    CHECK(axisInTree(t, 23, kWideEndI, kArteryJ) == kWideEndI - 23 + 1);
    CHECK(axisInTree(t, kWideEndI + 1, kThinEndI, kArteryJ) == kThinEndI - kWideEndI);
    // The thin branch is tree within the trunk zone (i 0..21: 3 mm beyond the corridor's blood), the vessel it
    // touches and its lung vessel are not.
    CHECK(axisInTree(t, 0, 21, kBlindJ) == 22);
    CHECK(axisInTree(t, 23, kWideEndI, kBlindJ) == 0);
    CHECK(axisInTree(t, kWideEndI + 1, kThinEndI, kBlindJ) == 0);
    REQUIRE(t.bridges.size() == 2);
    int joined = 0;
    for (const tv::LungBridge& b : t.bridges) {
        joined += b.joined;
        // Junction (i faces of 1.25 x 3 mm = 3.75 mm2 between i 21, the end of the trunk zone, and i 22): the
        // artery's whole section, 53 voxels (13 + 2 x 11 + 2 x 9 within 8 mm); the thin branch's 3 voxels.
        if (b.joined) CHECK(b.junctionMm2 == Approx(53 * 3.75));
        else CHECK(b.junctionMm2 == Approx(3 * 3.75));
    }
    CHECK(joined == 1);
    // Without the junction test (0 mm2: the rule of s37-lefttree) the vessel joins through the thin branch.
    tv::EmbolismParams any = p;
    any.lungBridgeJunctionMinAreaMm2 = 0;
    const tv::VesselTree u = tv::traceVesselLumen(s.hu, s.m, s.c, any, tv::neverCancel());
    CHECK(axisInTree(u, 23, kWideEndI, kBlindJ) == kWideEndI - 23 + 1);
    CHECK(axisInTree(u, kWideEndI + 1, kThinEndI, kBlindJ) == kThinEndI - kWideEndI);
}
