// Occlusions with lumen beyond, found from the cut-off piece (core/embolism/stump_occlusions.h, third
// search; EmbolismParams gap*): exact answers on binary scenes (1 mm grid, blood 450 HU, clot 60 HU,
// soft tissue 40 HU, fat -100 HU) with the maps findStumpPlugs reads built here directly. The lumen
// beyond an occlusion is coded as a cut-off piece (ArteryCode::MediastinalBranch, no arterial level),
// as the detector's tree codes it when the clot disconnects it from the trunk (README, s21-pe-occl).
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <set>

#include <Eigen/Core>

#include "embolism/candidate_scoring.h"
#include "embolism/candidates.h"
#include "embolism/stump_occlusions.h"
#include "plug_scene.h"
#include "test_support.h"
#include "tube_phantom.h"

namespace {
constexpr int kNx = 100, kNy = 60, kNz = 40;
constexpr float kBlood = 450, kFat = -100, kClot = 60, kSoft = 40;
constexpr double kFloorHu = -40, kCeilHu = 200;  // the detector's band for 450 HU blood
constexpr std::uint8_t kArtery = static_cast<std::uint8_t>(tv::ArteryCode::Central);
constexpr std::uint8_t kPiece = static_cast<std::uint8_t>(tv::ArteryCode::MediastinalBranch);

struct Voxel {
    float hu = kFat;
    std::uint8_t code = 0;  // tree code where hu is blood
};

using Scene = tvtest::PlugScene;

Scene scene(const std::function<Voxel(int, int, int)>& at, const tv::ImageGeometry& g = tvtest::grid(kNx, kNy, kNz, 1.0, 1.0, 1.0)) {
    return tvtest::paintedPlugScene(g, kFat, kBlood, at);
}

std::set<std::size_t> plugs(const Scene& t, const tv::EmbolismParams& p = {}) { return tvtest::plugOffsets(t, kFloorHu, kCeilHu, p); }

// Voxels of `t` holding clot (the answer).
std::set<std::size_t> clotVoxels(const Scene& t) { return tvtest::voxelsOfValue(t, kClot); }

// A parent artery along i (radius 6 mm, axis j = 15, k = 20, coded central) and a lobar-calibre branch
// of radius `branchR` (5 mm) along +j from it at i = 50 (axis k = 20 + branchDk) up to j = 55: clot from the
// parent's wall to j = clotEnd, the branch beyond it enhanced and coded `beyond`.
Scene occludedBranch(int clotEnd, std::uint8_t beyond, int branchDk = 0, double branchR = 5.0) {
    return scene([=](int i, int j, int k) {
        if (i >= 5 && i <= 95 && std::hypot(j - 15, k - 20) <= 6.0) return Voxel{kBlood, kArtery};
        if (j >= 15 && j <= 55 && std::hypot(i - 50, k - 20 - branchDk) <= branchR) return j <= clotEnd ? Voxel{kClot, 0} : Voxel{kBlood, beyond};
        return Voxel{};
    });
}
}  // namespace

TEST_CASE("gap occlusions: a branch occluded at its origin, lumen beyond, is found whole from the cut-off piece", "[embolism][unit]") {
    // Clot from the parent's wall (j = 21) to j = 36: 15 mm = 3 R; the parent's centreline runs along
    // i, past the clot, and its section across the branch's axis is the parent's side: the
    // centreline and face searches of the stump search find nothing.
    const Scene t = occludedBranch(36, kPiece);
    const auto found = plugs(t), truth = clotVoxels(t);
    std::size_t inside = 0;
    for (const std::size_t n : found) inside += truth.count(n);
    CHECK(inside == found.size());              // nothing outside the clot
    CHECK(found.size() >= 0.85 * truth.size());  // nearly all of it
    // Without the gap search (the detector before): nothing.
    tv::EmbolismParams off;
    off.gapFromCutOffPieces = false;
    CHECK(plugs(t, off).empty());
}

TEST_CASE("gap occlusions: no gap search where contrast does not part clot from lumen at the threshold", "[embolism][unit]") {
    // The occluded branch of the first test, with the noise the detector measured in the trunk:
    // (450 - 60) / 100 = 3.9 is under gapMinCnr (4), no gap; (450 - 60) / 90 = 4.3, the gap is found.
    Scene t = occludedBranch(36, kPiece);
    t.tree.noiseHu = 100;
    CHECK(plugs(t).empty());
    t.tree.noiseHu = 90;
    CHECK(plugs(t).size() >= 0.85 * clotVoxels(t).size());
}

