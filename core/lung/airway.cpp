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
    // section (an opening with a disk keeps oblique tubes too: their section is only longer), still
    // connected to the trachea seed.
    const VoxelBox box = boundingBox(r.grown).grown({2, 2, 0}, r.grown.size());
    LabelMap part = cropImage(r.grown, box);
    openSlices(part, p.airwayMinDiameterMm / 2.0, cancel);
    pasteImage(part, box, r.central);
    if (!r.central[*seed]) r.central[*seed] = 1;
    floodFill(r.central, *seed, 1, 2);
    tbb::parallel_for(std::size_t{0}, r.central.voxelCount(), [&](std::size_t q) { r.central[q] = r.central[q] == 2 ? 1 : 0; });
    return r;
}

}  // namespace tv
