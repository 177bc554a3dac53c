// Regression tests on the real shared data. Tolerances: contrast states must be exact; measured
// figures (Dice, sensitivity, false positives) are guarded at the values achieved when the test was
// written (README "Embolus detector validation") with the stated margins, so regressions fail.
#include <catch2/catch.hpp>

#include <iostream>
#include <set>

#include "embolism/embolism_detector.h"
#include "evaluation/lesion_insertion.h"
#include "evaluation/validation_run.h"
#include "io/nifti_io.h"
#include "io/volume_source.h"
#include "test_support.h"
#include "validation_rounds.h"
#include "tools/proc_memory.h"

TEST_CASE("pa-crop: adequate contrast, arteries overlap the reference mask", "[embolism][realdata]") {
    const auto dir = tvtest::requireSharedData("pa-crop");
    const tv::CtVolume ct = tv::readNiftiCt(dir / "ct_cropped.nii.gz");
    const tv::LabelMap ref = tv::readNiftiLabelsOnGrid(dir / "pulmonary_artery.nii.gz", ct.geometry());
    const auto r = tv::detectEmboli(ct, tv::EmbolismParams{}, tv::noProgress(), tv::neverCancel());
    CHECK(r.contrastState == "adequate");
    CHECK(r.paEnhancementHu > 400);  // reference mean in the PA about 537 HU (data README)
    std::int64_t a = 0, b = 0, both = 0;
    for (std::size_t n = 0; n < ref.voxelCount(); ++n) {
        a += ref[n] != 0;
        b += r.arteries[n] != 0;
        both += ref[n] && r.arteries[n];
    }
    const double dice = 2.0 * both / static_cast<double>(a + b);
    const double recall = static_cast<double>(both) / a;
    std::cout << "pa-crop: Dice " << dice << ", reference recall " << recall << ", findings " << r.candidates.size() << "\n";
    // Achieved when written: recall 0.95, Dice 0.14 (the tree also holds the right heart and the
    // peripheral arteries the reference leaves out). Guards: recall >= 0.90, Dice >= 0.10.
    CHECK(recall >= 0.90);
    CHECK(dice >= 0.10);
    // Findings on this scan without known PE: 2 when written, 1 on 2026-11-29, 0 since the carina
    // rule (2026-11-29, README); the detector is deterministic, so the guard is the figure.
    CHECK(r.candidates.empty());
}

TEST_CASE("C3N-00247 (venous phase) is suboptimal, COVID-CT-MD normal001 is not assessable", "[embolism][realdata]") {
    const auto c3n = tvtest::requireSharedData("chest-ct-contrast/C3N-00247");
    const auto normal = tvtest::requireSharedData("covid-ct-md/normal001");
    const tv::CtVolume c3nCt = tv::loadVolume(c3n);
    // Memory goal (issue: peak under 4x the volume's bytes beyond the volume): the detector's peak
    // resident size beyond what the loaded volume holds (kernel peak mark reset after loading, as
    // tools/embolism_memory does). Achieved 2026-11-29: 3.9x; 2026-11-29 late (s14-pe-memory, masks
    // freed at their last use): 3.63x. Guard: < 3.75x (about 6 MB of allocator variance).
    const long rssBefore = tvtest::procStatusKb("VmRSS");
    const bool peakReset = tvtest::resetPeakRss();
    const auto r1 = tv::detectEmboli(c3nCt, tv::EmbolismParams{}, tv::noProgress(), tv::neverCancel());
    const double beyond = (tvtest::procStatusKb("VmHWM") - rssBefore) * 1024.0 / (c3nCt.hu.voxelCount() * sizeof(std::int16_t));
    std::cout << "C3N-00247: detector peak beyond the loaded volume " << beyond << "x the volume\n";
    if (peakReset) CHECK(beyond < 3.75);
    else WARN("the kernel did not reset the peak-RSS mark (/proc/self/clear_refs): memory not checked");
    CHECK(r1.contrastState == "suboptimal");
    CHECK(r1.paEnhancementHu > 100);
    CHECK(r1.paEnhancementHu < 250);
    // Findings without insertions: 1 on 2026-11-29 (s10-pe-fp; 20, the output cap, before the solid-core,
    // under-lung-base, width and arterial-tree rules removed venous-phase liver speckle, the chest wall
    // and the subcarinal fat); 3 leaves room for a change of one hilar finding either way.
    CHECK(r1.candidates.size() <= 3);
    const auto r2 = tv::detectEmboli(tv::loadVolume(normal), tv::EmbolismParams{}, tv::noProgress(), tv::neverCancel());
    CHECK(r2.contrastState == "not_assessable");
    CHECK_FALSE(r2.assessable);
    CHECK(r2.candidates.empty());
    CHECK(r2.paEnhancementHu < 100);
}

