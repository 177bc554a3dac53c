// Splitting off a wrapped core (core/embolism/wrapped_core_split.h): a wall-adherent clot inside a
// central-size artery whose wall touches a web of clot-HU soft tissue (the sheet between the artery
// and a great vessel below it, as on pa-crop beside the right and left pulmonary arteries) is grouped
// with the web by the closings and not parted by the neck split (the sheet has no core); the wrapped
// core rule scores the clot apart. Exact answers on the pa-crop grid (1.5 mm isotropic), with the maps
// findCandidates reads built here.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <set>
#include <vector>

#include "embolism/candidate_split.h"
#include "embolism/candidates.h"
#include "embolism/volume_ops.h"
#include "embolism/wrapped_core_split.h"
#include "test_support.h"
#include "tube_phantom.h"

namespace {
constexpr int kNx = 60, kNy = 40, kNz = 40;
constexpr float kBlood = 500, kClot = 60, kFat = -100;

// Artery A: a tube along i of radius 8 voxels (12 mm: a main pulmonary artery, central level,
// artery_levels.h), axis (j, k) = (16, 20).
bool artery(int i, int j, int k) { return i >= 3 && i <= 56 && (j - 16) * (j - 16) + (k - 20) * (k - 20) <= 64; }
// Great vessel B below it: a block of blood from j = 28 (3 voxels, 4.5 mm, below A's wall at j = 24).
bool greatVessel(int i, int j, int k) { return i >= 3 && i <= 56 && j >= 28 && j <= 38 && k >= 6 && k <= 34; }
// The web: soft tissue between A and B (j 17-27, outside A) within 7 voxels of A's axis in k, i 8-51;
// fat beyond its edges.
bool webSheet(int i, int j, int k) { return i >= 8 && i <= 51 && j >= 17 && j <= 27 && std::abs(k - 20) <= 7 && !artery(i, j, k); }
// The clot: an ellipsoid (semi-axes 8, 4, 4 voxels: 12 x 6 x 6 mm, 0.5 R across) centred 4 voxels off A's axis towards the web, inside A:
// it touches A's wall where the web lies beyond it.
bool clot(int i, int j, int k) {
    const double x = (i - 30) / 8.0, y = (j - 20) / 4.0, z = (k - 20) / 4.0;
    return x * x + y * y + z * z <= 1.0 && artery(i, j, k);
}

std::vector<std::size_t> voxelsWhere(const tv::ImageGeometry& g, const std::function<bool(int, int, int)>& inside) {
    std::vector<std::size_t> out;
    for (int k = 0; k < g.size[2]; ++k)
        for (int j = 0; j < g.size[1]; ++j)
            for (int i = 0; i < g.size[0]; ++i)
                if (inside(i, j, k)) out.push_back(static_cast<std::size_t>(i) + static_cast<std::size_t>(g.size[0]) * (j + static_cast<std::size_t>(g.size[1]) * k));
    return out;
}

struct Scene {
    tv::Image<float> s;
    tv::ThoraxMasks masks;
    tv::VesselTree tree;
};

// Fat everywhere, the artery and the great vessel blood, the web (with `withWeb`) and (with
// `withClot`) the clot 60 HU.
Scene scene(bool withClot, bool withWeb = true) {
    const tv::ImageGeometry g = tvtest::grid(kNx, kNy, kNz, 1.5, 1.5, 1.5);
    Scene t{tv::Image<float>(g, kFat), {}, {}};
    t.masks.lungs = tv::Mask(g, 0);
    t.masks.heart = tv::Mask(g, 0);
    t.masks.lungHull = tv::Mask(g, 0);
    t.tree.lumen = tv::Mask(g, 0);
    for (int k = 0; k < kNz; ++k)
        for (int j = 0; j < kNy; ++j)
            for (int i = 0; i < kNx; ++i) {
                const bool c = withClot && clot(i, j, k);
                const bool blood = !c && (artery(i, j, k) || greatVessel(i, j, k));
                if (blood) t.s.at(i, j, k) = kBlood;
                else if (c || (withWeb && webSheet(i, j, k))) t.s.at(i, j, k) = kClot;
                t.tree.lumen.at(i, j, k) = blood ? 1 : 0;
            }
    t.tree.connected = t.tree.lumen;
    tv::testing::finishTestTree(t.tree, kBlood, 280);
    return t;
}

int countIn(const std::vector<std::size_t>& part, const std::vector<std::size_t>& set) {
    const std::set<std::size_t> in(part.begin(), part.end());
    return static_cast<int>(std::count_if(set.begin(), set.end(), [&](std::size_t n) { return in.count(n) != 0; }));
}
}  // namespace

