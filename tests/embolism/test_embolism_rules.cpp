// Synthetic tests with exact answers for the anatomical landmarks and false-positive rules of the
// embolus detector: the carina finder (carina.h) and the rules that use it (candidate_scoring).
#include <catch2/catch.hpp>

#include <cmath>

#include "embolism/candidate_scoring.h"
#include "embolism/carina.h"
#include "embolism/vessel_tree.h"

namespace {

// 1 mm grid, soft tissue 40 HU. A trachea (radius 9 mm, air) runs down the midline x = 40 from the
// top to slice `carinaK`; below it two main bronchi (radius 5 mm) diverge 1 mm per slice from
// x = 40 -/+ 7. Oesophageal air (radius 3 mm) lies 12 mm behind the trachea over its whole length
// (it must not count as a bronchus). Lung (-850 HU) fills both sides beyond 25 mm from the midline.
tv::Image<float> airwayPhantom(int carinaK) {
    tv::ImageGeometry g;
    g.size = {80, 60, 60};
    g.spacing = {1.0, 1.0, 1.0};
    tv::Image<float> hu(g, 40.0f);
    for (int k = 0; k < 60; ++k)
        for (int j = 0; j < 60; ++j)
            for (int i = 0; i < 80; ++i) {
                float v = 40;
                if (std::abs(i - 40) > 25 && i > 2 && i < 77 && j > 2 && j < 57) v = -850;
                if (k >= carinaK) {
                    if (std::hypot(i - 40.0, j - 25.0) < 9.0) v = -1000;
                } else {
                    const double off = 7.0 + (carinaK - k);
                    if (std::hypot(i - (40.0 - off), j - 25.0) < 5.0 || std::hypot(i - (40.0 + off), j - 25.0) < 5.0) v = -1000;
                }
                if (std::hypot(i - 40.0, j - 39.0) < 3.0) v = -1000;  // oesophagus
                hu.at(i, j, k) = v;
            }
    return hu;
}

// Features of a thrombus-like defect that scores high on its own: a mediastinal defect wrapped
// in contrast ("polo mint"), or (cutoff) a tubular soft-tissue continuation surrounded by lung.
tv::CandidateFeatures strongDefect(bool cutoff) {
    tv::CandidateFeatures f;
    f.volumeMm3 = cutoff ? 600 : 300;
    f.medianHu = 60;
    f.localBloodHu = 450;
    f.contrastNorm = 1.0;
    f.cutoff = cutoff;
    f.enclosure = cutoff ? 0.0 : 0.9;
    f.lungContact = cutoff ? 0.5 : 0.0;
    f.vesselRadiusMm = cutoff ? 2.5 : 8.0;
    f.elongation = cutoff ? 2.5 : 2.0;
    f.flatness = cutoff ? 0.8 : 0.6;
    f.mediastinalShare = cutoff ? 0.0 : 1.0;
    f.onArterialTree = true;
    f.coreHu = 60;                 // solid: the ball at the centroid is clot
    f.coreContrastNorm = 1.0;
    f.minorSemiAxisMm = cutoff ? 2.0 : 3.0;
    return f;
}

}  // namespace

TEST_CASE("carina: the trachea is followed down to where it splits into two bronchi", "[embolism][unit]") {
    // The bronchi are apart from the first slice below the carina: the split is seen there.
    CHECK(tv::findCarinaK(airwayPhantom(35), 40.0) == Approx(34.5));
    CHECK(tv::findCarinaK(airwayPhantom(20), 40.0) == Approx(19.5));
    // No trachea in the scan range (a crop below the carina): not found.
    tv::Image<float> below = airwayPhantom(70);
    CHECK(tv::findCarinaK(below, 40.0) == Approx(-1));
    // A trachea far from the given midline is not taken (an isolated air region beside it is not
    // the trachea).
    CHECK(tv::findCarinaK(airwayPhantom(35), 5.0) == Approx(-1));
}