TEST_CASE("C3N-00247 raised to CTPA level: adequate contrast, few background findings", "[embolism][realdata]") {
    // Blood-pool raise (README "Embolus detector validation"): only vessels above the diaphragm, as
    // whole vessels. Achieved 2026-11-29 (s10-pe-validate): PA 408 HU, 3 findings without
    // insertions (5 with the old raise, which also raised the liver in a box and half of the arch);
    // 2 on merged main, 0 since s13-pe-scoring (plug fill and partial-defect width rules).
    // Guards: 380-440 HU, at most 1 finding (room for one hilar finding at a rule's margin).
    const auto c3n = tvtest::requireSharedData("chest-ct-contrast/C3N-00247");
    tv::CtVolume ct = tv::loadVolume(c3n);
    const tv::EmbolismParams p;
    const double before = tv::raiseBloodPool(ct, 400, p);
    CHECK(before < 250);
    const auto r = tv::detectEmboli(ct, p, tv::noProgress(), tv::neverCancel());
    std::cout << "C3N-00247 raised: PA " << r.paEnhancementHu << " HU, findings " << r.candidates.size() << "\n";
    CHECK(r.contrastState == "adequate");
    CHECK(r.paEnhancementHu > 380);
    CHECK(r.paEnhancementHu < 440);
    CHECK(r.candidates.size() <= 1);
}

TEST_CASE("C3N-00247 raised: the hilar node under the left upper lobe artery's branch is no stump", "[embolism][realdata]") {
    // Stop 45 (lab notes s54-approach): with the lung bridges, the raised scan's one background finding
    // was a "complete lobar occlusion" at [330,271,63] (0.76): hilar soft tissue under a branch that runs
    // in the slice plane, two 3 mm slices thick, whose Hessian axis reads craniocaudal. The lumen behind
    // its ridge voxel is 4 mm = 1.33 R; stump.ridge_upstream_radii (2 R) drops the plug.
    const tv::CtVolume ct = tvtest::raisedC3n();
    const auto near = [](const tv::EmbolismResult& r) {
        int n = 0;
        for (const auto& c : r.candidates)
            n += std::abs(c.centerVoxel[0] - 330) <= 4 && std::abs(c.centerVoxel[1] - 271) <= 4 && std::abs(c.centerVoxel[2] - 63) <= 2;
        return n;
    };
    tv::EmbolismParams off;
    off.stumpRidgeUpstreamRadii = 0;  // the test off: the finding is back (the rule, not another, removes it)
    CHECK(near(tv::detectEmboli(ct, tv::EmbolismParams{}, tv::noProgress(), tv::neverCancel())) == 0);
    CHECK(near(tv::detectEmboli(ct, off, tv::noProgress(), tv::neverCancel())) == 1);
}

