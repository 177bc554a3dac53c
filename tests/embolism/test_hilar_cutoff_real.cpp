// Cut-offs beyond the 6 mm lung hull (EmbolismParams::cutoffHullClosingMm, embolism_params.h) on a real round:
// pa-crop, seed 71000 round 1 (a tuning seed), the pa-crop line of scripts/validate_pe.sh. Its lobar occlusion
// [81,82,80] in the left lower lobe artery (543 mm3) lies almost wholly outside the lungs closed by 6 mm (6 of its
// 161 working voxels inside) and outside the mediastinum; the 9 mm closing rejects it by its thickness test, so
// no pass found it (lab notes s63-gapfloor, s66-widehull). With the wide hull's pass it is a candidate of its own
// (749 mm3, on the arterial tree, enclosure 0.41): found; without it, missed; the round's false findings do not rise.
#include <catch2/catch.hpp>

#include "embolism/embolism_params.h"
#include "round_clot.h"
#include "test_support.h"
#include "validation_rounds.h"

TEST_CASE("pa-crop seed 71000 round 1: a lobar occlusion outside the 6 mm lung hull is found by the wide hull's cut-off pass",
          "[embolism][realdata][insertion]") {
    tv::EmbolismParams on, off;
    on.cutoffHullClosingMm = 12;
    off.cutoffHullClosingMm = 0;
    const auto [ct, cfg] = tvtest::paCropRound(71000, 1);
    const tvtest::RuleReplay r = tvtest::replayRule(ct, on, off, cfg, {81, 82, 80}, "pa-crop s71000 r1 [81,82,80] (wide hull 12 mm on, off)");
    CHECK(r.foundWith);
    CHECK_FALSE(r.foundWithout);
    CHECK(r.fpWith <= r.fpWithout);
}
