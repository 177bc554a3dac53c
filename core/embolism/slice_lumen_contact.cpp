#include "embolism/slice_lumen_contact.h"

#include <algorithm>
#include <unordered_set>

namespace tv {

SliceLumenContact sliceLumenContact(const std::vector<std::size_t>& voxels, const Mask& lumen) {
    SliceLumenContact r;
    if (voxels.empty()) return r;
    const ImageGeometry& g = lumen.geometry();
    const std::size_t nx = static_cast<std::size_t>(g.size[0]), ny = static_cast<std::size_t>(g.size[1]);
    const std::size_t sxy = nx * ny, nz = static_cast<std::size_t>(g.size[2]);
    const std::unordered_set<std::size_t> self(voxels.begin(), voxels.end());
    const auto lumenOutside = [&](std::size_t q) { return lumen[q] && !self.count(q); };
    int covered = 0;
    for (const std::size_t n : voxels) {
        const std::size_t i = n % nx, j = (n / nx) % ny, k = n / sxy;
        if (i > 0 && lumenOutside(n - 1)) ++r.inPlaneFaces;
        if (i + 1 < nx && lumenOutside(n + 1)) ++r.inPlaneFaces;
        if (j > 0 && lumenOutside(n - nx)) ++r.inPlaneFaces;
        if (j + 1 < ny && lumenOutside(n + nx)) ++r.inPlaneFaces;
        const bool below = k > 0 && lumenOutside(n - sxy), above = k + 1 < nz && lumenOutside(n + sxy);
        r.throughPlaneFaces += below + above;
        covered += below || above;
    }
    r.coveredShare = static_cast<double>(covered) / static_cast<double>(voxels.size());
    return r;
}

}  // namespace tv
