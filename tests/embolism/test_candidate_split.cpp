// Splitting defect groups at thin necks (core/embolism/candidate_split.h): a clot wrapped in contrast
// that touches a web of band-HU tissue through a neck one voxel thick becomes a candidate of its own,
// while one body (a single clot, or two lobes joined by a neck as thick as themselves) stays whole.
// Exact answers on the pa-crop grid (1.5 mm isotropic), with the maps findCandidates reads built here.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstddef>
#include <functional>
#include <set>
#include <vector>

#include "embolism/candidate_split.h"
#include "embolism/candidates.h"
#include "embolism/volume_ops.h"
#include "test_support.h"
#include "tube_phantom.h"

namespace {
constexpr int kNx = 50, kNy = 40, kNz = 30;
constexpr float kBlood = 500, kClot = 60;

// Offsets of the voxels (grid g) for which inside(i, j, k) holds.
std::vector<std::size_t> voxelsWhere(const tv::ImageGeometry& g, const std::function<bool(int, int, int)>& inside) {
    std::vector<std::size_t> out;
    for (int k = 0; k < g.size[2]; ++k)
        for (int j = 0; j < g.size[1]; ++j)
            for (int i = 0; i < g.size[0]; ++i)
                if (inside(i, j, k)) out.push_back(static_cast<std::size_t>(i) + static_cast<std::size_t>(g.size[0]) * (j + static_cast<std::size_t>(g.size[1]) * k));
    return out;
}

// The "clot": a ball of radius 3.5 voxels (5.25 mm) at (15, 20, 15), 179 voxels.
bool clotBall(int i, int j, int k) { return (i - 15) * (i - 15) + (j - 20) * (j - 20) + (k - 15) * (k - 15) <= 12; }
// The "web": a block of 8 x 8 x 8 voxels (12 mm) at i 26-33, j 16-23, k 11-18.
bool webBlock(int i, int j, int k) { return i >= 26 && i <= 33 && j >= 16 && j <= 23 && k >= 11 && k <= 18; }
// Their joint: a row of 7 voxels along i at (j, k) = (20, 15) from the ball's surface (i = 18) to the block.
bool neckRow(int i, int j, int k) { return j == 20 && k == 15 && i >= 19 && i <= 25; }
// The same joint, 5 x 5 voxels thick (as thick as the ball): one body.
bool thickNeck(int i, int j, int k) { return i >= 18 && i <= 25 && std::abs(j - 20) <= 2 && std::abs(k - 15) <= 2; }

tv::ImageGeometry paGrid() { return tvtest::grid(kNx, kNy, kNz, 1.5, 1.5, 1.5); }

struct Scene {
    tv::Image<float> s;
    tv::ThoraxMasks masks;
    tv::VesselTree tree;
};

// A block of enhanced blood (i 4-45, j 4-35, k 3-26) in which the clot, the neck and the web are
// 60 HU cavities: the ball and the neck are wrapped in contrast (polo mint), the web block stands for
// the soft tissue between touching great vessels that the 9 mm closing completes as lumen too.
Scene scene(const std::function<bool(int, int, int)>& cavity) {
    const tv::ImageGeometry g = paGrid();
    Scene t{tv::Image<float>(g, -100), {}, {}};
    t.masks.lungs = tv::Mask(g, 0);
    t.masks.heart = tv::Mask(g, 0);
    t.masks.lungHull = tv::Mask(g, 0);
    t.tree.lumen = tv::Mask(g, 0);
    for (int k = 3; k <= 26; ++k)
        for (int j = 4; j <= 35; ++j)
            for (int i = 4; i <= 45; ++i) {
                const bool c = cavity(i, j, k);
                t.s.at(i, j, k) = c ? kClot : kBlood;
                t.tree.lumen.at(i, j, k) = c ? 0 : 1;
            }
    t.tree.connected = t.tree.lumen;
    tv::testing::finishTestTree(t.tree, kBlood, 280);
    return t;
}

bool holdsAll(const std::vector<std::size_t>& part, const std::vector<std::size_t>& wanted) {
    const std::set<std::size_t> in(part.begin(), part.end());
    return std::all_of(wanted.begin(), wanted.end(), [&](std::size_t n) { return in.count(n) != 0; });
}
bool holdsNone(const std::vector<std::size_t>& part, const std::vector<std::size_t>& unwanted) {
    const std::set<std::size_t> in(part.begin(), part.end());
    return std::none_of(unwanted.begin(), unwanted.end(), [&](std::size_t n) { return in.count(n) != 0; });
}
}  // namespace

