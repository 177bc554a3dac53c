#include "lung/binary_morphology.h"
#include "image/neighbours.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace tv {
namespace {

// "No target here": large but finite so that the parabola intersections stay finite in double.
constexpr float kFar = 1e12f;

// 1-D squared distance transform of sampled function f (lower envelope of parabolas,
// Felzenszwalb & Huttenlocher 2012) with sample spacing s. Only the finite samples (f < kFar) are
// parabola sites: a kFar site never attains the minimum inside [0, n) while a finite one exists
// (its parabola lies 1e12 above), so skipping them gives the same result at a fraction of the
// cost in sparse masks. v, z are caller-provided scratch (n and n + 1 entries).
void dt1d(const float* f, int n, double s, float* d, int* v, double* z) {
    const double s2 = s * s;
    int k = -1;
    for (int q = 0; q < n; ++q) {
        if (f[q] >= kFar) continue;
        if (k < 0) {
            k = 0;
            v[0] = q;
            z[0] = -std::numeric_limits<double>::infinity();
            z[1] = std::numeric_limits<double>::infinity();
            continue;
        }
        double sInt;
        while (true) {
            const int p = v[k];
            sInt = ((double(f[q]) + s2 * q * q) - (double(f[p]) + s2 * p * p)) / (2.0 * s2 * (q - p));
            if (sInt <= z[k] && k > 0) {
                --k;
                continue;
            }
            break;
        }
        if (sInt <= z[k]) {  // only possible for k == 0 with z[0] = -inf: never
            v[0] = q;
            continue;
        }
        ++k;
        v[k] = q;
        z[k] = sInt;
        z[k + 1] = std::numeric_limits<double>::infinity();
    }
    if (k < 0) {  // no site: nothing is reachable
        std::fill(d, d + n, kFar);
        return;
    }
    k = 0;
    for (int q = 0; q < n; ++q) {
        while (z[k + 1] < q) ++k;
        const double dq = s * (q - v[k]);
        d[q] = static_cast<float>(std::min(dq * dq + double(f[v[k]]), double(kFar)));
    }
}

// Squared distance along one row of a binary mask to the nearest target pixel (two linear scans;
// the same values as dt1d on a 0 / kFar row); values above `cap` become kFar.
void rowDistance(const std::uint8_t* row, int n, double s, bool targetSet, double cap, float* d, int* nearest) {
    int last = -1;
    for (int q = 0; q < n; ++q) {
        if ((row[q] != 0) == targetSet) last = q;
        nearest[q] = last;
    }
    last = -1;
    for (int q = n - 1; q >= 0; --q) {
        if ((row[q] != 0) == targetSet) last = q;
        int p = nearest[q];
        if (last >= 0 && (p < 0 || last - q < q - p)) p = last;
        if (p < 0) {
            d[q] = kFar;
            continue;
        }
        const double dq = s * (q - p);
        const float fq = static_cast<float>(dq * dq);
        d[q] = fq > cap ? kFar : fq;
    }
}

template <typename Fn>
void forEachSlice(LabelMap& mask, const CancelToken& cancel, Fn&& fn) {
    tbb::parallel_for(0, mask.nz(), [&](int k) {
        if (cancel.isCancelled()) return;
        fn(mask.slice(k));
    });
    cancel.throwIfCancelled();
}

// Disk erosion / dilation of one slice in place, by thresholding the distance transform. Only the
// bounding rectangle of the set pixels (grown by the radius) is transformed: masks are sparse.
void diskOp(std::uint8_t* s, int nx, int ny, double sx, double sy, double r, bool dilate) {
    const int mi = static_cast<int>(std::ceil(r / sx)) + 1, mj = static_cast<int>(std::ceil(r / sy)) + 1;
    SliceRect rect;
    if (!setPixelRect(s, nx, ny, mi, mj, rect)) return;  // empty slice stays empty
    const int w = rect.width(), h = rect.height();
    std::vector<std::uint8_t> sub;
    std::vector<float> d;
    const float r2 = static_cast<float>(r * r) + 1e-4f;
    squaredDistance2dRect(s, nx, rect, sx, sy, dilate, sub, d, r2);
    for (int j = 0; j < h; ++j)
        for (int i = 0; i < w; ++i) {
            const std::size_t q = static_cast<std::size_t>(j) * w + i;
            std::uint8_t& out = s[static_cast<std::size_t>(j + rect.j0) * nx + i + rect.i0];
            out = dilate ? (d[q] <= r2 ? 1 : 0) : ((sub[q] && d[q] > r2) ? 1 : 0);
        }
}

}  // namespace

