#include "embolism/lung_bridges.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <tbb/parallel_for.h>

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
    const int dirs = p.hilarDirections;
    std::vector<double> cosA(dirs), sinA(dirs);
    for (int d = 0; d < dirs; ++d) {
        cosA[d] = std::cos(2 * 3.14159265358979 * d / dirs);
        sinA[d] = std::sin(2 * 3.14159265358979 * d / dirs);
    }
    const double step = std::min(g.spacing[0], g.spacing[1]);
    // The hila lie where the lungs are broad (as hilarZone: near the apices the lung also wraps the
    // subclavian and brachiocephalic vessels).
    std::vector<std::int64_t> sliceLung(g.size[2], 0);
    for (int k = 0; k < g.size[2]; ++k)
        for (int j = 0; j < g.size[1]; ++j)
            for (int i = 0; i < g.size[0]; ++i) sliceLung[k] += lungs.at(i, j, k) != 0;
    const std::int64_t broadest = *std::max_element(sliceLung.begin(), sliceLung.end());
    Mask wrapped(g, 0);
    tbb::parallel_for(0, g.size[2], [&](int k) {
        if (sliceLung[k] < p.hilarMinLungSliceShare * broadest) return;
        for (int j = 0; j < g.size[1]; ++j)
            for (int i = 0; i < g.size[0]; ++i) {
                const std::size_t n = outsideBlood.offset(i, j, k);
                if (!outsideBlood[n] || std::abs(i - midlineI) * g.spacing[0] < p.hilarMinLateralMm) continue;
                const double reach = R[n] + p.hilarLungMarginMm;
                int withLung = 0;
                for (int d = 0; d < dirs; ++d)
                    for (double t = step; t <= reach; t += step) {
                        const int a = static_cast<int>(std::lround(i + t * cosA[d] / g.spacing[0]));
                        const int b = static_cast<int>(std::lround(j + t * sinA[d] / g.spacing[1]));
                        if (a < 0 || b < 0 || a >= g.size[0] || b >= g.size[1]) break;
                        if (lungs.at(a, b, k)) {
                            ++withLung;
                            break;
                        }
                    }
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
