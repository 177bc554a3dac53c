// Complete occlusions found beyond blunt artery ends (core/embolism/stump_occlusions.h): exact answers
// on a binary tube along i (1 mm grid, radius 6 mm, blood 450 HU in fat) with the maps
// findStumpPlugs reads built here directly, then candidate generation and scoring on them.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <set>

#include "embolism/candidate_scoring.h"
#include "embolism/candidates.h"
#include "embolism/ray_geometry.h"
#include "embolism/stump_occlusions.h"
#include "embolism/volume_ops.h"
#include "plug_scene.h"
#include "test_support.h"
#include "tube_phantom.h"

namespace {
constexpr int kNi = 100, kN = 40, kC = 20;
constexpr float kBlood = 450, kFat = -100, kClot = 60, kSoft = 40;
constexpr double kFloorHu = -40, kCeilHu = 200;  // the detector's band for 450 HU blood

using Scene = tvtest::PlugScene;

// `value(i, rho)`: HU at column i and distance rho (mm) from the tube's axis; lumen where it is blood.
Scene scene(const std::function<float(int, double)>& value) {
    const tv::ImageGeometry g = tvtest::grid(kNi, kN, kN, 1.0, 1.0, 1.0);
    Scene t = tvtest::emptyPlugScene(g, kFat);
    for (int k = 0; k < kN; ++k)
        for (int j = 0; j < kN; ++j)
            for (int i = 0; i < kNi; ++i) {
                const float v = value(i, std::hypot(j - kC, k - kC));
                t.s.at(i, j, k) = v;
                t.tree.lumen.at(i, j, k) = v == kBlood ? 1 : 0;
            }
    t.tree.connected = t.tree.lumen;  // code 1: central (artery_levels.h)
    t.tree.bloodHu = kBlood;
    t.tree.lumenThresholdHu = 255;
    t.tree.radius = tv::distanceInsideMm(tv::closeMm(t.tree.lumen, 2.5));
    return t;
}

std::set<std::size_t> plugs(const Scene& t, const tv::EmbolismParams& p = {}) { return tvtest::plugOffsets(t, kFloorHu, kCeilHu, p); }

// Voxels of `t` holding clot (the answer).
std::set<std::size_t> clotVoxels(const Scene& t) { return tvtest::voxelsOfValue(t, kClot); }
}  // namespace

TEST_CASE("stump plugs: a complete plug between enhanced lumen, or with an unenhanced distal artery, is found whole", "[embolism][unit]") {
    // Plug i = 40..60 across the whole 6 mm lumen; contrast continues beyond it (inserted clots).
    const Scene bridged = scene([](int i, double rho) { return rho > 6.0 || i < 5 || i > 95 ? kFat : (i >= 40 && i <= 60 ? kClot : kBlood); });
    // Plug from i = 51 to the tube's end at i = 80: the distal artery unenhanced (a real occlusion).
    const Scene distal = scene([](int i, double rho) { return rho > 6.0 || i < 5 || i > 80 ? kFat : (i > 50 ? kClot : kBlood); });
    for (const Scene* t : {&bridged, &distal}) {
        const auto found = plugs(*t), truth = clotVoxels(*t);
        std::size_t inside = 0;
        for (const std::size_t n : found) inside += truth.count(n);
        CHECK(inside == found.size());               // nothing outside the clot
        CHECK(found.size() >= 0.9 * truth.size());    // nearly all of it
    }
}

TEST_CASE("stump plugs: a tapering vessel end or a blunt end in fat gives none, even inside soft tissue", "[embolism][unit]") {
    // Radius 6 mm up to i = 50, then narrowing linearly to 0 at i = 74, inside a soft-tissue block
    // in the thrombus band (the worst case: all that surrounds the end could pass for clot).
    const Scene taper = scene([](int i, double rho) {
        const double radius = i <= 50 ? 6.0 : 6.0 * (1.0 - (i - 50) / 24.0);
        if (i >= 5 && rho <= radius) return kBlood;
        return i >= 45 ? kSoft : kFat;
    });
    CHECK(plugs(taper).empty());
    const Scene bluntInFat = scene([](int i, double rho) { return rho > 6.0 || i < 5 || i > 50 ? kFat : kBlood; });
    CHECK(plugs(bluntInFat).empty());
}

