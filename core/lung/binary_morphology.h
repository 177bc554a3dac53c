#pragma once
// Binary morphology on uint8 masks (non-zero = set). The disk operations are per axial slice and
// exact (Euclidean, anisotropic pixel spacing) via a squared distance transform, so their cost
// does not grow with the radius; slices run in parallel (TBB).
#include <cstdint>
#include <vector>

#include "image/image.h"
#include "util/progress.h"

namespace tv {

/// Squared Euclidean distance (mm^2) from every pixel of one slice to the nearest pixel where
/// `mask[n] != 0` equals `targetSet` (Felzenszwalb-Huttenlocher, separable). Pixels with no
/// target in the slice get a large value (1e12).
void squaredDistance2d(const std::uint8_t* mask, int nx, int ny, double sx, double sy, bool targetSet,
                       float* out);

/// Per-slice disk operations with radius `radiusMm` (mask values become 0/1).
void erodeSlices(LabelMap& mask, double radiusMm, const CancelToken& cancel = neverCancel());
void dilateSlices(LabelMap& mask, double radiusMm, const CancelToken& cancel = neverCancel());
void openSlices(LabelMap& mask, double radiusMm, const CancelToken& cancel = neverCancel());
void closeSlices(LabelMap& mask, double radiusMm, const CancelToken& cancel = neverCancel());

/// Fills, per slice, background regions not 4-connected to the slice border (mask becomes 0/1).
void fillHolesSlices(LabelMap& mask, const CancelToken& cancel = neverCancel());

/// Keeps, per slice, only the largest 4-connected region of set pixels (mask values become 0/1;
/// ties: the region met first in memory order). E.g. the patient's body among table and tubes.
void keepLargestRegionSlices(LabelMap& mask, const CancelToken& cancel = neverCancel());

/// One 3-D connected component of voxels equal to a value (6-connectivity).
struct Component {
    std::size_t seed = 0;     // linear index of one voxel of the component
    std::size_t voxels = 0;
    Index3 lo{0, 0, 0}, hi{0, 0, 0};  // half-open bounding box
    double meanI = 0, meanJ = 0, meanK = 0;
};

/// All 6-connected components of voxels == `value` (value < 128; the mask is restored on return).
std::vector<Component> findComponents(LabelMap& mask, std::uint8_t value, const CancelToken& cancel = neverCancel());

/// Sets every voxel 6-connected to `seed` that equals `from` to `to` (from != to). Returns count.
std::size_t floodFill(LabelMap& mask, std::size_t seed, std::uint8_t from, std::uint8_t to);

/// Removes 6-connected components of non-zero voxels with fewer than `minVoxels` voxels.
void removeSmallComponents(LabelMap& mask, std::size_t minVoxels, const CancelToken& cancel = neverCancel());

}  // namespace tv
