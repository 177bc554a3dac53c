#pragma once
// Block-mean binning of an image in the axial plane (slices are kept): coarse grids for work that
// does not need the full in-plane resolution (body mask, nodule-scale blob detection).
#include <cstdint>
#include <limits>

#include "image/image.h"

namespace tv {

/// Mean HU of step x step in-plane blocks (partial blocks at the far edges average what they hold).
/// The result's spacing along i and j is `step` times the input's; origin and direction are kept,
/// so coarse voxel (ib, jb, k) covers fine voxels [ib*step, ib*step + step) x [jb*step, ...) x {k}.
/// Values above `ceiling` count as `ceiling` (a clipped mean).
Image<std::int16_t> binInPlane(const Image<std::int16_t>& hu, int step,
                               std::int16_t ceiling = std::numeric_limits<std::int16_t>::max());

}  // namespace tv