TEST_CASE("stump plugs: a blunt end against a block of soft tissue is a slab, not a plug", "[embolism][unit]") {
    // The lumen ends bluntly at i = 50 and soft tissue of the thrombus band fills everything beyond
    // (a lymph node or unenhanced chamber against a vessel end): every plug cross-section passes,
    // but the ring at max(1.6 R, R + 2.5 mm) = 9.6 mm around it is band tissue all around.
    const Scene slab = scene([](int i, double rho) {
        if (i > 50) return kSoft;
        return i >= 5 && rho <= 6.0 ? kBlood : kFat;
    });
    CHECK(plugs(slab).empty());
    // Without the sleeve rule the same end is taken for a plug (the rule, not another test, rejects it).
    tv::EmbolismParams noSleeve;
    noSleeve.stumpMaxSleeveShare = 1.0;
    CHECK(plugs(slab, noSleeve).size() > 100);
    // A plug of the vessel's calibre in soft tissue that leaves fat on one side (an artery against
    // the mediastinum: soft tissue beyond 7.5 mm on the +j half): about half of each ring is band
    // tissue, under the 0.9 limit: still found whole, none of its voxels outside the clot.
    Scene half = scene([](int i, double rho) { return rho > 6.0 || i < 5 || i > 95 ? kFat : (i >= 40 && i <= 60 ? kClot : kBlood); });
    for (int k = 0; k < kN; ++k)
        for (int j = kC; j < kN; ++j)
            for (int i = 0; i < kNi; ++i)
                if (half.s.at(i, j, k) == kFat && std::hypot(j - kC, k - kC) > 7.5) half.s.at(i, j, k) = kSoft;
    const auto found = plugs(half), truth = clotVoxels(half);
    std::size_t inside = 0;
    for (const std::size_t n : found) inside += truth.count(n);
    CHECK(found.size() >= 0.9 * truth.size());
    CHECK(inside == found.size());
}

TEST_CASE("stump plugs: the plug is one candidate, scored above the operating point and reported as a complete occlusion", "[embolism][unit]") {
    // The bridged plug above in the mediastinum (no lung hull: the lung cut-off search does not
    // apply; the closings cannot bridge a 21 mm plug in a 6 mm-radius artery).
    Scene t = scene([](int i, double rho) { return rho > 6.0 || i < 5 || i > 95 ? kFat : (i >= 40 && i <= 60 ? kClot : kBlood); });
    const tv::EmbolismParams p;
    const auto [contrast, found] = tvtest::candidatesInMediastinum(t, kBlood, p);
    REQUIRE(found.candidates.size() == 1);
    const tv::RawCandidate& c = found.candidates[0];
    CHECK(c.fromStump);
    CHECK(c.completedRadiusMm >= 6.0);
    const tv::CandidateFeatures f = tv::computeFeatures(c, t.s, t.s, t.masks, t.tree, contrast, p);
    CHECK(f.complete);
    CHECK(std::abs(f.centroidVoxel[0] - 50) <= 1.5);
    CHECK(tv::scoreCandidate(f, p) >= p.operatingPoint);
    // The same candidate without the stump flag: the mediastinal polo-mint rule rejects it (what the
    // detector did before).
    tv::RawCandidate plain = c;
    plain.fromStump = false;
    CHECK(tv::scoreCandidate(tv::computeFeatures(plain, t.s, t.s, t.masks, t.tree, contrast, p), p) < p.operatingPoint);
}

