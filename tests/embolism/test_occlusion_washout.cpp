// Contrast beyond a complete occlusion (evaluation/occlusion_washout.h, washout_matching.h): with
// --beyond-occlusion-contrast washout the lumen cut off by a closing occlusive clot becomes unopacified
// blood; the other branch and the trunk keep their contrast; a finding on the washed-out artery matches
// the clot. Exact answers on the Y-shaped tube tree of test_beyond_occlusion.cpp: a trunk (radius 5 mm)
// along j dividing into branch A (radius 4 mm, along -i) and branch B (along +i), blood 450 HU in 40 HU
// tissue, no noise; an occlusive section-filled clot at A_up (i = 24..40 nominal).
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "embolism/embolism_params.h"
#include "embolism/lung_smoothing.h"
#include "evaluation/beyond_occlusion.h"
#include "evaluation/clot_occlusion.h"
#include "evaluation/occlusion_washout.h"
#include "evaluation/round_placement.h"
#include "evaluation/washout_matching.h"
#include "test_support.h"
#include "y_tree_scene.h"

namespace {
using namespace tvtest::ytree;

// The round: an occlusive clot (section fill) at A_up, a central clot at B; the scan the detector
// would see in the given mode (as runInsertionExperiment builds it).
struct Round {
    tv::CtVolume background, placedCt, ct;
    tv::RoundPlacement placed;
    tv::WashoutResult washout;
};
Round round(tv::BeyondContrast mode, const tv::CtVolume& background = yTree(), int firstShape = 2) {
    const tv::EmbolismParams p;
    Round r;
    r.background = background;
    const tv::SiteTree tree = siteTree(r.background, p);
    tv::RoundPlacementConfig cfg;
    cfg.levels = {tv::VesselLevel::Lobar};
    cfg.clotsPerLevel = 2;
    cfg.shapeOffset = firstShape;  // 2: the first clot (A_up) occlusive
    cfg.occlusiveFill = tv::OcclusiveFill::Section;
    r.placed = tv::placeRoundClots(r.background, {site(32, "right"), site(74, "left")}, tree, cfg, p);
    r.placedCt = r.placed.ct;
    r.ct = r.placed.ct;
    r.washout.region = tv::LabelMap(r.ct.geometry(), 0);  // option off: nothing washed out
    if (mode == tv::BeyondContrast::Washout) r.washout = tv::washOutBeyondOcclusions(r.ct, r.background, r.placed, tree, r.placed.truth, p);
    return r;
}

// Branch A's lumen beyond the clot whose 3x3x3 box is all blood (i 3..18, within 2 mm of the axis).
bool deepInBranchABeyond(int i, int j, int k) { return i >= 3 && i <= 18 && std::hypot(j - kSplitJ, k - kAxisK) <= 2.0; }
}  // namespace

TEST_CASE("occlusion washout: the branch beyond a closing clot becomes unenhanced blood, the rest keeps its contrast", "[embolism][washout]") {
    const Round r = round(tv::BeyondContrast::Washout);
    REQUIRE(r.placed.clots.size() == 2);
    REQUIRE(r.placed.clots[0].spec.shape == tv::ClotShape::Occlusive);
    REQUIRE(r.placed.clots[0].cutOffTreeVoxels > 500);
    const auto& g = r.ct.geometry();
    long deep = 0, unchanged = 0;
    for (int k = 0; k < g.size[2]; ++k)
        for (int j = 0; j < g.size[1]; ++j)
            for (int i = 0; i < g.size[0]; ++i) {
                const std::int16_t v = r.ct.hu.at(i, j, k), v0 = r.placedCt.hu.at(i, j, k);
                if (deepInBranchABeyond(i, j, k)) {  // 450 + 1 x (40 - 450): exactly unopacified blood
                    ++deep;
                    CHECK(v == 40);
                    CHECK(r.washout.region.at(i, j, k) == 1);
                }
                if (i >= 30) {  // the clot's far half, the trunk and branch B: exactly as placed
                    ++unchanged;
                    CHECK(v == v0);
                    CHECK(r.washout.region.at(i, j, k) == 0);
                }
                if (r.placed.truth.at(i, j, k)) CHECK(v == v0);  // clot voxels untouched
                CHECK(v >= -1024);
            }
    CHECK(deep > 200);
    CHECK(unchanged > 10000);
    CHECK(r.ct.hu.at(74, 30, 20) == r.placedCt.hu.at(74, 30, 20));
    CHECK(r.ct.hu.at(50, 10, 20) == 450);  // trunk
    REQUIRE(r.washout.clots.size() == 1);
    CHECK(r.washout.clots[0].label == 1);
    CHECK(r.washout.clots[0].labelVoxels >= deep);
    // The washed-out artery is no truth: the truth map is the placement's.
    long truthA = 0;
    for (std::size_t n = 0; n < r.placed.truth.voxelCount(); ++n) truthA += r.placed.truth[n] == 1 && r.washout.region[n];
    CHECK(truthA == 0);
}