bool setPixelRect(const std::uint8_t* mask, int nx, int ny, int mi, int mj, SliceRect& r) {
    int i0 = nx, i1 = -1, j0 = ny, j1 = -1;
    for (int j = 0; j < ny; ++j) {
        const std::uint8_t* row = mask + static_cast<std::size_t>(j) * nx;
        for (int i = 0; i < nx; ++i)
            if (row[i]) {
                i0 = std::min(i0, i), i1 = std::max(i1, i);
                j0 = std::min(j0, j), j1 = std::max(j1, j);
            }
    }
    if (i1 < 0) return false;
    r.i0 = std::max(0, i0 - mi), r.i1 = std::min(nx - 1, i1 + mi);
    r.j0 = std::max(0, j0 - mj), r.j1 = std::min(ny - 1, j1 + mj);
    return true;
}

void squaredDistance2dRect(const std::uint8_t* mask, int nx, const SliceRect& r, double sx, double sy, bool targetSet,
                           std::vector<std::uint8_t>& sub, std::vector<float>& d, double maxMm2) {
    const int w = r.width(), h = r.height();
    sub.resize(static_cast<std::size_t>(w) * h);
    d.resize(sub.size());
    for (int j = 0; j < h; ++j)
        std::copy_n(mask + static_cast<std::size_t>(j + r.j0) * nx + r.i0, w, sub.begin() + static_cast<std::ptrdiff_t>(j) * w);
    squaredDistance2d(sub.data(), w, h, sx, sy, targetSet, d.data(), maxMm2);
}

void squaredDistance2d(const std::uint8_t* mask, int nx, int ny, double sx, double sy, bool targetSet, float* out,
                       double maxMm2) {
    // A row distance above maxMm2 cannot give a result at or below it, so it is no parabola site.
    const double cap = std::min(maxMm2, double(kFar));
    std::vector<int> v(static_cast<std::size_t>(std::max(nx, ny)));
    std::vector<double> z(v.size() + 1);
    for (int j = 0; j < ny; ++j)  // along rows (i)
        rowDistance(mask + static_cast<std::size_t>(j) * nx, nx, sx, targetSet, cap, out + static_cast<std::size_t>(j) * nx, v.data());
    // Along columns (j), a block of kBlock columns at a time: the block is read and written row by
    // row (contiguous) instead of one strided column at a time.
    constexpr int kBlock = 16;
    std::vector<float> f(static_cast<std::size_t>(kBlock) * ny), d(static_cast<std::size_t>(ny));
    for (int i0 = 0; i0 < nx; i0 += kBlock) {
        const int w = std::min(kBlock, nx - i0);
        for (int j = 0; j < ny; ++j) {
            const float* row = out + static_cast<std::size_t>(j) * nx + i0;
            for (int c = 0; c < w; ++c) f[static_cast<std::size_t>(c) * ny + j] = row[c];
        }
        for (int c = 0; c < w; ++c) {
            float* col = f.data() + static_cast<std::size_t>(c) * ny;
            dt1d(col, ny, sy, d.data(), v.data(), z.data());
            std::copy(d.begin(), d.end(), col);
        }
        for (int j = 0; j < ny; ++j) {
            float* row = out + static_cast<std::size_t>(j) * nx + i0;
            for (int c = 0; c < w; ++c) row[c] = f[static_cast<std::size_t>(c) * ny + j];
        }
    }
}

void erodeSlices(LabelMap& mask, double radiusMm, const CancelToken& cancel) {
    const auto& g = mask.geometry();
    forEachSlice(mask, cancel, [&](std::uint8_t* s) { diskOp(s, mask.nx(), mask.ny(), g.spacing[0], g.spacing[1], radiusMm, false); });
}

