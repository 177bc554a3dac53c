// The central-level veto of fine-pass defects (candidate_scoring.cpp scoreCandidate) with
// EmbolismParams::fineCentralVetoSectionLevel: it reads the level of the artery section that encloses
// the defect (vessel_tree.h findingLevel), not the most central code in the box around its centroid
// (treeLevelNear), which on 3 mm slices reaches a central artery above a lobar one. Exact answers on a
// working grid of 1.125 x 1.125 x 3 mm (raised C3N-00247's), with the maps computeFeatures reads
// built here (lobar_central_scene.h).
#include <catch2/catch.hpp>

#include "lobar_central_scene.h"

namespace {
// The central bar: slices 10-15, |j - 20| <= 12 (13.5 mm). The defect counted as a breached hole
// (EmbolismParams::fineBreachedHole) whose central-veto exemption is off, as raised C3N r2 c2 is.
constexpr tvtest::CentralBar kBar{10, 15, 12};

tvtest::LobarCentralScene scene(int clotK) { return tvtest::lobarCentralScene(clotK, kBar, false); }

tv::CandidateFeatures features(const tvtest::LobarCentralScene& s, const tv::EmbolismParams& p) { return tvtest::lobarCentralFeatures(s, p); }
}  // namespace

TEST_CASE("central veto: a fine defect in a lobar artery below a central one is judged by its own artery's level", "[embolism][unit][fine]") {
    // The defect on slice 7, three slices (9 mm) below the central artery. Its vessel radius (the largest
    // tree radius within 2 voxels: the lobar lumen, slices 5-9) is under 3 mm x 2, so the box of
    // treeLevelNear reaches ceil(r / 3) + 1 = 3 slices up: slice 10, central.
    const tvtest::LobarCentralScene s = scene(7);
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
    const tvtest::LobarCentralScene s = scene(12);
    tv::EmbolismParams on;
    on.fineCentralVetoSectionLevel = true;
    const tv::CandidateFeatures f = features(s, on);
    CHECK(f.sectionLevel == tv::VesselLevel::Central);
    CHECK(tv::scoreCandidate(f, on) == 0.0);
}
