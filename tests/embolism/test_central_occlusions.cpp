// Massive central occlusions (core/embolism/central_occlusions.h): a clot filling a main pulmonary
// artery 28 mm across from its origin at the side of the patent central lumen over 40 mm, beyond it the
// enhanced artery the tree no longer reaches (a cut-off piece). The closings bridge at most about 18 mm;
// no stump plug starts there (the central lumen's axis runs past the origin, not into it), and a gap run
// from the piece is longer than gapMaxLengthMm (30 mm). The pa-crop clots this rule was made for are 15-60
// mm long and 20-30 mm across (s31-centralocc notes: the gap runs through them break or find no far side
// within the window). Exact answers on binary scenes (1 mm grid, blood 450 HU, clot 60 HU, fat -100 HU):
// the central lumen along j at i = 20 (radius 8, k = 30), the clot along i from 29 to 68 about j = k = 30,
// the piece along i from 69 to 116 (radius 6). A branching clot adds two arms of the clot's radius at
// i = 48 along +j and +k (25 mm): a mass spread in all three directions, as a clot filling the trunk's
// bifurcation and a main artery's origin is (s31-wideveto).
#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <utility>
#include <vector>

#include "embolism/candidate_scoring.h"
#include "embolism/central_occlusions.h"
#include "plug_scene.h"
#include "test_support.h"
#include "tube_phantom.h"

namespace {
constexpr int kNx = 120, kNy = 60, kNz = 60, kAxis = 30, kCentralI = 20, kClotFrom = 29, kClotTo = 68, kArmI = 48;
constexpr float kBlood = 450, kFat = -100, kClot = 60;
constexpr double kFloorHu = -40, kCeilHu = 200;  // the detector's band for 450 HU blood
constexpr std::uint8_t kPiece = static_cast<std::uint8_t>(tv::ArteryCode::MediastinalBranch);
constexpr std::uint8_t kCentral = static_cast<std::uint8_t>(tv::ArteryCode::Central);

struct Occlusion {
    double clotR = 14;         // the clot's radius (the occluded artery's), mm
    bool pieceBeyond = true;   // the artery beyond the clot enhanced (a cut-off piece), or fat
    int armMm = 0;             // two branching arms this long (0: none), see above
};

tvtest::PlugScene scene(const Occlusion& o) {
    const tv::ImageGeometry g = tvtest::grid(kNx, kNy, kNz, 1.0, 1.0, 1.0);
    tvtest::PlugScene t = tvtest::emptyPlugScene(g, kFat);
    const auto lumen = [&](int i, int j, int k, std::uint8_t code) {
        t.s.at(i, j, k) = kBlood;
        t.tree.lumen.at(i, j, k) = 1;
        t.tree.connected.at(i, j, k) = code;
    };
    for (int k = 0; k < kNz; ++k)
        for (int j = 0; j < kNy; ++j)
            for (int i = 0; i < kNx; ++i) {
                const double rho = std::hypot(j - kAxis, k - kAxis);
                if (j >= 3 && j <= kNy - 4 && std::hypot(i - kCentralI, k - kAxis) <= 8) lumen(i, j, k, kCentral);
                else if (i >= kClotFrom && i <= kClotTo && rho <= o.clotR) t.s.at(i, j, k) = kClot;
                else if (o.armMm > 0 && ((std::hypot(i - kArmI, j - kAxis) <= o.clotR && k >= kAxis && k <= kAxis + o.armMm) ||
                                         (std::hypot(i - kArmI, k - kAxis) <= o.clotR && j >= kAxis && j <= kAxis + o.armMm)))
                    t.s.at(i, j, k) = kClot;
                else if (o.pieceBeyond && i > kClotTo && i <= kNx - 4 && rho <= 6) lumen(i, j, k, kPiece);
            }
    tv::testing::finishTestTree(t.tree, kBlood, 255);
    tv::testing::putInMediastinum(t.masks, g, kBlood);
    return t;
}

std::set<std::size_t> found(const tvtest::PlugScene& t, const tv::EmbolismParams& p = {}) {
    std::set<std::size_t> out;
    for (const auto& v : tv::findCentralOcclusions(t.s, t.masks, t.tree, kFloorHu, kCeilHu, p, tv::neverCancel())) out.insert(v.offset);
    return out;
}
tv::EmbolismParams ruleOff() {
    tv::EmbolismParams p;
    p.centralOcclusionCoreDepthMm = 0;
    return p;
}
}  // namespace

TEST_CASE("central occlusions: a clot filling a 14 mm main artery from the central lumen to its cut-off piece is found", "[embolism][unit]") {
    const tvtest::PlugScene t = scene(Occlusion{});
    const auto f = found(t), truth = tvtest::voxelsOfValue(t, kClot);
    CHECK(tvtest::countInside(f, truth) == f.size());      // nothing outside the clot
    CHECK(f.size() >= 0.9 * truth.size());    // nearly all of it
    CHECK(found(t, ruleOff()).empty());       // the rule off: nothing
}

