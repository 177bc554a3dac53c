#include "lung/lung_fill.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "lung/binary_morphology.h"
#include "lung/lung_frame.h"
#include "lung/run_components.h"
#include "lung/slice_hull.h"
#include "lung/uninitialised_vector.h"

namespace tv {
namespace {

// The box's per-voxel work maps (the region map is 4 bytes a voxel): written slice-parallel.
using RegionIds = UninitialisedVector<std::int32_t>;
using VoxelStates = UninitialisedVector<std::uint8_t>;  // every entry written before it is read

// Per-slice 2-D components (4-connected) of the voxels where `state` == 2; ids start at 1 and
// are numbered slice by slice, so every id belongs to one slice (firstId[k] .. firstId[k+1]-1).
// Slices are labelled in parallel. Returns the number of components; ids[] holds each voxel's id
// (0 elsewhere), sizes[id] its pixel count.
int labelSliceComponents(const VoxelStates& state, int nx, int ny, int nz, RegionIds& ids,
                         std::vector<std::size_t>& sizes, std::vector<int>& firstId) {
    const std::size_t sxy = static_cast<std::size_t>(nx) * ny;
    // Regions by runs, numbered in memory order of their first pixel (as a scan-order flood fill).
    std::vector<SliceRegions> added(static_cast<std::size_t>(nz));
    tbb::parallel_for(0, nz, [&](int k) { labelSliceRegions(state.data() + k * sxy, nx, ny, 2, true, added[k]); });
    firstId.assign(static_cast<std::size_t>(nz) + 1, 1);
    for (int k = 0; k < nz; ++k) firstId[k + 1] = firstId[k] + added[k].regions;
    sizes.assign(static_cast<std::size_t>(firstId[nz]), 0);
    ids.clear();
    ids.resize(state.size());
    tbb::parallel_for(0, nz, [&](int k) {
        std::fill_n(ids.begin() + static_cast<std::ptrdiff_t>(k * sxy), sxy, 0);
        for (std::size_t t = 0; t < added[k].runs.size(); ++t) {
            const VoxelRun& r = added[k].runs[t];
            const std::int32_t id = firstId[k] + added[k].regionOfRun[t];
            sizes[static_cast<std::size_t>(id)] += static_cast<std::size_t>(r.i1 - r.i0 + 1);
            std::fill_n(ids.begin() + static_cast<std::ptrdiff_t>(k * sxy + static_cast<std::size_t>(r.row) * nx + r.i0),
                        r.i1 - r.i0 + 1, id);
        }
    });
    return firstId[nz] - 1;
}

// Sum of the CT values (`hu`, full grid; the labelled map is its crop at `b`) over each component of
// labelSliceComponents. Every component lies in one slice, so each sum is written by one slice's
// task only.
std::vector<double> componentHuSums(const RegionIds& ids, int count, const std::vector<int>& firstId,
                                    const Image<std::int16_t>& hu, const VoxelBox& b, int nx, int ny, int nz) {
    std::vector<double> huSum(static_cast<std::size_t>(count) + 1, 0.0);
    const std::size_t sxy = static_cast<std::size_t>(nx) * ny;
    tbb::parallel_for(0, nz, [&](int k) {
        if (firstId[k] == firstId[k + 1]) return;  // no component on this slice
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i) {
                const std::size_t n = k * sxy + static_cast<std::size_t>(j) * nx + i;
                if (ids[n]) huSum[ids[n]] += hu.at(i + b.lo[0], j + b.lo[1], k + b.lo[2]);
            }
    });
    return huSum;
}

// Joins the `dense` regions of adjacent slices that overlap into groups and marks every group whose
// z-ends (faces to a voxel that is not a dense region) border `lung` for at least `minFraction` of
// those faces as kept. Ends at the volume's first and last slice count as not lung.
// The overlaps and the ends are gathered slice-parallel (every region lies in one slice, so each
// region's end counts are written by one task only); only the union of the overlapping pairs and
// the sums per group (integers: the same in any order) run serially.
void keepLungCappedGroups(std::vector<std::uint8_t>& keep, const std::vector<std::uint8_t>& dense,
                          const RegionIds& ids, const LabelMap& lung, const std::vector<int>& firstId, int nx,
                          int ny, int nz, double minFraction) {
    const std::size_t sxy = static_cast<std::size_t>(nx) * ny;
    auto isDense = [&](std::size_t n) { return ids[n] != 0 && dense[ids[n]]; };
    std::vector<std::vector<std::pair<std::int32_t, std::int32_t>>> overlaps(static_cast<std::size_t>(nz));
    tbb::parallel_for(0, nz - 1, [&](int k) {
        if (firstId[k] == firstId[k + 1] || firstId[k + 1] == firstId[k + 2]) return;
        auto& out = overlaps[static_cast<std::size_t>(k)];
        for (std::size_t n = k * sxy; n < (k + 1) * sxy; ++n)
            if (isDense(n) && isDense(n + sxy)) {
                const std::pair<std::int32_t, std::int32_t> pair{ids[n], ids[n + sxy]};
                if (out.empty() || out.back() != pair) out.push_back(pair);
            }
    });
    std::vector<std::size_t> ends(keep.size(), 0), lungEnds(keep.size(), 0);
    tbb::parallel_for(0, nz, [&](int k) {
        if (firstId[k] == firstId[k + 1]) return;
        for (std::size_t n = k * sxy; n < (k + 1) * sxy; ++n) {
            if (!isDense(n)) continue;
            const std::int32_t id = ids[n];
            for (int dz : {-1, 1}) {
                if (k + dz >= 0 && k + dz < nz && isDense(n + dz * static_cast<std::ptrdiff_t>(sxy))) continue;
                ++ends[id];
                if (k + dz >= 0 && k + dz < nz && lung[n + dz * static_cast<std::ptrdiff_t>(sxy)]) ++lungEnds[id];
            }
        }
    });
    std::vector<std::int32_t> parent(keep.size());
    for (std::size_t t = 0; t < parent.size(); ++t) parent[t] = static_cast<std::int32_t>(t);
    auto root = [&](std::int32_t a) {
        while (parent[a] != a) a = parent[a] = parent[parent[a]];
        return a;
    };
    for (const auto& slicePairs : overlaps)
        for (const auto& [a, b] : slicePairs) parent[root(a)] = root(b);
    std::vector<std::size_t> groupEnds(keep.size(), 0), groupLungEnds(keep.size(), 0);
    for (std::size_t id = 1; id < keep.size(); ++id)
        if (dense[id]) {
            const std::int32_t g = root(static_cast<std::int32_t>(id));
            groupEnds[g] += ends[id], groupLungEnds[g] += lungEnds[id];
        }
    for (std::size_t id = 1; id < keep.size(); ++id)
        if (dense[id]) {
            const std::int32_t g = root(static_cast<std::int32_t>(id));
            keep[id] = groupEnds[g] > 0 && static_cast<double>(groupLungEnds[g]) >= minFraction * static_cast<double>(groupEnds[g]);
        }
}

// The costal pleura is convex in every axial section; where dense consolidation against it has
// left a dent in the air-threshold outline that is wider than the rolling ball, the section's
// convex hull still reaches the pleural line. The hull also spans the mediastinal and
// diaphragmatic concavities (heart, liver, hilum, paravertebral fat), so a region the hull adds
// beyond `filled` is kept only when its mean HU is at most `maxMeanHu`: soft tissue is +20..+60 HU
// and fat about -100, so a region averaging -200 HU or less must hold air, i.e. it is partly
// aerated lung (collapsed / consolidated lung, -400..0 HU in Lung CT Analyzer's classes).
//
// Regions denser than that but below `rule.denseMaxMeanHu` (no air: solid consolidation, or fat)
// are joined across slices where they overlap; a group is kept when at least
// `rule.minLungCapFraction` of the voxel faces where it ends in z border the lung: consolidation is
// a lesion inside the lung's outline, so the dent closes above and below it, while fat and muscle in
// the chest wall's or mediastinum's concavities continue in z into more of the same.
void addAeratedHullRegions(LabelMap& filled, const LabelMap& original, const Image<std::int16_t>& hu, const LabelMap& forbidden,
                           const VoxelBox& b, const PleuralHullRule& rule, const CancelToken& cancel) {
    LabelMap hull = original;
    const int nx = hull.nx(), ny = hull.ny(), nz = hull.nz();
    tbb::parallel_for(0, nz, [&](int k) { convexHullSlice(&hull.at(0, 0, k), nx, ny); });
    cancel.throwIfCancelled();
    VoxelStates state(hull.voxelCount());
    // The central airways (`forbidden`) are left out of the regions: at the hilum the hull spans the
    // main bronchus, whose air would pull a region of hilar vessels and walls below the mean-HU test.
    tbb::parallel_for(0, nz, [&](int k) {
        for (int j = 0; j < ny; ++j) {
            // Row pointers and a branch-free test: the compiler vectorises the row.
            const std::size_t n0 = hull.offset(0, j, k);
            const std::uint8_t* h = hull.data() + n0;
            const std::uint8_t* f = filled.data() + n0;
            const std::uint8_t* out = &forbidden.at(b.lo[0], j + b.lo[1], k + b.lo[2]);
            std::uint8_t* st = state.data() + n0;
            for (int i = 0; i < nx; ++i) st[i] = static_cast<std::uint8_t>(2 * ((h[i] != 0) & (f[i] == 0) & (out[i] == 0)));
        }
    });
    RegionIds ids;
    std::vector<std::size_t> sizes;
    std::vector<int> firstId;
    const int count = labelSliceComponents(state, nx, ny, nz, ids, sizes, firstId);
    const std::vector<double> huSum = componentHuSums(ids, count, firstId, hu, b, nx, ny, nz);
    std::vector<std::uint8_t> keep(static_cast<std::size_t>(count) + 1, 0), dense(static_cast<std::size_t>(count) + 1, 0);
    for (int id = 1; id <= count; ++id) {
        const double n = static_cast<double>(sizes[id]);
        keep[id] = huSum[id] <= rule.maxMeanHu * n;
        dense[id] = !keep[id] && huSum[id] <= rule.denseMaxMeanHu * n;
    }
    keepLungCappedGroups(keep, dense, ids, filled, firstId, nx, ny, nz, rule.minLungCapFraction);
    tbb::parallel_for(std::size_t{0}, state.size(), [&](std::size_t n) {
        if (ids[n] && keep[ids[n]]) filled[n] = 1;
    });
}

}  // namespace

