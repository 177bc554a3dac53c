// The level the central-level veto reads for a defect of the fine pass across arteries
// (ObliquePassParams::obliqueSectionLevelFromSeeds, s36-hilarlobar): lobar, the level of the centreline voxels
// whose cross-sections see it, not findingLevel's widest axis ball, which at a lobar artery's origin from a
// main PA is the PA's (raised C3N-00247, the right hilar junction [167,243-247,52]: a 6.4 mm central ball).
// Exact answers on a working grid of 1.125 x 1.125 x 3 mm (raised C3N-00247's), with the maps
// computeFeatures reads built here (lobar_central_scene.h, shared with test_central_veto_level.cpp).
#include <catch2/catch.hpp>

#include "lobar_central_scene.h"

namespace {
// The central bar: slices 10-13, |j - 20| <= 4 (4.5 mm): 12 x 10 mm across.
constexpr tvtest::CentralBar kBar{10, 13, 4};

tvtest::LobarCentralScene scene(int clotK, bool crossSections) { return tvtest::lobarCentralScene(clotK, kBar, crossSections); }

tv::CandidateFeatures features(const tvtest::LobarCentralScene& s, const tv::EmbolismParams& p) { return tvtest::lobarCentralFeatures(s, p); }

// The lobar artery's mouth: the central bar's first slice, right over the lobar artery's top. The bar's axis
// ball holds the defect's deepest lumen voxels, so findingLevel reads central (as at the right hilar
// junction of raised C3N-00247); the box radius (5.6 mm) passes the fine pass's radius veto (6 mm).
constexpr int kAtOrigin = kBar.centralFrom;
}  // namespace

TEST_CASE("oblique section level: a defect seen across a lobar artery at its origin is not vetoed as central", "[embolism][unit][fine]") {
    const tvtest::LobarCentralScene s = scene(kAtOrigin, true);
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
    const tvtest::LobarCentralScene s = scene(kAtOrigin, false);
    const tv::EmbolismParams on;
    const tv::CandidateFeatures f = features(s, on);
    CHECK(f.sectionLevel == tv::VesselLevel::Central);
    CHECK(tv::scoreCandidate(f, on) == 0.0);
}