TEST_CASE("stump plugs: a plug under stumpMinPlugShare of its candidate does not make it an occlusion", "[embolism][unit]") {
    // The bridged plug above: its candidate's share of plug voxels is measured exactly (the plug voxels
    // findStumpPlugs returns among the candidate's voxels), and the stump flag, which makes the candidate an
    // occlusion sized by the stump, needs at least EmbolismParams::stumpMinPlugShare of them (stop 36: a
    // 41-voxel plug had made a 23 cm3 closing web of C3N-00247's mediastinum a "central occlusion").
    Scene t = scene([](int i, double rho) { return rho > 6.0 || i < 5 || i > 95 ? kFat : (i >= 40 && i <= 60 ? kClot : kBlood); });
    tv::EmbolismParams p;
    REQUIRE(p.stumpMinPlugShare == 0.1);
    const auto [contrast, found] = tvtest::candidatesInMediastinum(t, kBlood, p);
    REQUIRE(found.candidates.size() == 1);
    const tv::RawCandidate& c = found.candidates[0];
    const std::set<std::size_t> plugVoxels = plugs(t, p);
    std::size_t inPlug = 0;
    for (const std::size_t n : c.voxels) inPlug += plugVoxels.count(n);
    REQUIRE(inPlug > 0);
    const double share = static_cast<double>(inPlug) / static_cast<double>(c.voxels.size());
    CHECK(c.stumpPlugShare == Approx(share).epsilon(1e-12));
    CHECK(share >= p.stumpMinPlugShare);
    CHECK(c.fromStump);
    // At exactly its share the plug still counts; just above it, the candidate is scored as the defects it is
    // made of, and the mediastinal polo-mint rule rejects it.
    p.stumpMinPlugShare = share;
    CHECK(tvtest::candidatesInMediastinum(t, kBlood, p).found.candidates.at(0).fromStump);
    p.stumpMinPlugShare = std::nextafter(share, 2.0);
    const auto [contrast2, above] = tvtest::candidatesInMediastinum(t, kBlood, p);
    REQUIRE(above.candidates.size() == 1);
    CHECK(!above.candidates[0].fromStump);
    CHECK(above.candidates[0].stumpPlugShare == Approx(share).epsilon(1e-12));
    CHECK(tv::scoreCandidate(tv::computeFeatures(above.candidates[0], t.s, t.s, t.masks, t.tree, contrast2, p), p) < p.operatingPoint);
}

namespace {
// A parent artery along i (radius 6 mm, axis j = 15, k = 20) with a branch of radius 4 mm leaving it
// along +j at i = 50; `branch(j)` gives the branch's HU at column j (j >= 15), fat beyond j = 43.
Scene branchScene(const std::function<float(int)>& branch) {
    const tv::ImageGeometry g = tvtest::grid(kNi, 60, kN, 1.0, 1.0, 1.0);
    Scene t = tvtest::emptyPlugScene(g, kFat);
    for (int k = 0; k < kN; ++k)
        for (int j = 0; j < 60; ++j)
            for (int i = 0; i < kNi; ++i) {
                float v = kFat;
                if (j >= 15 && j <= 43 && std::hypot(i - 50, k - kC) <= 4.0) v = branch(j);
                if (i >= 5 && i <= 95 && std::hypot(j - 15, k - kC) <= 6.0) v = kBlood;
                t.s.at(i, j, k) = v;
                t.tree.lumen.at(i, j, k) = v == kBlood ? 1 : 0;
            }
    t.tree.connected = t.tree.lumen;
    t.tree.bloodHu = kBlood;
    t.tree.lumenThresholdHu = 255;
    t.tree.radius = tv::distanceInsideMm(tv::closeMm(t.tree.lumen, 2.5));
    return t;
}
}  // namespace

