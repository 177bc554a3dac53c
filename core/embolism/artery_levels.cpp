#include "embolism/artery_levels.h"

#include "embolism/lung_wrap_rays.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <queue>
#include <vector>

#include <tbb/parallel_for.h>

#include "image/neighbours.h"

namespace tv {
namespace {
std::uint8_t toTenths(float mm) { return static_cast<std::uint8_t>(std::clamp(std::lround(mm * 10.0f), 1L, 255L)); }

// Geodesic distance (tenths of a mm, face steps weighted by the spacing) through `domain` from the
// voxels where `seeds` != 0, expanded only up to `limitMm` (beyond: 65535).
Image<std::uint16_t> geodesicTenthMm(const Mask& domain, const Mask& seeds, double limitMm) {
    const ImageGeometry& g = domain.geometry();
    constexpr std::uint16_t kFar = std::numeric_limits<std::uint16_t>::max();
    Image<std::uint16_t> d(g, kFar);
    const std::size_t nx = static_cast<std::size_t>(g.size[0]);
    const int stepTenths[3] = {static_cast<int>(std::lround(g.spacing[0] * 10)), static_cast<int>(std::lround(g.spacing[1] * 10)),
                               static_cast<int>(std::lround(g.spacing[2] * 10))};
    const int limit = static_cast<int>(std::min(65000.0, limitMm * 10));
    using Item = std::pair<int, std::size_t>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
    for (std::size_t n = 0; n < d.voxelCount(); ++n)
        if (seeds[n] && domain[n]) {
            d[n] = 0;
            queue.emplace(0, n);
        }
    while (!queue.empty()) {
        const auto [dist, n] = queue.top();
        queue.pop();
        if (dist > d[n]) continue;
        forEachFaceNeighbour(g.size, n, [&](std::size_t q) {
            if (!domain[q]) return;
            const std::size_t diff = q > n ? q - n : n - q;
            const int nd = dist + stepTenths[diff == 1 ? 0 : diff == nx ? 1 : 2];
            if (nd <= limit && nd < d[q]) {
                d[q] = static_cast<std::uint16_t>(nd);
                queue.emplace(nd, q);
            }
        });
    }
    return d;
}
}  // namespace

Image<std::uint8_t> widestPathCalibreTenthMm(const Mask& domain, const Image<float>& radiusMm, const Mask& seeds) {
    const ImageGeometry& g = domain.geometry();
    Image<std::uint8_t> b(g, 0);
    // Bucket queue over the 255 calibre values, widest first (max-min Dijkstra): a voxel is final
    // when popped from the highest non-empty bucket.
    std::vector<std::vector<std::size_t>> buckets(256);
    for (std::size_t n = 0; n < b.voxelCount(); ++n)
        if (seeds[n] && domain[n]) {
            b[n] = toTenths(radiusMm[n]);
            buckets[b[n]].push_back(n);
        }
    for (int level = 255; level >= 1; --level) {
        auto& bucket = buckets[level];
        while (!bucket.empty()) {
            const std::size_t n = bucket.back();
            bucket.pop_back();
            if (b[n] != level) continue;  // superseded by a wider path
            forEachFaceNeighbour(g.size, n, [&](std::size_t q) {
                if (!domain[q]) return;
                const std::uint8_t c = std::min<std::uint8_t>(static_cast<std::uint8_t>(level), toTenths(radiusMm[q]));
                if (c > b[q]) {
                    b[q] = c;
                    buckets[c].push_back(q);
                }
            });
        }
    }
    return b;
}

Mask hilarZone(const Mask& tree, const Image<float>& R, const Mask& heart, const Mask& lungs, double midlineI,
               const EmbolismParams& p) {
    const ImageGeometry& g = tree.geometry();
    Mask zone(g, 0);
    const LungWrapRays rays(lungs, p);
    const int dirs = rays.directions();
    // Only vessel centres and the lumen around them (radius >= segmental) outside the chambers: the
    // thin rim carries no level of its own (levelNear reads the centre), and rays are the cost here.
    tbb::parallel_for(0, g.size[2], [&](int k) {
        if (!rays.onBroadSlice(k)) return;
        for (int j = 0; j < g.size[1]; ++j)
            for (int i = 0; i < g.size[0]; ++i) {
                const std::size_t n = tree.offset(i, j, k);
                if (!tree[n] || R[n] < p.segmentalRadiusMm || (heart.voxelCount() && heart[n]) ||
                    std::abs(i - midlineI) * g.spacing[0] < p.hilarMinLateralMm)
                    continue;
                // In-plane rays: lobar arteries run mostly craniocaudally or obliquely, so their axial
                // cross-section is where the lung wraps around them.
                const int withLung = rays.directionsWithLung(i, j, k, R[n] + p.hilarLungMarginMm);
                zone[n] = withLung >= p.hilarDeepShare * dirs ? 2 : withLung >= p.hilarLungShare * dirs ? 1 : 0;
            }
    });
    return zone;
}

namespace {
// Flags kept in the upper bits of the code map while it is built (memory: no extra full-size masks;
// README, goal under 4x the volume): 0x80 = in the hilar zone and leading into the lung, 0x40 = in a
// lobar branch. The lower bits hold the ArteryCode written so far (0 = not yet coded).
constexpr std::uint8_t kInHilum = 0x80, kLobarBranch = 0x40, kCodeBits = 0x3F;

// Largest ratio of the 26-neighbour path length (steps costed in whole tenths of a mm, as in the
// propagation) to the straight distance, over the voxels of a lattice of +-kSlackLatticeVoxels
// around a centre with this spacing: the path is longest, relative to the line, in directions
// between the step directions (cubic voxels: 1.118 towards (10, 4, 3); 1.13 x 1.13 x 3 mm: 1.226).
// A fixed slack (1.08, the 2-D figure for cubic voxels) under-reached in oblique directions, most on
// thick slices. Measured beyond 20 voxels the ratio grows by less than 0.001.
constexpr int kSlackLatticeVoxels = 20;

// The 26 neighbour steps with their length in whole tenths of a mm.
struct PathStep {
    int di, dj, dk, cost;
};
std::vector<PathStep> pathSteps(const Eigen::Vector3d& spacing) {
    std::vector<PathStep> steps;
    for (int dk = -1; dk <= 1; ++dk)
        for (int dj = -1; dj <= 1; ++dj)
            for (int di = -1; di <= 1; ++di)
                if (di || dj || dk) {
                    const double mm = std::sqrt(di * di * spacing[0] * spacing[0] + dj * dj * spacing[1] * spacing[1] +
                                                dk * dk * spacing[2] * spacing[2]);
                    steps.push_back({di, dj, dk, static_cast<int>(std::lround(10 * mm))});
                }
    return steps;
}
}  // namespace

double ballCoverPathSlack(const Eigen::Vector3d& spacing) {
    const std::vector<PathStep> steps = pathSteps(spacing);
    constexpr int n = 2 * kSlackLatticeVoxels + 1;
    std::vector<int> dist(static_cast<std::size_t>(n) * n * n, std::numeric_limits<int>::max());
    const auto at = [&](int i, int j, int k) {
        return (static_cast<std::size_t>(k + kSlackLatticeVoxels) * n + (j + kSlackLatticeVoxels)) * n + (i + kSlackLatticeVoxels);
    };
    using Item = std::pair<int, std::array<int, 3>>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
    dist[at(0, 0, 0)] = 0;
    queue.push({0, {0, 0, 0}});
    double slack = 1.0;
    while (!queue.empty()) {
        const auto [d, v] = queue.top();
        queue.pop();
        if (d > dist[at(v[0], v[1], v[2])]) continue;
        if (d > 0) {
            const Eigen::Vector3d mm(v[0] * spacing[0], v[1] * spacing[1], v[2] * spacing[2]);
            slack = std::max(slack, d / (10.0 * mm.norm()));
        }
        for (const PathStep& s : steps) {
            const int a = v[0] + s.di, b = v[1] + s.dj, c = v[2] + s.dk;
            if (std::max({std::abs(a), std::abs(b), std::abs(c)}) > kSlackLatticeVoxels) continue;
            const std::size_t q = at(a, b, c);
            if (d + s.cost < dist[q]) {
                dist[q] = d + s.cost;
                queue.push({d + s.cost, {a, b, c}});
            }
        }
    }
    return slack;
}

// Max-budget propagation: budget(x) = max over centres c of R(c) - shrink - d(c, x), d the 26-neighbour
// path length inside the domain; x is covered when its budget is >= 0. Budgets in tenths of a mm,
// shifted by 1 so that 0 means "not reached", in one byte (memory): a reach is at most
// kMaxReachTenths (25.4 mm). The path calibre is capped at 25.5 mm alike (one byte); a trunk or main
// artery is at most about 20 mm in radius even when dilated (standard anatomy: a trunk wider than
// about 29 mm is dilated), so (R - shrink) x slack + half a voxel stays under the cap; where a wider lumen
// reaches it, the voxels beyond 25.4 mm from that centre lie closer to other centres of its core.
void coverByCentreBalls(const Mask& domain, const Image<float>& radiusMm, const Mask& centres, double shrinkMm,
                        Image<std::uint8_t>& code, ArteryCode value) {
    const ImageGeometry& g = domain.geometry();
    constexpr int kMaxReachTenths = 254;
    Image<std::uint8_t> budget(g, 0);
    const std::vector<PathStep> steps = pathSteps(g.spacing);
    // The 26-neighbour path is longer than the straight line (ballCoverPathSlack), and centre and
    // wall voxels lie off the axis by up to half a voxel: without this slack part of the lumen at the
    // ball's edge would stay uncovered.
    const double pathSlack = ballCoverPathSlack(g.spacing);
    const double voxelMm = std::max({g.spacing[0], g.spacing[1], g.spacing[2]});
    const int nx = g.size[0], ny = g.size[1], nz = g.size[2];
    int top = 0;
    std::vector<std::vector<std::size_t>> buckets(1);
    for (std::size_t n = 0; n < budget.voxelCount(); ++n) {
        if (!centres[n] || !domain[n]) continue;
        const double reach = (radiusMm[n] - shrinkMm) * pathSlack + 0.5 * voxelMm;
        if (reach < 0) continue;
        const int b = 1 + static_cast<int>(std::min<long>(kMaxReachTenths, std::lround(reach * 10)));
        budget[n] = static_cast<std::uint8_t>(b);
        if (b >= static_cast<int>(buckets.size())) buckets.resize(b + 1);
        buckets[b].push_back(n);
        top = std::max(top, b);
    }
    for (int level = top; level >= 1; --level) {
        auto& bucket = buckets[level];
        while (!bucket.empty()) {
            const std::size_t n = bucket.back();
            bucket.pop_back();
            if (budget[n] != level) continue;  // superseded by a larger budget
            const int i = static_cast<int>(n % nx), j = static_cast<int>((n / nx) % ny),
                      k = static_cast<int>(n / (static_cast<std::size_t>(nx) * ny));
            for (const PathStep& s : steps) {
                const int a = i + s.di, b = j + s.dj, c = k + s.dk;
                const int nb = level - s.cost;
                if (nb < 1 || a < 0 || b < 0 || c < 0 || a >= nx || b >= ny || c >= nz) continue;
                const std::size_t q = domain.offset(a, b, c);
                if (!domain[q] || budget[q] >= nb) continue;
                budget[q] = static_cast<std::uint8_t>(nb);
                buckets[nb].push_back(q);
            }
        }
    }
    for (std::size_t n = 0; n < budget.voxelCount(); ++n)
        if (budget[n] && !(code[n] & kCodeBits)) code[n] = static_cast<std::uint8_t>((code[n] & ~kCodeBits) | static_cast<std::uint8_t>(value));
}

Mask trunkSeeds(const Mask& tree, const Image<float>& R, const Mask& heart, const EmbolismParams& p) {
    const ImageGeometry& g = tree.geometry();
    Mask seeds(g, 0);
    float widest = 0;
    for (std::size_t n = 0; n < tree.voxelCount(); ++n)
        if (tree[n] && !(heart.voxelCount() && heart[n])) widest = std::max(widest, R[n]);
    const float seedRadius = std::min(static_cast<float>(p.centralRadiusMm), 0.8f * widest);
    for (std::size_t n = 0; n < tree.voxelCount(); ++n) seeds[n] = tree[n] && !(heart.voxelCount() && heart[n]) && R[n] >= seedRadius ? 1 : 0;
    return seeds;
}

Image<std::uint8_t> arteryLevels(const Mask& tree, const Image<float>& R, const Mask& heart, const Mask& hilarIn,
                                 const Mask& lungHull, const EmbolismParams& p, const Mask* givenSeeds) {
    const ImageGeometry& g = tree.geometry();
    Image<std::uint8_t> code(g, 0);
    // Paths run through the tree outside the cardiac chambers (through a chamber, a pulmonary vein
    // would be reached from the left atrium at chamber calibre). The seeds are the trunk and main
    // arteries: tree lumen at main-artery calibre outside the heart (else the widest lumen there).
    Mask domain(g, 0);
    for (std::size_t n = 0; n < tree.voxelCount(); ++n) domain[n] = tree[n] && !(heart.voxelCount() && heart[n]) ? 1 : 0;
    Mask seeds;
    if (givenSeeds && givenSeeds->voxelCount() == tree.voxelCount()) {
        seeds = Mask(g, 0);
        bool any = false;
        for (std::size_t n = 0; n < tree.voxelCount(); ++n) {
            seeds[n] = (*givenSeeds)[n] && domain[n] ? 1 : 0;
            any = any || seeds[n];
        }
        if (!any) seeds = trunkSeeds(tree, R, heart, p);
    } else {
        seeds = trunkSeeds(tree, R, heart, p);
    }
    const Image<std::uint8_t> calibre = widestPathCalibreTenthMm(domain, R, seeds);
    // Hilar zone voxels must lead into the lung along the tree: systemic veins and arteries beside
    // the lungs (brachiocephalic veins, SVC, aortic branches) lie in it too but do not enter it.
    {
        for (std::size_t n = 0; n < tree.voxelCount(); ++n) seeds[n] = domain[n] && (lungHull[n] || hilarIn[n] == 2) ? 1 : 0;
        const Image<std::uint16_t> toLung = geodesicTenthMm(domain, seeds, p.hilarReachMm);
        for (std::size_t n = 0; n < tree.voxelCount(); ++n)
            if (hilarIn[n] && toLung[n] <= p.hilarReachMm * 10) code[n] = kInHilum;
    }
    const auto tenths = [](double mm) { return static_cast<int>(std::lround(mm * 10)); };
    const auto coded = [&](std::size_t n) { return (code[n] & kCodeBits) != 0; };
    // Central: the trunk and main arteries up to their first division = the lumen covered by the
    // inscribed balls of centres at main-artery calibre, shrunk by the lobar radius: the shell of a
    // main artery whose distance to the wall is of lobar size is no lobar branch. The thinner rim
    // keeps its own path calibre (the ridge voxels of side branches leaving there are not recoded;
    // levelNear reads the level around a point).
    for (std::size_t n = 0; n < tree.voxelCount(); ++n) seeds[n] = domain[n] && calibre[n] >= tenths(p.centralRadiusMm) ? 1 : 0;
    coverByCentreBalls(domain, R, seeds, p.lobarRadiusMm, code, ArteryCode::Central);
    // Lobar: after the division, branches of lobar calibre (path calibre >= lobarRadius, outside the
    // main arteries' balls) whose connected branch enters the hilar zone with at least
    // lobarMinHilarContactMm3 (the lobar arteries run from the division through the hilum; a systemic
    // branch of the blood pool beside the lungs does not). The whole branch is lobar, also its part
    // medial to the hilar zone, until the calibre drops to segmental.
    const double voxelMm3 = g.spacing[0] * g.spacing[1] * g.spacing[2];
    {
        std::fill(seeds.data(), seeds.data() + seeds.voxelCount(), std::uint8_t{0});  // here: visited
        const auto inBranch = [&](std::size_t q) { return domain[q] && !coded(q) && !seeds[q] && calibre[q] >= tenths(p.lobarRadiusMm); };
        std::vector<std::size_t> component;
        for (std::size_t s = 0; s < tree.voxelCount(); ++s) {
            if (!inBranch(s)) continue;
            component.assign(1, s);
            seeds[s] = 1;
            std::size_t hilarVoxels = 0;
            for (std::size_t head = 0; head < component.size(); ++head) {
                const std::size_t n = component[head];
                hilarVoxels += (code[n] & kInHilum) != 0;
                forEachFaceNeighbour(g.size, n, [&](std::size_t q) {
                    if (!inBranch(q)) return;
                    seeds[q] = 1;
                    component.push_back(q);
                });
            }
            if (static_cast<double>(hilarVoxels) * voxelMm3 >= p.lobarMinHilarContactMm3)
                for (const std::size_t n : component) code[n] |= kLobarBranch;
        }
    }
    // The lobar branches' lumen down to segmental distance from the wall (same shrink).
    for (std::size_t n = 0; n < tree.voxelCount(); ++n) seeds[n] = (code[n] & kLobarBranch) ? 1 : 0;
    coverByCentreBalls(domain, R, seeds, p.segmentalRadiusMm, code, ArteryCode::Lobar);
    seeds = Mask();
    for (std::size_t n = 0; n < tree.voxelCount(); ++n) {
        const bool inHilum = (code[n] & kInHilum) != 0;
        if (!tree[n]) {
            code[n] = 0;
            continue;
        }
        if (coded(n)) {
            code[n] &= kCodeBits;
            continue;
        }
        const int b = calibre[n];
        ArteryCode c;
        if (!domain[n]) c = ArteryCode::Central;  // cardiac chamber: central blood pool
        else if (b == 0) c = ArteryCode::ViaHeart;
        // Lobar calibre that never enters the hilum: a blood-pool vessel beside the lungs (SVC,
        // brachiocephalic veins, aortic branches), coded with the central blood pool.
        else if (b >= tenths(p.lobarRadiusMm)) c = ArteryCode::Central;
        else if (!inHilum) c = ArteryCode::MediastinalBranch;
        else c = b >= tenths(p.segmentalRadiusMm) ? ArteryCode::Segmental : ArteryCode::Subsegmental;
        code[n] = static_cast<std::uint8_t>(c);
    }
    return code;
}

}  // namespace tv