TEST_CASE("mediastinal candidates well above the carina are great vessels, not pulmonary arteries", "[embolism][unit]") {
    const tv::EmbolismParams p;
    tv::CandidateFeatures f = strongDefect(false);
    REQUIRE(tv::scoreCandidate(f, p) > 0.9);
    f.aboveCarinaMm = p.maxMediastinalAboveCarinaMm - 1;
    CHECK(tv::scoreCandidate(f, p) > 0.9);
    f.aboveCarinaMm = p.maxMediastinalAboveCarinaMm + 1;
    CHECK(tv::scoreCandidate(f, p) == 0.0);
    // Not mediastinal (intrapulmonary, e.g. an upper-lobe artery): the rule does not apply.
    f.mediastinalShare = 0.2;
    CHECK(tv::scoreCandidate(f, p) > 0.5);
}

TEST_CASE("cut-offs beside the trachea above the carina are not pulmonary arteries", "[embolism][unit]") {
    const tv::EmbolismParams p;
    tv::CandidateFeatures f = strongDefect(true);
    REQUIRE(tv::scoreCandidate(f, p) > 0.9);
    f.aboveCarinaMm = 10;
    f.midlineOffsetMm = p.minCutoffMidlineOffsetAboveCarinaMm + 5;  // lateral: upper-lobe artery
    CHECK(tv::scoreCandidate(f, p) > 0.9);
    f.midlineOffsetMm = p.minCutoffMidlineOffsetAboveCarinaMm - 5;  // beside the trachea
    CHECK(tv::scoreCandidate(f, p) == 0.0);
    f.aboveCarinaMm = -10;                                           // below the carina: hilar
    CHECK(tv::scoreCandidate(f, p) > 0.9);
}

TEST_CASE("a candidate without a solid dark core is not a clot", "[embolism][unit]") {
    const tv::EmbolismParams p;
    for (const bool cutoff : {false, true}) {
        tv::CandidateFeatures f = strongDefect(cutoff);
        REQUIRE(tv::scoreCandidate(f, p) > 0.9);
        f.coreContrastNorm = p.minCoreContrastNorm + 0.01;  // e.g. 0.86-0.98 for the inserted clots
        CHECK(tv::scoreCandidate(f, p) > 0.9);
        f.coreContrastNorm = p.minCoreContrastNorm - 0.01;  // lumen or parenchyma at the centroid
        CHECK(tv::scoreCandidate(f, p) == 0.0);
    }
}

TEST_CASE("a two-sided lung occlusion's solid core may read brighter by its lumen on both sides", "[embolism][unit]") {
    // Raised C3N-00247 s65000 r3's left segmental cut-off (lab notes s57-twosidedcore): lumen on two sides, in
    // the lung, core 0.629. With twoSidedOcclusionMinCoreContrastNorm 0.6 it passes the solid-core test;
    // off (0) it meets minCoreContrastNorm as every candidate does.
    tv::EmbolismParams p;
    p.twoSidedOcclusionMinCoreContrastNorm = 0.6;
    tv::CandidateFeatures f = strongDefect(true);
    f.lumenSides = 2;
    f.coreContrastNorm = 0.629;
    CHECK(tv::scoreCandidate(f, p) > 0.5);
    tv::EmbolismParams off = p;
    off.twoSidedOcclusionMinCoreContrastNorm = 0.0;
    CHECK(tv::scoreCandidate(f, off) == 0.0);
    f.coreContrastNorm = 0.59;  // below the two-sided threshold too
    CHECK(tv::scoreCandidate(f, p) == 0.0);
    // The guards: one lumen side, a mediastinal candidate (hilar clefts: 0.66) or no cut-off keep minCoreContrastNorm.
    f.coreContrastNorm = 0.65;
    REQUIRE(tv::scoreCandidate(f, p) > 0.5);
    tv::CandidateFeatures oneSide = f;
    oneSide.lumenSides = 1;
    tv::CandidateFeatures mediastinal = f;
    mediastinal.mediastinalShare = 1.0;
    tv::CandidateFeatures partial = strongDefect(false);
    for (tv::CandidateFeatures* g : {&oneSide, &mediastinal, &partial}) {
        g->coreContrastNorm = p.minCoreContrastNorm + 0.01;  // each scores with a solid core
        CHECK(tv::scoreCandidate(*g, p) > 0.0);
        g->coreContrastNorm = 0.65;
        CHECK(tv::scoreCandidate(*g, p) == 0.0);
    }
}