TEST_CASE("wrapped core: a wall-adherent clot in a central artery is scored apart from the web beyond the wall", "[embolism][unit]") {
    const tv::ImageGeometry g = tvtest::grid(kNx, kNy, kNz, 1.5, 1.5, 1.5);
    const auto clotVoxels = voxelsWhere(g, clot), web = voxelsWhere(g, webSheet);
    REQUIRE(clotVoxels.size() == 513);
    REQUIRE(web.size() == 3300);
    const Scene t = scene(true);
    // Without the rule: the closings complete the clot (425 of its voxels) and the part of the web
    // between the artery and the great vessel (1,276 voxels) as one group, which the neck split keeps
    // whole (the web is a sheet at most 4.5 mm thick: no core of its own).
    tv::EmbolismParams off;
    off.wrappedCoreSplit = false;
    const auto before = tv::findCandidates(t.s, t.masks, t.tree, off, tv::neverCancel()).candidates;
    REQUIRE(before.size() == 1);
    CHECK(before[0].voxels.size() == 1701);
    CHECK(countIn(before[0].voxels, clotVoxels) == 425);
    CHECK(countIn(before[0].voxels, web) == 1276);
    CHECK(tv::splitAtNecks(before[0].voxels, g, off).size() == 1);
    // With it: the clot's wrapped core (lumen wrap >= 0.85: 132 voxels, 446 mm3, under half the group)
    // is a candidate of its own, holding no web voxel; the rest (the clot's wall side and the web) is
    // the other.
    const auto after = tv::findCandidates(t.s, t.masks, t.tree, tv::EmbolismParams{}, tv::neverCancel()).candidates;
    REQUIRE(after.size() == 2);
    const bool firstIsCore = after[0].voxels.size() < after[1].voxels.size();
    const auto& core = after[firstIsCore ? 0 : 1];
    const auto& rest = after[firstIsCore ? 1 : 0];
    CHECK(core.voxels.size() == 132);
    CHECK(countIn(core.voxels, clotVoxels) == 132);
    CHECK(countIn(core.voxels, web) == 0);
    CHECK(rest.voxels.size() == 1569);
    CHECK(countIn(rest.voxels, web) == 1276);
    // The web alone (no clot): one candidate of the same 1,276 web voxels, with the rule as without
    // it (no voxel of a web between vessels is wrapped: rays along its sheet run out into fat).
    const Scene clean = scene(false);
    const auto webOnly = tv::findCandidates(clean.s, clean.masks, clean.tree, tv::EmbolismParams{}, tv::neverCancel()).candidates;
    REQUIRE(webOnly.size() == 1);
    CHECK(webOnly[0].voxels.size() == 1276);
    CHECK(countIn(webOnly[0].voxels, web) == 1276);
    // A core smaller than wrappedCoreMinMm3 (here 500 mm3 > 446) or more than wrappedCoreMaxShare of its
    // group (here 0.05 < 132 / 1701) stays with the web.
    tv::EmbolismParams bigCore, smallShare;
    bigCore.wrappedCoreMinMm3 = 500;
    smallShare.wrappedCoreMaxShare = 0.05;
    CHECK(tv::findCandidates(t.s, t.masks, t.tree, bigCore, tv::neverCancel()).candidates.size() == 1);
    CHECK(tv::findCandidates(t.s, t.masks, t.tree, smallShare, tv::neverCancel()).candidates.size() == 1);
}