LabelMap clearAirwayWall(LabelMap& labels, const LabelMap& airway, double clearanceMm, std::size_t& removed,
                         const CancelToken& cancel) {
    LabelMap rim = airway;
    dilateSlices(rim, clearanceMm, cancel);
    const std::size_t sxy = static_cast<std::size_t>(rim.nx()) * rim.ny();
    std::vector<std::size_t> removedPerSlice(static_cast<std::size_t>(rim.nz()), 0);
    tbb::parallel_for(0, rim.nz(), [&](int k) {
        for (std::size_t n = k * sxy; n < (k + 1) * sxy; ++n)
            if (rim[n] && (labels[n] == 1 || labels[n] == 2)) {
                labels[n] = 0;
                ++removedPerSlice[k];
            }
    });
    removed = 0;
    for (std::size_t c : removedPerSlice) removed += c;
    return rim;
}

std::size_t fillLungs(LabelMap& labels, const Image<std::int16_t>& hu, const LabelMap& forbidden, double closingRadiusMm,
                      const PleuralHullRule& hullRule, const CancelToken& cancel) {
    const Index3 limit = labels.size();
    const auto& sp = labels.geometry().spacing;
    const Index3 margin{static_cast<int>(closingRadiusMm / sp[0]) + 2, static_cast<int>(closingRadiusMm / sp[1]) + 2, 0};
    LabelMap filled[2];
    VoxelBox boxes[2];
    // One lung at a time (memory); every step inside runs slice-parallel.
    for (int side = 0; side < 2; ++side) {
        const std::uint8_t label = static_cast<std::uint8_t>(side + 1);
        boxes[side] = labelBoundingBox(labels, label).grown(margin, limit);
        if (boxes[side].empty()) continue;
        filled[side] = cropImage(labels, boxes[side]);
        for (auto& v : filled[side].voxels()) v = v == label;
        const LabelMap original = filled[side];
        closeSlices(filled[side], closingRadiusMm, cancel);
        fillHolesSlices(filled[side], cancel);
        addAeratedHullRegions(filled[side], original, hu, forbidden, boxes[side], hullRule, cancel);

        // What the closing and hole filling added is kept only where it is enclosed by lung in 3-D
        // too: an added region whose voxels continue, in the slice above or below, into tissue that
        // is neither lung nor kept addition is the dome of the diaphragm, the heart or the hilum
        // reaching into the lung's outline, not lung. Consolidation inside the lung's outline
        // continues into lung or into more consolidation; only soft-tissue-dense additions (mean
        // above kMaxRejectableMeanHu, i.e. liver, spleen, heart, not GGO) are rejected. Small additions (vessels, bronchi: under
        // kMinRejectableAreaMm2) are always kept, or the rejection would run along the vessel tree
        // from the hilum to the periphery.
        constexpr double kMinRejectableAreaMm2 = 150.0;
        constexpr double kMaxRejectableMeanHu = -100.0;
        constexpr double kAlwaysRejectableAreaMm2 = 800.0;  // larger than focal lesions: an organ
        const double pixelMm2 = sp[0] * sp[1];
        const int nx = original.nx(), ny = original.ny(), nz = original.nz();
        const std::size_t sxy = static_cast<std::size_t>(nx) * ny;
        VoxelStates state(original.voxelCount());  // 0 outside, 1 lung, 2 added, 3 rejected
        tbb::parallel_for(std::size_t{0}, state.size(), [&](std::size_t n) { state[n] = original[n] ? 1 : (filled[side][n] ? 2 : 0); });
        RegionIds ids;
        std::vector<std::size_t> sizes;
        std::vector<int> firstId;
        const int count = labelSliceComponents(state, nx, ny, nz, ids, sizes, firstId);
        std::vector<std::uint8_t> rejected(static_cast<std::size_t>(count) + 1, 0);
        const std::vector<double> huSum = componentHuSums(ids, count, firstId, hu, boxes[side], nx, ny, nz);
        std::vector<std::uint8_t> soft(static_cast<std::size_t>(count) + 1, 0);
        for (int id = 1; id <= count; ++id)
            soft[id] = huSum[id] / sizes[id] > kMaxRejectableMeanHu || sizes[id] * pixelMm2 > kAlwaysRejectableAreaMm2;
        // Only soft additions of rejectable size can ever be rejected: their voxels, per slice, are
        // the only ones the iterations below need to look at.
        std::vector<std::uint8_t> rejectable(static_cast<std::size_t>(count) + 1, 0);
        for (int id = 1; id <= count; ++id) rejectable[id] = soft[id] && sizes[id] * pixelMm2 >= kMinRejectableAreaMm2;
        std::vector<std::vector<std::size_t>> candidates(static_cast<std::size_t>(nz));
        tbb::parallel_for(0, nz, [&](int k) {
            if (firstId[k] == firstId[k + 1]) return;  // no additions on this slice
            for (std::size_t n = k * sxy; n < (k + 1) * sxy; ++n)
                if (ids[n] && rejectable[ids[n]]) candidates[k].push_back(n);
        });
        std::vector<std::size_t> touching(static_cast<std::size_t>(count) + 1, 0);
        for (bool changed = true; changed;) {
            cancel.throwIfCancelled();
            changed = false;
            std::fill(touching.begin(), touching.end(), 0);
            tbb::parallel_for(0, nz, [&](int k) {
                auto outside = [&](std::size_t q) { return state[q] == 0 || (state[q] == 2 && rejected[ids[q]]); };
                for (std::size_t n : candidates[k]) {
                    const int id = ids[n];
                    if (rejected[id]) continue;
                    const bool below = k == 0 || outside(n - sxy);
                    const bool above = k + 1 == nz || outside(n + sxy);
                    if (below || above) ++touching[id];
                }
            });
            for (int id = 1; id <= count; ++id)
                if (!rejected[id] && rejectable[id] && touching[id] * 10 > sizes[id] * 3) rejected[id] = 1, changed = true;
        }
        tbb::parallel_for(std::size_t{0}, state.size(), [&](std::size_t n) {
            if (state[n] == 2 && rejected[ids[n]]) filled[side][n] = 0;
        });
    }
    std::size_t added = 0;
    for (int side = 0; side < 2; ++side) {
        if (boxes[side].empty()) continue;
        const std::uint8_t label = static_cast<std::uint8_t>(side + 1);
        const VoxelBox& b = boxes[side];
        const LabelMap& f = filled[side];
        std::vector<std::size_t> addedPerSlice(static_cast<std::size_t>(b.hi[2] - b.lo[2]), 0);
        const int o = 1 - side;
        const VoxelBox& ob = boxes[o];
        tbb::parallel_for(b.lo[2], b.hi[2], [&](int k) {
            std::size_t count = 0;  // a local: neighbouring slices' counters share a cache line
            for (int j = b.lo[1]; j < b.hi[1]; ++j) {
                // Row pointers; the other lung's fill row only where its box holds this row.
                const std::uint8_t* fRow = &f.at(0, j - b.lo[1], k - b.lo[2]);
                std::uint8_t* labelRow = &labels.at(0, j, k);
                const std::uint8_t* forbiddenRow = &forbidden.at(0, j, k);
                const bool otherRowInBox = !ob.empty() && j >= ob.lo[1] && j < ob.hi[1] && k >= ob.lo[2] && k < ob.hi[2];
                const std::uint8_t* otherRow = otherRowInBox ? &filled[o].at(0, j - ob.lo[1], k - ob.lo[2]) : nullptr;
                for (int i = b.lo[0]; i < b.hi[0]; ++i) {
                    if (!fRow[i - b.lo[0]] || labelRow[i] != 0 || forbiddenRow[i]) continue;
                    // Claimed by the other lung's fill too: a junction region, left unassigned.
                    if (otherRow && i >= ob.lo[0] && i < ob.hi[0] && otherRow[i - ob.lo[0]]) continue;
                    labelRow[i] = label;
                    ++count;
                }
            }
            addedPerSlice[k - b.lo[2]] = count;
        });
        for (std::size_t c : addedPerSlice) added += c;
    }
    return added;
}

}  // namespace tv
