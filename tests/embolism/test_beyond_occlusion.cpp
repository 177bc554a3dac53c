// Beyond-occlusion site rule of the lesion-insertion validation (evaluation/round_placement.h,
// evaluation/beyond_occlusion.h): within a round, a site beyond an occlusive clot of the same round
// that closes its artery is not used; its clot goes to the next site. Exact answers on a Y-shaped
// tube tree in soft tissue: a trunk (radius 5 mm) along j dividing into two main branches
// (radius 4 mm) along -i ("A") and +i ("B"). Sites: A_up (on A, 18 mm from the division), A_down
// (on A, 38 mm, beyond A_up), B (on B, 24 mm). With the validation's own insertion and smoothed view.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "embolism/embolism_params.h"
#include "embolism/lung_smoothing.h"
#include "evaluation/beyond_occlusion.h"
#include "evaluation/clot_occlusion.h"
#include "evaluation/round_placement.h"
#include "test_support.h"
#include "y_tree_scene.h"

namespace {
using namespace tvtest::ytree;

struct Placed {
    std::vector<Eigen::Vector3d> centres;  // of the placed clots, in label order
    std::vector<tv::ClotShape> shapes;
    tv::RoundPlacement r;
};

Placed place(const std::vector<tv::VesselSite>& sites, int shapeOffset, int perLevel, bool rule, tv::OcclusiveFill fill,
             bool contact = false) {
    const tv::EmbolismParams p;
    const tv::CtVolume ct = yTree(contact);
    tv::RoundPlacementConfig cfg;
    cfg.levels = {tv::VesselLevel::Lobar};
    cfg.clotsPerLevel = perLevel;
    cfg.shapeOffset = shapeOffset;
    cfg.occlusiveFill = fill;
    cfg.skipBeyondOcclusions = rule;
    Placed out{{}, {}, tv::placeRoundClots(ct, sites, siteTree(ct, p), cfg, p)};
    for (const auto& c : out.r.clots) {
        out.centres.push_back(c.spec.site.centerLps);
        out.shapes.push_back(c.spec.shape);
    }
    return out;
}
}  // namespace

TEST_CASE("beyond occlusion: the tree beyond a closing occlusive clot is the far part of its own branch", "[embolism][beyond]") {
    const tv::EmbolismParams p;
    const tv::CtVolume before = yTree();
    const tv::SiteTree tree = siteTree(before, p);
    REQUIRE(tree.trunkSeed[0] >= 0);
    for (const auto fill : {tv::OcclusiveFill::Cylinder, tv::OcclusiveFill::Section}) {
        tv::CtVolume after = before;
        tv::LabelMap truth(after.geometry(), 0);
        tv::ClotSpec spec;
        spec.site = kAUp;
        spec.shape = tv::ClotShape::Occlusive;
        spec.lengthMm = tv::clotLengthMm(kBranchR);  // 16 mm: i = 24..40
        spec.clotHu = 55;
        spec.occlusiveFill = fill;
        REQUIRE(tv::insertClot(after, truth, 1, spec) > 0);
        const std::vector<std::size_t> closing = tv::closingVoxels(tree, tv::detectorSmoothedView(before, p), tv::detectorSmoothedView(after, p));
        tv::Mask removed(tree.connected.geometry(), 0);
        for (const std::size_t n : closing) removed[n] = 1;
        const tv::Mask cut = tv::cutOffBeyond(tree, removed);
        // Every cut-off voxel lies on branch A, not past the clot's nominal end (i = 24; the tree
        // voxel there is the clot's ramp, half changed, still enhanced), and every tree voxel of
        // branch A from its end up to 4 mm before the clot's nominal end is cut off.
        const auto& g = cut.geometry();
        long cutCount = 0, expected = 0;
        for (int k = 0; k < g.size[2]; ++k)
            for (int j = 0; j < g.size[1]; ++j)
                for (int i = 0; i < g.size[0]; ++i) {
                    const std::size_t n = cut.offset(i, j, k);
                    if (cut[n]) {
                        ++cutCount;
                        CHECK(i <= 24);
                        CHECK(std::abs(j - kSplitJ) <= kBranchR + 1);
                    }
                    if (tree.connected[n] && i <= 20) {
                        ++expected;
                        CHECK(cut[n] == 1);
                    }
                }
        CHECK(cutCount >= expected);
        CHECK(expected > 500);
        CHECK(cut.at(12, 30, 20) == 1);   // A_down
        CHECK(cut.at(74, 30, 20) == 0);   // B
        CHECK(cut.at(50, 10, 20) == 0);   // trunk
    }
}

