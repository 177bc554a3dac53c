// Gaps whose far side is enhanced tissue outside the traced lumen (core/embolism/stump_occlusions.h,
// third search; EmbolismParams gapUntraced*): the vessel zone ends at the hilum, so the artery beyond a
// hilar occlusion may be no lumen at all (raised C3N-00247 round 1 clot 2; README, s24-raised-r1c2).
// Exact answers on binary scenes (1 mm grid, blood 450 HU, clot 60 HU, fat -100 HU) with the maps
// findStumpPlugs reads built here directly: a parent coded as a cut-off piece (ArteryCode
// MediastinalBranch, where the runs start) along i, a branch along +j from it at i = 50 filled by clot
// from the parent's wall to j = 36, and beyond it blood that is not lumen (untraced).
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <set>

#include "embolism/stump_occlusions.h"
#include "plug_scene.h"
#include "test_support.h"
#include "tube_phantom.h"

namespace {
constexpr int kNx = 100, kNy = 70, kNz = 40;
constexpr float kBlood = 450, kFat = -100, kClot = 60;
constexpr double kFloorHu = -40, kCeilHu = 200;  // the detector's band for 450 HU blood
constexpr std::uint8_t kPiece = static_cast<std::uint8_t>(tv::ArteryCode::MediastinalBranch);
constexpr double kClotRadius = 4.5;  // lobar calibre: the gap's band calibre is at least gapMinRadiusMm (4)
constexpr int kClotEnd = 36;         // the clot fills the branch from the parent's wall (j = 21) to here

enum class Tissue { Fat, Lumen, Clot, Untraced };

// The scene: the parent (radius 6 mm, axis j = 15, k = 20) coded as a cut-off piece, the clot, and
// `beyond(i, j, k)` for the rest (Fat where it gives nothing).
tvtest::PlugScene scene(const std::function<Tissue(int, int, int)>& beyond) {
    const tv::ImageGeometry g = tvtest::grid(kNx, kNy, kNz, 1.0, 1.0, 1.0);
    tvtest::PlugScene t = tvtest::emptyPlugScene(g, kFat);
    for (int k = 0; k < kNz; ++k)
        for (int j = 0; j < kNy; ++j)
            for (int i = 0; i < kNx; ++i) {
                Tissue v = beyond(i, j, k);
                if (j >= 15 && j <= kClotEnd && std::hypot(i - 50, k - 20) <= kClotRadius) v = Tissue::Clot;
                if (i >= 5 && i <= 95 && std::hypot(j - 15, k - 20) <= 6.0) v = Tissue::Lumen;
                t.s.at(i, j, k) = v == Tissue::Fat ? kFat : v == Tissue::Clot ? kClot : kBlood;
                if (v == Tissue::Lumen) {
                    t.tree.lumen.at(i, j, k) = 1;
                    t.tree.connected.at(i, j, k) = kPiece;
                }
            }
    tv::testing::finishTestTree(t.tree, kBlood, 255);
    return t;
}

// The branch beyond the clot: enhanced, not lumen, radius 3.5 mm up to j = 60 (it narrows past the clot).
Tissue branchBeyond(int i, int j, int k) {
    return j > kClotEnd && j <= 60 && std::hypot(i - 50, k - 20) <= 3.5 ? Tissue::Untraced : Tissue::Fat;
}

std::set<std::size_t> plugs(const tvtest::PlugScene& t, const tv::EmbolismParams& p = {}) {
    return tvtest::plugOffsets(t, kFloorHu, kCeilHu, p);
}
std::set<std::size_t> clotVoxels(const tvtest::PlugScene& t) { return tvtest::voxelsOfValue(t, kClot); }
}  // namespace

TEST_CASE("gap untraced: an occlusion whose artery beyond is enhanced but untraced is found from the piece", "[embolism][unit]") {
    const tvtest::PlugScene t = scene(branchBeyond);
    const auto found = plugs(t), truth = clotVoxels(t);
    CHECK(tvtest::countInside(found, truth) == found.size());  // nothing outside the clot
    // Cylinders of the gap's calibre along the face normals: all but 10 rim voxels where the clot meets
    // the parent's curved wall (1095 of 1105).
    CHECK(found.size() == 1095);
    CHECK(truth.size() == 1105);
    // Without the rule (the detector before): the runs end in tissue that is no lumen, nothing.
    tv::EmbolismParams off;
    off.gapUntracedFarSide = false;
    CHECK(plugs(t, off).empty());
}

TEST_CASE("gap untraced: an untraced vessel that enters the heart within 15 mm (a pulmonary vein) is no far side", "[embolism][unit]") {
    // The same scene with the left atrium 10 mm beyond the far mouth: no gap; with the heart further
    // than gapUntracedMinHeartDistanceMm the same vessel is a far side (the heart rule rejects it).
    tvtest::PlugScene t = scene(branchBeyond);
    const auto paintHeart = [&](int fromJ) {
        for (int k = 0; k < kNz; ++k)
            for (int j = 0; j < kNy; ++j)
                for (int i = 0; i < kNx; ++i) t.masks.heart.at(i, j, k) = j >= fromJ && std::hypot(i - 50, k - 20) <= 12.0 ? 1 : 0;
    };
    paintHeart(50);
    CHECK(plugs(t).empty());
    tv::EmbolismParams nearer;
    nearer.gapUntracedMinHeartDistanceMm = 5.0;
    CHECK(!plugs(t, nearer).empty());
}

TEST_CASE("gap untraced: an enhanced hilar mass or a vessel crossing the run is no far side", "[embolism][unit]") {
    // (a) A mass of enhanced tissue (16 mm half-width) beyond the clot: its section is wider than the gap.
    const tvtest::PlugScene mass = scene([](int i, int j, int k) {
        return j > kClotEnd && j <= 66 && std::abs(i - 50) <= 16 && std::abs(k - 20) <= 16 ? Tissue::Untraced : Tissue::Fat;
    });
    CHECK(plugs(mass).empty());
    // (b) A vessel of radius 3.5 mm along i across the run's direction (axis j = 40): its section across
    // the run is a strip, third-largest diameter 2.6 x its width (gapUntracedMaxChordRatio 2.5).
    const tvtest::PlugScene crossing = scene([](int i, int j, int k) {
        return i >= 5 && i <= 95 && std::hypot(j - 40, k - 20) <= 3.5 ? Tissue::Untraced : Tissue::Fat;
    });
    CHECK(plugs(crossing).empty());
    tv::EmbolismParams anyShape;
    anyShape.gapUntracedMaxChordRatio = 3.0;
    CHECK(!plugs(crossing, anyShape).empty());
}

TEST_CASE("gap untraced: a gap wider than a hilar lobar artery does not end in untraced tissue", "[embolism][unit]") {
    // The branch beyond the clot, the gap's calibre (about 4.75 mm here) above gapUntracedMaxRadiusMm:
    // no gap (a 7 mm run through the soft tissue beside the heart to a chamber-sized region scored
    // 0.91 on raised C3N-00247 without the limit).
    const tvtest::PlugScene t = scene(branchBeyond);
    // (The wide arteries' cut-off, wideOcclusion*, off: it takes such gaps from a wide artery's mouth to a
    // far side of lobar calibre; test_wide_occlusions.cpp.)
    tv::EmbolismParams narrow;
    narrow.gapUntracedMaxRadiusMm = 4.0;
    narrow.wideOcclusionUntracedMaxRadiusMm = 0;
    CHECK(plugs(t, narrow).empty());
}