TEST_CASE("below the heart centre and under a lung base lies the abdomen, not a pulmonary artery", "[embolism][unit]") {
    const tv::EmbolismParams p;
    tv::CandidateFeatures f = strongDefect(false);
    f.underLungBase = 1.0;
    CHECK(tv::scoreCandidate(f, p) > 0.9);   // above the heart centre (e.g. a main PA under an upper lobe)
    f.belowHeartCentre = true;
    CHECK(tv::scoreCandidate(f, p) == 0.0);
    f.underLungBase = p.maxUnderLungBaseShare - 0.01;  // below the heart but not under a lung base
    CHECK(tv::scoreCandidate(f, p) > 0.0);             // only the existing penalty applies
}

TEST_CASE("a one-slice sheet on the heart mask's cut at the valve is no clot", "[embolism][unit]") {
    const tv::EmbolismParams p;
    tv::CandidateFeatures f = strongDefect(false);  // mediastinal, wrapped in contrast
    f.oneSliceOnHeart = 1.0;                        // raised C3N-00247's (296,155,49): every voxel on the cut
    CHECK(tv::scoreCandidate(f, p) == 0.0);
    f.oneSliceOnHeart = p.maxOneSliceOnHeartShare;  // half of it on the cut: kept
    CHECK(tv::scoreCandidate(f, p) > 0.9);
    f.oneSliceOnHeart = 1.0;
    f.mediastinalShare = 0.0;                       // in the lung hull: no heart surface there
    CHECK(tv::scoreCandidate(f, p) > 0.0);
}

TEST_CASE("a defect wider than the vessel beside it is not inside that vessel", "[embolism][unit]") {
    const tv::EmbolismParams p;
    // An occlusion (cut-off, vessel radius 2.5 mm) may fill its vessel; a partial defect wrapped in
    // contrast may not (test_scoring_scale.cpp: maxPartialDefectWidthToRadius).
    tv::CandidateFeatures f = strongDefect(true);
    f.minorSemiAxisMm = std::sqrt(5.0 / 4.0) * f.vesselRadiusMm;  // an occlusive cylinder filling it
    CHECK(tv::scoreCandidate(f, p) > 0.9);
    f.minorSemiAxisMm = (p.maxDefectWidthToRadius + 0.05) * f.vesselRadiusMm;
    CHECK(tv::scoreCandidate(f, p) == 0.0);
}

