#include "embolism/lung_bridges.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <tbb/parallel_for.h>

#include "embolism/lung_wrap_rays.h"
#include "image/neighbours.h"

namespace tv {

namespace {
// Voxels of `mask` with a face neighbour where `touched` != 0.
Mask touching(const Mask& mask, const Mask& touched) {
    const ImageGeometry& g = mask.geometry();
    Mask out(g, 0);
    for (std::size_t n = 0; n < mask.voxelCount(); ++n) {
        if (!mask[n]) continue;
        bool any = false;
        forEachFaceNeighbour(g.size, n, [&](std::size_t q) { any = any || touched[q] != 0; });
        out[n] = any ? 1 : 0;
    }
    return out;
}
}  // namespace

Mask lungWrappedBlood(const Mask& outsideBlood, const Mask& lumen, const Mask& lungs, double midlineI, const EmbolismParams& p) {
    const ImageGeometry& g = outsideBlood.geometry();
    // Half-width of the blood body each voxel lies in (lumen and outside blood together): the reach
    // of the rays is measured from its wall, as for the hilar zone.
    Image<float> R;
    {
        Mask body(g, 0);
        for (std::size_t n = 0; n < body.voxelCount(); ++n) body[n] = outsideBlood[n] || lumen[n] ? 1 : 0;
        R = distanceInsideMm(body);
    }
    const LungWrapRays rays(lungs, p);
    const int dirs = rays.directions();
    Mask wrapped(g, 0);
    tbb::parallel_for(0, g.size[2], [&](int k) {
        if (!rays.onBroadSlice(k)) return;
        for (int j = 0; j < g.size[1]; ++j)
            for (int i = 0; i < g.size[0]; ++i) {
                const std::size_t n = outsideBlood.offset(i, j, k);
                if (!outsideBlood[n] || std::abs(i - midlineI) * g.spacing[0] < p.hilarMinLateralMm) continue;
                const int withLung = rays.directionsWithLung(i, j, k, R[n] + p.hilarLungMarginMm);
                wrapped[n] = withLung >= p.hilarLungShare * dirs ? 1 : 0;
            }
    });
    return wrapped;
}

std::size_t addLungBridges(Mask& candidate, const Mask& bridgeBlood, const Mask& trunk, const Mask& lungHull) {
    Mask tree = reconstruct(candidate, trunk);
    // Intrapulmonary lumen the tree does not reach.
    Mask orphan(candidate.geometry(), 0);
    for (std::size_t n = 0; n < orphan.voxelCount(); ++n) orphan[n] = candidate[n] && lungHull[n] && !tree[n] ? 1 : 0;
    // Whole components (reconstruct) of the bridge blood that touch each; a voxel in both lies in a
    // component that touches both.
    const Mask fromTree = reconstruct(bridgeBlood, touching(bridgeBlood, tree));
    tree = Mask();
    const Mask intoLung = reconstruct(bridgeBlood, touching(bridgeBlood, orphan));
    std::size_t added = 0;
    for (std::size_t n = 0; n < candidate.voxelCount(); ++n)
        if (fromTree[n] && intoLung[n] && !candidate[n]) {
            candidate[n] = 1;
            ++added;
        }
    return added;
}

}  // namespace tv
