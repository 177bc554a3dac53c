#include "bench_volume.h"

#include <algorithm>
#include <cmath>

namespace tvtest3d {

tv::CtVolume resampleSlices(const tv::CtVolume& ct, int slices) {
    const tv::ImageGeometry& g = ct.geometry();
    tv::ImageGeometry out = g;
    out.size[2] = slices;
    const double extent = g.spacing.z() * g.size[2];
    out.spacing.z() = extent / slices;
    // Keep the box the voxels fill: first voxel centre half a new spacing inside the old box.
    const Eigen::Vector3d firstIjk(0.0, 0.0, (out.spacing.z() / 2.0 - g.spacing.z() / 2.0) / g.spacing.z());
    out.origin = g.voxelToPatient(firstIjk);

    tv::CtVolume r;
    r.info = ct.info;
    r.hu = tv::Image<std::int16_t>(out);
    const std::size_t plane = static_cast<std::size_t>(g.size[0]) * g.size[1];
    for (int k = 0; k < slices; ++k) {
        const double src = std::clamp(firstIjk.z() + k * out.spacing.z() / g.spacing.z(), 0.0,
                                      static_cast<double>(g.size[2] - 1));
        const int k0 = static_cast<int>(std::floor(src));
        const int k1 = std::min(k0 + 1, g.size[2] - 1);
        const double w = src - k0;
        const std::int16_t* a = ct.hu.slice(k0);
        const std::int16_t* b = ct.hu.slice(k1);
        std::int16_t* d = r.hu.slice(k);
        for (std::size_t n = 0; n < plane; ++n)
            d[n] = static_cast<std::int16_t>(std::lround((1.0 - w) * a[n] + w * b[n]));
    }
    return r;
}

}  // namespace tvtest3d
