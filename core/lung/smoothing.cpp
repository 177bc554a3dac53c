#include "lung/smoothing.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace tv {

double estimateNoiseHu(const Image<std::int16_t>& hu, const LabelMap& region) {
    // Slices in parallel: count the pairs, then write them into one vector (no per-slice buffers,
    // which would stay in the threads' heaps and raise the peak memory of later stages).
    const int nz = hu.nz();
    std::vector<std::size_t> start(static_cast<std::size_t>(nz) + 1, 0);
    auto forPairs = [&](int k, auto&& fn) {
        for (int j = 0; j < hu.ny(); ++j) {
            const std::uint8_t* r = &region.at(0, j, k);
            const std::int16_t* h = &hu.at(0, j, k);
            for (int i = 0; i + 1 < hu.nx(); i += 2)
                if (r[i] && r[i + 1]) fn(std::abs(h[i + 1] - h[i]));
        }
    };
    tbb::parallel_for(0, nz, [&](int k) { forPairs(k, [&](int) { ++start[k + 1]; }); });
    for (int k = 0; k < nz; ++k) start[k + 1] += start[k];
    std::vector<int> diffs(start[nz]);
    tbb::parallel_for(0, nz, [&](int k) {
        std::size_t t = start[k];
        forPairs(k, [&](int d) { diffs[t++] = d; });
    });
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

// Every pass accumulates whole rows (weight outer, pixel inner) so that the inner loops are
// contiguous and vectorise; edges are clamped by choosing the source row or, along a row, by
// padding it with its end values.
Image<std::int16_t> gaussianSmooth(const Image<std::int16_t>& hu, double sigmaMm, const CancelToken& cancel) {
    const int nx = hu.nx(), ny = hu.ny(), nz = hu.nz();
    const auto& sp = hu.geometry().spacing;
    const auto kx = kernel(sigmaMm / sp[0]), ky = kernel(sigmaMm / sp[1]), kz = kernel(sigmaMm / sp[2]);
    const int rx = static_cast<int>(kx.size() / 2), ry = static_cast<int>(ky.size() / 2), rz = static_cast<int>(kz.size() / 2);
    const std::size_t sxy = static_cast<std::size_t>(nx) * ny;
    Image<std::int16_t> result(hu.geometry());
    // Round half away from zero, as std::lround, but inline (vectorises): v + 0.5 is exact in
    // double for any float v, and the conversion to int truncates towards zero.
    auto toHu = [](float v) {
        const double c = std::clamp(static_cast<double>(v), -32768.0, 32767.0);
        return static_cast<std::int16_t>(static_cast<int>(c + std::copysign(0.5, c)));
    };
    // z, then x, then y, per slice: no full-size float buffer (rounding to int16 once costs under
    // 0.5 HU).
    tbb::parallel_for(0, nz, [&](int k) {
        if (cancel.isCancelled()) return;
        std::vector<float> zs(sxy, 0.f), xs(sxy), padded(static_cast<std::size_t>(nx + 2 * rx)), acc(static_cast<std::size_t>(nx));
        for (int t = -rz; t <= rz; ++t) {
            const std::int16_t* src = hu.slice(std::clamp(k + t, 0, nz - 1));
            const float w = kz[t + rz];
            for (std::size_t n = 0; n < sxy; ++n) zs[n] += w * static_cast<float>(src[n]);
        }
        for (int j = 0; j < ny; ++j) {
            const float* row = zs.data() + static_cast<std::size_t>(j) * nx;
            std::fill(padded.begin(), padded.begin() + rx, row[0]);
            std::copy(row, row + nx, padded.begin() + rx);
            std::fill(padded.begin() + rx + nx, padded.end(), row[nx - 1]);
            float* out = xs.data() + static_cast<std::size_t>(j) * nx;
            std::fill(out, out + nx, 0.f);
            for (int t = 0; t <= 2 * rx; ++t) {
                const float w = kx[t];
                const float* in = padded.data() + t;
                for (int i = 0; i < nx; ++i) out[i] += w * in[i];
            }
        }
        std::int16_t* dst = result.slice(k);
        for (int j = 0; j < ny; ++j) {
            std::fill(acc.begin(), acc.end(), 0.f);
            for (int t = -ry; t <= ry; ++t) {
                const float w = ky[t + ry];
                const float* in = xs.data() + static_cast<std::size_t>(std::clamp(j + t, 0, ny - 1)) * nx;
                for (int i = 0; i < nx; ++i) acc[i] += w * in[i];
            }
            for (int i = 0; i < nx; ++i) dst[static_cast<std::size_t>(j) * nx + i] = toHu(acc[i]);
        }
    });
    cancel.throwIfCancelled();
    return result;
}

}  // namespace tv
