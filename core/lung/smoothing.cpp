#include "lung/smoothing.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace tv {

double estimateNoiseHu(const Image<std::int16_t>& hu, const LabelMap& region) {
    std::vector<int> diffs;
    for (int k = 0; k < hu.nz(); ++k)
        for (int j = 0; j < hu.ny(); ++j)
            for (int i = 0; i + 1 < hu.nx(); i += 2)
                if (region.at(i, j, k) && region.at(i + 1, j, k))
                    diffs.push_back(std::abs(hu.at(i + 1, j, k) - hu.at(i, j, k)));
    if (diffs.size() < 1000) return 0.0;
    auto mid = diffs.begin() + static_cast<std::ptrdiff_t>(diffs.size() / 2);
    std::nth_element(diffs.begin(), mid, diffs.end());
    // For Gaussian noise, the difference of two voxels has sd sqrt(2)*sigma and its median absolute
    // value is 0.6745 * that sd. Neighbours are correlated by the reconstruction kernel, so this is
    // a lower bound of the per-voxel noise; it is used only to scale the smoothing.
    return *mid / (0.6745 * std::sqrt(2.0));
}

namespace {
std::vector<float> kernel(double sigmaVox) {
    const int r = std::max(0, static_cast<int>(std::ceil(3.0 * sigmaVox)));
    std::vector<float> w(2 * r + 1);
    double sum = 0;
    for (int t = -r; t <= r; ++t) sum += w[t + r] = static_cast<float>(sigmaVox > 0 ? std::exp(-0.5 * t * t / (sigmaVox * sigmaVox)) : 1.0);
    for (auto& x : w) x = static_cast<float>(x / sum);
    return w;
}
}  // namespace

Image<std::int16_t> gaussianSmooth(const Image<std::int16_t>& hu, double sigmaMm, const CancelToken& cancel) {
    const int nx = hu.nx(), ny = hu.ny(), nz = hu.nz();
    const auto& sp = hu.geometry().spacing;
    const auto kx = kernel(sigmaMm / sp[0]), ky = kernel(sigmaMm / sp[1]), kz = kernel(sigmaMm / sp[2]);
    const int rx = static_cast<int>(kx.size() / 2), ry = static_cast<int>(ky.size() / 2), rz = static_cast<int>(kz.size() / 2);
    // z pass first into the int16 result (rounding costs under 0.5 HU), then the in-plane passes
    // per slice in place with a float scratch slice: no full-size float buffer.
    const std::size_t sxy = static_cast<std::size_t>(nx) * ny;
    Image<std::int16_t> result(hu.geometry());
    tbb::parallel_for(0, nz, [&](int k) {
        if (cancel.isCancelled()) return;
        for (std::size_t n = 0; n < sxy; ++n) {
            float s = 0;
            for (int t = -rz; t <= rz; ++t) s += kz[t + rz] * hu[static_cast<std::size_t>(std::clamp(k + t, 0, nz - 1)) * sxy + n];
            result[static_cast<std::size_t>(k) * sxy + n] = static_cast<std::int16_t>(std::lround(std::clamp(s, -32768.f, 32767.f)));
        }
    });
    cancel.throwIfCancelled();
    tbb::parallel_for(0, nz, [&](int k) {
        if (cancel.isCancelled()) return;
        std::vector<float> tmp(sxy);
        std::int16_t* sl = result.slice(k);
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i) {
                float s = 0;
                for (int t = -rx; t <= rx; ++t) s += kx[t + rx] * sl[static_cast<std::size_t>(j) * nx + std::clamp(i + t, 0, nx - 1)];
                tmp[static_cast<std::size_t>(j) * nx + i] = s;
            }
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i) {
                float s = 0;
                for (int t = -ry; t <= ry; ++t) s += ky[t + ry] * tmp[static_cast<std::size_t>(std::clamp(j + t, 0, ny - 1)) * nx + i];
                sl[static_cast<std::size_t>(j) * nx + i] = static_cast<std::int16_t>(std::lround(std::clamp(s, -32768.f, 32767.f)));
            }
    });
    cancel.throwIfCancelled();
    return result;
}

}  // namespace tv
