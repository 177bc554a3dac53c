#include "embolism/volume_ops.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace tv {
namespace {

constexpr float kInf = 1e20f;

// Applies `fn(line pointer, stride, count)` to every line along axis `a`.
template <typename T, typename Fn>
void forEachLine(Image<T>& img, int a, Fn fn) {
    const int nx = img.nx(), ny = img.ny(), nz = img.nz();
    const std::ptrdiff_t strides[3] = {1, nx, static_cast<std::ptrdiff_t>(nx) * ny};
    const int counts[3] = {nx, ny, nz};
    const int o1 = a == 0 ? 1 : 0, o2 = a == 2 ? 1 : 2;
    const int n1 = counts[o1], n2 = counts[o2];
    tbb::parallel_for(0, n2, [&](int c2) {
        for (int c1 = 0; c1 < n1; ++c1) {
            T* p = img.data() + strides[o1] * c1 + strides[o2] * c2;
            fn(p, strides[a], counts[a]);
        }
    });
}

// 1-D squared distance transform of sampled function f (Felzenszwalb & Huttenlocher 2012),
// sample spacing w: d[q] = min_p (w*(q-p))^2 + f[p].
void edt1d(const float* f, float* d, int n, float w, int* v, float* z) {
    int k = 0;
    v[0] = 0;
    z[0] = -kInf;
    z[1] = kInf;
    const float w2 = w * w;
    for (int q = 1; q < n; ++q) {
        float s;
        while (true) {
            const int p = v[k];
            s = ((f[q] + w2 * q * q) - (f[p] + w2 * p * p)) / (2 * w2 * (q - p));
            if (s <= z[k] && k > 0) --k;
            else break;
        }
        if (s <= z[k]) {  // k == 0 and still dominated: replace
            v[0] = q;
            z[0] = -kInf;
            z[1] = kInf;
            continue;
        }
        ++k;
        v[k] = q;
        z[k] = s;
        z[k + 1] = kInf;
    }
    k = 0;
    for (int q = 0; q < n; ++q) {
        while (z[k + 1] < q) ++k;
        const float dq = w * (q - v[k]);
        d[q] = dq * dq + f[v[k]];
    }
}

Image<float> squaredEdt(Image<float> f) {
    const auto& sp = f.geometry().spacing;
    for (int a = 0; a < 3; ++a) {
        const float w = static_cast<float>(sp[a]);
        forEachLine(f, a, [w](float* p, std::ptrdiff_t stride, int n) {
            std::vector<float> in(n), out(n), z(n + 1);
            std::vector<int> v(n);
            for (int q = 0; q < n; ++q) in[q] = p[q * stride];
            bool any = false;
            for (int q = 0; q < n; ++q) any |= in[q] < kInf;
            if (!any) return;
            edt1d(in.data(), out.data(), n, w, v.data(), z.data());
            for (int q = 0; q < n; ++q) p[q * stride] = std::min(out[q], kInf);
        });
    }
    return f;
}

}  // namespace

void gaussianSmooth(Image<float>& img, double sigmaMm, bool alongK) {
    if (sigmaMm <= 0) return;
    for (int a = 0; a < (alongK ? 3 : 2); ++a) {
        const double s = sigmaMm / img.geometry().spacing[a];
        if (s < 0.3) continue;
        const int r = static_cast<int>(std::ceil(3 * s));
        std::vector<float> kern(2 * r + 1);
        double sum = 0;
        for (int t = -r; t <= r; ++t) sum += kern[t + r] = static_cast<float>(std::exp(-0.5 * t * t / (s * s)));
        for (auto& kv : kern) kv = static_cast<float>(kv / sum);
        forEachLine(img, a, [&kern, r](float* p, std::ptrdiff_t stride, int n) {
            std::vector<float> in(n);
            for (int q = 0; q < n; ++q) in[q] = p[q * stride];
            for (int q = 0; q < n; ++q) {
                double acc = 0;
                for (int t = -r; t <= r; ++t) acc += kern[t + r] * in[std::clamp(q + t, 0, n - 1)];
                p[q * stride] = static_cast<float>(acc);
            }
        });
    }
}

Image<float> distanceInsideMm(const Mask& mask) {
    Image<float> f(mask.geometry(), 0.f);
    for (std::size_t n = 0; n < mask.voxelCount(); ++n) f[n] = mask[n] ? kInf : 0.f;
    f = squaredEdt(std::move(f));
    // Border voxels: distance to the volume edge does not count (crop); kInf stays only if the
    // whole volume is inside, cap it.
    for (std::size_t n = 0; n < f.voxelCount(); ++n) f[n] = f[n] >= kInf ? 1e6f : std::sqrt(f[n]);
    return f;
}

Image<float> distanceToMaskMm(const Mask& mask) {
    Image<float> f(mask.geometry(), 0.f);
    for (std::size_t n = 0; n < mask.voxelCount(); ++n) f[n] = mask[n] ? 0.f : kInf;
    f = squaredEdt(std::move(f));
    for (std::size_t n = 0; n < f.voxelCount(); ++n) f[n] = f[n] >= kInf ? 1e6f : std::sqrt(f[n]);
    return f;
}

