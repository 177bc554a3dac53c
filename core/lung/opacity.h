#pragma once
// Ground-glass opacity and consolidation inside the lung mask, by HU bands on the smoothed CT,
// with vessels and airway walls (thin structures, central vessels) and tiny specks excluded.
#include <array>

#include "image/image.h"
#include "lung/lung_params.h"
#include "lung/lung_regions.h"
#include "util/progress.h"

namespace tv {

/// Values in the opacity label map (opacity.nii.gz).
enum OpacityLabel : std::uint8_t { kNoOpacity = 0, kGgo = 1, kConsolidation = 2 };

struct OpacityStats {
    std::size_t vesselVoxels = 0;      // tubes by vesselness, with their halo
    std::size_t thinVoxels = 0;        // above ggoLowHu but too thin: walls, fissures, vessel remnants
    std::size_t hilarVesselVoxels = 0; // wide dense components at the hilum (central vessels)
    std::size_t speckVoxels = 0;       // components below the minimum size
    // Lung voxels left out of the opacity search by each surface margin (any HU).
    std::size_t diaphragmMarginVoxels = 0;
    std::size_t apicalMarginVoxels = 0;
    std::size_t mediastinalMarginVoxels = 0;
    std::size_t noduleKeptVoxels = 0;  // tube-test-positive voxels kept inside nodule-scale blobs
    std::size_t noduleBlobCells = 0;   // blob centres on the detector's coarse grid
    double vesselnessMs = 0;           // wall time of the vesselness step
    double vesselnessCpuMs = 0;        // process CPU time of the vesselness step
    double noduleBlobMs = 0;           // wall time of the nodule blob step (part of the vesselness step)
    double noduleBlobCpuMs = 0;
};

/// `smoothed`: HU after a Gaussian of `smoothingSigmaMm` (the vesselness scales start from it); `lungLabels`: 1 = left, 2 = right lung (other values ignored),
/// same grid; `ext`: lung extents indexed by Side. Returns an OpacityLabel map on that grid.
/// `progress` gets one "opacity: ..." label per step (fraction 0.5-0.9 of the lung analysis).
LabelMap classifyOpacity(const Image<std::int16_t>& smoothed, double smoothingSigmaMm, const LabelMap& lungLabels,
                         const std::array<LungExtent, 2>& ext, const LungOpacityParams& p, OpacityStats& stats,
                         const CancelToken& cancel, ProgressSink& progress = noProgress());

}  // namespace tv
