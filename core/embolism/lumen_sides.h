#pragma once
// Does enhanced lumen pass a candidate? A partial filling defect (central or eccentric clot) leaves
// contrast beside it in its own cross-section, which joins the lumen before and after it; a complete
// occlusion leaves none, so the lumen before and the lumen after it touch it as separate pieces.
#include <cstddef>
#include <vector>

#include "embolism/volume_ops.h"

namespace tv {

/// Number of separate pieces of `lumen` (face neighbours, outside the candidate) that touch the
/// candidate's `voxels` (working-grid offsets), followed only inside the candidate's bounding box
/// grown by `marginMm`; pieces of fewer than `minVoxels` voxels (partial-volume specks) do not count.
int lumenSidesTouching(const std::vector<std::size_t>& voxels, const Mask& lumen, double marginMm, int minVoxels);

}  // namespace tv
