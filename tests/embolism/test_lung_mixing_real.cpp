// The mixing term read from the darker of core and median in the lung hull (EmbolismParams lungMixingFromDarker,
// embolism_params.h) on a real round: raised C3N-00247, seed 65000 round 0, the line of scripts/validate_pe.sh
// (lobar and segmental, 10 per level, 20 mm apart). Its right segmental eccentric clot at [169,213,51] (46 mm3) is
// found only as a partial defect in the lung hull whose median is its partial-volume rim (181.5 HU, over the 140 HU
// of the term) and whose core is clot (133.5 HU): 0.446 as before, 0.687 with the rule (lab notes s59-leftlower).
// The default finds it; off misses it; the round's false findings stay as they are.
#include <catch2/catch.hpp>

#include "embolism/embolism_params.h"
#include "evaluation/lesion_insertion.h"
#include "evaluation/validation_run.h"
#include "io/volume_source.h"
#include "validation_rounds.h"
#include "round_clot.h"
#include "test_support.h"

TEST_CASE("raised C3N-00247 seed 65000 round 0: a segmental partial defect in the lung reads the mixing term from its core",
          "[embolism][realdata][insertion]") {
    const tv::CtVolume ct = tvtest::raisedC3n();
    const tv::EmbolismParams defaults;
    REQUIRE(defaults.lungMixingFromDarker);
    const tv::ValidationConfig cfg = tvtest::c3nValidationRound0(65000);
    tv::EmbolismParams off = defaults;
    off.lungMixingFromDarker = false;  // as before stop 50
    const tvtest::RuleReplay r = tvtest::replayRule(ct, defaults, off, cfg, {169, 213, 51}, "s65000 r0 [169,213,51]");
    CHECK(r.foundWith);
    CHECK_FALSE(r.foundWithout);
    CHECK(r.fpWith == r.fpWithout);
}
