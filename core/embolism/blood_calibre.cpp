#include "embolism/blood_calibre.h"

#include "embolism/volume_ops.h"

#include <algorithm>
#include <cmath>

namespace tv {

double bloodCalibreMm(const std::vector<std::size_t>& voxels, const Image<float>& s, const ThoraxMasks& m, const VesselTree& tree,
                      int boxVoxels, double closingMm, double maxRadiusMm) {
    if (voxels.empty()) return 0.0;
    const ImageGeometry& g = s.geometry();
    const int nx = s.nx(), ny = s.ny(), nz = s.nz();
    int lo[3] = {nx, ny, nz}, hi[3] = {-1, -1, -1};
    for (const std::size_t n : voxels) {
        const int q[3] = {static_cast<int>(n % nx), static_cast<int>((n / nx) % ny), static_cast<int>(n / (static_cast<std::size_t>(nx) * ny))};
        for (int a = 0; a < 3; ++a) lo[a] = std::min(lo[a], q[a]), hi[a] = std::max(hi[a], q[a]);
    }
    int clo[3], chi[3];
    for (int a = 0; a < 3; ++a) {
        const int margin = boxVoxels + static_cast<int>(std::ceil((closingMm + maxRadiusMm) / g.spacing[a])) + 1;
        clo[a] = std::max(0, lo[a] - margin);
        chi[a] = std::min(g.size[a] - 1, hi[a] + margin);
    }
    ImageGeometry cg = g;
    for (int a = 0; a < 3; ++a) cg.size[a] = chi[a] - clo[a] + 1;
    const double boneHu = ThoraxParams{}.boneHu;
    const bool haveAorta = m.aorta.voxelCount() > 0;
    Mask blood(cg, 0);
    for (int k = 0; k < cg.size[2]; ++k)
        for (int j = 0; j < cg.size[1]; ++j)
            for (int i = 0; i < cg.size[0]; ++i) {
                const std::size_t n = s.offset(clo[0] + i, clo[1] + j, clo[2] + k);
                const bool enhanced = !m.lungs[n] && !m.heart[n] && !(haveAorta && m.aorta[n]) &&
                                      s[n] >= tree.lumenThresholdHu && s[n] <= boneHu;
                blood.at(i, j, k) = tree.lumen[n] || enhanced ? 1 : 0;
            }
    const Image<float> r = distanceInsideMm(closeMm(blood, closingMm));
    float best = 0;
    for (const std::size_t n : voxels) {
        const int q[3] = {static_cast<int>(n % nx), static_cast<int>((n / nx) % ny), static_cast<int>(n / (static_cast<std::size_t>(nx) * ny))};
        for (int c = std::max(clo[2], q[2] - boxVoxels); c <= std::min(chi[2], q[2] + boxVoxels); ++c)
            for (int b = std::max(clo[1], q[1] - boxVoxels); b <= std::min(chi[1], q[1] + boxVoxels); ++b)
                for (int a = std::max(clo[0], q[0] - boxVoxels); a <= std::min(chi[0], q[0] + boxVoxels); ++a)
                    best = std::max(best, r.at(a - clo[0], b - clo[1], c - clo[2]));
    }
    return std::min(static_cast<double>(best), maxRadiusMm);
}

}  // namespace tv
