#include "embolism/lung_bridges.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <tbb/parallel_for.h>

#include "embolism/lung_wrap_rays.h"
#include "image/neighbours.h"

namespace tv {


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

std::vector<LungBridge> addLungBridges(Mask& candidate, const Mask& bridgeBlood, const Mask& trunk, const Mask& lungHull,
                                       const EmbolismParams& p) {
    const ImageGeometry& g = candidate.geometry();
    const std::size_t nx = static_cast<std::size_t>(g.size[0]);
    const std::size_t sxy = nx * static_cast<std::size_t>(g.size[1]);
    // Face areas (mm2) by the axis the face is normal to.
    const double faceI = g.spacing[1] * g.spacing[2], faceJ = g.spacing[0] * g.spacing[2], faceK = g.spacing[0] * g.spacing[1];
    const Mask tree = reconstruct(candidate, trunk);
    // Each component (face neighbours) of the bridge blood: whether it touches the tree and
    // intrapulmonary lumen the tree does not reach (orphan), and the area it shares with the tree.
    Mask seen(g, 0);
    std::vector<LungBridge> bridges;
    std::vector<std::size_t> comp, stack;
    for (std::size_t s0 = 0; s0 < bridgeBlood.voxelCount(); ++s0) {
        if (!bridgeBlood[s0] || seen[s0]) continue;
        comp.clear();
        stack.assign(1, s0);
        seen[s0] = 1;
        LungBridge b;
        b.k0 = 1 << 30;
        b.k1 = -1;
        while (!stack.empty()) {
            const std::size_t n = stack.back();
            stack.pop_back();
            comp.push_back(n);
            const int k = static_cast<int>(n / sxy);
            b.k0 = std::min(b.k0, k);
            b.k1 = std::max(b.k1, k);
            forEachFaceNeighbour(g.size, n, [&](std::size_t q) {
                if (bridgeBlood[q]) {
                    if (!seen[q]) { seen[q] = 1; stack.push_back(q); }
                    return;
                }
                if (tree[q]) {
                    ++b.treeFaces;
                    const std::size_t step = q > n ? q - n : n - q;
                    b.junctionMm2 += step == 1 ? faceI : step == nx ? faceJ : faceK;
                } else if (candidate[q] && lungHull[q]) {
                    ++b.orphanFaces;
                }
            });
        }
        if (!b.treeFaces || !b.orphanFaces) continue;
        b.voxels = comp.size();
        b.joined = b.junctionMm2 >= p.lungBridgeJunctionMinAreaMm2;
        if (b.joined)
            for (const std::size_t n : comp) candidate[n] = 1;
        bridges.push_back(b);
    }
    return bridges;
}

}  // namespace tv