void dilateSlices(LabelMap& mask, double radiusMm, const CancelToken& cancel) {
    const auto& g = mask.geometry();
    forEachSlice(mask, cancel, [&](std::uint8_t* s) { diskOp(s, mask.nx(), mask.ny(), g.spacing[0], g.spacing[1], radiusMm, true); });
}

void openSlices(LabelMap& mask, double radiusMm, const CancelToken& cancel) {
    const auto& g = mask.geometry();
    forEachSlice(mask, cancel, [&](std::uint8_t* s) {
        diskOp(s, mask.nx(), mask.ny(), g.spacing[0], g.spacing[1], radiusMm, false);
        diskOp(s, mask.nx(), mask.ny(), g.spacing[0], g.spacing[1], radiusMm, true);
    });
}

void closeSlices(LabelMap& mask, double radiusMm, const CancelToken& cancel) {
    const auto& g = mask.geometry();
    forEachSlice(mask, cancel, [&](std::uint8_t* s) {
        diskOp(s, mask.nx(), mask.ny(), g.spacing[0], g.spacing[1], radiusMm, true);
        diskOp(s, mask.nx(), mask.ny(), g.spacing[0], g.spacing[1], radiusMm, false);
    });
}

void fillHoles2d(std::uint8_t* s, int nx, int ny) {
    // Mark background reachable from the border as 2, then everything else becomes set.
    std::vector<int> stack;
    auto push = [&](int i, int j) {
        const std::size_t n = static_cast<std::size_t>(j) * nx + i;
        if (s[n] == 0) {
            s[n] = 2;
            stack.push_back(static_cast<int>(n));
        }
    };
    for (int i = 0; i < nx; ++i) push(i, 0), push(i, ny - 1);
    for (int j = 0; j < ny; ++j) push(0, j), push(nx - 1, j);
    while (!stack.empty()) {
        const int n = stack.back();
        stack.pop_back();
        const int i = n % nx, j = n / nx;
        if (i > 0) push(i - 1, j);
        if (i + 1 < nx) push(i + 1, j);
        if (j > 0) push(i, j - 1);
        if (j + 1 < ny) push(i, j + 1);
    }
    for (std::size_t n = 0; n < static_cast<std::size_t>(nx) * ny; ++n) s[n] = s[n] == 2 ? 0 : 1;
}

void fillHolesSlices(LabelMap& mask, const CancelToken& cancel) {
    forEachSlice(mask, cancel, [&](std::uint8_t* s) { fillHoles2d(s, mask.nx(), mask.ny()); });
}

void keepLargestRegionSlices(LabelMap& mask, const CancelToken& cancel) {
    const int nx = mask.nx(), ny = mask.ny();
    const std::size_t sxy = static_cast<std::size_t>(nx) * ny;
    forEachSlice(mask, cancel, [&](std::uint8_t* s) {
        std::vector<int> comp(sxy, 0);  // 0: unset or unvisited; >0: region id
        std::vector<int> stack;
        int best = 0, bestArea = 0, id = 0;
        for (std::size_t start = 0; start < sxy; ++start) {
            if (!s[start] || comp[start]) continue;
            comp[start] = ++id;
            stack.push_back(static_cast<int>(start));
            int area = 0;
            while (!stack.empty()) {
                const int n = stack.back();
                stack.pop_back();
                ++area;
                const int i = n % nx, j = n / nx;
                const int nb[4] = {i > 0 ? n - 1 : -1, i + 1 < nx ? n + 1 : -1, j > 0 ? n - nx : -1, j + 1 < ny ? n + nx : -1};
                for (const int q : nb)
                    if (q >= 0 && s[q] && !comp[q]) comp[q] = id, stack.push_back(q);
            }
            if (area > bestArea) bestArea = area, best = id;
        }
        for (std::size_t n = 0; n < sxy; ++n) s[n] = (best != 0 && comp[n] == best) ? 1 : 0;
    });
}