TEST_CASE("pa-crop with inserted central emboli: figures guarded against regression", "[embolism][realdata][insertion]") {
    const auto dir = tvtest::requireSharedData("pa-crop");
    const tv::CtVolume ct = tv::readNiftiCt(dir / "ct_cropped.nii.gz");
    tv::ValidationConfig cfg;
    cfg.levels = {tv::VesselLevel::Central, tv::VesselLevel::Lobar};
    cfg.clotsPerLevel = 6;
    cfg.minSpacingMm = 20;  // the crop is small
    cfg.writeDir = tvtest::scratchDir("embolism_pa_insertion");
    // Sites only inside the reference pulmonary-artery mask: on this CTPA the enhanced aorta and its
    // arch branches are connected to the detector's tree. Measured 2026-11-29: 5 of the 6 "central"
    // sites of the earlier guard (>= 6 sites, >= 2 detected) lay outside the reference mask (aortic
    // arch and branches, checked on screenshots), so that figure did not measure pulmonary emboli.
    cfg.referenceArteries = tv::readNiftiLabelsOnGrid(dir / "pulmonary_artery.nii.gz", ct.geometry());
    const auto v = tv::runInsertionExperiment(ct, tv::EmbolismParams{}, cfg);
    std::cout << v.metrics.dump(1) << "\n";
    // Achieved 2026-11-29 (artery_levels.h, reference-restricted sites): 1 central site (the trunk and
    // main PAs of the crop hold no other straight tube segment as long as a clot), detected, 1 false
    // positive; 0 false positives with the carina rules merged (same day; goal >= 95%, <= 1 FP; one
    // site is no sensitivity figure: README). Guards: a site, its detection, no false positive, and
    // the clot inside the reference mask.
    // 2026-11-29 18:30 (s9-pe2, wall-ridge rule CentralNeighbourRule: rejected non-central ridges no
    // longer take the spacing of central sites): 3 central sites, 2 detected, 0 false positives.
    // 2026-11-29 22:30 (s12-pe-heart, great_arteries.h: the heart mask ends at the pulmonary valve,
    // the trunk holds sites): 6 central sites, 4 detected (the 2 missed are occlusive), 0 false positives.
    // 2026-11-29 23:15 (s13-pe-lobar, levels follow the main arteries' division): 2 central sites
    // (the central ellipsoid detected, an occlusive one missed, as every occlusive pa-crop clot so
    // far) and 1 lobar site inside the reference mask (3.0 mm, eccentric, missed): the lobar site takes
    // the spacing of the former third central site (7.0 mm eccentric, detected), hence 1 detected
    // instead of 2. Guards: a central detection, and the lobar site the crop now offers.
    // 2026-11-29 23:35 (merged main: both branches with the s13 scoring): 6 central sites, 4 detected
    // (the occlusive and one eccentric missed), 1 lobar site (occlusive, missed), 1 false positive: a
    // thin candidate 3.4 mm beside the missed eccentric clot, not overlapping its truth (goal <= 1).
    // 2026-11-30 01:00 (s15-pe-occlusion, stump_occlusions.h): the occlusive central clot (7.5 mm,
    // 25 mm long) is found as a plug beyond the blunt artery end: 5 of 6 central detected, the lobar
    // occlusive one (4.2 mm) still missed, 1 false positive (the same thin candidate).
    REQUIRE(v.metrics["truth_lesions"].get<int>() >= 6);
    CHECK(v.metrics["per_level"]["central"]["detected"].get<int>() >= 5);
    int occlusiveCentral = 0, occlusiveCentralDetected = 0;
    for (const auto& c : v.metrics["clots"])
        if (c["level"] == "central" && c["shape"] == "occlusive") {
            ++occlusiveCentral;
            occlusiveCentralDetected += c["detected"].get<bool>() ? 1 : 0;
        }
    CHECK(occlusiveCentral >= 1);
    CHECK(occlusiveCentralDetected == occlusiveCentral);
    CHECK(v.metrics["per_level"]["lobar"]["truth"].get<int>() >= 1);
    CHECK(v.falsePositives <= 1);
    const tv::LabelMap truth = tv::readNiftiLabelsOnGrid(*cfg.writeDir / "truth.nii.gz", ct.geometry());
    std::int64_t inRef = 0, all = 0;
    for (std::size_t n = 0; n < truth.voxelCount(); ++n)
        if (truth[n]) {
            ++all;
            inRef += (*cfg.referenceArteries)[n] != 0;
        }
    CHECK(inRef >= 0.5 * all);  // most of the clot lies in the reference artery (measured 0.62: the reference
                                // mask is tighter than the enhanced lumen the clot fills)
    // No central site is in a thin mediastinal vessel (those are not pulmonary arteries); lobar sites
    // are at least 5 mm wide (segmental arteries are 3-5 mm wide, lobar 6-10 mm: clinical-reference.md).
    for (const auto& c : v.metrics["clots"])
        CHECK(c["radius_mm"].get<double>() >= (c["level"] == "central" ? tv::EmbolismParams{}.lobarRadiusMm : 2.5));
}

TEST_CASE("pa-crop: the left main PA's wall spurs are no lobar insertion sites", "[embolism][realdata][insertion]") {
    // Stop 22 (s30-smalllobar): three held-out "lobar" clots were placed on voxels [73,87,87] and [74,88,85],
    // 2.12 mm ridges of the distance map at the lower wall of the left main PA inside a 4.5 mm inscribed ball.
    // With WiderBallRule (vessel_axis.h) they are moved to that ball's centre; with the rule off they are sites.
    const auto dir = tvtest::requireSharedData("pa-crop");
    const tv::CtVolume ct = tv::readNiftiCt(dir / "ct_cropped.nii.gz");
    const tv::LabelMap ref = tv::readNiftiLabelsOnGrid(dir / "pulmonary_artery.nii.gz", ct.geometry());
    const std::set<tv::VesselLevel> levels{tv::VesselLevel::Central, tv::VesselLevel::Lobar};
    const auto spurSites = [&](const tv::WiderBallRule& rule) {
        int spurs = 0, moved = 0, all = 0;
        for (const auto& s : tv::findVesselSites(ct, tv::EmbolismParams{}, 0, 7, &ref, nullptr, nullptr, &levels, nullptr, rule)) {
            ++all;
            moved += s.movedFromOffAxisRidge;
            const Eigen::Vector3d v = ct.geometry().patientToVoxel(s.centerLps);
            for (const Eigen::Vector3d& spur : {Eigen::Vector3d(73, 87, 87), Eigen::Vector3d(74, 88, 85)})
                spurs += (v - spur).norm() < 1.5 && s.radiusMm < 2.5;
        }
        std::cout << "sites " << all << ", moved " << moved << ", on the spurs " << spurs << "\n";
        return std::pair{spurs, moved};
    };
    tv::WiderBallRule off;
    off.maxRatio = 0;
    const auto [spursOff, movedOff] = spurSites(off);
    CHECK(spursOff == 2);
    CHECK(movedOff == 0);
    const auto [spursOn, movedOn] = spurSites(tv::WiderBallRule{});
    CHECK(spursOn == 0);
    CHECK(movedOn > 0);  // measured 2026-12-01: 76 of 556 accepted ridge voxels come from off-axis ones
}