TEST_CASE("beyond occlusion: a site beyond an occlusive clot of the round is skipped, the next site used", "[embolism][beyond]") {
    for (const auto fill : {tv::OcclusiveFill::Cylinder, tv::OcclusiveFill::Section}) {
        // Order A_up, A_down, B; the first clot is occlusive (shape offset 2); two clots per level.
        const Placed on = place({kAUp, kADown, kB}, 2, 2, true, fill);
        REQUIRE(on.centres.size() == 2);
        CHECK(on.centres[0] == kAUp.centerLps);
        CHECK(on.shapes[0] == tv::ClotShape::Occlusive);
        CHECK(on.centres[1] == kB.centerLps);               // the other branch takes the clot ...
        CHECK(on.shapes[1] == tv::ClotShape::Central);      // ... that A_down would have received
        REQUIRE(on.r.skipped.size() == 1);
        CHECK(on.r.skipped[0].siteIndex == 1);
        CHECK(on.r.skipped[0].reason == tv::SkipReason::BeyondOcclusion);
        CHECK(on.r.skipped[0].clotLabel == 1);
        CHECK(on.r.clots[0].cutOffTreeVoxels > 500);
        // Without the rule the downstream site is used (the case the rule exists for).
        const Placed off = place({kAUp, kADown, kB}, 2, 2, false, fill);
        REQUIRE(off.centres.size() == 2);
        CHECK(off.centres[1] == kADown.centerLps);
        CHECK(off.r.skipped.empty());
    }
}

TEST_CASE("beyond occlusion: an occlusive clot that would cut off a clot placed before goes to the next site", "[embolism][beyond]") {
    // Order A_down, A_up, B; A_down eccentric, A_up would be occlusive (shape offset 1); three per level.
    const Placed on = place({kADown, kAUp, kB}, 1, 3, true, tv::OcclusiveFill::Section);
    REQUIRE(on.centres.size() == 2);
    CHECK(on.centres[0] == kADown.centerLps);
    CHECK(on.shapes[0] == tv::ClotShape::Eccentric);
    CHECK(on.centres[1] == kB.centerLps);
    CHECK(on.shapes[1] == tv::ClotShape::Occlusive);  // the occlusive clot moved to B
    CHECK(on.r.clots[1].cutOffTreeVoxels > 200);        // B's own branch beyond it (i > 83)
    REQUIRE(on.r.skipped.size() == 1);
    CHECK(on.r.skipped[0].siteIndex == 1);
    CHECK(on.r.skipped[0].reason == tv::SkipReason::WouldCutOff);
    CHECK(on.r.skipped[0].clotLabel == 1);
    const Placed off = place({kADown, kAUp, kB}, 1, 3, false, tv::OcclusiveFill::Section);
    CHECK(off.centres.size() == 3);
}

