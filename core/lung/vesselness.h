#pragma once
// Multiscale Hessian vesselness (Frangi et al., MICCAI 1998) for bright tubular structures inside
// the lung: pulmonary vessels, which after smoothing (and with their partial-volume halo) reach the
// ground-glass HU band and would otherwise be counted as opacity. Evaluated only at candidate
// voxels (lung voxels in the opacity band), so the cost is the Gaussian per scale plus a small
// eigen-analysis per candidate.
#include <cstddef>
#include <vector>

#include "image/image.h"
#include "lung/lung_params.h"
#include "util/progress.h"

namespace tv {

struct VesselnessStats {
    std::size_t vesselVoxels = 0;  // candidates whose vesselness reached the threshold
    std::size_t haloVoxels = 0;    // candidates within the halo distance of a vessel voxel
    std::size_t noduleKeptVoxels = 0;  // tube-test-positive voxels kept because they lie in a nodule-scale blob
    std::size_t noduleBlobCells = 0;   // coarse-grid blob centres found (nodule_blobs.h)
    double noduleBlobMs = 0, noduleBlobCpuMs = 0;  // wall and process CPU time of the blob step
};

/// `count` values (rounded) spaced geometrically from minSigma to maxSigma (empty for 0, minSigma
/// alone for 1): the scales of a multiscale filter.
std::vector<double> geometricScales(double minSigma, double maxSigma, double count);

/// The scales (Gaussian sigma, mm) searched: vesselnessScaleCount values spaced geometrically from
/// vesselnessMinSigmaMm to vesselnessMaxSigmaMm.
std::vector<double> vesselnessScales(const LungOpacityParams& p);

/// Frangi vesselness of a bright tube from the Hessian eigenvalues (any order) at scale sigmaMm:
/// 0 unless the two largest-magnitude eigenvalues are negative; contrast normalised by sigma^2.
double frangiBrightTube(double l0, double l1, double l2, double sigmaMm, const LungOpacityParams& p);

/// Returns a mask (1) of the voxels of `candidates` (non-zero) that are vessels: inside
/// `searchRegion` (non-zero), `smoothed` at least
/// vesselCoreMinHu and maximum vesselness over the scales at least vesselnessThreshold, plus the
/// candidates within vesselHaloMm (in the axial slice) of such a voxel (the partial-volume halo).
/// Candidates within a nodule-scale blob (protectNoduleBlobs) are neither vessel nor halo.
/// `smoothed` is the analysis' CT smoothed with a Gaussian of `smoothedSigmaMm` (the larger scales
/// are computed from it), on the candidates' grid. `searchRegion` is taken by value and freed once
/// the voxels to test are listed (pass it with std::move to keep it out of the memory peak of the
/// scales).
LabelMap vesselMask(const Image<std::int16_t>& smoothed, double smoothedSigmaMm, const LabelMap& candidates,
                    LabelMap searchRegion, const LungOpacityParams& p, VesselnessStats& stats,
                    const CancelToken& cancel, ProgressSink& progress = noProgress());

}  // namespace tv