namespace {
// The findings (candidates at or above the operating point) of the scene of o with parameters p.
std::vector<std::pair<tv::RawCandidate, tv::CandidateFeatures>> findingsOf(const Occlusion& o, const tv::EmbolismParams& p) {
    tvtest::PlugScene t = scene(o);
    const auto [contrast, result] = tvtest::candidatesInMediastinum(t, kBlood, p);
    std::vector<std::pair<tv::RawCandidate, tv::CandidateFeatures>> out;
    for (const tv::RawCandidate& c : result.candidates) {
        const tv::CandidateFeatures f = tv::computeFeatures(c, t.s, t.s, t.masks, t.tree, contrast, p);
        INFO("candidate of " << c.voxels.size() << " voxels, stump " << c.fromStump << ", central mass " << c.centralMass << ", score "
                             << tv::scoreCandidate(f, p) << ", minor semi-axis " << f.minorSemiAxisMm << " mm, radius " << f.vesselRadiusMm);
        CHECK(true);
        if (tv::scoreCandidate(f, p) >= p.operatingPoint) out.emplace_back(c, f);
    }
    return out;
}
}  // namespace

TEST_CASE("central occlusions: a clot filling a branching, wider than 1.25 x its core, is found and the width limit at 1.25 vetoes it", "[embolism][unit]") {
    const Occlusion branching{11, true, 25};
    const auto truth = tvtest::voxelsOfValue(scene(branching), kClot);
    const auto on = findingsOf(branching, tv::EmbolismParams{});
    REQUIRE(on.size() == 1);
    const auto& [c, f] = on[0];
    CHECK(c.centralMass);
    CHECK(f.complete);
    // Wider than the general 1.25 x its radius (the deepest core), within the central masses' limit.
    CHECK(f.minorSemiAxisMm > 1.25 * f.vesselRadiusMm);
    CHECK(f.minorSemiAxisMm < tv::EmbolismParams{}.centralOcclusionMaxWidthToRadius * f.vesselRadiusMm);
    std::set<std::size_t> voxels(c.voxels.begin(), c.voxels.end());
    CHECK(tvtest::countInside(voxels, truth) == voxels.size());
    CHECK(voxels.size() >= 0.9 * truth.size());
    tv::EmbolismParams off;
    off.centralOcclusionMaxWidthToRadius = off.maxDefectWidthToRadius;
    CHECK(findingsOf(branching, off).empty());
}

TEST_CASE("central occlusions: one finding above the operating point, a complete occlusion, none with the rule off", "[embolism][unit]") {
    const auto truth = tvtest::voxelsOfValue(scene(Occlusion{}), kClot);
    // The findings (candidates at or above the operating point) of the scene with parameters p.
    const auto findings = [&](const tv::EmbolismParams& p) {
        tvtest::PlugScene t = scene(Occlusion{});
        const auto [contrast, result] = tvtest::candidatesInMediastinum(t, kBlood, p);
        std::vector<std::pair<tv::RawCandidate, tv::CandidateFeatures>> out;
        for (const tv::RawCandidate& c : result.candidates) {
            const tv::CandidateFeatures f = tv::computeFeatures(c, t.s, t.s, t.masks, t.tree, contrast, p);
            INFO("candidate of " << c.voxels.size() << " voxels, stump " << c.fromStump << ", score " << tv::scoreCandidate(f, p));
            CHECK(true);
            if (tv::scoreCandidate(f, p) >= p.operatingPoint) out.emplace_back(c, f);
        }
        return out;
    };
    const auto on = findings(tv::EmbolismParams{});
    REQUIRE(on.size() == 1);
    const auto& [c, f] = on[0];
    CHECK(c.fromStump);
    CHECK(f.complete);
    std::set<std::size_t> voxels(c.voxels.begin(), c.voxels.end());
    CHECK(tvtest::countInside(voxels, truth) == voxels.size());
    CHECK(voxels.size() >= 0.9 * truth.size());
    // The rule off (the detector before): no finding (no closing bridges 28 mm, no stump plug starts
    // there, the gap runs are too long).
    CHECK(findings(ruleOff()).empty());
}

TEST_CASE("central occlusions: a core shallower than centralOcclusionMinDepthMm is no main artery's clot", "[embolism][unit]") {
    // A 7 mm artery: the clot's core is about 8 mm deep (the nearest voxel outside it; under the 9 mm bound).
    const tvtest::PlugScene t = scene(Occlusion{7, true});
    CHECK(found(t).empty());
    tv::EmbolismParams shallow;
    shallow.centralOcclusionMinDepthMm = 6;
    CHECK(!found(t, shallow).empty());  // the depth bound, not another test, rejects it
}

TEST_CASE("central occlusions: band tissue beside central lumen with no cut-off piece beyond is not taken", "[embolism][unit]") {
    CHECK(found(scene(Occlusion{14, false})).empty());
}
