// A fine-pass candidate's solid core is measured against the lumen HU of its own artery section at
// native resolution (EmbolismParams::fineCoreAgainstSectionBlood; s37-smallseg), the reference its
// region test already used, not against the working grid's lumen voxels around it: in a 2.26 mm-radius
// segmental artery the working grid's "interior" voxels (1.13 mm, smoothed) are partial volume with the
// wall and with the clot itself, so they read 50-60 HU below the blood (raised C3N-00247: 343 HU working
// against 394 HU native beside seed 7's missed eccentric clot [169,259,64]).
// Exact answers on the working grid of raised C3N (1.13 x 1.13 x 3 mm, scoring_scene.h):
// - a thin artery (radius 2 voxels) whose lumen voxels read 340 HU (partial volume), a one-voxel fine
//   candidate with core 150 HU and section blood 394 HU: core contrast (394 - 150) / (394 - 60) with the
//   rule, (340 - 150) / (340 - 60) = 0.679 < 0.7 (the solid-core veto: score 0) without it;
// - a candidate without a section blood (fineBloodHu 0: the oblique pass) keeps the working grid's, and
//   so does the same candidate outside the lung hull (mediastinal: beside wide arteries);
// - on the fine pass's own phantom (a 2.8 mm tube of 400 HU blood, native 0.5625 mm pixels, an eccentric
//   clot), the candidate's fineBloodHu is the tube's blood within its partial volume and noise.
#include <catch2/catch.hpp>

#include <cmath>

#include "embolism/artery_levels.h"
#include "embolism/candidate_scoring.h"
#include "embolism/candidates.h"
#include "scoring_scene.h"
#include "test_support.h"

namespace {
constexpr int kN = 20, kNz = 9;
constexpr double kWorkingBlood = 340, kSectionBlood = 394, kCore = 150, kMid = 60;

// A segmental artery along k through (10, 10), radius 2 voxels (2.26 mm), its lumen voxels at the
// partial-volume HU a thin artery reads on the working grid; a one-voxel fine candidate on its axis.
tv::testing::ScoringScene thinArteryScene(double sectionBloodHu) {
    tv::testing::ScoringScene sc = tv::testing::emptyScoringScene(kN, kN, kNz);
    for (int k = 0; k < kNz; ++k)
        for (int j = 7; j <= 13; ++j)
            for (int i = 7; i <= 13; ++i) {
                const double d = std::hypot(i - 10, j - 10);
                if (d > 2.0) continue;
                sc.s.at(i, j, k) = static_cast<float>(kWorkingBlood);
                sc.t.lumen.at(i, j, k) = 1;
                sc.t.connected.at(i, j, k) = static_cast<std::uint8_t>(tv::ArteryCode::Segmental);
                sc.t.radius.at(i, j, k) = static_cast<float>(2.26 - d * tv::testing::kSceneSpacingMm);
            }
    // The candidate: the axis voxel of slice 4 (not lumen itself), as the fine pass reports it.
    sc.s.at(10, 10, 4) = static_cast<float>(200);
    sc.t.lumen.at(10, 10, 4) = 0;
    sc.clot = tv::RawCandidate{};
    sc.clot.voxels = {sc.s.offset(10, 10, 4)};
    sc.clot.fromFine = true;
    sc.clot.fineMedianHu = 200;
    sc.clot.fineCoreHu = kCore;
    sc.clot.fineBloodHu = sectionBloodHu;
    sc.clot.fineHoleShare = 1.0;
    sc.clot.fineEnclosure = 0.9;
    return sc;
}
}  // namespace

TEST_CASE("fine core against section blood: a thin artery's working-grid lumen does not veto a native solid core", "[embolism][fine]") {
    const tv::testing::ScoringScene sc = thinArteryScene(kSectionBlood);
    tv::EmbolismParams on;
    REQUIRE(on.fineCoreAgainstSectionBlood);
    const tv::CandidateFeatures f = tv::testing::sceneFeatures(sc, on);
    CHECK(f.localBloodHu == Approx(kWorkingBlood));
    CHECK(f.coreContrastNorm == Approx((kSectionBlood - kCore) / (kSectionBlood - kMid)));
    CHECK(f.coreContrastNorm >= on.minCoreContrastNorm);
    CHECK(tv::scoreCandidate(f, on) > 0.0);

    tv::EmbolismParams off;
    off.fineCoreAgainstSectionBlood = false;
    const tv::CandidateFeatures g = tv::testing::sceneFeatures(sc, off);
    CHECK(g.coreContrastNorm == Approx((kWorkingBlood - kCore) / (kWorkingBlood - kMid)));
    CHECK(g.coreContrastNorm < off.minCoreContrastNorm);
    CHECK(tv::scoreCandidate(g, off) == 0.0);

    // The score's contrast term is unchanged by the rule: only the solid-core veto reads the section.
    CHECK(f.contrastNorm == Approx(g.contrastNorm));
}

TEST_CASE("fine core against section blood: without a section blood the working grid's lumen is the reference", "[embolism][fine]") {
    const tv::testing::ScoringScene sc = thinArteryScene(0.0);
    const tv::CandidateFeatures f = tv::testing::sceneFeatures(sc, tv::EmbolismParams{});
    CHECK(f.coreContrastNorm == Approx((kWorkingBlood - kCore) / (kWorkingBlood - kMid)));
    CHECK(tv::scoreCandidate(f, tv::EmbolismParams{}) == 0.0);
}

TEST_CASE("fine core against section blood: a mediastinal fine candidate keeps the working grid's lumen", "[embolism][fine]") {
    tv::testing::ScoringScene sc = thinArteryScene(kSectionBlood);
    for (std::size_t n = 0; n < sc.m.lungHull.voxelCount(); ++n) sc.m.lungHull[n] = 0;
    const tv::CandidateFeatures f = tv::testing::sceneFeatures(sc, tv::EmbolismParams{});
    CHECK(f.mediastinalShare == Approx(1.0));
    CHECK(f.coreContrastNorm == Approx((kWorkingBlood - kCore) / (kWorkingBlood - kMid)));
    CHECK(tv::scoreCandidate(f, tv::EmbolismParams{}) == 0.0);
}
