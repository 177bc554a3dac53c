#include "lung/binary_morphology.h"
#include "image/neighbours.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <iterator>
#include <limits>

#include "lung/byte_words.h"
#include "lung/slice_disk.h"

namespace tv {
namespace {

// "No target here": large but finite so that the parabola intersections stay finite in double.
constexpr float kFar = 1e12f;

// Squared radius (mm^2) of the disk operations, with a margin so that a pixel at exactly the radius
// (up to rounding) is inside.
float diskThreshold(double radiusMm) { return static_cast<float>(radiusMm * radiusMm) + 1e-4f; }

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
        // Of a run of zero samples (target pixels) only the two ends are sites: an inner one is
        // strictly farther than the nearer end everywhere outside the run, and inside the run the
        // result is 0. The envelope outside the run, and its arithmetic, stay the same.
        if (f[q] == 0.f && q > 0 && q + 1 < n && f[q - 1] == 0.f && f[q + 1] == 0.f) continue;
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
        if (f[q] == 0.f) {  // a target pixel
            d[q] = 0.f;
            continue;
        }
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

// Disk erosion / dilation of one slice in place. Only the bounding rectangle of the set pixels is
// looked at (masks are sparse), grown by the radius for a dilation and by one background pixel for
// an erosion: a set pixel's nearest background pixel is never farther than that margin, which is
// background. The disk test (slice_disk.h) gives exactly the thresholded distance transform of the
// rectangle; the transform itself is the fallback when the disk is wider than its byte distances.
void diskOp(std::uint8_t* s, int nx, int ny, double sx, double sy, double r, const SliceDisk& disk, bool dilate) {
    const int mi = dilate ? static_cast<int>(std::ceil(r / sx)) + 1 : 1, mj = dilate ? static_cast<int>(std::ceil(r / sy)) + 1 : 1;
    SliceRect rect;
    if (!setPixelRect(s, nx, ny, mi, mj, rect)) return;  // empty slice stays empty
    const int w = rect.width(), h = rect.height();
    auto rectRow = [&](int j) { return s + static_cast<std::size_t>(j + rect.j0) * nx + rect.i0; };
    if (disk.fitsBytes()) {
        // The hits need only the row reaches, so they are written in place. An erosion keeps the
        // set pixels with no background pixel in their disk; a background pixel is its own hit.
        std::vector<std::uint8_t> reach(static_cast<std::size_t>(w) * h), scratch;
        for (int j = 0; j < h; ++j) rowReach(rectRow(j), w, dilate, disk, reach.data() + static_cast<std::size_t>(j) * w);
        diskHits(reach.data(), w, h, !dilate, rectRow(0), static_cast<std::size_t>(nx), scratch);
        return;
    }
    std::vector<std::uint8_t> sub;
    std::vector<float> d;
    const float r2 = diskThreshold(r);
    squaredDistance2dRect(s, nx, rect, sx, sy, dilate, sub, d, r2);
    for (int j = 0; j < h; ++j)
        for (int i = 0; i < w; ++i) {
            const std::size_t q = static_cast<std::size_t>(j) * w + i;
            std::uint8_t& out = rectRow(j)[i];
            out = dilate ? (d[q] <= r2 ? 1 : 0) : ((sub[q] && d[q] > r2) ? 1 : 0);
        }
}

// Disk operations (true: dilation, false: erosion, in the order given) on every slice of `mask`.
void diskOpSlices(LabelMap& mask, double radiusMm, std::initializer_list<bool> dilations, const CancelToken& cancel) {
    const auto& g = mask.geometry();
    const SliceDisk disk(g.spacing[0], g.spacing[1], diskThreshold(radiusMm));
    forEachSlice(mask, cancel, [&](std::uint8_t* s) {
        for (bool dilate : dilations) diskOp(s, mask.nx(), mask.ny(), g.spacing[0], g.spacing[1], radiusMm, disk, dilate);
    });
}

}  // namespace

namespace {

// Whether pixels [a, b) of a row hold a set pixel, 8 bytes at a time.
bool anySet(const std::uint8_t* row, int a, int b) {
    for (; a + 8 <= b; a += 8)
        if (loadByteWord(row + a)) return true;
    for (; a < b; ++a)
        if (row[a]) return true;
    return false;
}

}  // namespace

bool setPixelRect(const std::uint8_t* mask, int nx, int ny, int mi, int mj, SliceRect& r) {
    auto row = [&](int j) { return mask + static_cast<std::size_t>(j) * nx; };
    int j0 = 0, j1 = ny - 1;
    while (j0 < ny && !anySet(row(j0), 0, nx)) ++j0;
    if (j0 == ny) return false;
    while (!anySet(row(j1), 0, nx)) --j1;
    // Each row only needs a look left of the leftmost and right of the rightmost set pixel so far.
    int i0 = nx, i1 = -1;
    for (int j = j0; j <= j1; ++j) {
        const std::uint8_t* p = row(j);
        if (anySet(p, 0, i0)) i0 = static_cast<int>(std::find_if(p, p + i0, [](std::uint8_t v) { return v != 0; }) - p);
        if (anySet(p, i1 + 1, nx))
            i1 = nx - 1 - static_cast<int>(std::find_if(std::make_reverse_iterator(p + nx), std::make_reverse_iterator(p + i1 + 1),
                                                        [](std::uint8_t v) { return v != 0; }) -
                                           std::make_reverse_iterator(p + nx));
    }
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

void nearSetPixelsRect(const std::uint8_t* mask, int nx, const SliceRect& r, double sx, double sy, float maxMm2,
                       std::vector<std::uint8_t>& near) {
    const int w = r.width(), h = r.height();
    near.resize(static_cast<std::size_t>(w) * h);
    const SliceDisk disk(sx, sy, maxMm2);
    if (disk.fitsBytes()) {
        std::vector<std::uint8_t> reach(near.size()), scratch;
        for (int j = 0; j < h; ++j)
            rowReach(mask + static_cast<std::size_t>(j + r.j0) * nx + r.i0, w, true, disk, reach.data() + static_cast<std::size_t>(j) * w);
        diskHits(reach.data(), w, h, false, near.data(), static_cast<std::size_t>(w), scratch);
        return;
    }
    std::vector<std::uint8_t> sub;
    std::vector<float> d;
    squaredDistance2dRect(mask, nx, r, sx, sy, true, sub, d, maxMm2);
    for (std::size_t q = 0; q < d.size(); ++q) near[q] = d[q] <= maxMm2;
}

void erodeSlices(LabelMap& mask, double radiusMm, const CancelToken& cancel) { diskOpSlices(mask, radiusMm, {false}, cancel); }

void erodeSlicesTwice(LabelMap& a, double radiusA, LabelMap& b, double radiusB, const CancelToken& cancel) {
    const auto& g = a.geometry();
    const int nx = a.nx(), ny = a.ny();
    const float ra2 = diskThreshold(radiusA), rb2 = diskThreshold(radiusB);
    const SliceDisk diskA(g.spacing[0], g.spacing[1], ra2), diskB(g.spacing[0], g.spacing[1], rb2);
    tbb::parallel_for(0, a.nz(), [&](int k) {
        if (cancel.isCancelled()) return;
        // As diskOp's erosion: the set pixels' rectangle plus one background pixel; one row scan per
        // radius (or one transform, exact up to the larger radius, for the two).
        std::uint8_t* sa = a.slice(k);
        std::uint8_t* sb = b.slice(k);
        SliceRect rect;
        if (!setPixelRect(sa, nx, ny, 1, 1, rect)) return;
        const int w = rect.width(), h = rect.height();
        auto offset = [&](int j) { return static_cast<std::size_t>(j + rect.j0) * nx + rect.i0; };
        if (diskA.fitsBytes() && diskB.fitsBytes()) {
            // b first: a's rows are the input of both.
            std::vector<std::uint8_t> reach(static_cast<std::size_t>(w) * h), scratch;
            for (const SliceDisk* disk : {&diskB, &diskA}) {
                for (int j = 0; j < h; ++j) rowReach(sa + offset(j), w, false, *disk, reach.data() + static_cast<std::size_t>(j) * w);
                diskHits(reach.data(), w, h, true, (disk == &diskA ? sa : sb) + offset(0), static_cast<std::size_t>(nx), scratch);
            }
            return;
        }
        std::vector<std::uint8_t> sub;
        std::vector<float> d;
        squaredDistance2dRect(sa, nx, rect, g.spacing[0], g.spacing[1], false, sub, d, std::max(ra2, rb2));
        for (int j = 0; j < h; ++j)
            for (int i = 0; i < w; ++i) {
                const std::size_t q = static_cast<std::size_t>(j) * w + i, o = offset(j) + i;
                sa[o] = (sub[q] && d[q] > ra2) ? 1 : 0;
                sb[o] = (sub[q] && d[q] > rb2) ? 1 : 0;
            }
    });
    cancel.throwIfCancelled();
}

void dilateSlices(LabelMap& mask, double radiusMm, const CancelToken& cancel) { diskOpSlices(mask, radiusMm, {true}, cancel); }

void openSlices(LabelMap& mask, double radiusMm, const CancelToken& cancel) { diskOpSlices(mask, radiusMm, {false, true}, cancel); }

void closeSlices(LabelMap& mask, double radiusMm, const CancelToken& cancel) { diskOpSlices(mask, radiusMm, {true, false}, cancel); }

void fillHoles2d(std::uint8_t* s, int nx, int ny) {
    // Background regions (runs of zero pixels) that reach the border stay background; every other
    // pixel becomes set.
    SliceRegions bg;
    labelSliceRegions(s, nx, ny, 0, true, bg);
    std::vector<std::uint8_t> outside(static_cast<std::size_t>(bg.regions), 0);
    for (std::size_t t = 0; t < bg.runs.size(); ++t) {
        const VoxelRun& r = bg.runs[t];
        if (r.row == 0 || r.row + 1 == static_cast<std::uint32_t>(ny) || r.i0 == 0 || r.i1 + 1 == nx) outside[bg.regionOfRun[t]] = 1;
    }
    std::fill_n(s, static_cast<std::size_t>(nx) * ny, std::uint8_t{1});
    for (std::size_t t = 0; t < bg.runs.size(); ++t) {
        const VoxelRun& r = bg.runs[t];
        if (outside[bg.regionOfRun[t]]) std::fill_n(s + static_cast<std::size_t>(r.row) * nx + r.i0, r.i1 - r.i0 + 1, std::uint8_t{0});
    }
}

void fillHolesSlices(LabelMap& mask, const CancelToken& cancel) {
    forEachSlice(mask, cancel, [&](std::uint8_t* s) { fillHoles2d(s, mask.nx(), mask.ny()); });
}

void keepLargestRegionSlices(LabelMap& mask, const CancelToken& cancel) {
    const int nx = mask.nx(), ny = mask.ny();
    forEachSlice(mask, cancel, [&](std::uint8_t* s) {
        SliceRegions set;
        labelSliceRegions(s, nx, ny, 0, false, set);
        std::vector<std::size_t> area(static_cast<std::size_t>(set.regions), 0);
        for (std::size_t t = 0; t < set.runs.size(); ++t) area[set.regionOfRun[t]] += set.runs[t].i1 - set.runs[t].i0 + 1;
        // Regions are numbered in memory order of their first pixel: ties go to the first met.
        const auto best = static_cast<std::int32_t>(std::max_element(area.begin(), area.end()) - area.begin());
        std::fill_n(s, static_cast<std::size_t>(nx) * ny, std::uint8_t{0});
        for (std::size_t t = 0; t < set.runs.size(); ++t) {
            const VoxelRun& r = set.runs[t];
            if (set.regionOfRun[t] == best) std::fill_n(s + static_cast<std::size_t>(r.row) * nx + r.i0, r.i1 - r.i0 + 1, std::uint8_t{1});
        }
    });
}

std::vector<Component> findComponents(const LabelMap& mask, std::uint8_t value, const CancelToken& cancel) {
    return labelRunComponents(mask, value, cancel).components;
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

std::size_t removeSmallComponents(LabelMap& mask, std::size_t minVoxels, const CancelToken& cancel) {
    for (auto& v : mask.voxels()) v = v ? 1 : 0;
    // The small components' runs are cleared directly (what a flood fill from their seeds clears).
    const RunComponents rc = labelRunComponents(mask, 1, cancel);
    const auto nx = static_cast<std::size_t>(mask.nx());
    std::size_t removed = 0;
    for (std::size_t t = 0; t < rc.runs.size(); ++t) {
        if (rc.components[static_cast<std::size_t>(rc.componentOfRun[t])].voxels >= minVoxels) continue;
        const VoxelRun& r = rc.runs[t];
        const auto length = static_cast<std::size_t>(r.i1 - r.i0 + 1);
        std::fill_n(mask.data() + r.row * nx + static_cast<std::size_t>(r.i0), length, std::uint8_t{0});
        removed += length;
    }
    return removed;
}

}  // namespace tv
