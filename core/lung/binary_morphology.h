#pragma once
// Binary morphology on uint8 masks (non-zero = set). The disk operations are per axial slice and
// exact (Euclidean, anisotropic pixel spacing): by the disk test of slice_disk.h, which gives the
// thresholded squared distance transform without computing it (the transform is the fallback for
// disks wider than the test's bytes); slices run in parallel (TBB).
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "image/neighbours.h"

#include "image/image.h"
#include "lung/run_components.h"
#include "util/progress.h"

namespace tv {

/// Squared Euclidean distance (mm^2) from every pixel of one slice to the nearest pixel where
/// `mask[n] != 0` equals `targetSet` (Felzenszwalb-Huttenlocher, separable). Pixels with no
/// target in the slice get a large value (1e12). Exact up to `maxMm2`; a pixel farther than that
/// may get the large value instead (callers that threshold save the work beyond their threshold).
void squaredDistance2d(const std::uint8_t* mask, int nx, int ny, double sx, double sy, bool targetSet,
                       float* out, double maxMm2 = 1e12);

/// Rectangle [i0, i1] x [j0, j1] (inclusive) of one nx x ny slice.
struct SliceRect {
    int i0 = 0, i1 = -1, j0 = 0, j1 = -1;
    int width() const { return i1 - i0 + 1; }
    int height() const { return j1 - j0 + 1; }
    bool empty() const { return i1 < i0 || j1 < j0; }
    /// Grows this rectangle to the bounding rectangle of itself and `o` (empty ones count as none).
    void unite(const SliceRect& o) {
        if (o.empty()) return;
        if (empty()) {
            *this = o;
            return;
        }
        i0 = std::min(i0, o.i0), i1 = std::max(i1, o.i1), j0 = std::min(j0, o.j0), j1 = std::max(j1, o.j1);
    }
};

/// Bounding rectangle of the set pixels of a slice grown by (mi, mj) pixels and clipped to the
/// slice; false (and `r` untouched) when no pixel is set.
bool setPixelRect(const std::uint8_t* mask, int nx, int ny, int mi, int mj, SliceRect& r);

/// squaredDistance2d on the rectangle `r` of the slice only: `sub` receives the rectangle's pixels
/// and `d` their distances (row-major, r.width() x r.height()). Exactly the whole slice's distances
/// when every target pixel lies in the rectangle, or (target = background) when the rectangle holds
/// all set pixels with a one-pixel margin: masks are sparse, so this saves most of the work.
void squaredDistance2dRect(const std::uint8_t* mask, int nx, const SliceRect& r, double sx, double sy, bool targetSet,
                           std::vector<std::uint8_t>& sub, std::vector<float>& d, double maxMm2 = 1e12);

/// near[q] = 1 for the pixels of the rectangle `r` of one slice (row-major, r.width() per row) whose
/// squaredDistance2dRect to the set pixels (targetSet true) is at most maxMm2, else 0: by the disk
/// test (slice_disk.h, the same answer) where its bytes hold the disk, else by the transform.
void nearSetPixelsRect(const std::uint8_t* mask, int nx, const SliceRect& r, double sx, double sy, float maxMm2,
                       std::vector<std::uint8_t>& near);

/// Per-slice disk operations with radius `radiusMm` (mask values become 0/1).
void erodeSlices(LabelMap& mask, double radiusMm, const CancelToken& cancel = neverCancel());
void dilateSlices(LabelMap& mask, double radiusMm, const CancelToken& cancel = neverCancel());
void openSlices(LabelMap& mask, double radiusMm, const CancelToken& cancel = neverCancel());
/// erodeSlices(a, radiusA) and erodeSlices(b, radiusB) of one mask held by both `a` and `b` (same
/// geometry and values), with one distance transform per slice for the two.
void erodeSlicesTwice(LabelMap& a, double radiusA, LabelMap& b, double radiusB, const CancelToken& cancel = neverCancel());
void closeSlices(LabelMap& mask, double radiusMm, const CancelToken& cancel = neverCancel());

/// Fills the background regions of one slice (nx x ny, row-major) that are not 4-connected to its
/// border (the slice becomes 0/1).
void fillHoles2d(std::uint8_t* slice, int nx, int ny);

/// Fills, per slice, background regions not 4-connected to the slice border (mask becomes 0/1).
void fillHolesSlices(LabelMap& mask, const CancelToken& cancel = neverCancel());

/// Keeps, per slice, only the largest 4-connected region of set pixels (mask values become 0/1;
/// ties: the region met first in memory order). E.g. the patient's body among table and tubes.
void keepLargestRegionSlices(LabelMap& mask, const CancelToken& cancel = neverCancel());

/// All 6-connected components of voxels == `value`, in seed order (labelled by runs; the mask is
/// only read).
std::vector<Component> findComponents(const LabelMap& mask, std::uint8_t value, const CancelToken& cancel = neverCancel());

/// Sets every voxel 6-connected to `seed` that equals `from` to `to` (from != to). Returns count.
std::size_t floodFill(LabelMap& mask, std::size_t seed, std::uint8_t from, std::uint8_t to);

/// Breadth-first growing from `frontier` (voxels, in queue order): a face neighbour q for which
/// `take(q)` holds (evaluated on the current labels; it must become false once q is labelled)
/// gets the label of the voxel that reached it. Level by level: each level's neighbours are
/// gathered in parallel (chunks of the frontier, each in order) and claimed serially in frontier
/// order, so every voxel gets the label a serial FIFO breadth-first search would give it (the first
/// frontier voxel in queue order that reaches it), at a fraction of the serial cost. Returns the
/// number of voxels labelled.
template <typename Take>
std::size_t growBreadthFirst(LabelMap& labels, std::vector<std::size_t> frontier, Take&& take, const CancelToken& cancel) {
    constexpr std::size_t kChunk = 8192;
    constexpr int kLabelShift = 56;  // candidates carry their label in the top byte
    constexpr std::size_t kIndexMask = (std::size_t{1} << kLabelShift) - 1;
    const Index3 size = labels.size();
    std::uint8_t* lab = labels.data();
    const bool small = labels.voxelCount() < (std::size_t{1} << 32);
    const auto nx = static_cast<std::uint32_t>(size[0]), ny = static_cast<std::uint32_t>(size[1]);
    const auto nz = static_cast<std::uint32_t>(size[2]), sxy = nx * ny;
    std::vector<std::vector<std::size_t>> found;
    std::vector<std::size_t> next;
    std::size_t claimed = 0;
    while (!frontier.empty()) {
        cancel.throwIfCancelled();
        const std::size_t chunks = (frontier.size() + kChunk - 1) / kChunk;
        found.resize(std::max(found.size(), chunks));
        auto gather = [&](std::size_t c) {
            auto& out = found[c];
            out.clear();
            const std::size_t end = std::min(frontier.size(), (c + 1) * kChunk);
            for (std::size_t t = c * kChunk; t < end; ++t) {
                const std::size_t n = frontier[t];
                const std::size_t tag = static_cast<std::size_t>(lab[n]) << kLabelShift;
                auto visit = [&](std::size_t q) {
                    if (take(q)) out.push_back(q | tag);
                };
                if (small) {  // forEachFaceNeighbour with 32-bit divisions (several times faster)
                    const auto n32 = static_cast<std::uint32_t>(n);
                    const std::uint32_t k = n32 / sxy, r = n32 - k * sxy, j = r / nx, i = r - j * nx;
                    if (i > 0) visit(n - 1);
                    if (i + 1 < nx) visit(n + 1);
                    if (j > 0) visit(n - nx);
                    if (j + 1 < ny) visit(n + nx);
                    if (k > 0) visit(n - sxy);
                    if (k + 1 < nz) visit(n + sxy);
                } else {
                    forEachFaceNeighbour(size, n, visit);
                }
            }
        };
        if (chunks == 1) gather(0);
        else tbb::parallel_for(std::size_t{0}, chunks, gather);
        next.clear();
        for (std::size_t c = 0; c < chunks; ++c)
            for (std::size_t t : found[c]) {
                const std::size_t q = t & kIndexMask;
                if (!take(q)) continue;
                lab[q] = static_cast<std::uint8_t>(t >> kLabelShift);
                next.push_back(q);
            }
        claimed += next.size();
        frontier.swap(next);
    }
    return claimed;
}

/// floodFill for large regions: the same result, grown with growBreadthFirst (parallel levels).
std::size_t floodFillParallel(LabelMap& mask, std::size_t seed, std::uint8_t from, std::uint8_t to,
                              const CancelToken& cancel = neverCancel());

/// Removes 6-connected components of non-zero voxels with fewer than `minVoxels` voxels (mask
/// values become 0/1). Returns the number of voxels removed.
std::size_t removeSmallComponents(LabelMap& mask, std::size_t minVoxels, const CancelToken& cancel = neverCancel());

}  // namespace tv