TEST_CASE("gap occlusions: the gap is one candidate in the mediastinum, scored as a complete occlusion", "[embolism][unit]") {
    Scene t = occludedBranch(36, kPiece);
    const tv::EmbolismParams p;
    const auto [contrast, found] = tvtest::candidatesInMediastinum(t, kBlood, p);
    REQUIRE(found.candidates.size() == 1);
    const tv::RawCandidate& c = found.candidates[0];
    CHECK(c.fromStump);
    const tv::CandidateFeatures f = tv::computeFeatures(c, t.s, t.s, t.masks, t.tree, contrast, p);
    CHECK(f.complete);
    CHECK(std::abs(f.centroidVoxel[1] - 28.5) <= 1.5);  // the clot's middle (j = 21..36)
    CHECK(tv::scoreCandidate(f, p) >= p.operatingPoint);
}

TEST_CASE("gap occlusions: a vein beside the artery, walls 4 mm apart, is no gap", "[embolism][unit]") {
    // Artery along i (radius 5, j = 14), a vein without arterial level along i (radius 5, j = 28):
    // 4 mm of soft tissue between their walls over their whole length.
    const Scene t = scene([](int i, int j, int k) {
        if (i < 5 || i > 95) return Voxel{};
        if (std::hypot(j - 14, k - 20) <= 5.0) return Voxel{kBlood, kArtery};
        if (std::hypot(j - 28, k - 20) <= 5.0) return Voxel{kBlood, kPiece};
        if (j > 19 && j < 23 && std::abs(k - 20) <= 5) return Voxel{kSoft, 0};
        return Voxel{};
    });
    CHECK(plugs(t).empty());
    // The length rule (a gap at least max(5 mm, 1.5 R) long), not another test, rejects it.
    tv::EmbolismParams anyLength;
    anyLength.gapMinLengthMm = 0;
    anyLength.stumpMinPlugLengthRadii = 0;
    CHECK(!plugs(t, anyLength).empty());
}

TEST_CASE("gap occlusions: a piece facing the side of the parent off its axis (an oval section grazed) is no gap", "[embolism][unit]") {
    // The occluded branch with its axis 8 mm off the parent's (k = 28; the parent reaches k = 26): its runs along -j enter only a
    // sliver of the parent's lumen, no full mouth.
    const Scene t = occludedBranch(36, kPiece, 8);
    CHECK(plugs(t).empty());
    // The mouth rule (a full ring of lumen half a radius in), not another test, rejects it.
    tv::EmbolismParams anyMouth;
    anyMouth.stumpEndRadiusFraction = 0;
    CHECK(!plugs(t, anyMouth).empty());
}

TEST_CASE("gap occlusions: a gap between two cut-off pieces is an occlusion of lobar calibre away from the heart (gapFarMouthInPiece)", "[embolism][unit]") {
    // The occluded branch of the first test with the parent coded as a cut-off piece too: the far mouth has no
    // arterial level. pa-crop's left lower lobe artery around its occlusion [74,87,85] is piece lumen on both
    // sides (EmbolismParams::gapFarMouthInPiece, stop 52, on by default since stop 53): with it the gap is found whole,
    // as in the first test.
    const auto allPieces = [](Scene t) {
        for (std::size_t n = 0; n < t.tree.connected.voxelCount(); ++n)
            if (t.tree.connected[n]) t.tree.connected[n] = kPiece;
        return t;
    };
    const Scene t = allPieces(occludedBranch(36, kPiece));
    const tv::EmbolismParams on;  // on by default since stop 53 (its seeds: occlusion_search_params.h)
    REQUIRE(on.gapFarMouthInPiece);
    tv::EmbolismParams off = on;
    off.gapFarMouthInPiece = false;
    const auto found = plugs(t, on), truth = clotVoxels(t);
    CHECK(tvtest::countInside(found, truth) == found.size());  // nothing outside the clot
    CHECK(found.size() >= 0.85 * truth.size());
    // Without the rule, not another test, nothing.
    CHECK(plugs(t, off).empty());
    // Wider than a lobar artery (band radius over gapUntracedMaxRadiusMm, 5 mm): two pieces 6 mm in radius, as the
    // raised C3N-00247 background's run at the midline (its finding's vessel radius 7 mm), are no gap.
    const Scene wide = allPieces(occludedBranch(36, kPiece, 0, 6.0));
    CHECK(plugs(wide, on).empty());
    tv::EmbolismParams anyWidth = on;
    anyWidth.gapUntracedMaxRadiusMm = 6.5;
    CHECK(!plugs(wide, anyWidth).empty());  // the calibre limit, not another test, rejects it
    // Its far mouth within gapUntracedMinHeartDistanceMm (15 mm) of the heart: no gap (a pulmonary vein enters the
    // left atrium).
    Scene nearHeart = t;
    for (int k = 10; k < 30; ++k)
        for (int j = 24; j < 50; ++j)
            for (int i = 58; i < 66; ++i) nearHeart.masks.heart.at(i, j, k) = 1;  // 8 mm beside the branch, 10 mm from the parent
    CHECK(plugs(nearHeart, on).empty());
    // A gap between pieces is at least gapBetweenPiecesMinLengthRadii x its band radius long: the 15 mm clot passes at
    // 2 (the default), not at 4 (20 mm); the limit is the pieces' only: between a piece and arterial lumen it is found.
    tv::EmbolismParams longer = on;
    longer.gapBetweenPiecesMinLengthRadii = 4.0;
    CHECK(plugs(t, longer).empty());
    CHECK(plugs(occludedBranch(36, kPiece), longer).size() >= 0.85 * truth.size());
}

