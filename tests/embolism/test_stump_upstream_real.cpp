// The stump search's upstream test (stump.ridge_upstream_radii, only on rays across the slices:
// stump.ridge_upstream_min_axis_z; occlusion_search_params.h) on a real round: raised C3N-00247,
// seed 65000 round 1, the line of scripts/validate_pe.sh (lobar and segmental, 10 per level, 20 mm
// apart, 8 mm from round 0's clots). Its segmental occlusive clot at [335,271,66] lies in the same
// two-slice branch as the hilar node stump the test removes, and is found from a ridge voxel whose
// axis runs along the slices with 1 mm of ring lumen behind it (lab notes s54-approach): the test on
// every ray (min_axis_z 0) loses it, the default keeps it.
#include <catch2/catch.hpp>

#include <iostream>
#include <optional>

#include "embolism/embolism_params.h"
#include "evaluation/lesion_insertion.h"
#include "evaluation/validation_run.h"
#include "io/volume_source.h"
#include "validation_rounds.h"
#include "round_clot.h"
#include "test_support.h"

namespace {

// Round 1 of seed 65000 on `raised`: whether the clot at [335,271,66] is found (nullopt: not placed there).
std::optional<bool> clotFound(const tv::CtVolume& raised, const tv::EmbolismParams& p) {
    const auto round1 = tv::runInsertionExperiment(raised, p, tvtest::validationRound(raised, p, tvtest::c3nValidationRound0(65000), 1));
    return tvtest::roundClotFoundAt(round1.metrics, {335, 271, 66});
}

}  // namespace

TEST_CASE("raised C3N-00247 seed 65000 round 1: an occlusive clot found along the slices keeps its stump",
          "[embolism][realdata][insertion]") {
    const tv::CtVolume ct = tvtest::raisedC3n();
    const auto kept = clotFound(ct, tv::EmbolismParams{});
    tv::EmbolismParams everyRay;
    everyRay.stumpRidgeUpstreamMinAxisZ = 0;  // the first form of the test (71a2cbd): every ridge ray
    const auto lost = clotFound(ct, everyRay);
    REQUIRE(kept.has_value());
    REQUIRE(lost.has_value());
    std::cout << "s65000 r1 [335,271,66]: default " << (*kept ? "found" : "missed") << ", test on every ray " << (*lost ? "found" : "missed") << "\n";
    CHECK(*kept);
    CHECK_FALSE(*lost);
}