TEST_CASE("an occlusion with lumen on two sides in the lung may fill its artery's partial-volume rim too", "[embolism][unit]") {
    // Raised C3N-00247 r2 c1's figures (s24): a cut-off touching three lumen pieces, half-width 3.50 mm
    // beside a tree radius of 2.52 mm (1.39 R), in the lung hull.
    const tv::EmbolismParams p;
    tv::CandidateFeatures f = strongDefect(true);
    f.vesselRadiusMm = 2.52;
    f.minorSemiAxisMm = 3.50;
    f.lumenSides = 3;
    CHECK(tv::scoreCandidate(f, p) > 0.9);
    // The guards: without the rule (limit 1.25 R) vetoed; a cut-off with lumen on one side only, or a
    // mediastinal one (recesses between the great vessels), keeps the 1.25 R limit; wider than
    // occlusionMaxWidthToRadius it is vetoed too.
    tv::EmbolismParams noRule;
    noRule.occlusionMaxWidthToRadius = noRule.maxDefectWidthToRadius;
    noRule.branchingOcclusionMaxWidthToRadius = noRule.maxDefectWidthToRadius;  // three sides: that rule too (s31-segocc)
    CHECK(tv::scoreCandidate(f, noRule) == 0.0);
    tv::CandidateFeatures oneSide = f;  // (closedBranchMaxWidthToRadius off: the next test case)
    oneSide.lumenSides = 1;
    tv::EmbolismParams noClosedBranch;
    noClosedBranch.closedBranchMaxWidthToRadius = noClosedBranch.maxDefectWidthToRadius;
    CHECK(tv::scoreCandidate(oneSide, noClosedBranch) == 0.0);
    tv::CandidateFeatures mediastinal = f;
    mediastinal.mediastinalShare = 1.0;
    CHECK(tv::scoreCandidate(mediastinal, p) == 0.0);
    mediastinal.minorSemiAxisMm = p.maxDefectWidthToRadius * f.vesselRadiusMm;  // the width alone vetoed it
    CHECK(tv::scoreCandidate(mediastinal, p) > 0.0);
    // With two lumen sides (three or more: a branching point, branchingOcclusionMaxWidthToRadius, s31-segocc).
    tv::CandidateFeatures wider = f;
    wider.lumenSides = 2;
    wider.minorSemiAxisMm = (p.occlusionMaxWidthToRadius + 0.05) * f.vesselRadiusMm;
    CHECK(tv::scoreCandidate(wider, p) == 0.0);
    tv::CandidateFeatures widerBranching = f;
    widerBranching.minorSemiAxisMm = (p.occlusionMaxWidthToRadius + 0.05) * f.vesselRadiusMm;
    CHECK(tv::scoreCandidate(widerBranching, p) > 0.9);
    widerBranching.minorSemiAxisMm = (p.branchingOcclusionMaxWidthToRadius + 0.05) * f.vesselRadiusMm;
    CHECK(tv::scoreCandidate(widerBranching, p) == 0.0);
}

TEST_CASE("a closed branch: a one-sided lung cut-off on the arterial tree may fill its artery's partial-volume rim", "[embolism][unit]") {
    // Raised C3N-00247 round 2 clot 1 section-filled (s26-c3nocc): a lung cut-off touching one lumen
    // piece (the artery beyond it is clot too), half-width 3.157 mm beside a tree radius of 2.524 mm.
    const tv::EmbolismParams p;
    tv::CandidateFeatures f = strongDefect(true);
    f.vesselRadiusMm = 2.524;
    f.minorSemiAxisMm = 3.157;
    f.lumenSides = 1;
    f.ctpaContrast = true;
    REQUIRE(f.onArterialTree);
    CHECK(tv::scoreCandidate(f, p) > 0.9);
    // Without the rule: the 1.25 R limit vetoes it.
    tv::EmbolismParams off;
    off.closedBranchMaxWidthToRadius = off.maxDefectWidthToRadius;
    CHECK(tv::scoreCandidate(f, off) == 0.0);
    // The guards keep the 1.25 R limit: mediastinal (recesses between the great vessels), beside no
    // arterial-tree vessel, on a venous-phase scan, touching no lumen, a stump plug (its own calibre
    // tests); wider than closedBranchMaxWidthToRadius it is vetoed too.
    tv::CandidateFeatures g = f;
    g.mediastinalShare = 1.0;
    CHECK(tv::scoreCandidate(g, p) == 0.0);
    g = f;
    g.onArterialTree = false;
    g.enclosure = p.maxCutoffEnclosure;  // past the "cut-off beside no arterial-tree vessel" veto
    CHECK(tv::scoreCandidate(g, p) == 0.0);
    g.minorSemiAxisMm = p.maxDefectWidthToRadius * g.vesselRadiusMm;  // the width alone vetoed it
    CHECK(tv::scoreCandidate(g, p) > 0.0);
    g = f;
    g.ctpaContrast = false;
    CHECK(tv::scoreCandidate(g, p) == 0.0);
    g = f;
    g.lumenSides = 0;
    CHECK(tv::scoreCandidate(g, p) == 0.0);
    g = f;
    g.stump = true;
    CHECK(tv::scoreCandidate(g, p) == 0.0);
    g = f;
    g.minorSemiAxisMm = (p.closedBranchMaxWidthToRadius + 0.05) * f.vesselRadiusMm;
    CHECK(tv::scoreCandidate(g, p) == 0.0);
}

