#pragma once
// Small volume operations the detector is built from: separable Gaussian smoothing, exact
// Euclidean distance transforms in millimetres (anisotropic spacing), connected components.
// All run on the working grid (float HU, uint8 masks). Parallel over lines with TBB.
#include <cstdint>
#include <vector>

#include "image/image.h"

namespace tv {

using Mask = Image<std::uint8_t>;  // 0/1

/// Gaussian smoothing with standard deviation `sigmaMm` along i, j (and k when `alongK`).
void gaussianSmooth(Image<float>& img, double sigmaMm, bool alongK = true);

/// Distance in mm from each voxel to the nearest voxel where mask == 0 (0 outside the mask).
/// Voxels beyond the volume border count as inside (so structures cut by the crop are not thin).
Image<float> distanceInsideMm(const Mask& mask);

/// Distance in mm from each voxel to the nearest voxel where mask != 0 (0 inside the mask;
/// a large value when the mask is empty).
Image<float> distanceToMaskMm(const Mask& mask);

/// Dilation / erosion / closing with a ball of `radiusMm` (via distance transforms).
Mask dilateMm(const Mask& mask, double radiusMm);
Mask erodeMm(const Mask& mask, double radiusMm);
Mask closeMm(const Mask& mask, double radiusMm);

struct Components {
    Image<std::int32_t> labels;          // 0 = background, 1..count
    std::vector<std::int64_t> sizes;     // sizes[label], sizes[0] unused
    int count() const { return static_cast<int>(sizes.size()) - 1; }
};

/// Connected components of mask != 0; 6-connectivity, or 26 when `full`.
Components connectedComponents(const Mask& mask, bool full = false);

/// Inclusive bounding box (voxel indices) of the non-empty voxel offsets `offsets` on a grid of `size`.
struct VoxelBounds {
    Index3 lo, hi;
};
VoxelBounds voxelBounds(const std::vector<std::size_t>& offsets, const Index3& size);

/// Voxels of `mask` connected (6-neighbours) to any voxel where seeds != 0 and mask != 0.
Mask reconstruct(const Mask& mask, const Mask& seeds);

}  // namespace tv