TEST_CASE("stump plugs: a plug just beyond a side branch's origin is found from the lumen's end face", "[embolism][unit]") {
    // The branch is enhanced for 2 mm beyond the parent's wall (j < 23), then clot to its end (j = 43):
    // the only centreline voxels near the plug are the parent's, whose axis runs along i, past the plug.
    const Scene t = branchScene([](int j) { return j < 23 ? kBlood : kClot; });
    tv::EmbolismParams faces;
    faces.stumpFaceSearch = true;
    const auto found = plugs(t, faces), truth = clotVoxels(t);
    std::size_t inside = 0;
    for (const std::size_t n : found) inside += truth.count(n);
    CHECK(inside == found.size());             // nothing outside the clot
    CHECK(found.size() >= 0.9 * truth.size());  // nearly all of it
    // The centreline search alone (the default) misses it.
    CHECK(plugs(t).size() < 0.5 * truth.size());
}

TEST_CASE("stump plugs: a vessel's side wall against soft tissue is no end face", "[embolism][unit]") {
    // A tube running through soft tissue of the thrombus band on its +j half (no end, no clot): the
    // side wall's normal points into band tissue, but the lumen's section across that normal is a strip.
    Scene side = scene([](int i, double rho) { return i >= 5 && i <= 95 && rho <= 6.0 ? kBlood : kFat; });
    for (int k = 0; k < kN; ++k)
        for (int j = kC; j < kN; ++j)
            for (int i = 0; i < kNi; ++i)
                if (side.s.at(i, j, k) == kFat && j > kC + 2) side.s.at(i, j, k) = kSoft;
    tv::EmbolismParams faces;
    faces.stumpFaceSearch = true;
    CHECK(plugs(side, faces).empty());
    // The roundness rule, not another test, rejects it.
    tv::EmbolismParams anyShape = faces;
    anyShape.stumpFaceMaxChordRatio = 100;
    CHECK(!plugs(side, anyShape).empty());
}

TEST_CASE("stump plugs: the artery leads up to its stump, a vessel two slices thick seen across does not", "[embolism][unit]") {
    // lumenRunBehindMm on a 1 x 1 x 3 mm grid (the working grid's slices), from the voxel (20, 20, 10)
    // with the plug's direction d down the slices: the lumen behind it is what lies above.
    const tv::ImageGeometry g = tvtest::grid(40, 40, 40, 1.0, 1.0, 3.0);
    const tv::ray_geometry::Grid grid{g};
    const Eigen::Vector3d c(20.0, 20.0, 30.0), down(0.0, 0.0, -1.0);
    const double r = 3.0, need = tv::EmbolismParams{}.stumpRidgeUpstreamRadii * r;  // 2 R = 6 mm
    // An artery of radius 4 mm running down the slices from k = 20 to k = 10: lumen behind for the whole cap.
    tv::Mask artery(g, 0), slab(g, 0);
    for (int k = 0; k < 40; ++k)
        for (int j = 0; j < 40; ++j)
            for (int i = 0; i < 40; ++i) {
                artery.at(i, j, k) = k >= 10 && k <= 20 && std::hypot(i - 20, j - 20) <= 4.0 ? 1 : 0;
                slab.at(i, j, k) = k == 10 || k == 11 ? 1 : 0;  // a vessel in the slice plane, slices 10-11
            }
    CHECK(tv::ray_geometry::lumenRunBehindMm(grid, c, down, r, artery, 0.8, need) == need);
    // The slab: k 10 and 11 pass up to t = 4 mm (z 34 mm, k 11.33); at 4.5 mm the nearest slice is 12.
    CHECK(tv::ray_geometry::lumenRunBehindMm(grid, c, down, r, slab, 0.8, need) == 4.0);
    // Along the slab, in its plane, the lumen runs on (its true axis).
    CHECK(tv::ray_geometry::lumenRunBehindMm(grid, c, Eigen::Vector3d(-1.0, 0.0, 0.0), r, slab, 0.8, need) == need);
    // The ring of half the radius counts too: a 1 mm-radius thread down the slices is no artery of 3 mm.
    tv::Mask thread(g, 0);
    for (int k = 10; k <= 20; ++k) thread.at(20, 20, k) = 1;
    CHECK(tv::ray_geometry::lumenRunBehindMm(grid, c, down, r, thread, 0.8, need) == 0.0);
}