TEST_CASE("splitAtNecks parts two bodies joined by a one-voxel neck at the neck and keeps one body whole", "[embolism][unit]") {
    const tv::ImageGeometry g = paGrid();
    const auto ball = voxelsWhere(g, clotBall), block = voxelsWhere(g, webBlock), neck = voxelsWhere(g, neckRow);
    REQUIRE(ball.size() == 179);
    REQUIRE(block.size() == 512);
    REQUIRE(neck.size() == 7);
    const tv::EmbolismParams p;
    // Ball + neck + block: two cores (voxels >= 3.3 mm inside: 27 of the ball's, 64 of the block's;
    // the neck's voxels are one spacing, 1.5 mm, from the outside), parted within the neck.
    const auto joined = voxelsWhere(g, [](int i, int j, int k) { return clotBall(i, j, k) || neckRow(i, j, k) || webBlock(i, j, k); });
    REQUIRE(joined.size() == 179 + 7 + 512);
    const auto parts = tv::splitAtNecks(joined, g, p);
    REQUIRE(parts.size() == 2);
    const auto& clotPart = holdsAll(parts[0], ball) ? parts[0] : parts[1];
    const auto& webPart = holdsAll(parts[0], ball) ? parts[1] : parts[0];
    CHECK(holdsAll(clotPart, ball));
    CHECK(holdsNone(clotPart, block));
    CHECK(holdsAll(webPart, block));
    CHECK(clotPart.size() + webPart.size() == joined.size());
    CHECK(clotPart.size() - ball.size() <= neck.size());  // the rest of the ball's part is neck
    // One body: the ball alone, and ball + block joined by a neck as thick as the ball (its centre row
    // is 3 voxels = 4.5 mm from the outside: the cores join).
    CHECK(tv::splitAtNecks(ball, g, p).size() == 1);
    const auto thick = voxelsWhere(g, [](int i, int j, int k) { return clotBall(i, j, k) || thickNeck(i, j, k) || webBlock(i, j, k); });
    CHECK(tv::splitAtNecks(thick, g, p).size() == 1);
    // A core under neckSplitMinCoreMm3 seeds no part: the ball's (27 voxels, 91 mm3) under 150 mm3,
    // the block's (216 mm3) above.
    tv::EmbolismParams bigCores = p;
    bigCores.neckSplitMinCoreMm3 = 150;
    CHECK(tv::splitAtNecks(joined, g, bigCores).size() == 1);
    // A pass deeper than neckSplitMaxNeckDepthMm is no neck: with the limit under the neck's 1.5 mm
    // the parts are joined again.
    tv::EmbolismParams shallowNecks = p;
    shallowNecks.neckSplitMaxNeckDepthMm = 1.4;
    CHECK(tv::splitAtNecks(joined, g, shallowNecks).size() == 1);
}

TEST_CASE("a polo-mint clot touching a web through a one-voxel neck is its own candidate, merged with it without the split", "[embolism][unit]") {
    const tv::ImageGeometry g = paGrid();
    const Scene t = scene([](int i, int j, int k) { return clotBall(i, j, k) || neckRow(i, j, k) || webBlock(i, j, k); });
    const auto ball = voxelsWhere(g, clotBall), block = voxelsWhere(g, webBlock);
    // Every cavity voxel is a defect voxel of the closings (wrapped in contrast, deep in the block).
    tv::EmbolismParams merged;
    merged.neckSplitCoreDepthMm = 1e9;  // no cores: the split never applies
    const auto before = tv::findCandidates(t.s, t.masks, t.tree, merged, tv::neverCancel()).candidates;
    REQUIRE(before.size() == 1);
    CHECK(before[0].voxels.size() == 179 + 7 + 512);
    const auto after = tv::findCandidates(t.s, t.masks, t.tree, tv::EmbolismParams{}, tv::neverCancel()).candidates;
    REQUIRE(after.size() == 2);
    const auto& clot = holdsAll(after[0].voxels, ball) ? after[0] : after[1];
    const auto& web = holdsAll(after[0].voxels, ball) ? after[1] : after[0];
    CHECK(holdsAll(clot.voxels, ball));
    CHECK(holdsNone(clot.voxels, block));
    CHECK(holdsAll(web.voxels, block));
    CHECK(clot.voxels.size() + web.voxels.size() == 179 + 7 + 512);
    // A clean block: no candidate; the clot alone: one candidate, its own voxels.
    CHECK(tv::findCandidates(scene([](int, int, int) { return false; }).s, t.masks, scene([](int, int, int) { return false; }).tree,
                             tv::EmbolismParams{}, tv::neverCancel()).candidates.empty());
    const Scene alone = scene(clotBall);
    const auto one = tv::findCandidates(alone.s, alone.masks, alone.tree, tv::EmbolismParams{}, tv::neverCancel()).candidates;
    REQUIRE(one.size() == 1);
    CHECK(one[0].voxels.size() == 179);
}
