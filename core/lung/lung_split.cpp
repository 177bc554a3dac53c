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
        std::uint64_t sumI = 0;
        for (int j = 0; j < ny; ++j) {
            const std::uint8_t* l = &lungs.at(0, j, k);
            std::uint32_t rowCount = 0, rowSumI = 0;  // branch-free: vectorised (nx * nx fits 32 bits)
            for (int i = 0; i < nx; ++i) {
                const std::uint32_t set = l[i] != 0;
                rowCount += set, rowSumI += set * static_cast<std::uint32_t>(i);
            }
            count += rowCount, sumI += rowSumI;
        }
        countPerSlice[k] = count, sumIPerSlice[k] = static_cast<double>(sumI);
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
                std::vector<std::uint8_t> reach(static_cast<std::size_t>(rw) * rh), scratch;
                for (int j = 0; j < rh; ++j) rowReach(l + static_cast<std::size_t>(j) * nx, rw, false, disk, reach.data() + static_cast<std::size_t>(j) * rw);
                diskHits(reach.data(), rw, rh, true, o, static_cast<std::size_t>(nx), scratch);
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
    // core voxels in index order (the runs are in memory order). Voxels outside the lungs are
    // marked, so that the growing tests one array, not two (its cost is its random accesses).
    constexpr std::uint8_t kNotLung = 3;
    for (int s = 0; s < 2; ++s) {
        const Component& c = cores.components[static_cast<std::size_t>(seeds[s])];
        paintComponent(cores, seeds[s], r.labels, sideLabel(c.meanI));
    }
    tbb::parallel_for(0, nz, [&](int k) {
        const std::uint8_t* l = lungs.slice(k);
        std::uint8_t* out = r.labels.slice(k);
        for (std::size_t q = 0; q < sxy; ++q) out[q] = l[q] ? out[q] : kNotLung;
    });
    // Only core voxels with a lung voxel beside them that no core holds can reach anything in the
    // first round; the others are left out of the starting frontier, which changes neither which
    // voxels each round reaches nor their order (each slice's runs gathered in parallel, in order).
    const std::uint8_t* lab = r.labels.data();
    std::vector<std::vector<std::size_t>> open(static_cast<std::size_t>(nz));
    std::vector<std::size_t> firstRun(static_cast<std::size_t>(nz) + 1, 0);
    for (int k = 0; k <= nz; ++k)
        firstRun[k] = static_cast<std::size_t>(
            std::lower_bound(cores.runs.begin(), cores.runs.end(), static_cast<std::uint32_t>(k) * static_cast<std::uint32_t>(ny),
                             [](const VoxelRun& run, std::uint32_t row) { return run.row < row; }) -
            cores.runs.begin());
    tbb::parallel_for(0, nz, [&](int k) {
        for (std::size_t t = firstRun[k]; t < firstRun[k + 1]; ++t) {
            if (cores.componentOfRun[t] != seeds[0] && cores.componentOfRun[t] != seeds[1]) continue;
            const VoxelRun& run = cores.runs[t];
            const int j = static_cast<int>(run.row) - k * ny;
            const std::size_t n0 = static_cast<std::size_t>(run.row) * static_cast<std::size_t>(nx);
            for (int i = run.i0; i <= run.i1; ++i) {
                const std::size_t n = n0 + static_cast<std::size_t>(i);
                const bool reaches = (i > 0 && lab[n - 1] == 0) || (i + 1 < nx && lab[n + 1] == 0) || (j > 0 && lab[n - nx] == 0) ||
                                     (j + 1 < ny && lab[n + nx] == 0) || (k > 0 && lab[n - sxy] == 0) || (k + 1 < nz && lab[n + sxy] == 0);
                if (reaches) open[k].push_back(n);
            }
        }
    });
    cores = RunComponents();
    std::vector<std::size_t> frontier;
    std::size_t frontierSize = 0;
    for (const auto& o : open) frontierSize += o.size();
    frontier.reserve(frontierSize);
    for (auto& o : open) {
        frontier.insert(frontier.end(), o.begin(), o.end());
        o = {};
    }
    growBreadthFirst(r.labels, std::move(frontier), [&](std::size_t q) { return r.labels[q] == 0; }, cancel);
    // Pieces not connected to either core (small detached lung parts): by side of the midline.
    std::vector<std::uint8_t> sideOfColumn(static_cast<std::size_t>(nx));
    for (int i = 0; i < nx; ++i) sideOfColumn[static_cast<std::size_t>(i)] = sideLabel(static_cast<double>(i));
    tbb::parallel_for(0, nz, [&](int k) {
        for (int j = 0; j < ny; ++j) {
            std::uint8_t* row = &r.labels.at(0, j, k);
            for (int i = 0; i < nx; ++i) {
                const std::uint8_t v = row[i];
                row[i] = v == kNotLung ? std::uint8_t{0} : (v == 0 ? sideOfColumn[static_cast<std::size_t>(i)] : v);
            }
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