TEST_CASE("a mediastinal candidate beside no arterial-tree vessel is not in a pulmonary artery", "[embolism][unit]") {
    const tv::EmbolismParams p;
    tv::CandidateFeatures f = strongDefect(false);
    REQUIRE(tv::scoreCandidate(f, p) > 0.9);
    f.onArterialTree = false;  // chest wall, pericardium
    CHECK(tv::scoreCandidate(f, p) == 0.0);
    f.mediastinalShare = 0.2;  // intrapulmonary: arteries there may be unconnected on venous-phase scans
    CHECK(tv::scoreCandidate(f, p) > 0.5);
}

TEST_CASE("on CTPA, a cut-off beside no arterial-tree vessel continues a vein, not an artery", "[embolism][unit]") {
    const tv::EmbolismParams p;
    tv::CandidateFeatures f = strongDefect(true);
    f.ctpaContrast = true;
    REQUIRE(tv::scoreCandidate(f, p) > 0.9);
    f.onArterialTree = false;
    CHECK(tv::scoreCandidate(f, p) == 0.0);
    f.enclosure = p.maxCutoffEnclosure + 0.1;  // mostly wrapped in contrast: an intraluminal defect
    CHECK(tv::scoreCandidate(f, p) > 0.9);
    f.enclosure = 0.0;
    f.ctpaContrast = false;  // venous phase: intrapulmonary arteries are often not connected
    CHECK(tv::scoreCandidate(f, p) > 0.9);
}

namespace {
// A fine-pass candidate (fine_defects.h) made only of holes, flat as one slice, whose tree-level box
// reaches a central artery, beside a vessel of `vesselRadiusMm`.
tv::CandidateFeatures finePoloMintBesideCentral(double vesselRadiusMm) {
    tv::CandidateFeatures f = strongDefect(false);
    f.fine = true;
    f.minorSemiAxisMm = 1.0;
    f.treeLevel = tv::VesselLevel::Central;
    f.fineHoleShare = 1.0;
    f.vesselRadiusMm = vesselRadiusMm;
    return f;
}
}  // namespace

TEST_CASE("a fine-pass polo mint beside a central artery is scored, a groove there is not", "[embolism][unit]") {
    // A fine-pass candidate (fine_defects.h) outside the lung hull whose tree-level box reaches a
    // central artery: grooves between the great vessels are vetoed, a defect enclosed by one artery
    // section (raised C3N-00247 r3 c2: a lobar clot beside the right main PA, hole share 1.0) is not.
    const tv::EmbolismParams p;
    tv::CandidateFeatures f = finePoloMintBesideCentral(3.9);
    CHECK(tv::scoreCandidate(f, p) > 0.5);
    f.fineHoleShare = 0.46;  // the natural cleft beside the main PA on raised C3N-00247 that the veto holds
    CHECK(tv::scoreCandidate(f, p) == 0.0);
    f.fineHoleShare = 0.0;  // a groove: no hole
    CHECK(tv::scoreCandidate(f, p) == 0.0);
    // Without the exemption (every share under the bound) the polo mint is vetoed too.
    tv::EmbolismParams noExemption = p;
    noExemption.fineCentralVetoMaxHoleShare = 1.1;
    f.fineHoleShare = 1.0;
    CHECK(tv::scoreCandidate(f, noExemption) == 0.0);
    f.treeLevel = tv::VesselLevel::Lobar;  // beside a lobar artery: no veto, whatever its holes
    f.fineHoleShare = 0.0;
    CHECK(tv::scoreCandidate(f, p) > 0.5);
}