TEST_CASE("occlusion washout: a finding on the washed-out artery matches its clot, a finding elsewhere stays a false positive", "[embolism][washout]") {
    const Round r = round(tv::BeyondContrast::Washout);
    // Truth as runInsertionExperiment builds it; findings: 1 on branch A beyond the clot (i 5..15), 2 in
    // tissue away from every vessel.
    std::vector<tv::TruthLesion> truth(r.placed.clots.size());
    for (std::size_t t = 0; t < truth.size(); ++t) truth[t].id = r.placed.clots[t].label;
    for (std::size_t n = 0; n < r.placed.truth.voxelCount(); ++n)
        if (const int l = r.placed.truth[n]) truth[l - 1].voxels.push_back(n);
    tv::EmbolismResult det;
    det.candidates.resize(2);
    det.emboli = tv::LabelMap(r.ct.geometry(), 0);
    for (int k = 17; k <= 23; ++k)
        for (int j = 27; j <= 33; ++j)
            for (int i = 5; i <= 15; ++i) {
                if (std::hypot(j - kSplitJ, k - kAxisK) <= 3.0) det.emboli.at(i, j, k) = 1;
                det.emboli.at(i + 60, j + 15, k) = 2;
            }
    tv::MatchResult m = tv::matchDetections(det, truth);
    REQUIRE(m.falsePositives == 2);
    REQUIRE_FALSE(m.truthHit[0]);
    const tv::WashoutMatch wm = tv::matchWashoutFindings(m, det, truth, r.washout.region);
    CHECK(m.falsePositives == 1);
    CHECK(m.candidateHit[0]);
    CHECK_FALSE(m.candidateHit[1]);
    CHECK(m.truthHit[0]);
    CHECK(m.detected == 1);
    CHECK(m.truthCandidate[0] == 0);
    CHECK(wm.truthViaWashout[0]);
    CHECK(wm.candidatesOnWashout == 1);
}

namespace {
// The Y tree plus a loop vessel rejoining branch A beyond the clot to branch B (s28): a tube of
// radius 3 mm along i at k = 31 (11 mm over the branches' axis), i = 5..95, joined to branch A at
// i = 5 and to branch B at i = 95 by tubes of radius 3 mm along k, all blood (450 HU): a core-level
// join, as where an artery touches another vessel without a wall the smoothed view resolves. The
// tree beyond the clot at A_up stays reachable from the trunk around it (B, the loop, back into A):
// s27's measure (tree core no longer reached) washed out nothing here, as on 7 of 9 closing clots of
// pa-crop. Shortest routes from the trunk seed (50, 8, 20), mm: to the split 22; to loop point x via A
// 22 + 45 + 11 + (x - 5) = 73 + x, via B 22 + 45 + 11 + (95 - x) = 173 - x: equal at x = 50.
inline constexpr double kLoopK = 31, kLoopR = 3;
tv::CtVolume loopTree() {
    tv::CtVolume ct = yTree();
    const auto& g = ct.geometry();
    for (int k = 0; k < g.size[2]; ++k)
        for (int j = 0; j < g.size[1]; ++j)
            for (int i = 0; i < g.size[0]; ++i) {
                const bool loop = i >= 5 && i <= 95 && std::hypot(j - kSplitJ, k - kLoopK) <= kLoopR;
                const bool bridge = (std::hypot(i - 5, j - kSplitJ) <= kLoopR || std::hypot(i - 95, j - kSplitJ) <= kLoopR) && k >= kAxisK && k <= kLoopK;
                if (loop || bridge) ct.hu.at(i, j, k) = static_cast<std::int16_t>(kBlood);
            }
    return ct;
}
bool onLoopAxis(int i, int j, int k, int lo, int hi) { return i >= lo && i <= hi && std::hypot(j - kSplitJ, k - kLoopK) <= 1.0; }
}  // namespace