namespace {

// Components of voxels == value within slices [k0, k1) (no connection across the slab's faces is
// followed). ids of the components touching the first and last slice are recorded per pixel
// (1-based index into the result) so that slabs can be joined afterwards.
std::vector<Component> slabComponents(LabelMap& mask, std::uint8_t value, int k0, int k1, std::vector<std::int32_t>& firstIds,
                                      std::vector<std::int32_t>& lastIds, const CancelToken& cancel) {
    const int nx = mask.nx(), ny = mask.ny(), nz = mask.nz();
    const std::size_t sxy = static_cast<std::size_t>(nx) * ny;
    const std::uint8_t visited = static_cast<std::uint8_t>(value | 0x80);
    firstIds.assign(sxy, 0);
    lastIds.assign(sxy, 0);
    std::vector<Component> out;
    std::vector<std::size_t> stack;
    std::uint8_t* m = mask.data();
    const bool small = mask.voxelCount() < (std::size_t{1} << 32);
    const auto sxy32 = static_cast<std::uint32_t>(sxy), nx32 = static_cast<std::uint32_t>(nx);
    const std::size_t begin = static_cast<std::size_t>(k0) * sxy, end = static_cast<std::size_t>(k1) * sxy;
    for (std::size_t start = begin; start < end; ++start) {
        if (m[start] != value) continue;
        if ((start & 0xFFFFF) == 0) cancel.throwIfCancelled();
        Component c;
        c.seed = start;
        c.lo = {nx, ny, nz};
        const auto id = static_cast<std::int32_t>(out.size() + 1);
        double si = 0, sj = 0, sk = 0;
        m[start] = visited;
        stack.push_back(start);
        while (!stack.empty()) {
            const std::size_t n = stack.back();
            stack.pop_back();
            // 32-bit divisions where the grid allows it (several times faster than 64-bit ones).
            int i, j, k;
            if (small) {
                const auto n32 = static_cast<std::uint32_t>(n);
                k = static_cast<int>(n32 / sxy32);
                const std::uint32_t r32 = n32 - static_cast<std::uint32_t>(k) * sxy32;
                j = static_cast<int>(r32 / nx32), i = static_cast<int>(r32 - static_cast<std::uint32_t>(j) * nx32);
            } else {
                k = static_cast<int>(n / sxy);
                const std::size_t r64 = n - static_cast<std::size_t>(k) * sxy;
                j = static_cast<int>(r64 / nx), i = static_cast<int>(r64 - static_cast<std::size_t>(j) * nx);
            }
            const std::size_t r = n - static_cast<std::size_t>(k) * sxy;
            ++c.voxels;
            si += i, sj += j, sk += k;
            c.lo = {std::min(c.lo[0], i), std::min(c.lo[1], j), std::min(c.lo[2], k)};
            c.hi = {std::max(c.hi[0], i + 1), std::max(c.hi[1], j + 1), std::max(c.hi[2], k + 1)};
            if (k == k0) firstIds[r] = id;
            if (k == k1 - 1) lastIds[r] = id;
            auto visit = [&](std::size_t q) {
                if (m[q] == value) {
                    m[q] = visited;
                    stack.push_back(q);
                }
            };
            if (i > 0) visit(n - 1);
            if (i + 1 < nx) visit(n + 1);
            if (j > 0) visit(n - nx);
            if (j + 1 < ny) visit(n + nx);
            if (k > k0) visit(n - sxy);
            if (k + 1 < k1) visit(n + sxy);
        }
        c.meanI = si, c.meanJ = sj, c.meanK = sk;  // sums until the slabs are joined
        out.push_back(c);
    }
    for (std::size_t n = begin; n < end; ++n)
        if (m[n] == visited) m[n] = value;
    return out;
}

}  // namespace

