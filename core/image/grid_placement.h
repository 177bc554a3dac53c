#pragma once
// Placing a label map that was saved on a related grid onto a volume's grid without resampling.
// Segmentation tools often write each mask on its own crop of the same scan: same voxel spacing and
// direction, origins that differ by a whole number of voxels. Such a mask is copied voxel for voxel
// to the volume grid by patient coordinates (cropped where it sticks out, background where it does
// not reach). Anything that would need interpolation is refused: a mask is never drawn misaligned.
#include <optional>

#include "image/image.h"

namespace tv {

/// Tolerances for "the same lattice". The residual of the origin offset after rounding to whole
/// voxels must be at most kGridOriginToleranceMm along every axis (NIfTI stores the origin as
/// float32: about 3e-5 mm of rounding at 500 mm; 0.01 mm is also what readNiftiLabelsOnGrid
/// accepts for an identical grid). Spacings must agree within kGridSpacingToleranceMm and
/// direction cosines within 1e-4, as in ImageGeometry::sameGrid.
inline constexpr double kGridOriginToleranceMm = 0.01;
inline constexpr double kGridSpacingToleranceMm = 0.01;

/// Where `source`'s voxel (0,0,0) lies in `target`'s voxel indices, when both grids share spacing
/// and direction and the origins differ by whole voxels (within the tolerances above); nullopt
/// otherwise. Sizes do not matter. Target voxel t holds source voxel t - offset.
std::optional<Index3> wholeVoxelOffset(const ImageGeometry& source, const ImageGeometry& target);

/// Copies `source` onto `target` (which must satisfy wholeVoxelOffset(source.geometry(), target) ==
/// offset): voxels outside the source are 0. Throws InvalidArgumentError when no voxel overlaps.
LabelMap placeOnGrid(const LabelMap& source, const ImageGeometry& target, const Index3& offset);

}  // namespace tv
