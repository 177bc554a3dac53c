#include "image/grid_placement.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace tv {

std::optional<Index3> wholeVoxelOffset(const ImageGeometry& source, const ImageGeometry& target) {
    if ((source.spacing - target.spacing).cwiseAbs().maxCoeff() > kGridSpacingToleranceMm) return std::nullopt;
    if ((source.direction - target.direction).cwiseAbs().maxCoeff() > 1e-4) return std::nullopt;
    // The offset along each of the target's axes, in voxels and in millimetres.
    const Eigen::Vector3d continuous = target.patientToVoxel(source.origin);
    Index3 offset{};
    for (int a = 0; a < 3; ++a) {
        const double whole = std::round(continuous(a));
        if (std::abs(continuous(a) - whole) * target.spacing(a) > kGridOriginToleranceMm) return std::nullopt;
        offset[static_cast<std::size_t>(a)] = static_cast<int>(whole);
    }
    return offset;
}

LabelMap placeOnGrid(const LabelMap& source, const ImageGeometry& target, const Index3& offset) {
    // Overlap in target indices along each axis: [lo, hi).
    Index3 lo{}, hi{};
    for (std::size_t a = 0; a < 3; ++a) {
        lo[a] = std::max(0, offset[a]);
        hi[a] = std::min(target.size[a], offset[a] + source.size()[a]);
        if (hi[a] <= lo[a])
            throw InvalidArgumentError("placeOnGrid: the label map and the volume do not overlap (offset " +
                                       std::to_string(offset[0]) + ", " + std::to_string(offset[1]) + ", " +
                                       std::to_string(offset[2]) + " voxels)");
    }
    LabelMap out(target, 0);
    const std::size_t rowLength = static_cast<std::size_t>(hi[0] - lo[0]);
    for (int k = lo[2]; k < hi[2]; ++k)
        for (int j = lo[1]; j < hi[1]; ++j)
            std::memcpy(&out.at(lo[0], j, k), &source.at(lo[0] - offset[0], j - offset[1], k - offset[2]), rowLength);
    return out;
}

}  // namespace tv
