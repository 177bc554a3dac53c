// Complete cut-offs of wide arteries (core/embolism/wide_occlusion_params.h; stump_occlusions.h gap search,
// untraced far side): a main or lobar artery closed by clot over its whole section leaves the artery
// beyond it enhanced but outside the traced lumen, and the gap's band calibre is wider than
// gapUntracedMaxRadiusMm (pa-crop round 1 clot 2, section-filled 8.5 mm left-PA occlusion; README,
// s26-cutoff). Exact answers on binary scenes (1 mm grid, blood 450 HU, clot 60 HU, fat -100 HU) with the
// maps findStumpPlugs reads built here directly: a parent along i coded as a cut-off piece (ArteryCode
// MediastinalBranch, where the runs start; central beyond i < 40, the trunk side), a wide branch along +j
// from it at i = 50 filled by clot from the parent's wall over 20 mm, and beyond it enhanced tissue that is
// no lumen (untraced).
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <set>

#include "embolism/candidate_scoring.h"
#include "embolism/stump_occlusions.h"
#include "plug_scene.h"
#include "test_support.h"
#include "tube_phantom.h"

namespace {
constexpr int kNx = 100, kNy = 90, kNz = 52, kKc = 26, kParentJ = 15;
constexpr float kBlood = 450, kFat = -100, kClot = 60;
constexpr double kFloorHu = -40, kCeilHu = 200;  // the detector's band for 450 HU blood
constexpr std::uint8_t kPiece = static_cast<std::uint8_t>(tv::ArteryCode::MediastinalBranch);
constexpr std::uint8_t kCentral = static_cast<std::uint8_t>(tv::ArteryCode::Central);

struct Wide {
    double parentR = 10;    // the parent's lumen radius (its axis j = kParentJ, k = kKc)
    double clotR = 8;       // the branch's clot radius (about i = 50, k = kKc)
    int clotLength = 20;    // from the parent's wall along +j
    double beyondR = 6;     // the untraced artery beyond the clot (0: none)
    int beyondEnd = 80;     // up to this j (the grid ends at kNy - 1)
    bool centralCore = false;  // the parent central beyond i = 40 too, but for its outer 2 mm (a cut-off piece's shell)
    float clotHu = kClot;      // the plug's tissue (a fat/pericardium mix beside the heart is about 15 HU)
};

// The scene: the parent (lumen; central for i < 40, a cut-off piece from i = 40), the clot from the
// parent's wall over clotLength, and the untraced enhanced artery beyond.
tvtest::PlugScene scene(const Wide& w) {
    const tv::ImageGeometry g = tvtest::grid(kNx, kNy, kNz, 1.0, 1.0, 1.0);
    tvtest::PlugScene t = tvtest::emptyPlugScene(g, kFat);
    const int wall = kParentJ + static_cast<int>(std::floor(w.parentR));
    for (int k = 0; k < kNz; ++k)
        for (int j = 0; j < kNy; ++j)
            for (int i = 0; i < kNx; ++i) {
                const double rho = std::hypot(i - 50, k - kKc);
                float v = kFat;
                if (j > wall + w.clotLength && j <= w.beyondEnd && rho <= w.beyondR) v = kBlood;  // untraced: not lumen
                if (j >= kParentJ && j <= wall + w.clotLength && rho <= w.clotR) v = w.clotHu;
                const bool lumen = i >= 5 && i <= 95 && std::hypot(j - kParentJ, k - kKc) <= w.parentR;
                if (lumen) {
                    v = kBlood;
                    t.tree.lumen.at(i, j, k) = 1;
                    const bool core = w.centralCore && std::hypot(j - kParentJ, k - kKc) <= w.parentR - 2;
                    t.tree.connected.at(i, j, k) = i < 40 || core ? kCentral : kPiece;
                }
                t.s.at(i, j, k) = v;
            }
    tv::testing::finishTestTree(t.tree, kBlood, 255);
    return t;
}

std::set<std::size_t> plugs(const tvtest::PlugScene& t, const tv::EmbolismParams& p = {}) { return tvtest::plugOffsets(t, kFloorHu, kCeilHu, p); }
std::set<std::size_t> clotVoxels(const tvtest::PlugScene& t) { return tvtest::voxelsOfValue(t, kClot); }
tv::EmbolismParams ruleOff() {
    tv::EmbolismParams p;
    p.wideOcclusionUntracedMaxRadiusMm = 0;
    return p;
}
// The heart mask on both sides of the gap's axis (i = 50), from `awayMm` on, along j `jFrom`-`jTo`.
void heartBeside(tvtest::PlugScene& t, int jFrom, int jTo, int awayMm) {
    for (int k = 0; k < kNz; ++k)
        for (int j = jFrom; j <= jTo; ++j)
            for (int i = 0; i < kNx; ++i) t.masks.heart.at(i, j, k) = std::abs(i - 50) >= awayMm ? 1 : 0;
}

}  // namespace