TEST_CASE("the central-level veto can read a polo mint's own slice instead of its group's hole share", "[embolism][unit]") {
    // Raised C3N-00247 s210000 r0 [335,251,67] (lab notes s64): a segmental polo mint beside the left PA's junction,
    // grouped across slices with non-hole defects at the junction: hole share 0.23 for the group, 1 on its own slice.
    tv::EmbolismParams groupOnly;
    groupOnly.fineCentralVetoSliceHoleShare = false;
    tv::EmbolismParams ownSlice = groupOnly;
    ownSlice.fineCentralVetoSliceHoleShare = true;
    tv::CandidateFeatures f = finePoloMintBesideCentral(3.9);
    f.fineHoleShare = 0.23;
    f.fineSliceHoleShare = 1.0;
    CHECK(tv::scoreCandidate(f, groupOnly) == 0.0);
    const double spared = tv::scoreCandidate(f, ownSlice);
    CHECK(spared > 0.5);
    // The score is the one the group would have with the veto lifted by its own share.
    tv::CandidateFeatures wholeGroup = f;
    wholeGroup.fineHoleShare = 1.0;
    CHECK(spared == Approx(tv::scoreCandidate(wholeGroup, groupOnly)));
    // A slice only partly in holes (a groove beside a small hole) is still vetoed.
    f.fineSliceHoleShare = 0.6;
    CHECK(tv::scoreCandidate(f, ownSlice) == 0.0);
    // No hole on any slice (a groove): vetoed.
    f.fineSliceHoleShare = 0.0;
    CHECK(tv::scoreCandidate(f, ownSlice) == 0.0);
}

TEST_CASE("a fine-pass polo mint at a lobar artery's origin meets the radius veto on its own slices", "[embolism][unit]") {
    // Raised C3N-00247 r2 c2 (lobar central clot where the artery leaves the left PA): its vessel
    // radius is 6.4 mm in the box two slices up and down (the left PA), 3.9 mm on its own slices.
    const tv::EmbolismParams p;
    tv::CandidateFeatures f = finePoloMintBesideCentral(6.4);
    f.sliceVesselRadiusMm = 3.9;
    CHECK(tv::scoreCandidate(f, p) > 0.5);
    f.treeLevel = tv::VesselLevel::Lobar;
    CHECK(tv::scoreCandidate(f, p) > 0.5);
    // Without the rule the box's radius vetoes it.
    tv::EmbolismParams box = p;
    box.fineRadiusOwnSlices = false;
    CHECK(tv::scoreCandidate(f, box) == 0.0);
    // A central cleft that is wide on its own slices too stays vetoed (7.1 mm on raised C3N).
    f.treeLevel = tv::VesselLevel::Central;
    f.sliceVesselRadiusMm = 7.1;
    CHECK(tv::scoreCandidate(f, p) == 0.0);
    // Not a polo mint (holes under fineCentralVetoMaxHoleShare): the box.
    f.sliceVesselRadiusMm = 3.9;
    f.treeLevel = tv::VesselLevel::Lobar;
    f.fineHoleShare = 0.5;
    CHECK(tv::scoreCandidate(f, p) == 0.0);
    // Beside a subsegmental-coded vessel (the sternum's marrow hole beside a chest-wall vessel on
    // raised C3N: 6.2 mm box, 3.4 mm slices): the box.
    f.fineHoleShare = 1.0;
    f.treeLevel = tv::VesselLevel::Subsegmental;
    f.vesselRadiusMm = 6.2;
    f.sliceVesselRadiusMm = 3.4;
    CHECK(tv::scoreCandidate(f, p) == 0.0);
    f.treeLevel.reset();
    CHECK(tv::scoreCandidate(f, p) == 0.0);
}

namespace {
// A strong fine-pass defect in a segmental artery of the lung hull (2.5 mm radius), for the fine pass's vetoes.
tv::CandidateFeatures fineSegmentalDefect() {
    tv::CandidateFeatures f = strongDefect(false);
    f.fine = true;
    f.mediastinalShare = 0.0;
    f.vesselRadiusMm = f.sliceVesselRadiusMm = 2.5;
    f.treeLevel = f.sectionLevel = tv::VesselLevel::Segmental;
    f.minorSemiAxisMm = 1.0;
    return f;
}
}  // namespace