Mask dilateMm(const Mask& mask, double radiusMm) {
    const Image<float> d = distanceToMaskMm(mask);
    Mask out(mask.geometry(), 0);
    for (std::size_t n = 0; n < out.voxelCount(); ++n) out[n] = d[n] <= radiusMm ? 1 : 0;
    return out;
}

Mask erodeMm(const Mask& mask, double radiusMm) {
    const Image<float> d = distanceInsideMm(mask);
    Mask out(mask.geometry(), 0);
    for (std::size_t n = 0; n < out.voxelCount(); ++n) out[n] = d[n] > radiusMm ? 1 : 0;
    return out;
}

Mask closeMm(const Mask& mask, double radiusMm) { return erodeMm(dilateMm(mask, radiusMm), radiusMm); }

VoxelBounds voxelBounds(const std::vector<std::size_t>& offsets, const Index3& size) {
    const auto ijk = [&](std::size_t n) {
        return Index3{static_cast<int>(n % size[0]), static_cast<int>((n / size[0]) % size[1]),
                      static_cast<int>(n / (static_cast<std::size_t>(size[0]) * size[1]))};
    };
    VoxelBounds b{ijk(offsets.front()), ijk(offsets.front())};
    for (const std::size_t n : offsets) {
        const Index3 v = ijk(n);
        for (int a = 0; a < 3; ++a) {
            b.lo[a] = std::min(b.lo[a], v[a]);
            b.hi[a] = std::max(b.hi[a], v[a]);
        }
    }
    return b;
}

Components connectedComponents(const Mask& mask, bool full) {
    Components c;
    c.labels = Image<std::int32_t>(mask.geometry(), 0);
    c.sizes.push_back(0);
    const int nx = mask.nx(), ny = mask.ny(), nz = mask.nz();
    std::vector<std::size_t> stack;
    int label = 0;
    for (std::size_t start = 0; start < mask.voxelCount(); ++start) {
        if (!mask[start] || c.labels[start]) continue;
        ++label;
        std::int64_t size = 0;
        stack.push_back(start);
        c.labels[start] = label;
        while (!stack.empty()) {
            const std::size_t n = stack.back();
            stack.pop_back();
            ++size;
            const int i = static_cast<int>(n % nx), j = static_cast<int>((n / nx) % ny), k = static_cast<int>(n / (static_cast<std::size_t>(nx) * ny));
            if (!full) {  // the 6 face neighbours directly (same components, several times faster)
                const std::size_t sxy = static_cast<std::size_t>(nx) * ny;
                const bool ok[6] = {i > 0, i + 1 < nx, j > 0, j + 1 < ny, k > 0, k + 1 < nz};
                const std::size_t nb[6] = {n - 1, n + 1, n - nx, n + nx, n - sxy, n + sxy};
                for (int q = 0; q < 6; ++q)
                    if (ok[q] && mask[nb[q]] && !c.labels[nb[q]]) {
                        c.labels[nb[q]] = label;
                        stack.push_back(nb[q]);
                    }
                continue;
            }
            for (int dk = -1; dk <= 1; ++dk)
                for (int dj = -1; dj <= 1; ++dj)
                    for (int di = -1; di <= 1; ++di) {
                        const int manhattan = std::abs(di) + std::abs(dj) + std::abs(dk);
                        if (manhattan == 0 || (!full && manhattan > 1)) continue;
                        const int a = i + di, b = j + dj, cc = k + dk;
                        if (a < 0 || b < 0 || cc < 0 || a >= nx || b >= ny || cc >= nz) continue;
                        const std::size_t m = mask.offset(a, b, cc);
                        if (mask[m] && !c.labels[m]) {
                            c.labels[m] = label;
                            stack.push_back(m);
                        }
                    }
        }
        c.sizes.push_back(size);
    }
    return c;
}

Mask reconstruct(const Mask& mask, const Mask& seeds) {
    Mask out(mask.geometry(), 0);
    const int nx = mask.nx(), ny = mask.ny(), nz = mask.nz();
    std::vector<std::size_t> stack;
    for (std::size_t n = 0; n < mask.voxelCount(); ++n)
        if (mask[n] && seeds[n]) {
            out[n] = 1;
            stack.push_back(n);
        }
    while (!stack.empty()) {
        const std::size_t n = stack.back();
        stack.pop_back();
        const int i = static_cast<int>(n % nx), j = static_cast<int>((n / nx) % ny), k = static_cast<int>(n / (static_cast<std::size_t>(nx) * ny));
        const int nb[6][3] = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
        for (const auto& d : nb) {
            const int a = i + d[0], b = j + d[1], c = k + d[2];
            if (a < 0 || b < 0 || c < 0 || a >= nx || b >= ny || c >= nz) continue;
            const std::size_t m = mask.offset(a, b, c);
            if (mask[m] && !out[m]) {
                out[m] = 1;
                stack.push_back(m);
            }
        }
    }
    return out;
}

}  // namespace tv