TEST_CASE("gap occlusions: on 3 mm slices an artery crossing the slices obliquely is found from its cut-off piece", "[embolism][unit]") {
    // 1 x 1 x 3 mm grid (C3N-00247's working grid is 1.13 x 1.13 x 3 mm). An artery of radius 5 mm
    // along (sin 30, 0, cos 30) degrees from the slice normal: lumen coded central up to 7.5 mm before
    // the axis point (30, 30, 45 mm), clot over the next 15 mm (3 R), the lumen beyond coded as a
    // cut-off piece. Each slice cuts it in an ellipse, so the end face's voxels see their own
    // slice's section off-centre.
    const tv::ImageGeometry g = tvtest::grid(60, 60, 30, 1.0, 1.0, 3.0);
    const Eigen::Vector3d c0(30, 30, 45), axis(0.5, 0, std::sqrt(0.75));
    const Scene t = scene(
        [&](int i, int j, int k) {
            const Eigen::Vector3d x = Eigen::Vector3d(i, j, 3.0 * k) - c0;
            const double along = x.dot(axis);
            if (std::abs(along) > 33 || (x - along * axis).norm() > 5.0) return Voxel{};
            if (along < -7.5) return Voxel{kBlood, kArtery};
            return along <= 7.5 ? Voxel{kClot, 0} : Voxel{kBlood, kPiece};
        },
        g);
    const auto gapVoxels = [&](const tv::EmbolismParams& p) {
        std::set<std::size_t> out;
        for (const auto& v : tv::findStumpPlugs(t.s, t.masks, t.tree, kFloorHu, kCeilHu, p, tv::neverCancel()))
            if (v.gap) out.insert(v.offset);
        return out;
    };
    const auto found = gapVoxels({}), truth = clotVoxels(t);
    std::size_t inside = 0;
    for (const std::size_t n : found) inside += truth.count(n);
    CHECK(inside == found.size());
    // Cylinders of the gap's calibre along the face normals: a slice's end face tilted against the
    // axis leaves the clot's corners out (281 of 375 voxels).
    CHECK(found.size() >= 0.7 * truth.size());
    // The normal's wider ball of 1.5 slices (faceNormalMinBallSpacings), not another test, finds it: a
    // 3 mm ball holds one voxel of each neighbouring slice, the end face's normals lie nearly in-plane,
    // and the runs along them leave the artery through its side.
    tv::EmbolismParams flat;
    flat.faceNormalMinBallSpacings = 0;
    CHECK(gapVoxels(flat).empty());
}