TEST_CASE("a fine-pass defect whose core is darker than thrombus less its noise margin is a cleft, not a clot", "[embolism][fine][unit]") {
    // EmbolismParams::fineMinCoreHu (0 HU = thrombusLowHu 20 HU less the 20 HU margin of the median's fat / lung
    // penalty). The cleft the lung bridges add on the clean raised C3N-00247, [324,314,47]: a subsegmental fine
    // region in the lung hull, core -14 HU, median 125 HU (its partial-volume rim), scored 0.88 before the rule.
    const tv::EmbolismParams p;
    REQUIRE(p.fineMinCoreHu == 0.0);
    tv::CandidateFeatures f = fineSegmentalDefect();
    f.coreHu = 28;  // the darkest core of a true fine finding in the validation runs of stops 42-43
    const double scored = tv::scoreCandidate(f, p);
    CHECK(scored > 0.9);
    f.coreHu = 0.0;  // at the floor: still a clot
    CHECK(tv::scoreCandidate(f, p) == scored);
    f.coreHu = -0.5;
    CHECK(tv::scoreCandidate(f, p) == 0.0);
    f.coreHu = -14;
    CHECK(tv::scoreCandidate(f, p) == 0.0);
    // Only the fine pass: a working-grid candidate's core is a ball mean, read by the solid-core veto.
    f.fine = false;
    CHECK(tv::scoreCandidate(f, p) > 0.9);
    // The floor is a parameter: lowered below the core, the cleft is scored as before.
    tv::EmbolismParams lower = p;
    lower.fineMinCoreHu = -20;
    f.fine = true;
    CHECK(tv::scoreCandidate(f, lower) > 0.9);
}

TEST_CASE("a fine-pass defect mostly over lung on the next slice and holding a lung-dark pixel is a lung pocket", "[embolism][fine][unit]") {
    // EmbolismParams::fineLungPocketShare (0.5) with the fine pass's band floor (thrombusLowHu 20 - defectFloorMarginHu
    // 60 = -40 HU). The pocket the lung bridges add on the clean raised C3N-00247, [321,338,53]: share 0.56, darkest
    // native pixel -221 HU, scored 0.76 before the rule.
    const tv::EmbolismParams p;
    REQUIRE(p.fineLungPocketShare == 0.5);
    REQUIRE(p.defectFloorHu() == -40.0);
    tv::CandidateFeatures f = fineSegmentalDefect();
    f.coreHu = 96;
    f.fineThroughLungShare = 0.37;  // the most of a true fine finding >= 0.5 on the tuning seeds
    f.fineMinRawHu = -357;          // the darkest pixel of a true fine finding there
    const double scored = tv::scoreCandidate(f, p);
    CHECK(scored > 0.9);
    f.fineThroughLungShare = 0.56;
    f.fineMinRawHu = -221;
    CHECK(tv::scoreCandidate(f, p) == 0.0);
    f.fineThroughLungShare = 0.5;  // at the share: a pocket
    CHECK(tv::scoreCandidate(f, p) == 0.0);
    f.fineThroughLungShare = 0.49;
    CHECK(tv::scoreCandidate(f, p) == scored);
    // Over lung but every pixel thrombus or brighter: a clot at the artery's upper or lower edge (0.88, darkest 24 HU).
    f.fineThroughLungShare = 0.88;
    f.fineMinRawHu = 24;
    CHECK(tv::scoreCandidate(f, p) == scored);
    f.fineMinRawHu = -40;  // at the floor: not darker than it
    CHECK(tv::scoreCandidate(f, p) == scored);
    f.fineMinRawHu = -40.5;
    CHECK(tv::scoreCandidate(f, p) == 0.0);
    // Only the fine pass.
    f.fine = false;
    CHECK(tv::scoreCandidate(f, p) > 0.9);
    // The share is a parameter: above 1 the rule is off.
    tv::EmbolismParams off = p;
    off.fineLungPocketShare = 1.01;
    f.fine = true;
    f.fineThroughLungShare = 1.0;
    f.fineMinRawHu = -221;
    CHECK(tv::scoreCandidate(f, off) == scored);
}
