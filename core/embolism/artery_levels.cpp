#include "embolism/artery_levels.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <queue>
#include <vector>

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

Image<std::uint8_t> arteryLevels(const Mask& tree, const Image<float>& R, const Mask& heart, const Mask& lungHull,
                                 const EmbolismParams& p) {
    const ImageGeometry& g = tree.geometry();
    Image<std::uint8_t> code(g, 0);
    // Paths run through the tree outside the cardiac chambers (through a chamber, a pulmonary vein
    // would be reached from the left atrium at chamber calibre). The seeds are the trunk and main
    // arteries: tree lumen at main-artery calibre outside the heart.
    Mask domain(g, 0), seeds(g, 0);
    for (std::size_t n = 0; n < tree.voxelCount(); ++n) {
        domain[n] = tree[n] && !(heart.voxelCount() && heart[n]) ? 1 : 0;
        seeds[n] = domain[n] && R[n] >= p.centralRadiusMm ? 1 : 0;
    }
    const Image<std::uint8_t> calibre = widestPathCalibreTenthMm(domain, R, seeds);
    seeds = Mask();
    // Lung gate for lobar: geodesic distance along vessel centres (radius >= segmental: thin
    // contacts between neighbouring vessels are walls, not centres) to tree lumen in the lung hull.
    Mask centres(g, 0), inLung(g, 0);
    for (std::size_t n = 0; n < tree.voxelCount(); ++n) {
        centres[n] = domain[n] && R[n] >= p.segmentalRadiusMm ? 1 : 0;
        inLung[n] = centres[n] && lungHull[n] ? 1 : 0;
    }
    const Image<std::uint16_t> toLung = geodesicTenthMm(centres, inLung, p.hilarReachMm);
    const auto tenths = [](double mm) { return static_cast<int>(std::lround(mm * 10)); };
    for (std::size_t n = 0; n < tree.voxelCount(); ++n) {
        if (!tree[n]) continue;
        if (!domain[n]) {  // cardiac chamber: central blood pool
            code[n] = static_cast<std::uint8_t>(ArteryCode::Central);
            continue;
        }
        const int b = calibre[n];
        ArteryCode c = ArteryCode::Subsegmental;
        if (b == 0) c = ArteryCode::ViaHeart;
        else if (b >= tenths(p.centralRadiusMm)) c = ArteryCode::Central;
        else if (b >= tenths(p.lobarRadiusMm))
            c = toLung[n] <= tenths(p.hilarReachMm) ? ArteryCode::Lobar : ArteryCode::MediastinalBranch;
        else if (b >= tenths(p.segmentalRadiusMm)) c = ArteryCode::Segmental;
        code[n] = static_cast<std::uint8_t>(c);
    }
    return code;
}

}  // namespace tv
