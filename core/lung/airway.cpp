#include "lung/airway.h"
#include "image/neighbours.h"

#include <tbb/parallel_for.h>

#include <cmath>
#include <vector>

#include "lung/binary_morphology.h"
#include "lung/lung_frame.h"

namespace tv {
namespace {

// 2-D components of one slice of `mask` (non-zero), 4-connected: area (pixels) and centroid.
struct Blob {
    std::size_t seed;
    int area;
    double ci, cj;
};

std::vector<Blob> sliceBlobs(const LabelMap& mask, int k) {
    const int nx = mask.nx(), ny = mask.ny();
    std::vector<std::uint8_t> seen(static_cast<std::size_t>(nx) * ny, 0);
    const std::uint8_t* s = mask.slice(k);
    std::vector<Blob> blobs;
    std::vector<int> stack;
    for (int start = 0; start < nx * ny; ++start) {
        if (!s[start] || seen[start]) continue;
        Blob b{static_cast<std::size_t>(start), 0, 0, 0};
        seen[start] = 1;
        stack.push_back(start);
        while (!stack.empty()) {
            const int n = stack.back();
            stack.pop_back();
            const int i = n % nx, j = n / nx;
            ++b.area, b.ci += i, b.cj += j;
            const int nb[4] = {i > 0 ? n - 1 : -1, i + 1 < nx ? n + 1 : -1, j > 0 ? n - nx : -1, j + 1 < ny ? n + nx : -1};
            for (int q : nb)
                if (q >= 0 && s[q] && !seen[q]) seen[q] = 1, stack.push_back(q);
        }
        b.ci /= b.area, b.cj /= b.area;
        blobs.push_back(b);
    }
    return blobs;
}

// Lumen growing from `seed` through voxels of `candidates` below `threshold`; stops (returns the
// count so far, > limit) once more than `limit` voxels are reached.
std::size_t grow(const Image<std::int16_t>& hu, const LabelMap& candidates, std::size_t seed, double threshold,
                 std::size_t limit, LabelMap& out) {
    std::fill(out.voxels().begin(), out.voxels().end(), 0);
    std::vector<std::size_t> queue{seed};
    out[seed] = 1;
    std::size_t head = 0;
    while (head < queue.size()) {
        if (queue.size() > limit) return queue.size();
        const std::size_t n = queue[head++];
        forEachFaceNeighbour(hu.size(), n, [&](std::size_t q) {
            if (!out[q] && candidates[q] && hu[q] < threshold) {
                out[q] = 1;
                queue.push_back(q);
            }
        });
    }
    return queue.size();
}

// The air mask (full grid) at voxel (i, j, k) of a part cropped at `lo`.
inline bool airAt(const LabelMap& air, const Index3& lo, int i, int j, int k) {
    return air.at(i + lo[0], j + lo[1], k + lo[2]) != 0;
}

// Per slice of `mask` (cropped from the full grid at `lo`), `steps` times: air pixels adjacent to the
// mask join it (a geodesic dilation through the air: a wall above the air threshold stops it). Steps
// alternate 4- and 8-adjacency (an octagon, within 6 % of a disk): 4-adjacency alone grows a diamond
// that reaches only 0.71 x as far along the diagonals, so an oblique section's wall contour was
// measured up to 1.3 mm narrower than an axis-aligned one (review of s18).
void growInAirSlices(LabelMap& mask, const LabelMap& air, const Index3& lo, int steps) {
    const int nx = mask.nx(), ny = mask.ny();
    tbb::parallel_for(0, mask.nz(), [&](int k) {
        std::uint8_t* m = mask.slice(k);
        SliceRect rect;  // the set pixels' rectangle grown by `steps`: nothing joins outside it
        if (!setPixelRect(m, nx, ny, steps, steps, rect)) return;
        for (int step = 0; step < steps; ++step) {
            const bool diagonal = step % 2 == 1;
            for (int j = rect.j0; j <= rect.j1; ++j)
                for (int i = rect.i0; i <= rect.i1; ++i) {
                    const int n = j * nx + i;
                    if (m[n] || !airAt(air, lo, i, j, k)) continue;
                    const bool l = i > 0, r = i + 1 < nx, d = j > 0, u = j + 1 < ny;
                    bool join = (l && m[n - 1] == 1) || (r && m[n + 1] == 1) || (d && m[n - nx] == 1) || (u && m[n + nx] == 1);
                    if (!join && diagonal)
                        join = (l && d && m[n - nx - 1] == 1) || (r && d && m[n - nx + 1] == 1) || (l && u && m[n + nx - 1] == 1) ||
                               (r && u && m[n + nx + 1] == 1);
                    if (join) m[n] = 2;  // joins after this step
                }
            for (int j = rect.j0; j <= rect.j1; ++j)
                for (int i = rect.i0; i <= rect.i1; ++i)
                    if (m[j * nx + i] == 2) m[j * nx + i] = 1;
        }
    });
}

// Along every column of `mask` (cropped at `lo`): runs of at most `maxGap` unset voxels between two
// set ones, all in the air, become set: a 1-D closing along z through the air (a wall in between,
// above the air threshold, is not bridged).
void bridgeAlongZ(LabelMap& mask, const LabelMap& air, const Index3& lo, int maxGap) {
    if (maxGap <= 0) return;
    const int nx = mask.nx(), ny = mask.ny(), nz = mask.nz();
    // Slice by slice (memory order), rows in parallel; per column the last set voxel with only air
    // since (-1: none).
    std::vector<int> last(static_cast<std::size_t>(nx) * ny, -1);
    for (int k = 0; k < nz; ++k)
        tbb::parallel_for(0, ny, [&](int j) {
            for (int i = 0; i < nx; ++i) {
                int& l = last[static_cast<std::size_t>(j) * nx + i];
                if (mask.at(i, j, k)) {
                    if (l >= 0 && k - l - 1 <= maxGap)
                        for (int b = l + 1; b < k; ++b) mask.at(i, j, b) = 1;
                    l = k;
                } else if (!airAt(air, lo, i, j, k)) {
                    l = -1;
                }
            }
        });
}

// Breadth-first search from `seed` through the voxels of `lumen` (non-zero, 0/1 on entry and on
// return): the first voxel reached (the nearest in face steps) with `target` set, if any.
std::optional<std::size_t> nearestInLumen(LabelMap& lumen, const LabelMap& target, std::size_t seed) {
    std::vector<std::size_t> queue{seed};
    lumen[seed] = 2;  // visited
    std::optional<std::size_t> found;
    for (std::size_t head = 0; head < queue.size() && !found; ++head) {
        const std::size_t n = queue[head];
        if (target[n]) {
            found = n;
            break;
        }
        forEachFaceNeighbour(lumen.size(), n, [&](std::size_t q) {
            if (lumen[q] == 1) {
                lumen[q] = 2;
                queue.push_back(q);
            }
        });
    }
    for (std::size_t n : queue) lumen[n] = 1;
    return found;
}

}  // namespace

AirwayResult segmentAirway(const Image<std::int16_t>& hu, const LabelMap& candidates, const LungOpacityParams& p,
                           const CancelToken& cancel) {
    AirwayResult r;
    r.grown = LabelMap(hu.geometry(), 0);
    r.central = LabelMap(hu.geometry(), 0);
    const AxialFrame frame = axialFrame(hu.geometry());
    const auto& sp = hu.geometry().spacing;
    const double pixelArea = sp[0] * sp[1];
    const double voxelMl = hu.geometry().voxelVolumeMm3() / 1000.0;

    // Trachea seed: the most superior slice with a single round-ish air blob of trachea size
    // (diameter about 12-28 mm) near the left-right centre of the air; lung apices are lateral.
    // Sums of column indices are integers, exact in double: slices in parallel, the same mean.
    std::vector<double> sumIPerSlice(static_cast<std::size_t>(hu.nz()), 0.0);
    std::vector<std::size_t> countPerSlice(static_cast<std::size_t>(hu.nz()), 0);
    tbb::parallel_for(0, hu.nz(), [&](int k) {
        for (int j = 0; j < hu.ny(); ++j) {
            const std::uint8_t* row = &candidates.at(0, j, k);
            for (int i = 0; i < hu.nx(); ++i)
                if (row[i]) sumIPerSlice[k] += i, ++countPerSlice[k];
        }
    });
    double centreI = 0;
    std::size_t count = 0;
    for (int k = 0; k < hu.nz(); ++k) centreI += sumIPerSlice[k], count += countPerSlice[k];
    if (count == 0) return r;
    centreI /= count;
    const int kStart = frame.superiorSign > 0 ? hu.nz() - 1 : 0;
    const int kStep = frame.superiorSign > 0 ? -1 : 1;
    std::optional<std::size_t> seed;
    for (int step = 0, k = kStart; step < hu.nz() / 2 && !seed; ++step, k += kStep) {
        cancel.throwIfCancelled();
        for (const Blob& b : sliceBlobs(candidates, k)) {
            const double areaMm2 = b.area * pixelArea;
            if (areaMm2 < 110 || areaMm2 > 620) continue;
            if (std::abs(b.ci - centreI) * sp[0] > 30) continue;
            const int ci = static_cast<int>(std::lround(b.ci)), cj = static_cast<int>(std::lround(b.cj));
            if (!candidates.at(ci, cj, k) || hu.at(ci, cj, k) > p.airwayLumenHu) continue;  // not convex / not lumen
            seed = hu.offset(ci, cj, k);
            r.seed = {ci, cj, k};
            break;
        }
    }
    if (!seed) return r;

    // Lumen growing with leak control: a leak into the parenchyma makes the volume jump far beyond
    // that of the visible airway tree (about 30-150 mL); lower the threshold and retry.
    const std::size_t limit = static_cast<std::size_t>(250.0 / voxelMl);
    double threshold = p.airwayLumenHu;
    std::size_t n = 0;
    for (; threshold >= -1000; threshold -= 25) {
        cancel.throwIfCancelled();
        n = grow(hu, candidates, *seed, threshold, limit, r.grown);
        if (n <= limit) break;
    }
    if (n > limit) return r;
    r.found = true;
    r.lumenThresholdHu = threshold;
    r.grownVolumeMl = n * voxelMl;

    // Central airway: the part of the lumen at least airwayMinDiameterMm wide in its axial cross-
    // section (an opening with a disk keeps oblique tubes too: their section is only longer). The
    // opening measures a lumen closed inside the air first: lumen voxels above the growing threshold
    // (noise) pierce the section, and the -900 HU lumen ends inside the partial-volume rim at the
    // wall: the opening dropped the whole trachea of C3N-00247 and normal001 (s18). The closed lumen
    // is grown through the air to the wall contour, opened, and bridged along z.
    const double reachMm = p.airwayLumenClosingMm + p.airwayLumenRimMm;
    const Index3 margin{static_cast<int>(std::ceil(reachMm / sp[0])) + 2, static_cast<int>(std::ceil(reachMm / sp[1])) + 2, 0};
    const VoxelBox box = boundingBox(r.grown).grown(margin, r.grown.size());
    LabelMap part = cropImage(r.grown, box);
    closeSlices(part, p.airwayLumenClosingMm, cancel);
    tbb::parallel_for(0, part.nz(), [&](int k) {
        for (int j = 0; j < part.ny(); ++j)
            for (int i = 0; i < part.nx(); ++i)
                if (!airAt(candidates, box.lo, i, j, k)) part.at(i, j, k) = 0;
    });
    growInAirSlices(part, candidates, box.lo, static_cast<int>(std::lround(p.airwayLumenRimMm / std::min(sp[0], sp[1]))));
    openSlices(part, p.airwayMinDiameterMm / 2.0, cancel);
    bridgeAlongZ(part, candidates, box.lo, static_cast<int>(std::floor(p.airwayMaxGapMm / sp[2])));
    pasteImage(part, box, r.central);
    // Keep the wide sections connected to the trachea: those joined to the wide section that the
    // lumen reaches first from the seed. The seed's own section may be too narrow (normal001: on the
    // lumen's top slices the -900 HU lumen fills about half of the air's section).
    const std::optional<std::size_t> start = nearestInLumen(r.grown, r.central, *seed);
    if (!start) {
        std::fill(r.central.voxels().begin(), r.central.voxels().end(), 0);
        return r;
    }
    floodFill(r.central, *start, 1, 2);
    tbb::parallel_for(box.lo[2], box.hi[2], [&](int k) {  // nothing is set outside the box
        for (int j = box.lo[1]; j < box.hi[1]; ++j) {
            std::uint8_t* row = &r.central.at(0, j, k);
            for (int i = box.lo[0]; i < box.hi[0]; ++i) row[i] = row[i] == 2 ? 1 : 0;
        }
    });
    return r;
}

}  // namespace tv
