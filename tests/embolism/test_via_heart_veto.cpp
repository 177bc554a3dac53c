// The via-heart veto (EmbolismParams::viaHeartVeto, candidate_scoring.cpp): on CTPA a mostly mediastinal
// candidate whose faces onto the arterial tree lie mostly on lumen the tree reaches through the heart only
// (ArteryCode::ViaHeart: a pulmonary vein or a chamber) scores 0, though an artery's coded voxel lies in
// its box. Exact answers on a binary tube along k on the C3N-00247 working grid (1.125 x 1.125 x 3 mm,
// working_tube_scene.h), outside the lung hull (mediastinal share 1).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <string>

#include "embolism/artery_levels.h"
#include "embolism/candidate_scoring.h"
#include "working_tube_scene.h"

namespace {
using tvtest::kCi;
using tvtest::kCj;
using tvtest::kN;
using tvtest::kSlices;
using tvtest::TubeScene;
using tvtest::tube;

constexpr std::uint8_t kCentral = static_cast<std::uint8_t>(tv::ArteryCode::Central);
constexpr std::uint8_t kViaHeart = static_cast<std::uint8_t>(tv::ArteryCode::ViaHeart);

// Clot of 3 x 3 voxels over slices 13-17 (45 voxels, 3.4 x 3.4 x 15 mm, a solid core of 60 HU): its faces,
// 12 in-plane per slice and 9 above and 9 below, 78, all onto the tube's lumen.
bool clotBlock(int di, int dj, int k) { return k >= 13 && k <= 17 && std::abs(di) <= 1 && std::abs(dj) <= 1; }

tv::RawCandidate clotCandidate(const TubeScene& t) {
    tv::RawCandidate c;
    for (int k = 0; k < kSlices; ++k)
        for (int dj = -1; dj <= 1; ++dj)
            for (int di = -1; di <= 1; ++di)
                if (clotBlock(di, dj, k)) c.voxels.push_back(t.s.offset(kCi + di, kCj + dj, k));
    std::sort(c.voxels.begin(), c.voxels.end());
    return c;
}

// Recodes the tree's voxels for which `viaHeart(di, dj)` holds as ViaHeart, the others central.
template <class Pred>
void recode(TubeScene& t, Pred viaHeart) {
    for (int k = 0; k < kSlices; ++k)
        for (int j = 0; j < kN; ++j)
            for (int i = 0; i < kN; ++i)
                if (t.tree.connected.at(i, j, k)) t.tree.connected.at(i, j, k) = viaHeart(i - kCi, j - kCj) ? kViaHeart : kCentral;
}

}  // namespace

TEST_CASE("a mediastinal defect in lumen reached through the heart only scores 0 on CTPA, beside central-coded voxels", "[embolism][unit]") {
    TubeScene t = tube(16, clotBlock);  // lumen radius about 4.6 mm
    const tv::RawCandidate c = clotCandidate(t);
    REQUIRE(c.voxels.size() == 45);
    const tv::ContrastResult ctpa = tvtest::tubeContrast(tv::ContrastState::Adequate);
    const tv::EmbolismParams p;
    REQUIRE(p.viaHeartVeto);
    tv::EmbolismParams off = p;
    off.viaHeartVeto = false;

    // The tube coded central: no face on via-heart lumen; a finding at the operating point.
    const tv::CandidateFeatures central = tv::computeFeatures(c, t.s, t.s, t.masks, t.tree, ctpa, p);
    REQUIRE(central.mediastinalShare == 1.0);
    CHECK(central.viaHeartFaceShare == 0.0);
    std::string dump;
    for (const auto& [k, v] : tv::featureMap(central)) dump += k + " " + std::to_string(v) + "; ";
    INFO(dump);
    const double centralScore = tv::scoreCandidate(central, p);
    CHECK(centralScore >= p.operatingPoint);

    // The lumen within 2 voxels of the axis (every face of the clot) reached through the heart only, the
    // tube's rim (di >= 3) central: the rim keeps the candidate on the arterial tree (its box reaches
    // radius + 1 voxel), every one of the 78 faces is on via-heart lumen.
    recode(t, [](int di, int) { return di <= 2; });
    const tv::CandidateFeatures vein = tv::computeFeatures(c, t.s, t.s, t.masks, t.tree, ctpa, p);
    REQUIRE(vein.onArterialTree);
    CHECK(vein.viaHeartFaceShare == 1.0);
    CHECK(tv::scoreCandidate(vein, p) == 0.0);
    // Without the veto every other feature is that of the central tube: the same score.
    CHECK(tv::scoreCandidate(vein, off) == Approx(centralScore));
    // Not on a venous-phase scan (the tree there stops short of many arteries, README).
    const tv::CandidateFeatures venous = tv::computeFeatures(c, t.s, t.s, t.masks, t.tree, tvtest::tubeContrast(tv::ContrastState::Suboptimal), p);
    CHECK(venous.viaHeartFaceShare == 1.0);
    CHECK(tv::scoreCandidate(venous, p) == Approx(tv::scoreCandidate(venous, off)));

    // Via heart on the side dj <= -1 only: per slice the 3 faces of row dj = -1 onto dj = -2 and the 2 at
    // its ends, 5 x 5, and that row's 3 faces above and 3 below: 31 of 78 (0.397), under half.
    recode(t, [](int, int dj) { return dj <= -1; });
    const tv::CandidateFeatures side = tv::computeFeatures(c, t.s, t.s, t.masks, t.tree, ctpa, p);
    CHECK(side.viaHeartFaceShare == Approx(31.0 / 78.0));
    CHECK(tv::scoreCandidate(side, p) == Approx(centralScore));
}

TEST_CASE("a complete occlusion's plug in lumen reached through the heart only is spared the veto when asked", "[embolism][unit]") {
    // The artery beyond an occlusion is reached through the heart only because the clot cut it off
    // (EmbolismParams::viaHeartSparesStumps): the same clot, now a stump candidate (all of it plug).
    TubeScene t = tube(16, clotBlock);
    tv::RawCandidate c = clotCandidate(t);
    c.fromStump = true;
    c.stumpPlugShare = 1.0;
    recode(t, [](int di, int) { return di <= 2; });
    const tv::ContrastResult ctpa = tvtest::tubeContrast(tv::ContrastState::Adequate);
    tv::EmbolismParams p;
    p.viaHeartSparesStumps = false;
    tv::EmbolismParams spares = p;
    spares.viaHeartSparesStumps = true;
    tv::EmbolismParams off = p;
    off.viaHeartVeto = false;
    const tv::CandidateFeatures f = tv::computeFeatures(c, t.s, t.s, t.masks, t.tree, ctpa, p);
    REQUIRE(f.stump);
    REQUIRE(f.viaHeartFaceShare == 1.0);
    const double unvetoed = tv::scoreCandidate(f, off);
    REQUIRE(unvetoed > 0.0);
    CHECK(tv::scoreCandidate(f, p) == 0.0);
    CHECK(tv::scoreCandidate(f, spares) == Approx(unvetoed));
    // A candidate that is no stump keeps the veto with the option on.
    c.fromStump = false;
    c.stumpPlugShare = 0.0;
    const tv::CandidateFeatures notStump = tv::computeFeatures(c, t.s, t.s, t.masks, t.tree, ctpa, spares);
    CHECK(tv::scoreCandidate(notStump, spares) == 0.0);
}