TEST_CASE("beyond occlusion: an occlusive clot that would cut off an occlusive clot placed before goes to the next site", "[embolism][beyond]") {
    // Order A_down, B, B_down, A_up with shape offset 2: A_down occlusive, B central, B_down eccentric, and
    // A_up would be occlusive. A_down's own site voxel is closed by its clot; asked with that closing put
    // back, A_down lies beyond A_up's occlusion, so A_up is not used (the s32000 pa-crop case, round_placement.cpp).
    const tv::VesselSite bDown = site(90, "left");
    for (const auto fill : {tv::OcclusiveFill::Cylinder, tv::OcclusiveFill::Section}) {
        const Placed on = place({kADown, kB, bDown, kAUp}, 2, 4, true, fill);
        REQUIRE(on.centres.size() == 3);
        CHECK(on.centres[0] == kADown.centerLps);
        CHECK(on.shapes[0] == tv::ClotShape::Occlusive);
        CHECK(on.r.clots[0].cutOffTreeVoxels > 0);  // it closes its artery: its closing voxels are in the tree's cut
        CHECK(on.centres[1] == kB.centerLps);
        CHECK(on.centres[2] == bDown.centerLps);
        REQUIRE(on.r.skipped.size() == 1);
        CHECK(on.r.skipped[0].siteIndex == 3);
        CHECK(on.r.skipped[0].reason == tv::SkipReason::WouldCutOff);
        CHECK(on.r.skipped[0].clotLabel == 1);
        // Without the rule A_up takes the occlusive clot and A_down lies beyond it.
        const Placed off = place({kADown, kB, bDown, kAUp}, 2, 4, false, fill);
        CHECK(off.centres.size() == 4);
    }
}

TEST_CASE("beyond occlusion: clots that are not occlusive skip nothing", "[embolism][beyond]") {
    // Shape offset 0: A_up central, A_down eccentric, B occlusive (B cuts off only its own branch's end).
    const Placed on = place({kAUp, kADown, kB}, 0, 3, true, tv::OcclusiveFill::Section);
    CHECK(on.centres.size() == 3);
    CHECK(on.r.skipped.empty());
}

TEST_CASE("beyond occlusion: a partial-volume contact with another vessel is no flow path past the occlusion", "[embolism][beyond]") {
    // The scene's premise: at the threshold, the smoothed lumen joins branch A beyond A_up to branch B
    // through the vein and its two contacts (smoothed 316 HU: over the 255 HU threshold, under the
    // blood core's 352 HU), so the whole lumen still reaches A_down with A_up closed.
    const tv::EmbolismParams p;
    const tv::CtVolume before = yTree(true);
    const tv::Image<float> s0 = tv::detectorSmoothedView(before, p);
    const double threshold = tv::lumenThresholdFor(kBlood, p);
    CHECK(s0.at(12, 35, 20) > threshold);
    CHECK(s0.at(12, 35, 20) < threshold + 0.5 * (kBlood - threshold));
    tv::CtVolume after = before;
    tv::LabelMap truth(after.geometry(), 0);
    tv::ClotSpec spec;
    spec.site = kAUp;
    spec.shape = tv::ClotShape::Occlusive;
    spec.lengthMm = tv::clotLengthMm(kBranchR);
    spec.clotHu = 55;
    REQUIRE(tv::insertClot(after, truth, 1, spec) > 0);
    const tv::Image<float> s1 = tv::detectorSmoothedView(after, p);
    tv::Mask lumen(s1.geometry(), 0), seed(s1.geometry(), 0);
    for (std::size_t n = 0; n < lumen.voxelCount(); ++n) lumen[n] = s1[n] >= threshold ? 1 : 0;
    seed.at(static_cast<int>(kTrunkI), 8, static_cast<int>(kAxisK)) = 1;
    CHECK(tv::reconstruct(lumen, seed).at(12, 30, 20) == 1);
    // The rule, on the blood core, still skips A_down.
    const Placed on = place({kAUp, kADown, kB}, 2, 2, true, tv::OcclusiveFill::Cylinder, true);
    REQUIRE(on.centres.size() == 2);
    CHECK(on.centres[1] == kB.centerLps);
    REQUIRE(on.r.skipped.size() == 1);
    CHECK(on.r.skipped[0].reason == tv::SkipReason::BeyondOcclusion);
}