TEST_CASE("wide occlusions: an 8 mm branch closed over its section, its artery beyond enhanced but untraced, is found", "[embolism][unit]") {
    const tvtest::PlugScene t = scene(Wide{});
    const auto found = plugs(t), truth = clotVoxels(t);
    CHECK(tvtest::countInside(found, truth) == found.size());  // nothing outside the clot
    CHECK(found.size() >= 0.9 * truth.size());     // nearly all of it
    // Without the rule (the detector before): the gap's calibre (about 8 mm) is over gapUntracedMaxRadiusMm.
    CHECK(plugs(t, ruleOff()).empty());
}

TEST_CASE("wide occlusions: the plug is one candidate above the operating point, a complete occlusion", "[embolism][unit]") {
    tvtest::PlugScene t = scene(Wide{});
    const tv::EmbolismParams p;
    const auto [contrast, found] = tvtest::candidatesInMediastinum(t, kBlood, p);
    REQUIRE(found.candidates.size() == 1);
    const tv::RawCandidate& c = found.candidates[0];
    CHECK(c.fromStump);
    const tv::CandidateFeatures f = tv::computeFeatures(c, t.s, t.s, t.masks, t.tree, contrast, p);
    CHECK(f.complete);
    CHECK(tv::scoreCandidate(f, p) >= p.operatingPoint);
    // The rule off: no candidate at all.
    tvtest::PlugScene off = scene(Wide{});
    CHECK(tvtest::candidatesInMediastinum(off, kBlood, ruleOff()).found.candidates.empty());
}

TEST_CASE("wide occlusions: a far side wider than a lobar artery (aorta, chamber) is no artery beyond", "[embolism][unit]") {
    // An 11 mm branch plug whose far side is 10 mm in radius: no wider than the gap (the narrow gaps'
    // test passes) but wider than wideOcclusionMaxFarRadiusMm.
    const tvtest::PlugScene t = scene(Wide{13, 11, 20, 10, 80});
    CHECK(plugs(t).empty());
    // The far-radius test, not another, rejects it.
    tv::EmbolismParams anyFar;
    anyFar.wideOcclusionMaxFarRadiusMm = 100;
    CHECK(!plugs(t, anyFar).empty());
}

TEST_CASE("wide occlusions: a thin vessel's run through a wide soft-tissue tube is no wide cut-off", "[embolism][unit]") {
    // The parent a 3 mm vessel (hilar soft tissue beside a thin vessel, gapUntracedMaxRadiusMm's case):
    // the near mouth's calibre is under wideOcclusionMinMouthRadiusMm.
    const tvtest::PlugScene t = scene(Wide{3, 8, 20, 6, 80});
    CHECK(plugs(t).empty());
    tv::EmbolismParams anyMouth;
    anyMouth.wideOcclusionMinMouthRadiusMm = 0;
    CHECK(!plugs(t, anyMouth).empty());
}

TEST_CASE("wide occlusions: a plug that runs to the volume's border (a crop) has no far side", "[embolism][unit]") {
    // The clot continues to the grid's last row: the runs leave the volume, no gap.
    const tvtest::PlugScene t = scene(Wide{10, 8, kNy, 0, 0});
    CHECK(plugs(t).empty());
}

TEST_CASE("wide occlusions: a wide gap beside the heart (pericardium, myocardium) is no cut-off", "[embolism][unit]") {
    // The heart 12 mm from the gap's axis on both sides of the clot (|i - 50| >= 12) along its first
    // 13 mm (j 26-38): every run through the clot passes within wideOcclusionMinHeartDistanceMm (20)
    // of it; the far mouth keeps the narrow gaps' 15 mm (about 16 mm).
    tvtest::PlugScene t = scene(Wide{});
    heartBeside(t, 26, 38, 12);
    CHECK(plugs(t).empty());
    // The heart-distance test, not another, rejects it.
    tv::EmbolismParams nearer;
    nearer.wideOcclusionMinHeartDistanceMm = 10;
    CHECK(!plugs(t, nearer).empty());
}

