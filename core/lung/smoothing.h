#pragma once
// Noise estimate and Gaussian smoothing of HU before the opacity bands: the bands are narrow
// compared with the noise of sharp kernels, so unsmoothed voxels of normal lung would scatter
// into the GGO band.
#include <vector>

#include "image/image.h"
#include "lung/binary_morphology.h"
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

/// gaussianSmooth computed only on the rectangle need[k] of each slice k (need holds one rectangle
/// per slice; an empty one computes nothing there); the other pixels are 0. Every computed pixel
/// equals gaussianSmooth's to the bit (the same sums in the same order), and only the pixels of
/// gaussianSourceRects(hu.geometry(), sigmaMm, need) are read: filters that look at a few voxels
/// (Hessians at candidates) need not smooth the whole volume.
Image<std::int16_t> gaussianSmoothRects(const Image<std::int16_t>& hu, double sigmaMm, const std::vector<SliceRect>& need,
                                        const CancelToken& cancel = neverCancel());

/// Per slice, the rectangle of the input that gaussianSmoothRects(image, sigmaMm, need) reads
/// (empty where it reads nothing).
std::vector<SliceRect> gaussianSourceRects(const ImageGeometry& g, double sigmaMm, const std::vector<SliceRect>& need);

}  // namespace tv
