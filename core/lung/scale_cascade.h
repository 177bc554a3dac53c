#pragma once
// Gaussian scale space in a cascade, for the multiscale Hessian filters (vesselness, nodule blobs):
// G(s2) = G(sqrt(s2^2 - s1^2)) * G(s1), so each step's kernel is short.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "image/image.h"
#include "lung/binary_morphology.h"
#include "lung/smoothing.h"
#include "util/progress.h"

namespace tv {

/// Per slice, the rectangle that Hessians (hessianAt) at the listed voxels read: points[k] holds
/// in-slice indices (j * nx + i) of slice k; their bounding rectangle grown by one pixel is read in
/// slices k - 1, k and k + 1 (clipped to the nx x ny slice and the points.size() slices).
inline std::vector<SliceRect> hessianReadRects(const std::vector<std::vector<std::uint32_t>>& points, int nx, int ny) {
    const int nz = static_cast<int>(points.size());
    std::vector<SliceRect> need(points.size());
    for (int k = 0; k < nz; ++k) {
        if (points[k].empty()) continue;
        int i0 = nx, i1 = -1, j0 = ny, j1 = -1;
        for (std::uint32_t q : points[k]) {
            const int i = static_cast<int>(q % static_cast<std::uint32_t>(nx)), j = static_cast<int>(q / static_cast<std::uint32_t>(nx));
            i0 = std::min(i0, i), i1 = std::max(i1, i), j0 = std::min(j0, j), j1 = std::max(j1, j);
        }
        const SliceRect r{std::max(0, i0 - 1), std::min(nx - 1, i1 + 1), std::max(0, j0 - 1), std::min(ny - 1, j1 + 1)};
        for (int kk = std::max(0, k - 1); kk <= std::min(nz - 1, k + 1); ++kk) need[kk].unite(r);
    }
    return need;
}

/// Calls f(image, sigmaMm) for each of `scales` (ascending, mm), with `base` (already smoothed with
/// a Gaussian of baseSigmaMm) smoothed further to that sigma. A scale at or below baseSigmaMm gets
/// `base` itself. Checks `cancel` before each scale. With `need` (one rectangle per slice), f
/// reads the smoothed images only there: each step is computed only where f or a later step reads
/// it (gaussianSmoothRects; the other pixels are 0), with the same values as without `need`.
template <typename F>
void forEachScale(const Image<std::int16_t>& base, double baseSigmaMm, const std::vector<double>& scales,
                  const CancelToken& cancel, F&& f, const std::vector<SliceRect>* need = nullptr) {
    // The cascade's step sigmas, and (with `need`) the rectangles each step must produce: the last
    // step's are `need`, an earlier step's also hold what the steps after it read.
    std::vector<double> steps;
    for (double sigma = baseSigmaMm; double s : scales)
        if (s > sigma) steps.push_back(std::sqrt(s * s - sigma * sigma)), sigma = s;
    std::vector<std::vector<SliceRect>> out(steps.size());
    if (need && !steps.empty()) {
        out.back() = *need;
        for (std::size_t t = steps.size() - 1; t > 0; --t) {
            out[t - 1] = gaussianSourceRects(base.geometry(), steps[t], out[t]);
            for (std::size_t k = 0; k < need->size(); ++k) out[t - 1][k].unite((*need)[k]);
        }
    }
    Image<std::int16_t> g;
    double gSigma = baseSigmaMm;
    std::size_t step = 0;
    for (double sigma : scales) {
        cancel.throwIfCancelled();
        if (sigma > gSigma) {
            const Image<std::int16_t>& from = g.empty() ? base : g;
            g = need ? gaussianSmoothRects(from, steps[step], out[step], cancel) : gaussianSmooth(from, steps[step], cancel);
            gSigma = sigma;
            ++step;
        }
        f(g.empty() ? base : g, sigma);
    }
}

}  // namespace tv