TEST_CASE("wrapped core: a wall-adherent clot alone (no web beyond the wall) stays one candidate", "[embolism][unit]") {
    // The held-out pa-crop clots of seed 2000 (s29-wallside: round 3 clots 1 and 4, round 4 clot 0):
    // eccentric clots of 9.5-9.9 mm central arteries whose defect group is the clot alone. Its voxels
    // beside the wall see the wall and what lies beyond it along half their rays (lumen wrap under
    // 0.85), so the wrapped core was split off its own wall side, and each half's cut face counted as
    // a non-lumen face (enclosure 0.36-0.45, scores 0.23-0.49; whole 0.75-0.78 and 0.98). Here the
    // scene above without the web: fat beyond the artery's wall.
    const tv::ImageGeometry g = tvtest::grid(kNx, kNy, kNz, 1.5, 1.5, 1.5);
    const auto clotVoxels = voxelsWhere(g, clot);
    const Scene t = scene(true, false);
    tv::EmbolismParams off;  // the split as before s29-wallside: any rest beside a qualifying core
    off.wrappedCoreMinRestBeyondMm3 = 0;
    const auto before = tv::findCandidates(t.s, t.masks, t.tree, off, tv::neverCancel()).candidates;
    const auto after = tv::findCandidates(t.s, t.masks, t.tree, tv::EmbolismParams{}, tv::neverCancel()).candidates;
    // Without the rule: the clot's 425 closing-defect voxels (as with the web) in two candidates, the
    // wrapped core (132 voxels, 446 mm3, 0.31 of the group) and the wall side.
    REQUIRE(before.size() == 2);
    const bool firstIsCore = before[0].voxels.size() < before[1].voxels.size();
    CHECK(before[firstIsCore ? 0 : 1].voxels.size() == 132);
    CHECK(before[firstIsCore ? 1 : 0].voxels.size() == 293);
    CHECK(countIn(before[0].voxels, clotVoxels) + countIn(before[1].voxels, clotVoxels) == 425);
    // With it: no voxel of the wall side lies farther than wrappedCoreRestReachMm from the core (a web
    // would: the scene above splits as before), so the group stays one candidate, all clot.
    REQUIRE(after.size() == 1);
    CHECK(after[0].voxels.size() == 425);
    CHECK(countIn(after[0].voxels, clotVoxels) == 425);
}

TEST_CASE("lumenWrap counts the directions that reach the lumen before a stop", "[embolism][unit]") {
    // A 9 x 9 x 9 grid, lumen everywhere but the centre voxel's 3 x 3 x 3 box: every direction hits.
    const tv::ImageGeometry g = tvtest::grid(9, 9, 9, 1.5, 1.5, 1.5);
    const std::size_t centre = 4 + 9 * (4 + 9 * 4);
    const auto inBox = [&](std::size_t n) {
        const int i = static_cast<int>(n % 9), j = static_cast<int>((n / 9) % 9), k = static_cast<int>(n / 81);
        return std::abs(i - 4) <= 1 && std::abs(j - 4) <= 1 && std::abs(k - 4) <= 1;
    };
    const auto lumen = [&](std::size_t n) { return !inBox(n); };
    const auto never = [](std::size_t) { return false; };
    CHECK(tv::lumenWrap(centre, g, lumen, never, 12.0) == 1.0);
    // Reach 1.5 mm: only the first step along the face directions, which lies in the box: none.
    CHECK(tv::lumenWrap(centre, g, lumen, never, 1.5) == 0.0);
    // Reach 3.0 mm: the 6 face directions reach it at the second step (3.0 mm); the diagonals' second
    // step is 4.24 mm or 5.2 mm away.
    CHECK(tv::lumenWrap(centre, g, lumen, never, 3.0) == Approx(6.0 / 26.0));
    // A stop at the box's face voxels (i = 5 or 3 with j = k = 4) blocks the two i directions.
    const auto stopI = [&](std::size_t n) { return n == centre + 1 || n == centre - 1; };
    CHECK(tv::lumenWrap(centre, g, lumen, stopI, 12.0) == Approx(24.0 / 26.0));
}
