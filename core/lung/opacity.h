#pragma once
// Ground-glass opacity and consolidation inside the lung mask, by HU bands on the smoothed CT,
// with vessels and airway walls (thin dense structures) and tiny specks excluded.
#include "image/image.h"
#include "lung/lung_params.h"
#include "util/progress.h"

namespace tv {

/// Values in the opacity label map (opacity.nii.gz).
enum OpacityLabel : std::uint8_t { kNoOpacity = 0, kGgo = 1, kConsolidation = 2 };

struct OpacityStats {
    std::size_t vesselVoxels = 0;      // thin dense voxels excluded as vessels / walls
    std::size_t speckVoxels = 0;       // removed as components below the minimum size
};

/// `smoothed`: HU after smoothing; `lungLabels`: 1/2 = lung (other values ignored), same grid.
/// Returns an OpacityLabel map on that grid.
LabelMap classifyOpacity(const Image<std::int16_t>& smoothed, const LabelMap& lungLabels, const LungOpacityParams& p,
                         OpacityStats& stats, const CancelToken& cancel);

}  // namespace tv
