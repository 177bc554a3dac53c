#pragma once
// Nodule-scale blob detection that protects ground-glass and part-solid nodules from the vessel
// (tube) test: a nodule that a vessel runs into has dense voxels that look tubular at the vessel
// scales, but at its own scale (sigma 3-5 mm) the Hessian has three negative eigenvalues of similar
// size, which a vessel, even where it forks, does not (Lindeberg 1998; Li, Sone, Doi 2003; see
// LungOpacityParams). The decision is made per voxel from the image, not from connectivity: the
// nodule and the vessel tree are one connected component.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "image/image.h"
#include "lung/lung_params.h"
#include "util/progress.h"

namespace tv {

struct NoduleBlobStats {
    std::size_t blobCells = 0;      // coarse-grid cells that passed the blob test at some scale and the dense-fraction test
    std::size_t keptTubeVoxels = 0; // tube voxels within the protection radius of a blob centre
};

/// The blob scales (Gaussian sigma, mm): noduleBlobScaleCount values spaced geometrically from
/// noduleBlobMinSigmaMm to noduleBlobMaxSigmaMm.
std::vector<double> noduleBlobScales(const LungOpacityParams& p);

/// True when Hessian eigenvalues (any order) at scale sigmaMm describe a bright blob: all three
/// negative, the weakest at least noduleBlobMinEigenRatio of the strongest, and the weakest,
/// sigma^2-normalised, at least noduleBlobMinContrastHu.
bool isNoduleBlob(double l0, double l1, double l2, double sigmaMm, const LungOpacityParams& p);

/// Marks with 2 in `vessel` (1 = tube voxel, 0 = not) the voxels within noduleBlobProtectRadiusMm
/// of a blob centre: tube voxels there are kept as opacity, and the caller keeps its halo out of
/// them. `smoothed`: the analysis' CT smoothed with a Gaussian of `smoothedSigmaMm`, on the grid of
/// `vessel`. Blob centres are searched on a grid binned in-plane to about noduleBlobGridMm, only
/// within the protection radius of a tube voxel; `tubeVoxels` lists, per slice, the in-slice indices
/// of the voxels that may be tube voxels (the others are not looked at), so the cost follows the
/// number of tube voxels. Does nothing when the detector is disabled or there are no tube voxels.
void protectNoduleBlobs(const Image<std::int16_t>& smoothed, double smoothedSigmaMm,
                        const std::vector<std::vector<std::uint32_t>>& tubeVoxels, LabelMap& vessel,
                        const LungOpacityParams& p, NoduleBlobStats& stats, const CancelToken& cancel);

}  // namespace tv
