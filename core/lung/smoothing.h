#pragma once
// Noise estimate and Gaussian smoothing of HU before the opacity bands: the bands are narrow
// compared with the noise of sharp kernels, so unsmoothed voxels of normal lung would scatter
// into the GGO band.
#include "image/image.h"
#include "util/progress.h"

namespace tv {

/// Robust noise (HU, standard deviation) of the CT: median absolute difference between in-plane
/// neighbours inside `region` (non-zero voxels), scaled to a standard deviation. Returns 0 when the
/// region has fewer than 1000 voxels.
double estimateNoiseHu(const Image<std::int16_t>& hu, const LabelMap& region);

/// Separable Gaussian smoothing with standard deviation `sigmaMm` (per axis in voxels from the
/// spacing); kernels truncated at 3 sigma, edges clamped. Returns a new image.
Image<std::int16_t> gaussianSmooth(const Image<std::int16_t>& hu, double sigmaMm,
                                   const CancelToken& cancel = neverCancel());

}  // namespace tv