TEST_CASE("wide occlusions: from a main artery's central lumen, a wide gap may pass nearer the heart", "[embolism][unit]") {
    // The heart as in the test above (12 mm from the gap's axis along its first 13 mm), but the parent is
    // central-level lumen up to its outer 2 mm (the shell where the runs start is coded as a cut-off
    // piece, as the central code covers a main artery's ball shrunk by a lobar radius): the near mouth,
    // half a radius behind the face, lies in the central code, so the run keeps only
    // wideOcclusionCentralMouthMinHeartDistanceMm (8) from the heart (pa-crop seed 2000, section fill,
    // round 0 clot 6: a 25 mm right-PA occlusion whose runs pass 10-14 mm from the heart mask).
    Wide w;
    w.centralCore = true;
    tvtest::PlugScene t = scene(w);
    heartBeside(t, 26, 38, 12);
    const auto found = plugs(t), truth = clotVoxels(t);
    CHECK(!found.empty());
    CHECK(tvtest::countInside(found, truth) == found.size());  // nothing outside the clot
    // The rule off: the run keeps wideOcclusionMinHeartDistanceMm (20), as from a cut-off piece.
    tv::EmbolismParams off;
    off.wideOcclusionCentralMouthMinHeartDistanceMm = 0;
    CHECK(plugs(t, off).empty());
    // Nearer than that (the heart 7 mm from the axis along j 26-34, against the clot's rim): rejected.
    tvtest::PlugScene nearHeart = scene(w);
    heartBeside(nearHeart, 26, 34, 7);
    CHECK(plugs(nearHeart).empty());
    tv::EmbolismParams nearer;
    nearer.wideOcclusionCentralMouthMinHeartDistanceMm = 4;
    CHECK(!plugs(nearHeart, nearer).empty());  // the central-mouth distance, not another test, rejects it
}

TEST_CASE("wide occlusions: a clot-dense run from a cut-off piece may pass 15-20 mm from the heart, soft tissue may not", "[embolism][unit]") {
    // The heart 17 mm from the gap's axis on both sides (|i - 50| >= 17) along j 26-38: the runs near the
    // axis keep 15-20 mm from it (pa-crop seed 6000 round 0 clot 2, the left lower lobar occlusion beside
    // the left atrium: a run 18 mm from the heart mask, median 74.5 HU). A 60 HU plug (median at least
    // wideOcclusionClotRunMinHu, 35) keeps only wideOcclusionClotRunMinHeartDistanceMm (15) and is found;
    // the same tube of 15 HU tissue (the raised C3N-00247 background run beside the heart: 6.9 HU) keeps
    // wideOcclusionMinHeartDistanceMm (20) and is not.
    const auto withHeart = [](float clotHu) {
        Wide w;
        w.clotHu = clotHu;
        tvtest::PlugScene t = scene(w);
        heartBeside(t, 26, 38, 17);
        return t;
    };
    const tvtest::PlugScene clot = withHeart(kClot);
    const auto found = plugs(clot), truth = clotVoxels(clot);
    CHECK(!found.empty());
    CHECK(tvtest::countInside(found, truth) == found.size());  // nothing outside the clot
    // The rule off: every run from the cut-off piece keeps 20 mm, none does.
    tv::EmbolismParams off;
    off.wideOcclusionClotRunMinHu = 0;
    CHECK(plugs(clot, off).empty());
    // Soft tissue at 15 HU in the same place: not found; without the heart it would be (the HU decides).
    CHECK(plugs(withHeart(15)).empty());
    Wide soft;
    soft.clotHu = 15;
    CHECK(!plugs(scene(soft)).empty());
    // Nearer than 15 mm (the heart 12 mm from the axis, the test above): a clot-dense run is rejected too.
    tvtest::PlugScene nearHeart = scene(Wide{});
    heartBeside(nearHeart, 26, 38, 12);
    CHECK(plugs(nearHeart).empty());
}

TEST_CASE("wide occlusions: a thin artery's section-filled clot spilling into a wide band is taken at the artery's lumen calibre", "[embolism][unit]") {
    // The parent a 3.5 mm artery (near mouth under wideOcclusionMinMouthRadiusMm), the clot 7 mm in radius
    // (a section fill's spill into the partial-volume band: the band calibre is twice the artery's), the
    // enhanced untraced artery beyond 4.5 mm (pa-crop seed 4000 fill round 0 clot 2: band calibre 6.5-8 mm,
    // near mouth 3.35-3.67 mm, far side 4.0-4.5 mm). The artery's calibre on the enhanced lumen, the wider
    // of the near mouth's and the far side's, is 4.5 mm: a narrow untraced gap, found.
    const tvtest::PlugScene t = scene(Wide{3.5, 7, 16, 4.5, 80});
    const auto found = plugs(t), truth = clotVoxels(t);
    CHECK(!found.empty());
    CHECK(tvtest::countInside(found, truth) == found.size());  // nothing outside the clot
    // The rule off: a wide run from a thin mouth, rejected (the detector before).
    tv::EmbolismParams off;
    off.wideOcclusionThinMouthLumenCalibre = false;
    CHECK(plugs(t, off).empty());
    // The artery beyond thinner than gapMinRadiusMm (3 mm; the near mouth 3.5 mm): no lobar artery's
    // occlusion, not found.
    CHECK(plugs(scene(Wide{3.5, 7, 16, 3, 80})).empty());
    // Beyond it wider than gapUntracedMaxRadiusMm (6 mm, the test above with a 3 mm parent): the far side
    // is no thin artery's continuation, not found.
    CHECK(plugs(scene(Wide{3.5, 7, 16, 6, 80})).empty());
}
