#pragma once
// Connected components by runs: a mask is read once, row by row, as runs of consecutive matching
// voxels along i; runs that overlap in the next row (and, in 3-D, the same row of the next slice)
// are joined with a union-find. Lung masks hold a few runs per row where a voxel-by-voxel flood
// fill visits hundreds of voxels, so this is several times cheaper, and it reads the mask without
// changing it. Results are those of a serial flood fill in memory order: components are numbered
// by their first voxel (seed), with the same statistics.
#include <cstdint>
#include <vector>

#include "image/image.h"
#include "util/progress.h"

namespace tv {

/// One 3-D connected component of voxels equal to a value (6-connectivity).
struct Component {
    std::size_t seed = 0;     // linear index of one voxel of the component (its first in memory order)
    std::size_t voxels = 0;
    Index3 lo{0, 0, 0}, hi{0, 0, 0};  // half-open bounding box
    double meanI = 0, meanJ = 0, meanK = 0;
};

/// Voxels i0..i1 (inclusive) of image row `row` (= k * ny + j).
struct VoxelRun {
    std::uint32_t row = 0;
    std::int32_t i0 = 0, i1 = 0;
};

/// The runs of voxels == value, in memory order, and the 6-connected component of each run
/// (index into `components`, which is in seed order).
struct RunComponents {
    std::vector<VoxelRun> runs;
    std::vector<std::int32_t> componentOfRun;
    std::vector<Component> components;
};

/// Labels the 6-connected components of the voxels where (voxel == value) == equal, e.g. value 0
/// and equal false for all non-zero voxels (slices run in parallel).
RunComponents labelRunComponents(const LabelMap& mask, std::uint8_t value, const CancelToken& cancel = neverCancel(),
                                 bool equal = true);

/// Sets every voxel of component `c` to `label` (`out` on the labelled mask's grid).
void paintComponent(const RunComponents& rc, std::int32_t c, LabelMap& out, std::uint8_t label);

/// The 4-connected regions of one nx x ny slice (row-major) of the pixels where
/// (s[n] == value) == equal: runs in memory order (VoxelRun::row = j), the region of each run
/// (numbered by first pixel in memory order) and the number of regions.
struct SliceRegions {
    std::vector<VoxelRun> runs;
    std::vector<std::int32_t> regionOfRun;
    std::int32_t regions = 0;
};
void labelSliceRegions(const std::uint8_t* s, int nx, int ny, std::uint8_t value, bool equal, SliceRegions& out);

}  // namespace tv
