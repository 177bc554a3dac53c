#pragma once
// Separation of the left and right lung where they touch (anterior and posterior junction lines):
// erode until the mask falls apart into two large parts, then give every voxel to the part that
// reaches it first through the mask (geodesic growing), so the cut falls on the thin junction.
#include <string>

#include "image/image.h"
#include "lung/lung_frame.h"
#include "util/progress.h"

namespace tv {

struct LungSplitResult {
    LabelMap labels;        // 1 = left lung, 2 = right lung (same grid as the input mask)
    double erosionMm = 0;   // 0 when the lungs were already separate
    bool separated = false; // false: only one lung found; all voxels were given by side of the midline
};

/// `lungs`: non-zero = lung (both sides, airway already removed).
LungSplitResult splitLeftRight(const LabelMap& lungs, const AxialFrame& frame, const CancelToken& cancel);

}  // namespace tv
