#include "lung/lung_split.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "lung/binary_morphology.h"
#include "lung/run_components.h"
#include "lung/slice_disk.h"

namespace tv {
namespace {

// The largest squared distance (mm^2, a float as the distance transform gives it) whose distance in
// quarter millimetres, rounded down, is at most `rq`: voxels at or below it are eroded.
float largestSquaredDistanceNotKept(int rq) {
    auto kept = [rq](float d) { return std::floor(4.0 * std::sqrt(double(d))) > rq; };
    float d = static_cast<float>((rq + 1) * (rq + 1) / 16.0);
    while (kept(d)) d = std::nextafter(d, 0.0f);
    while (!kept(std::nextafter(d, 1e30f))) d = std::nextafter(d, 1e30f);
    return d;
}

// Two largest components, when both hold at least `minFraction` of `total` voxels.
bool twoLargest(std::vector<Component>& comps, double total, double minFraction) {
    if (comps.size() < 2) return false;
    std::partial_sort(comps.begin(), comps.begin() + 2, comps.end(),
                      [](const Component& a, const Component& b) { return a.voxels > b.voxels; });
    return comps[1].voxels >= minFraction * total;
}

LungSplitResult splitWithinBox(const LabelMap& lungs, const AxialFrame& frame, const CancelToken& cancel) {
    LungSplitResult r;
    const int nx = lungs.nx(), ny = lungs.ny(), nz = lungs.nz();
    const std::size_t sxy = static_cast<std::size_t>(nx) * ny;
    r.labels = LabelMap(lungs.geometry(), 0);
    LabelMap work(lungs.geometry(), 0);
    // Voxel count and mean column (sums of integers: exact in double, so the same in any order).
    std::vector<std::size_t> countPerSlice(static_cast<std::size_t>(nz), 0);
    std::vector<double> sumIPerSlice(static_cast<std::size_t>(nz), 0.0);
    // Summed in locals: neighbouring slices' entries share a cache line, which two threads writing
    // per voxel would pass back and forth.
    tbb::parallel_for(0, nz, [&](int k) {
        std::size_t count = 0;
        double sumI = 0.0;
        for (int j = 0; j < ny; ++j) {
            const std::uint8_t* l = &lungs.at(0, j, k);
            for (int i = 0; i < nx; ++i)
                if (l[i]) ++count, sumI += static_cast<double>(i);
        }
        countPerSlice[k] = count, sumIPerSlice[k] = sumI;
    });
    std::size_t total = 0;
    double meanI = 0;
    for (int k = 0; k < nz; ++k) total += countPerSlice[k], meanI += sumIPerSlice[k];
    if (total == 0) return r;
    meanI /= total;
    auto sideLabel = [&](double i) { return ((i - meanI) * frame.leftSign > 0) ? std::uint8_t{1} : std::uint8_t{2}; };

    // Erosion by r keeps the voxels whose distance to the background of their slice, in quarter
    // millimetres rounded down, exceeds 4 r: with the disk test of the largest squared distance that
    // does not (slice_disk.h, exact against the distance transform), or the transform itself for a
    // disk wider than the test's byte distances.
    constexpr double kMaxErosionMm = 12.0;
    const auto& sp = lungs.geometry().spacing;
    auto erode = [&](int rq) {
        const float notKept = largestSquaredDistanceNotKept(rq);
        const SliceDisk disk(sp[0], sp[1], notKept);
        std::vector<std::size_t> keptPerSlice(static_cast<std::size_t>(nz), 0);
        tbb::parallel_for(0, nz, [&](int k) {
            std::uint8_t* w = work.slice(k);
            std::fill_n(w, sxy, std::uint8_t{0});
            SliceRect rect;  // the lung pixels' rectangle plus one background pixel: exact, as in diskOp
            if (!setPixelRect(lungs.slice(k), nx, ny, 1, 1, rect)) return;
            const int rw = rect.width(), rh = rect.height();
            const std::uint8_t* l = lungs.slice(k) + static_cast<std::size_t>(rect.j0) * nx + rect.i0;
            std::uint8_t* o = w + static_cast<std::size_t>(rect.j0) * nx + rect.i0;
            if (disk.fitsBytes()) {
                std::vector<std::uint8_t> rowDist(static_cast<std::size_t>(rw) * rh), scratch;
                for (int j = 0; j < rh; ++j)
                    rowTargetDistances(l + static_cast<std::size_t>(j) * nx, rw, false, rowDist.data() + static_cast<std::size_t>(j) * rw);
                diskHits(rowDist.data(), rw, rh, disk, true, o, static_cast<std::size_t>(nx), scratch);
            } else {
                std::vector<std::uint8_t> sub;
                std::vector<float> d;
                squaredDistance2dRect(lungs.slice(k), nx, rect, sp[0], sp[1], false, sub, d, (kMaxErosionMm + 1) * (kMaxErosionMm + 1));
                for (int j = 0; j < rh; ++j)
                    for (int i = 0; i < rw; ++i) {
                        const std::size_t q = static_cast<std::size_t>(j) * rw + i;
                        o[static_cast<std::size_t>(j) * nx + i] = sub[q] && d[q] > notKept;
                    }
            }
            std::size_t c = 0;
            for (std::size_t q = 0; q < sxy; ++q) c += w[q];
            keptPerSlice[k] = c;
        });
        cancel.throwIfCancelled();
        std::size_t kept = 0;
        for (std::size_t c : keptPerSlice) kept += c;
        return kept;
    };

    // The components of each erosion are labelled by runs (the mask is only read); those of the
    // erosion that separates are kept: the two cores are painted from them.
    RunComponents cores;
    std::int32_t seeds[2] = {-1, -1};
    for (double rMm = 0; rMm <= kMaxErosionMm && seeds[0] < 0; rMm += 2.0) {
        cancel.throwIfCancelled();
        const int rq = static_cast<int>(std::lround(rMm * 4.0));
        std::size_t kept = 0;
        if (rq == 0) {
            std::vector<std::size_t> keptPerSlice(static_cast<std::size_t>(nz), 0);
            tbb::parallel_for(0, nz, [&](int k) {
                const std::size_t n0 = k * sxy;
                const std::uint8_t* l = lungs.data() + n0;
                std::uint8_t* w = work.data() + n0;
                std::size_t c = 0;
                for (std::size_t q = 0; q < sxy; ++q) c += w[q] = l[q] != 0;
                keptPerSlice[k] = c;
            });
            for (std::size_t c : keptPerSlice) kept += c;
        } else {
            kept = erode(rq);
        }
        RunComponents rc = labelRunComponents(work, 1, cancel);
        std::vector<Component> comps = rc.components;
        if (twoLargest(comps, static_cast<double>(kept), 0.15) &&
            sideLabel(comps[0].meanI) != sideLabel(comps[1].meanI)) {
            for (int s = 0; s < 2; ++s)  // the components are in seed order: find the two by seed
                seeds[s] = static_cast<std::int32_t>(
                    std::lower_bound(rc.components.begin(), rc.components.end(), comps[s].seed,
                                     [](const Component& c, std::size_t seed) { return c.seed < seed; }) -
                    rc.components.begin());
            cores = std::move(rc);
            r.erosionMm = rMm;
        }
    }
    work = LabelMap();
    if (seeds[0] < 0) {  // one lung only (or never separable): split by side of the midline
        for (std::size_t n = 0; n < lungs.voxelCount(); ++n)
            if (lungs[n]) r.labels[n] = sideLabel(static_cast<double>(n % nx));
        return r;
    }
    r.separated = true;

    // The two eroded cores (their components, as the flood fill from their seeds), then geodesic
    // growing from both cores in breadth-first order through the lung mask, starting from the
    // core voxels in index order (the runs are in memory order).
    std::vector<std::size_t> frontier;
    for (int s = 0; s < 2; ++s) {
        const Component& c = cores.components[static_cast<std::size_t>(seeds[s])];
        paintComponent(cores, seeds[s], r.labels, sideLabel(c.meanI));
    }
    frontier.reserve(cores.components[static_cast<std::size_t>(seeds[0])].voxels +
                     cores.components[static_cast<std::size_t>(seeds[1])].voxels);
    for (std::size_t t = 0; t < cores.runs.size(); ++t) {
        if (cores.componentOfRun[t] != seeds[0] && cores.componentOfRun[t] != seeds[1]) continue;
        const VoxelRun& run = cores.runs[t];
        const std::size_t n0 = static_cast<std::size_t>(run.row) * static_cast<std::size_t>(nx);
        for (int i = run.i0; i <= run.i1; ++i) frontier.push_back(n0 + static_cast<std::size_t>(i));
    }
    cores = RunComponents();
    // Voxels outside the lungs are marked for the growing, so that it tests one array, not two
    // (the growing's cost is its random accesses).
    constexpr std::uint8_t kNotLung = 3;
    tbb::parallel_for(0, nz, [&](int k) {
        for (std::size_t n = k * sxy; n < (k + 1) * sxy; ++n)
            if (!lungs[n]) r.labels[n] = kNotLung;
    });
    growBreadthFirst(r.labels, std::move(frontier), [&](std::size_t q) { return r.labels[q] == 0; }, cancel);
    // Pieces not connected to either core (small detached lung parts): by side of the midline.
    tbb::parallel_for(0, nz, [&](int k) {
        for (int j = 0; j < ny; ++j) {
            std::uint8_t* row = &r.labels.at(0, j, k);
            for (int i = 0; i < nx; ++i)
                if (row[i] == kNotLung) row[i] = 0;
                else if (row[i] == 0) row[i] = sideLabel(static_cast<double>(i));
        }
    });
    return r;
}

}  // namespace

// The work runs on the lungs' bounding box grown by one background pixel in i and j (about a third
// of the scan): the per-slice distances are then exactly those of the whole slice, and component
// seeds, breadth-first order and side decisions (differences of column indices) do not change, so
// the labels are the same as on the whole grid.
LungSplitResult splitLeftRight(const LabelMap& lungs, const AxialFrame& frame, const CancelToken& cancel) {
    const VoxelBox box = boundingBox(lungs).grown({1, 1, 0}, lungs.size());
    if (box.empty() || box.size() == lungs.size()) return splitWithinBox(lungs, frame, cancel);
    LungSplitResult r = splitWithinBox(cropImage(lungs, box), frame, cancel);
    LabelMap full(lungs.geometry(), 0);
    pasteImage(r.labels, box, full);
    r.labels = std::move(full);
    return r;
}

}  // namespace tv
