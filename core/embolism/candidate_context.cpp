#include "embolism/candidate_context.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tv {

double solidCoreHu(const Image<float>& raw, const Eigen::Vector3d& centre, double radiusMm) {
    const ImageGeometry& g = raw.geometry();
    int lo[3], hi[3];
    const int size[3] = {raw.nx(), raw.ny(), raw.nz()};
    for (int a = 0; a < 3; ++a) {
        const double reach = radiusMm / g.spacing[a];
        lo[a] = std::max(0, static_cast<int>(std::ceil(centre[a] - reach)));
        hi[a] = std::min(size[a] - 1, static_cast<int>(std::floor(centre[a] + reach)));
    }
    double sum = 0;
    int n = 0;
    for (int k = lo[2]; k <= hi[2]; ++k)
        for (int j = lo[1]; j <= hi[1]; ++j)
            for (int i = lo[0]; i <= hi[0]; ++i) {
                const double dx = (i - centre[0]) * g.spacing[0], dy = (j - centre[1]) * g.spacing[1],
                             dz = (k - centre[2]) * g.spacing[2];
                if (dx * dx + dy * dy + dz * dz > radiusMm * radiusMm) continue;
                sum += raw.at(i, j, k);
                ++n;
            }
    return n ? sum / n : std::numeric_limits<double>::quiet_NaN();
}

double underLungBaseShare(const std::vector<std::size_t>& voxels, const Mask& lungs) {
    if (voxels.empty()) return 0;
    const int nx = lungs.nx(), ny = lungs.ny(), nz = lungs.nz();
    int under = 0;
    for (const std::size_t n : voxels) {
        const int i = static_cast<int>(n % nx), j = static_cast<int>((n / nx) % ny), k = static_cast<int>(n / (static_cast<std::size_t>(nx) * ny));
        bool above = false, below = false;
        for (int kk = k + 1; kk < nz && !above; ++kk) above = lungs.at(i, j, kk) != 0;
        for (int kk = k - 1; kk >= 0 && !below; --kk) below = lungs.at(i, j, kk) != 0;
        under += above && !below;
    }
    return static_cast<double>(under) / voxels.size();
}

double oneSliceOnHeartShare(const std::vector<std::size_t>& voxels, const Mask& heart) {
    if (voxels.empty()) return 0;
    const int nx = heart.nx(), ny = heart.ny();
    const std::size_t slice = static_cast<std::size_t>(nx) * ny;
    const std::size_t k0 = voxels.front() / slice;
    int onHeart = 0;
    for (const std::size_t n : voxels) {
        if (n / slice != k0) return 0;  // several slices: a body, not a sheet
        if (k0 > 0 && !heart[n] && heart[n - slice]) ++onHeart;
    }
    return static_cast<double>(onHeart) / voxels.size();
}

}  // namespace tv
