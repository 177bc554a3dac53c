// The calibre of a two-sided lung occlusion's artery on the blood, not the zone-limited lumen
// (core/embolism/blood_calibre.h, EmbolismParams::occlusionBloodCalibreMaxMm, s34-hilumzone). Exact
// answers on the working grid's spacing (1.13 x 1.13 x 3 mm): a 9 mm-wide artery along k in the lung hull
// whose vessel zone holds only its half j < 20 (the lumen), as the zone cuts the right interlobar artery of
// raised C3N-00247, and a clot filling its whole section for k 12-16 (15 mm).
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "embolism/artery_levels.h"
#include "embolism/blood_calibre.h"
#include "embolism/candidate_scoring.h"
#include "embolism/candidates.h"
#include "embolism/volume_ops.h"
#include "scoring_scene.h"
#include "test_support.h"

namespace {
constexpr int kNx = 40, kNy = 40, kNz = 30;
constexpr double kSpacing = tv::testing::kSceneSpacingMm;
constexpr double kBlood = tv::testing::kSceneBloodHu, kClot = 60, kRadius = 4.5;

bool inTube(int i, int j, int k) { return k >= 2 && k <= 27 && std::hypot((i - 20.0) * kSpacing, (j - 20.0) * kSpacing) <= kRadius; }
bool inClot(int i, int j, int k) { return inTube(i, j, k) && k >= 12 && k <= 16; }

using Scene = tv::testing::ScoringScene;

Scene scene() {
    Scene sc = tv::testing::emptyScoringScene(kNx, kNy, kNz);
    for (int k = 0; k < kNz; ++k)
        for (int j = 0; j < kNy; ++j)
            for (int i = 0; i < kNx; ++i) {
                if (inClot(i, j, k)) sc.s.at(i, j, k) = static_cast<float>(kClot), sc.clot.voxels.push_back(sc.s.offset(i, j, k));
                else if (inTube(i, j, k)) sc.s.at(i, j, k) = static_cast<float>(kBlood);
                // The zone-limited lumen: the artery's half j < 20, coded lobar.
                if (inTube(i, j, k) && !inClot(i, j, k) && j < 20) sc.t.lumen.at(i, j, k) = 1, sc.t.connected.at(i, j, k) = static_cast<std::uint8_t>(tv::ArteryCode::Lobar);
            }
    sc.t.radius = tv::distanceInsideMm(tv::closeMm(sc.t.lumen, 2.5));
    return sc;
}
}  // namespace

TEST_CASE("blood calibre: a zone-cut artery measures its whole section on the blood, its half on the lumen", "[embolism][unit]") {
    const Scene sc = scene();
    const double blood = tv::bloodCalibreMm(sc.clot.voxels, sc.s, sc.m, sc.t, 2, 2.5, 8.0);
    // The tube's radius is 4.5 mm: the wall distance of its axis voxels two slices (6 mm) beyond the clot.
    CHECK(blood >= 4.0);
    CHECK(blood <= 5.1);
    // The cap holds.
    CHECK(tv::bloodCalibreMm(sc.clot.voxels, sc.s, sc.m, sc.t, 2, 2.5, 2.0) == Approx(2.0));
    // On the heart mask (a chamber beside the artery is no part of it): only the lumen counts.
    Scene heart = scene();
    heart.m.heart = tv::Mask(heart.s.geometry(), 1);
    CHECK(tv::bloodCalibreMm(heart.clot.voxels, heart.s, heart.m, heart.t, 2, 2.5, 8.0) <= 2.6);
}

TEST_CASE("blood calibre: a clot filling a zone-cut lung artery passes the two-sided occlusion's width test (occlusionBloodCalibreMaxMm)", "[embolism][unit]") {
    const Scene sc = scene();
    tv::EmbolismParams p;
    REQUIRE(p.occlusionBloodCalibreMaxMm == Approx(8.0));
    const tv::CandidateFeatures on = tv::testing::sceneFeatures(sc, p);
    REQUIRE(on.cutoff);
    REQUIRE(on.lumenSides == 2);
    // The lumen's half-artery: radius about 2.3 mm; the clot's half-width about sqrt(5/4) x 4.5 mm = 5.0 mm.
    CHECK(on.vesselRadiusMm <= 2.6);
    CHECK(on.minorSemiAxisMm > p.occlusionMaxWidthToRadius * on.vesselRadiusMm);
    CHECK(on.bloodCalibreMm >= 4.0);
    CHECK(on.minorSemiAxisMm <= p.occlusionMaxWidthToRadius * on.bloodCalibreMm);
    CHECK(tv::scoreCandidate(on, p) > 0.5);
    // Rule off: the zone-limited lumen's radius vetoes it as wider than its artery.
    p.occlusionBloodCalibreMaxMm = 0;
    const tv::CandidateFeatures off = tv::testing::sceneFeatures(sc, p);
    CHECK(off.bloodCalibreMm == 0.0);
    CHECK(tv::scoreCandidate(off, p) == 0.0);
}