// Slabs of slices are labelled in parallel, then components meeting across slab faces are joined
// with a union-find. The result is the same as a serial scan: one entry per component, in the
// order of each component's first voxel (its seed), with the same statistics.
std::vector<Component> findComponents(LabelMap& mask, std::uint8_t value, const CancelToken& cancel) {
    const int nz = mask.nz();
    const std::size_t sxy = static_cast<std::size_t>(mask.nx()) * mask.ny();
    const int slabs = std::clamp(nz / 16, 1, 8);
    std::vector<std::vector<Component>> parts(static_cast<std::size_t>(slabs));
    std::vector<std::vector<std::int32_t>> firstIds(static_cast<std::size_t>(slabs)), lastIds(static_cast<std::size_t>(slabs));
    tbb::parallel_for(0, slabs, [&](int s) {
        const int k0 = static_cast<int>(static_cast<long long>(nz) * s / slabs);
        const int k1 = static_cast<int>(static_cast<long long>(nz) * (s + 1) / slabs);
        parts[s] = slabComponents(mask, value, k0, k1, firstIds[s], lastIds[s], cancel);
    });
    cancel.throwIfCancelled();
    std::vector<std::size_t> offset(static_cast<std::size_t>(slabs) + 1, 0);
    for (int s = 0; s < slabs; ++s) offset[s + 1] = offset[s] + parts[s].size();
    std::vector<std::size_t> parent(offset[slabs]);
    for (std::size_t t = 0; t < parent.size(); ++t) parent[t] = t;
    auto root = [&](std::size_t a) {
        while (parent[a] != a) a = parent[a] = parent[parent[a]];
        return a;
    };
    for (int s = 0; s + 1 < slabs; ++s)
        for (std::size_t q = 0; q < sxy; ++q) {
            const std::int32_t a = lastIds[s][q], b = firstIds[s + 1][q];
            if (!a || !b) continue;
            const std::size_t ra = root(offset[s] + a - 1), rb = root(offset[s + 1] + b - 1);
            if (ra != rb) parent[std::max(ra, rb)] = std::min(ra, rb);  // the earlier slab's part is the root
        }
    std::vector<Component> out;
    std::vector<std::size_t> slot(parent.size(), 0);
    for (int s = 0; s < slabs; ++s)
        for (std::size_t t = 0; t < parts[s].size(); ++t) {
            const std::size_t g = offset[s] + t, r = root(g);
            const Component& c = parts[s][t];
            if (r == g) {
                slot[g] = out.size();
                out.push_back(c);
                continue;
            }
            Component& o = out[slot[r]];
            o.seed = std::min(o.seed, c.seed);
            o.voxels += c.voxels;
            for (int a = 0; a < 3; ++a) o.lo[a] = std::min(o.lo[a], c.lo[a]), o.hi[a] = std::max(o.hi[a], c.hi[a]);
            o.meanI += c.meanI, o.meanJ += c.meanJ, o.meanK += c.meanK;
        }
    for (Component& c : out) c.meanI /= c.voxels, c.meanJ /= c.voxels, c.meanK /= c.voxels;
    std::sort(out.begin(), out.end(), [](const Component& a, const Component& b) { return a.seed < b.seed; });
    return out;
}

std::size_t floodFill(LabelMap& mask, std::size_t seed, std::uint8_t from, std::uint8_t to) {
    std::uint8_t* m = mask.data();
    if (m[seed] != from || from == to) return 0;
    std::vector<std::size_t> stack{seed};
    m[seed] = to;
    std::size_t count = 0;
    while (!stack.empty()) {
        const std::size_t n = stack.back();
        stack.pop_back();
        ++count;
        forEachFaceNeighbour(mask.size(), n, [&](std::size_t q) {
            if (m[q] == from) {
                m[q] = to;
                stack.push_back(q);
            }
        });
    }
    return count;
}

std::size_t floodFillParallel(LabelMap& mask, std::size_t seed, std::uint8_t from, std::uint8_t to,
                              const CancelToken& cancel) {
    std::uint8_t* m = mask.data();
    if (m[seed] != from || from == to) return 0;
    m[seed] = to;
    return 1 + growBreadthFirst(mask, {seed}, [&](std::size_t q) { return m[q] == from; }, cancel);
}

void removeSmallComponents(LabelMap& mask, std::size_t minVoxels, const CancelToken& cancel) {
    for (auto& v : mask.voxels()) v = v ? 1 : 0;
    const auto comps = findComponents(mask, 1, cancel);
    for (const auto& c : comps)
        if (c.voxels < minVoxels) floodFill(mask, c.seed, 1, 0);
}

}  // namespace tv
