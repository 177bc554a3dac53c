#include "lung/smoothing.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
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

// Kernel radii (voxels) along i, j, k.
std::array<int, 3> kernelRadii(const ImageGeometry& g, double sigmaMm) {
    std::array<int, 3> r{};
    for (int a = 0; a < 3; ++a) r[a] = static_cast<int>(kernel(sigmaMm / g.spacing[a]).size() / 2);
    return r;
}
}  // namespace

std::vector<SliceRect> gaussianSourceRects(const ImageGeometry& g, double sigmaMm, const std::vector<SliceRect>& need) {
    const int nx = g.size[0], ny = g.size[1], nz = g.size[2];
    const auto r = kernelRadii(g, sigmaMm);
    std::vector<SliceRect> src(static_cast<std::size_t>(nz));
    for (int k = 0; k < nz; ++k) {
        const SliceRect& n = need[k];
        if (n.empty()) continue;
        const SliceRect grown{std::max(0, n.i0 - r[0]), std::min(nx - 1, n.i1 + r[0]), std::max(0, n.j0 - r[1]), std::min(ny - 1, n.j1 + r[1])};
        for (int t = -r[2]; t <= r[2]; ++t) src[std::clamp(k + t, 0, nz - 1)].unite(grown);
    }
    return src;
}

Image<std::int16_t> gaussianSmooth(const Image<std::int16_t>& hu, double sigmaMm, const CancelToken& cancel) {
    const std::vector<SliceRect> all(static_cast<std::size_t>(hu.nz()), SliceRect{0, hu.nx() - 1, 0, hu.ny() - 1});
    return gaussianSmoothRects(hu, sigmaMm, all, cancel);
}

// Every pass accumulates whole rows (weight outer, pixel inner) so that the inner loops are
// contiguous and vectorise; edges are clamped by choosing the source row or, along a row, by
// padding it with its end values. On a rectangle, the z pass covers it grown by the x and y radii
// (clipped to the slice), the x pass its rows grown by the y radius, the y pass the rectangle.
Image<std::int16_t> gaussianSmoothRects(const Image<std::int16_t>& hu, double sigmaMm, const std::vector<SliceRect>& need,
                                        const CancelToken& cancel) {
    const int nx = hu.nx(), ny = hu.ny(), nz = hu.nz();
    const auto& sp = hu.geometry().spacing;
    const auto kx = kernel(sigmaMm / sp[0]), ky = kernel(sigmaMm / sp[1]), kz = kernel(sigmaMm / sp[2]);
    const int rx = static_cast<int>(kx.size() / 2), ry = static_cast<int>(ky.size() / 2), rz = static_cast<int>(kz.size() / 2);
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
        const SliceRect& r = need[k];
        if (r.empty()) return;
        const int zi0 = std::max(0, r.i0 - rx), zi1 = std::min(nx - 1, r.i1 + rx);
        const int zj0 = std::max(0, r.j0 - ry), zj1 = std::min(ny - 1, r.j1 + ry);
        const int zw = zi1 - zi0 + 1, zh = zj1 - zj0 + 1, w = r.width();
        const std::size_t zn = static_cast<std::size_t>(zw) * zh;
        std::vector<float> zs(zn, 0.f), xs(static_cast<std::size_t>(w) * zh), padded(static_cast<std::size_t>(w + 2 * rx)),
            acc(static_cast<std::size_t>(w));
        for (int t = -rz; t <= rz; ++t) {
            const std::int16_t* src = hu.slice(std::clamp(k + t, 0, nz - 1));
            const float wt = kz[t + rz];
            for (int j = zj0; j <= zj1; ++j) {
                const std::int16_t* in = src + static_cast<std::size_t>(j) * nx + zi0;
                float* out = zs.data() + static_cast<std::size_t>(j - zj0) * zw;
                for (int i = 0; i < zw; ++i) out[i] += wt * static_cast<float>(in[i]);
            }
        }
        for (int j = 0; j < zh; ++j) {
            // padded[p] = the row at column clamp(r.i0 - rx + p, 0, nx - 1).
            const float* row = zs.data() + static_cast<std::size_t>(j) * zw;
            // (three runs: the clamped left end, the columns inside the slice, the clamped right end).
            const int c0 = r.i0 - rx, inside0 = std::max(0, -c0), inside1 = std::min(w + 2 * rx, nx - c0);
            // (The clamped ends exist only where the z pass reached the slice's edge.)
            if (inside0 > 0) std::fill(padded.begin(), padded.begin() + inside0, row[0]);
            std::copy(row + (c0 + inside0 - zi0), row + (c0 + inside1 - zi0), padded.begin() + inside0);
            if (inside1 < w + 2 * rx) std::fill(padded.begin() + inside1, padded.end(), row[nx - 1 - zi0]);
            float* out = xs.data() + static_cast<std::size_t>(j) * w;
            std::fill(out, out + w, 0.f);
            for (int t = 0; t <= 2 * rx; ++t) {
                const float wt = kx[t];
                const float* in = padded.data() + t;
                for (int i = 0; i < w; ++i) out[i] += wt * in[i];
            }
        }
        std::int16_t* dst = result.slice(k);
        for (int j = r.j0; j <= r.j1; ++j) {
            std::fill(acc.begin(), acc.end(), 0.f);
            for (int t = -ry; t <= ry; ++t) {
                const float wt = ky[t + ry];
                const float* in = xs.data() + static_cast<std::size_t>(std::clamp(j + t, 0, ny - 1) - zj0) * w;
                for (int i = 0; i < w; ++i) acc[i] += wt * in[i];
            }
            std::int16_t* o = dst + static_cast<std::size_t>(j) * nx + r.i0;
            for (int i = 0; i < w; ++i) o[i] = toHu(acc[i]);
        }
    });
    cancel.throwIfCancelled();
    return result;
}

}  // namespace tv
