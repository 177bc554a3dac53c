// The level the central-level veto reads for a defect of the fine pass across arteries
// (ObliquePassParams::obliqueSectionLevelFromSeeds, s36-hilarlobar): lobar, the level of the centreline voxels
// whose cross-sections see it, not findingLevel's widest axis ball, which at a lobar artery's origin from a
// main PA is the PA's (raised C3N-00247, the right hilar junction [167,243-247,52]: a 6.4 mm central ball).
// Exact answers on a working grid of 1.125 x 1.125 x 3 mm (raised C3N-00247's), with the maps
// computeFeatures reads built here (the scene of test_central_veto_level.cpp).
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>

#include "embolism/candidate_scoring.h"
#include "embolism/volume_ops.h"
#include "test_support.h"
#include "tube_phantom.h"

namespace {
constexpr int kN = 40, kSlices = 16, kC = 20;
constexpr int kCentralFrom = 10, kCentralTo = 13;  // slices kCentralFrom..kCentralTo hold the central artery (a bar along i)
constexpr int kCentralHalfJ = 4;                   // its half-width in j (4.5 mm): 12 x 10 mm across
constexpr float kBlood = 500;

// A lobar artery (radius 3 voxels = 3.4 mm, code Lobar) runs along k from slice 0 up into a central artery
// (code Central): slices kCentralFrom-kCentralTo, |j - kC| <= kCentralHalfJ, the whole width in i (a main PA
// running in-plane).
// A defect (one voxel of clot on the lobar axis and its four in-plane face neighbours, the partial-volume
// rim a fine candidate's working voxels hold) on slice `clotK`, as the pass across arteries makes it (a
// breached hole, oblique_defects.cpp) or, with `crossSections` false, as the axial fine pass does.
struct Scene {
    tv::Image<float> hu;
    tv::ThoraxMasks masks;
    tv::VesselTree tree;
    tv::ContrastResult contrast;
    tv::RawCandidate defect;
};

Scene scene(int clotK, bool crossSections) {
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
                const bool central = k >= kCentralFrom && k <= kCentralTo && std::abs(dj) <= kCentralHalfJ;
                const bool lobar = k < kCentralFrom && di * di + dj * dj <= 9;
                if (!central && !lobar) continue;
                s.hu.at(i, j, k) = kBlood;
                s.tree.lumen.at(i, j, k) = 1;
                s.tree.connected.at(i, j, k) = static_cast<std::uint8_t>(central ? tv::ArteryCode::Central : tv::ArteryCode::Lobar);
            }
    s.hu.at(kC, kC, clotK) = 60;
    s.tree.lumen.at(kC, kC, clotK) = 0;
    s.tree.connected.at(kC, kC, clotK) = 0;
    tv::testing::finishTestTree(s.tree, kBlood, 280);
    for (const auto& d : {std::array<int, 2>{0, 0}, {1, 0}, {-1, 0}, {0, 1}, {0, -1}})
        s.defect.voxels.push_back(s.hu.offset(kC + d[0], kC + d[1], clotK));
    std::sort(s.defect.voxels.begin(), s.defect.voxels.end());
    s.defect.fromFine = true;
    s.defect.fromCrossSections = crossSections;
    s.defect.fineMedianHu = 140;
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

// The lobar artery's mouth: the central bar's first slice, right over the lobar artery's top. The bar's axis
// ball holds the defect's deepest lumen voxels, so findingLevel reads central (as at the right hilar
// junction of raised C3N-00247); the box radius (5.6 mm) passes the fine pass's radius veto (6 mm).
constexpr int kAtOrigin = kCentralFrom;
}  // namespace

TEST_CASE("oblique section level: a defect seen across a lobar artery at its origin is not vetoed as central", "[embolism][unit][fine]") {
    const Scene s = scene(kAtOrigin, true);
    tv::EmbolismParams off;
    off.obliqueSectionLevelFromSeeds = false;
    tv::EmbolismParams on;
    REQUIRE(on.obliqueSectionLevelFromSeeds);  // the default
    const tv::CandidateFeatures fOff = features(s, off), fOn = features(s, on);
    // Without the rule: findingLevel central (the central artery's axis ball holds its deepest voxels), vetoed.
    REQUIRE(fOff.sectionLevel == tv::VesselLevel::Central);
    CHECK(tv::scoreCandidate(fOff, off) == 0.0);
    // With it: lobar, the level of the centreline voxels whose cross-sections saw it; scored as with the veto
    // lifted (the breached-hole exemption, the only other way past it).
    CHECK(fOn.sectionLevel == tv::VesselLevel::Lobar);
    CHECK(fOn.treeLevel == fOff.treeLevel);  // nothing else read differently
    tv::EmbolismParams exempt = off;
    exempt.fineBreachedHoleCentralExempt = true;
    const double lifted = tv::scoreCandidate(features(s, exempt), exempt);
    REQUIRE(lifted > 0.0);
    CHECK(tv::scoreCandidate(fOn, on) == Approx(lifted));
    CHECK(tv::scoreCandidate(fOn, on) > 0.5);
}

TEST_CASE("oblique section level: an axial fine defect at the same place keeps findingLevel and the veto", "[embolism][unit][fine]") {
    const Scene s = scene(kAtOrigin, false);
    const tv::EmbolismParams on;
    const tv::CandidateFeatures f = features(s, on);
    CHECK(f.sectionLevel == tv::VesselLevel::Central);
    CHECK(tv::scoreCandidate(f, on) == 0.0);
}