namespace {
// An embolus lodged where its artery narrows: a parent along i (radius 9 mm, axis j = 15, k = 20, coded
// central) and a branch along +j at i = 50 of radius 8 mm from the parent's wall to j = 44, filled by clot
// there (20 mm), continuing beyond it up to j = 57 as enhanced lumen coded as a cut-off piece: where
// `beyond(i, k)` holds. The gap's calibre, from the clot's band tissue, is 8 mm.
Scene occludedNarrowing(const std::function<bool(int, int)>& beyond) {
    return scene([=](int i, int j, int k) {
        if (i >= 5 && i <= 95 && std::hypot(j - 15, k - 20) <= 9.0) return Voxel{kBlood, kArtery};
        if (j >= 15 && j <= 44 && std::hypot(i - 50, k - 20) <= 8.0) return Voxel{kClot, 0};
        if (j > 44 && j <= 57 && beyond(i, k)) return Voxel{kBlood, kPiece};
        return Voxel{};
    });
}
}  // namespace

TEST_CASE("gap occlusions: an occlusion with a thinner branch beyond is found from that branch (the mouth sized by its own lumen)",
          "[embolism][unit]") {
    // Lumen of 4 mm radius beyond an 8 mm clot: a ring of 0.6 x 8 = 4.8 mm (the gap's calibre) lies
    // outside it; the branch's own calibre sizes the ring (about 2.4 mm), and the occlusion is found,
    // nothing beyond the clot (pa-crop round 1's 8.5 mm left-PA occlusion, 5 mm lumen beyond: README).
    const Scene t = occludedNarrowing([](int i, int k) { return std::hypot(i - 50, k - 20) <= 4.0; });
    const auto found = plugs(t), truth = clotVoxels(t);
    std::size_t inside = 0;
    for (const std::size_t n : found) inside += truth.count(n);
    CHECK(inside == found.size());
    CHECK(found.size() >= 0.85 * truth.size());
}

TEST_CASE("gap occlusions: a branch beyond a clot thinner than the mouth minimum is not a mouth", "[embolism][unit]") {
    // The 4 mm branch beyond the 8 mm clot of the previous test: with the minimum mouth calibre
    // (gapMouthMinRadiusMm, a segmental artery's 2 mm by default) above the branch's own calibre, no gap:
    // the minimum reads the mouth's lumen, not the gap's band calibre (8 mm). On a 1 mm grid a ring of
    // 0.6 x a calibre under 2 mm falls on the nearest voxels, which a strand of lumen fills.
    const Scene t = occludedNarrowing([](int i, int k) { return std::hypot(i - 50, k - 20) <= 4.0; });
    tv::EmbolismParams wider;
    wider.gapMouthMinRadiusMm = 5.0;
    CHECK(plugs(t, wider).empty());
    wider.gapMouthMinRadiusMm = 3.5;
    CHECK(!plugs(t, wider).empty());
}

TEST_CASE("gap occlusions: the artery beyond an occlusion reached through the heart only is a far mouth", "[embolism][unit]") {
    // The occluded branch of the first test with its two sides coded as pa-crop round 0 clot 3's are
    // (README, s24-pa-r0c3): the parent, the artery before the clot, a cut-off piece (a lobar artery
    // outside the hilar zone), the branch beyond the clot ViaHeart lumen (reached through a pulmonary
    // vein it touches). The run from the parent's face crosses the clot (j = 21..36) into it.
    Scene t = occludedBranch(36, static_cast<std::uint8_t>(tv::ArteryCode::ViaHeart));
    for (std::size_t n = 0; n < t.tree.connected.voxelCount(); ++n)
        if (t.tree.connected[n] == kArtery) t.tree.connected[n] = kPiece;
    const auto found = plugs(t), truth = clotVoxels(t);
    std::size_t inside = 0;
    for (const std::size_t n : found) inside += truth.count(n);
    CHECK(inside == found.size());               // nothing outside the clot
    // 1253 of the 1303 clot voxels: the cylinders of the gap's calibre along the parent's face normals
    // leave out corners of the branch's origin, as in the first test.
    CHECK(found.size() == 1253);
    // Without the rule (gapFarMouthViaHeart), not another test, nothing: the far mouth has no arterial level.
    tv::EmbolismParams arterialOnly;
    arterialOnly.gapFarMouthViaHeart = false;
    CHECK(plugs(t, arterialOnly).empty());
    // Runs start from pieces only: with both sides ViaHeart lumen (a pulmonary vein's faces) nothing.
    for (std::size_t n = 0; n < t.tree.connected.voxelCount(); ++n)
        if (t.tree.connected[n]) t.tree.connected[n] = static_cast<std::uint8_t>(tv::ArteryCode::ViaHeart);
    CHECK(plugs(t).empty());
}
