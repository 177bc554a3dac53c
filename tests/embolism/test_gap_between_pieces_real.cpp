// A gap between two cut-off pieces (EmbolismParams::gapFarMouthInPiece, occlusion_search_params.h) on a real round:
// pa-crop, seed 168000 round 1, the pa-crop line of scripts/validate_pe.sh (central and lobar, 6 per level, 20 mm
// apart, the reference artery mask). The left lower lobe artery's occlusion [74,87,85] (746 mm3, missed on each of
// the 6 seeds that placed it before stop 52) has cut-off piece lumen on both sides; two gap runs from the near
// piece's face, band radius 5.0 and 4.25 mm, 25-28 mm from the heart, passed every test but the far mouth's code
// (lab notes s61-tree-past-clot). The rule is on by default since stop 53 (its seeds: occlusion_search_params.h): on,
// it finds the clot; off, the clot is missed; the round's false findings do not rise. The second case: the rule in
// the beyond-occlusion pass.
#include <cstdint>
#include <utility>

#include <catch2/catch.hpp>

#include "embolism/embolism_params.h"
#include "evaluation/validation_run.h"
#include "round_clot.h"
#include "test_support.h"
#include "validation_rounds.h"

TEST_CASE("pa-crop seed 168000 round 1: a lobar occlusion between two cut-off pieces is a gap (gap.far_mouth_in_piece)", "[embolism][realdata][insertion]") {
    const tv::EmbolismParams defaults;
    REQUIRE(defaults.gapFarMouthInPiece);
    const auto [ct, cfg] = tvtest::paCropRound(168000, 1);
    tv::EmbolismParams off = defaults;
    off.gapFarMouthInPiece = false;
    const tvtest::RuleReplay r = tvtest::replayRule(ct, defaults, off, cfg, {74, 87, 85}, "pa-crop s168000 r1 [74,87,85] (on: the default)");
    CHECK(r.foundWith);
    CHECK_FALSE(r.foundWithout);
    CHECK(r.fpWith <= r.fpWithout);
}

// The beyond-occlusion pass without gaps between pieces (EmbolismParams::gapBetweenPiecesInBeyondPass, off): pa-crop
// seed 189000 round 1 places an 8,836 mm3 central occlusion [50,68,84] that the first run reports as a 15,154 mm3
// complete finding, which triggers the pass; with gaps between pieces in the pass too the round gained the option's
// one false finding on its held-out seeds ([62,57,95], 0.83, a pass finding 3 mm from the midline; lab notes
// s62-pieces-beyond-pass). Off in the pass (the default), the round's false findings are those without the rule; the
// round's central clot [66,56,85] is found in each run.
TEST_CASE("pa-crop seed 189000 round 1: gaps between pieces in the beyond-occlusion pass add a false finding", "[embolism][realdata][insertion]") {
    const tv::EmbolismParams defaults;
    REQUIRE_FALSE(defaults.gapBetweenPiecesInBeyondPass);
    const auto [ct, cfg] = tvtest::paCropRound(189000, 1);
    const tv::EmbolismParams& firstRunOnly = defaults;
    tv::EmbolismParams bothRuns = firstRunOnly;
    bothRuns.gapBetweenPiecesInBeyondPass = true;
    const tvtest::RuleReplay inPass = tvtest::replayRule(ct, bothRuns, firstRunOnly, cfg, {66, 56, 85},
                                                         "pa-crop s189000 r1 [66,56,85], gaps between pieces in both runs (off: first run only, the default)");
    CHECK(inPass.foundWith);
    CHECK(inPass.foundWithout);
    CHECK(inPass.fpWith == inPass.fpWithout + 1);
    tv::EmbolismParams ruleOff = defaults;
    ruleOff.gapFarMouthInPiece = false;
    const auto [foundOff, fpOff] = tvtest::roundClotRun(ct, ruleOff, cfg, {66, 56, 85});
    CHECK(foundOff == std::optional<bool>(true));
    CHECK(inPass.fpWithout == fpOff);
}
