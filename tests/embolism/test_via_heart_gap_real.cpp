// The via-heart allowance of the gap search's mouth-calibre tube (EmbolismParams gapTubeViaHeartMaxAxisOffsetCalibres,
// gapTubeViaHeartMaxWideningBehind; occlusion_search_params.h) on a real round: pa-crop, seed 69000 round 0, the
// pa-crop line of scripts/validate_pe.sh (central and lobar, 6 per level, 20 mm apart, the reference artery mask).
// The left lower lobe artery's occlusion [80,86,73] (672 mm3) cuts the artery beyond it from the trunk; the tree
// reaches that artery through its veins and the left atrium (ViaHeart). The gap run from the clot's face crosses the
// curved clot 0.76 calibres off the mouth's axis, from segmental lumen that widens 1.57 x within a calibre behind:
// the general guards (0.5 calibres, in the cut-off piece, 1.35 x) refuse it, the allowance takes it (lab notes
// s58-viaheartgap). Off (0) it is missed; the round's false findings do not rise.
#include <catch2/catch.hpp>

#include <cstdint>
#include <iostream>

#include "embolism/embolism_params.h"
#include "evaluation/validation_run.h"
#include "io/nifti_io.h"
#include "round_clot.h"
#include "test_support.h"
#include "validation_rounds.h"

TEST_CASE("pa-crop seed 69000 round 0: a lobar occlusion whose artery beyond is reached through the heart is a gap the allowance takes",
          "[embolism][realdata][insertion]") {
    const auto dir = tvtest::requireSharedData("pa-crop");
    const tv::CtVolume ct = tv::readNiftiCt(dir / "ct_cropped.nii.gz");
    const tv::LabelMap reference = tv::readNiftiLabelsOnGrid(dir / "pulmonary_artery.nii.gz", ct.geometry());
    const tv::EmbolismParams defaults;
    REQUIRE(defaults.gapTubeViaHeartMaxAxisOffsetCalibres == Approx(0.8));
    REQUIRE(defaults.gapTubeViaHeartMaxWideningBehind == Approx(1.6));
    const tv::ValidationConfig cfg = tvtest::validationRound(ct, defaults, tvtest::paCropValidationRound0(69000, reference), 0);
    tv::EmbolismParams off = defaults;
    off.gapTubeViaHeartMaxAxisOffsetCalibres = 0;  // the guards of stop 28 for every gap run, as before stop 49
    off.cutoffHullClosingMm = 0;  // and without the wide hull's cut-off search, which finds this clot too (stop 57)
    const auto with = tv::runInsertionExperiment(ct, defaults, cfg);
    const auto without = tv::runInsertionExperiment(ct, off, cfg);
    const auto now = tvtest::roundClotAt(with.metrics, {80, 86, 73});
    const auto then = tvtest::roundClotAt(without.metrics, {80, 86, 73});
    REQUIRE(now.has_value());
    REQUIRE(then.has_value());
    std::cout << "s69000 r0 [80,86,73]: default " << ((*now)["detected"].get<bool>() ? "found" : "missed") << ", off "
              << ((*then)["detected"].get<bool>() ? "found" : "missed") << "; false positives " << with.falsePositives << " / "
              << without.falsePositives << "\n";
    CHECK((*now)["detected"].get<bool>());
    CHECK_FALSE((*then)["detected"].get<bool>());
    CHECK(with.falsePositives <= without.falsePositives);
}