TEST_CASE("occlusion washout: an artery beyond a closing clot that rejoins other supply is washed out up to where that supply is nearer", "[embolism][washout]") {
    const tv::CtVolume bg = loopTree();
    const Round r = round(tv::BeyondContrast::Washout, bg);
    REQUIRE(r.placed.clots.size() == 2);
    REQUIRE(r.placed.clots[0].spec.shape == tv::ClotShape::Occlusive);
    // The clot closes branch A, yet by reachability it cuts nothing off (the loop): the s27 case.
    CHECK(r.placed.clots[0].cutOffTreeVoxels == 0);
    const auto& g = r.ct.geometry();
    long deepA = 0, loopNear = 0, kept = 0;
    for (int k = 0; k < g.size[2]; ++k)
        for (int j = 0; j < g.size[1]; ++j)
            for (int i = 0; i < g.size[0]; ++i) {
                const std::int16_t v = r.ct.hu.at(i, j, k), v0 = r.placedCt.hu.at(i, j, k);
                // Branch A beyond the clot, away from the bridge (i 10..18), and the loop from beyond the
                // bridge to 10 mm before the watershed (i 10..40): exactly unopacified blood, label 1.
                if (deepInBranchABeyond(i, j, k) && i >= 10) {
                    ++deepA;
                    CHECK(v == 40);
                    CHECK(r.washout.region.at(i, j, k) == 1);
                }
                if (onLoopAxis(i, j, k, 10, 40)) {
                    ++loopNear;
                    CHECK(v == 40);
                    CHECK(r.washout.region.at(i, j, k) == 1);
                }
                // Other supply nearer: the loop past the watershed (i >= 60, by 10 mm), branch B and the
                // trunk (j < 25 or i >= 60 off the loop): exactly as placed.
                if (i >= 60 || (j < 25 && std::abs(i - kTrunkI) <= 6)) {
                    ++kept;
                    CHECK(v == v0);
                    CHECK(r.washout.region.at(i, j, k) == 0);
                }
                if (r.placed.truth.at(i, j, k)) CHECK(v == v0);  // clot voxels untouched
            }
    CHECK(deepA > 100);
    CHECK(loopNear > 100);
    CHECK(kept > 10000);
    REQUIRE(r.washout.clots.size() == 1);
    CHECK(r.washout.clots[0].label == 1);
    CHECK(r.washout.clots[0].reachabilityCutVoxels == 0);
    CHECK(r.washout.clots[0].territory.maxDepthMm < 120);
}

TEST_CASE("occlusion washout: nothing is washed out when no clot closes its artery", "[embolism][washout]") {
    // Both clots central (shapes from offset 0: central at A_up, eccentric at B): each leaves a
    // channel, nothing is cut from supply, the scan is exactly the placed one.
    for (const bool loop : {false, true}) {
        const Round r = round(tv::BeyondContrast::Washout, loop ? loopTree() : yTree(), 0);
        REQUIRE(r.placed.clots.size() == 2);
        CHECK(r.placed.clots[0].spec.shape != tv::ClotShape::Occlusive);
        CHECK(r.washout.clots.empty());
        long changed = 0, labelled = 0;
        for (std::size_t n = 0; n < r.ct.hu.voxelCount(); ++n) {
            changed += r.ct.hu[n] != r.placedCt.hu[n];
            labelled += r.washout.region[n] != 0;
        }
        CHECK(changed == 0);
        CHECK(labelled == 0);
    }
}
