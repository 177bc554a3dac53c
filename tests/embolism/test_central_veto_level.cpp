// The central-level veto of fine-pass defects (candidate_scoring.cpp scoreCandidate) with
// EmbolismParams::fineCentralVetoSectionLevel: it reads the level of the artery section that encloses
// the defect (vessel_tree.h findingLevel), not the most central code in the box around its centroid
// (treeLevelNear), which on 3 mm slices reaches a central artery above a lobar one. Exact answers on a
// working grid of 1.125 x 1.125 x 3 mm (raised C3N-00247's), with the maps computeFeatures reads
// built here.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstdint>

#include "embolism/candidate_scoring.h"
#include "embolism/volume_ops.h"
#include "test_support.h"
#include "tube_phantom.h"

namespace {
constexpr int kN = 40, kSlices = 16, kC = 20;
constexpr int kCentralFrom = 10;  // slices kCentralFrom.. hold the central artery (a slab along i)
constexpr float kBlood = 500;

// A lobar artery (radius 3 voxels = 3.4 mm, code Lobar) runs along k from slice 0 up into a central
// artery (code Central): slices kCentralFrom-15, |j - kC| <= 12, the whole width in i (a main PA
// running in-plane). A fine-pass defect (one voxel of clot on the axis and its four in-plane face
// neighbours, the partial-volume rim a fine candidate's working voxels hold: lumen, coded as their
// artery) on slice `clotK`, counted as a breached hole (EmbolismParams::fineBreachedHole) whose
// central-veto exemption is off, as raised C3N r2 c2 is.
struct Scene {
    tv::Image<float> hu;
    tv::ThoraxMasks masks;
    tv::VesselTree tree;
    tv::ContrastResult contrast;
    tv::RawCandidate defect;
};

Scene scene(int clotK) {
    const tv::ImageGeometry g = tvtest::grid(kN, kN, kSlices, 1.125, 1.125, 3.0);
    Scene s{tv::Image<float>(g, 40), {}, {}, {}, {}};
    s.masks.lungs = tv::Mask(g, 0);
    s.masks.heart = tv::Mask(g, 0);
    s.contrast = tv::testing::putInMediastinum(s.masks, g, kBlood);
    s.tree.lumen = tv::Mask(g, 0);
    s.tree.connected = tv::Mask(g, 0);
    for (int k = 0; k < kSlices; ++k)
        for (int j = 0; j < kN; ++j)
            for (int i = 0; i < kN; ++i) {
                const int di = i - kC, dj = j - kC;
                const bool central = k >= kCentralFrom && dj * dj <= 144;
                const bool lobar = k < kCentralFrom && di * di + dj * dj <= 9;
                if (!central && !lobar) continue;
                s.hu.at(i, j, k) = kBlood;
                s.tree.lumen.at(i, j, k) = 1;
                s.tree.connected.at(i, j, k) = static_cast<std::uint8_t>(central ? tv::ArteryCode::Central : tv::ArteryCode::Lobar);
            }
    // The clot voxel on the axis: dark, not lumen.
    s.hu.at(kC, kC, clotK) = 60;
    s.tree.lumen.at(kC, kC, clotK) = 0;
    s.tree.connected.at(kC, kC, clotK) = 0;
    tv::testing::finishTestTree(s.tree, kBlood, 280);
    for (const auto& d : {std::array<int, 2>{0, 0}, {1, 0}, {-1, 0}, {0, 1}, {0, -1}})
        s.defect.voxels.push_back(s.hu.offset(kC + d[0], kC + d[1], clotK));
    std::sort(s.defect.voxels.begin(), s.defect.voxels.end());
    s.defect.fromFine = true;
    s.defect.fineMedianHu = 140;  // raised C3N r2 c2: median 140 HU, core 86 HU, enclosure 0.91
    s.defect.fineCoreHu = 86;
    s.defect.fineEnclosure = 0.91;
    s.defect.fineHoleShare = 1.0;
    s.defect.fineBreachedShare = 1.0;
    s.defect.completedRadiusMm = 3.4;
    return s;
}

tv::CandidateFeatures features(const Scene& s, const tv::EmbolismParams& p) {
    return tv::computeFeatures(s.defect, s.hu, s.hu, s.masks, s.tree, s.contrast, p);
}
}  // namespace

TEST_CASE("central veto: a fine defect in a lobar artery below a central one is judged by its own artery's level", "[embolism][unit][fine]") {
    // The defect on slice 7, three slices (9 mm) below the central artery. Its vessel radius (the largest
    // tree radius within 2 voxels: the lobar lumen, slices 5-9) is under 3 mm x 2, so the box of
    // treeLevelNear reaches ceil(r / 3) + 1 = 3 slices up: slice 10, central.
    const Scene s = scene(7);
    tv::EmbolismParams off;
    off.fineCentralVetoSectionLevel = false;
    tv::EmbolismParams on;
    on.fineCentralVetoSectionLevel = true;
    const tv::CandidateFeatures fOff = features(s, off), fOn = features(s, on);
    REQUIRE(fOff.vesselRadiusMm < 6.0);
    REQUIRE(fOff.vesselRadiusMm > 3.0);
    REQUIRE(fOff.treeLevel == tv::VesselLevel::Central);
    CHECK_FALSE(fOff.sectionLevel.has_value());  // not looked up with the rule off
    // findingLevel: its rim voxels' widest enclosing axis ball lies on the lobar axis.
    CHECK(fOn.sectionLevel == tv::VesselLevel::Lobar);
    CHECK(fOn.treeLevel == tv::VesselLevel::Central);  // the candidate's own level lookup is unchanged
    // The rule off: vetoed (box level central, a breached hole does not lift the veto). On: scored as
    // with the veto lifted (the breached-hole exemption on, the only other way past it).
    CHECK(tv::scoreCandidate(fOff, off) == 0.0);
    tv::EmbolismParams exempt = off;
    exempt.fineBreachedHoleCentralExempt = true;
    const double lifted = tv::scoreCandidate(features(s, exempt), exempt);
    REQUIRE(lifted > 0.0);
    CHECK(tv::scoreCandidate(fOn, on) == Approx(lifted));
}

TEST_CASE("central veto: a fine defect inside the central artery stays vetoed with the section level", "[embolism][unit][fine]") {
    // The same defect on slice 12, inside the central artery: its own artery is central.
    const Scene s = scene(12);
    tv::EmbolismParams on;
    on.fineCentralVetoSectionLevel = true;
    const tv::CandidateFeatures f = features(s, on);
    CHECK(f.sectionLevel == tv::VesselLevel::Central);
    CHECK(tv::scoreCandidate(f, on) == 0.0);
}
