#pragma once
// Gaussian scale space in a cascade, for the multiscale Hessian filters (vesselness, nodule blobs):
// G(s2) = G(sqrt(s2^2 - s1^2)) * G(s1), so each step's kernel is short.
#include <cmath>
#include <cstdint>
#include <vector>

#include "image/image.h"
#include "lung/smoothing.h"
#include "util/progress.h"

namespace tv {

/// Calls f(image, sigmaMm) for each of `scales` (ascending, mm), with `base` (already smoothed with
/// a Gaussian of baseSigmaMm) smoothed further to that sigma. A scale at or below baseSigmaMm gets
/// `base` itself. Checks `cancel` before each scale.
template <typename F>
void forEachScale(const Image<std::int16_t>& base, double baseSigmaMm, const std::vector<double>& scales,
                  const CancelToken& cancel, F&& f) {
    Image<std::int16_t> g;
    double gSigma = baseSigmaMm;
    for (double sigma : scales) {
        cancel.throwIfCancelled();
        if (sigma > gSigma) {
            g = gaussianSmooth(g.empty() ? base : g, std::sqrt(sigma * sigma - gSigma * gSigma), cancel);
            gSigma = sigma;
        }
        f(g.empty() ? base : g, sigma);
    }
}

}  // namespace tv
