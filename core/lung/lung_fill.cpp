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

// The box's per-voxel state map: written slice-parallel, every entry before it is read.
using VoxelStates = UninitialisedVector<std::uint8_t>;

// Per-slice 2-D components (4-connected) of the voxels where a state map == 2, kept as runs: ids
// start at 1 and are numbered slice by slice in memory order of their first pixel, so every id
// belongs to one slice (firstId[k] .. firstId[k+1]-1) and each slice's task is the only writer of
// its ids' entries. No per-voxel id map: every pass below goes over runs.
struct SliceComponents {
    std::vector<SliceRegions> slices;  // VoxelRun::row is the row j within the slice
    std::vector<int> firstId;          // nz + 1 entries
    std::vector<std::size_t> sizes;    // pixels per id (entry 0 unused)
    int count = 0;
    std::int32_t id(int k, std::size_t t) const { return firstId[k] + slices[k].regionOfRun[t]; }
};

SliceComponents labelSliceComponents(const VoxelStates& state, int nx, int ny, int nz) {
    const std::size_t sxy = static_cast<std::size_t>(nx) * ny;
    SliceComponents c;
    c.slices.resize(static_cast<std::size_t>(nz));
    tbb::parallel_for(0, nz, [&](int k) { labelSliceRegions(state.data() + k * sxy, nx, ny, 2, true, c.slices[k]); });
    c.firstId.assign(static_cast<std::size_t>(nz) + 1, 1);
    for (int k = 0; k < nz; ++k) c.firstId[k + 1] = c.firstId[k] + c.slices[k].regions;
    c.count = c.firstId[nz] - 1;
    c.sizes.assign(static_cast<std::size_t>(c.count) + 1, 0);
    tbb::parallel_for(0, nz, [&](int k) {
        for (std::size_t t = 0; t < c.slices[k].runs.size(); ++t)
            c.sizes[static_cast<std::size_t>(c.id(k, t))] += static_cast<std::size_t>(c.slices[k].runs[t].i1 - c.slices[k].runs[t].i0 + 1);
    });
    return c;
}

// Sets `value` on the runs (in `map`, on the box: nx x ny slices) of every component with pick(id).
template <typename Pick>
void paintComponents(const SliceComponents& c, std::uint8_t* map, int nx, int ny, std::uint8_t value, Pick&& pick) {
    const std::size_t sxy = static_cast<std::size_t>(nx) * ny;
    tbb::parallel_for(0, static_cast<int>(c.slices.size()), [&](int k) {
        for (std::size_t t = 0; t < c.slices[k].runs.size(); ++t) {
            if (!pick(c.id(k, t))) continue;
            const VoxelRun& r = c.slices[k].runs[t];
            std::fill_n(map + k * sxy + static_cast<std::size_t>(r.row) * nx + r.i0, r.i1 - r.i0 + 1, value);
        }
    });
}

// Sum of the CT values (`hu`, full grid; the labelled map is its crop at `b`) over each component:
// per run, in integers (exact, so the same as voxel by voxel in double).
std::vector<double> componentHuSums(const SliceComponents& c, const Image<std::int16_t>& hu, const VoxelBox& b) {
    std::vector<double> huSum(static_cast<std::size_t>(c.count) + 1, 0.0);
    tbb::parallel_for(0, static_cast<int>(c.slices.size()), [&](int k) {
        for (std::size_t t = 0; t < c.slices[k].runs.size(); ++t) {
            const VoxelRun& r = c.slices[k].runs[t];
            const std::int16_t* h = &hu.at(r.i0 + b.lo[0], static_cast<int>(r.row) + b.lo[1], k + b.lo[2]);
            std::int64_t sum = 0;
            for (int i = 0; i <= r.i1 - r.i0; ++i) sum += h[i];
            huSum[static_cast<std::size_t>(c.id(k, t))] += static_cast<double>(sum);
        }
    });
    return huSum;
}

// A run of one slice with its component id.
struct IdRun {
    std::int32_t row, i0, i1, id;
};

// For each run of `a` (sorted by row, then i0; disjoint), calls f(index in a, index in b, overlap)
// for every run of `b` (same order) in the same row that shares columns with it.
template <typename F>
void forEachOverlap(const std::vector<IdRun>& a, const std::vector<IdRun>& b, F&& f) {
    std::size_t first = 0;
    for (std::size_t t = 0; t < a.size(); ++t) {
        const IdRun& r = a[t];
        while (first < b.size() && (b[first].row < r.row || (b[first].row == r.row && b[first].i1 < r.i0))) ++first;
        for (std::size_t u = first; u < b.size() && b[u].row == r.row && b[u].i0 <= r.i1; ++u)
            f(t, u, std::min(r.i1, b[u].i1) - std::max(r.i0, b[u].i0) + 1);
    }
}

// Joins the `dense` components of adjacent slices that overlap into groups and marks every group
// whose z-ends (faces to a voxel that is not a dense component) border `lung` for at least
// `minFraction` of those faces as kept. Ends at the volume's first and last slice count as not lung.
// A dense component's voxels are not lung (they are where the fill left a gap), so a run's ends
// towards a neighbour slice are its voxels that no dense run there covers, and its lung ends are
// the lung voxels over it there. Overlaps and ends are gathered per slice in parallel; only the
// union of the overlapping pairs and the sums per group (integers: the same in any order) run serially.
void keepLungCappedGroups(std::vector<std::uint8_t>& keep, const std::vector<std::uint8_t>& dense, const SliceComponents& c,
                          const LabelMap& lung, int nx, int ny, int nz, double minFraction) {
    const std::size_t sxy = static_cast<std::size_t>(nx) * ny;
    std::vector<std::vector<IdRun>> denseRuns(static_cast<std::size_t>(nz));
    tbb::parallel_for(0, nz, [&](int k) {
        for (std::size_t t = 0; t < c.slices[k].runs.size(); ++t) {
            const std::int32_t id = c.id(k, t);
            if (!dense[static_cast<std::size_t>(id)]) continue;
            const VoxelRun& r = c.slices[k].runs[t];
            denseRuns[k].push_back({static_cast<std::int32_t>(r.row), r.i0, r.i1, id});
        }
    });
    std::vector<std::vector<std::pair<std::int32_t, std::int32_t>>> overlaps(static_cast<std::size_t>(nz));
    std::vector<std::size_t> ends(keep.size(), 0), lungEnds(keep.size(), 0);
    tbb::parallel_for(0, nz, [&](int k) {
        const std::vector<IdRun>& here = denseRuns[k];
        if (here.empty()) return;
        std::vector<int> covered(here.size());
        for (int dz : {-1, 1}) {
            if (k + dz < 0 || k + dz >= nz) {
                for (const IdRun& r : here) ends[static_cast<std::size_t>(r.id)] += static_cast<std::size_t>(r.i1 - r.i0 + 1);
                continue;
            }
            const std::vector<IdRun>& there = denseRuns[static_cast<std::size_t>(k + dz)];
            std::fill(covered.begin(), covered.end(), 0);
            forEachOverlap(here, there, [&](std::size_t t, std::size_t u, int overlap) {
                covered[t] += overlap;
                if (dz == 1) overlaps[k].emplace_back(here[t].id, there[u].id);
            });
            for (std::size_t t = 0; t < here.size(); ++t) {
                const IdRun& r = here[t];
                const std::uint8_t* l = lung.data() + (k + dz) * sxy + static_cast<std::size_t>(r.row) * nx;
                std::size_t lungVoxels = 0;
                for (int i = r.i0; i <= r.i1; ++i) lungVoxels += l[i] != 0;
                ends[static_cast<std::size_t>(r.id)] += static_cast<std::size_t>(r.i1 - r.i0 + 1 - covered[t]);
                lungEnds[static_cast<std::size_t>(r.id)] += lungVoxels;
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
// `state` is scratch (the box's voxel count).
void addAeratedHullRegions(LabelMap& filled, const LabelMap& original, const Image<std::int16_t>& hu, const LabelMap& forbidden,
                           const VoxelBox& b, const PleuralHullRule& rule, VoxelStates& state, const CancelToken& cancel) {
    LabelMap hull = original;
    const int nx = hull.nx(), ny = hull.ny(), nz = hull.nz();
    tbb::parallel_for(0, nz, [&](int k) { convexHullSlice(&hull.at(0, 0, k), nx, ny); });
    cancel.throwIfCancelled();
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
    hull = LabelMap();
    const SliceComponents regions = labelSliceComponents(state, nx, ny, nz);
    const std::vector<double> huSum = componentHuSums(regions, hu, b);
    const auto count = static_cast<std::size_t>(regions.count);
    std::vector<std::uint8_t> keep(count + 1, 0), dense(count + 1, 0);
    for (std::size_t id = 1; id <= count; ++id) {
        const double n = static_cast<double>(regions.sizes[id]);
        keep[id] = huSum[id] <= rule.maxMeanHu * n;
        dense[id] = !keep[id] && huSum[id] <= rule.denseMaxMeanHu * n;
    }
    keepLungCappedGroups(keep, dense, regions, filled, nx, ny, nz, rule.minLungCapFraction);
    paintComponents(regions, filled.data(), nx, ny, 1, [&](std::int32_t id) { return keep[static_cast<std::size_t>(id)] != 0; });
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
        VoxelStates state(original.voxelCount());  // the hull's scratch, then the states below
        addAeratedHullRegions(filled[side], original, hu, forbidden, boxes[side], hullRule, state, cancel);

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
        constexpr std::uint8_t kRejected = 3;  // states: 0 outside, 1 lung, 2 added, 3 rejected
        tbb::parallel_for(0, nz, [&](int k) {
            const std::uint8_t* o = original.slice(k);
            const std::uint8_t* f = filled[side].slice(k);
            std::uint8_t* st = state.data() + k * sxy;
            for (std::size_t q = 0; q < sxy; ++q) st[q] = static_cast<std::uint8_t>(o[q] ? 1 : (f[q] ? 2 : 0));
        });
        const SliceComponents regions = labelSliceComponents(state, nx, ny, nz);
        const auto count = static_cast<std::size_t>(regions.count);
        const std::vector<std::size_t>& sizes = regions.sizes;
        std::vector<std::uint8_t> rejected(count + 1, 0);
        const std::vector<double> huSum = componentHuSums(regions, hu, boxes[side]);
        std::vector<std::uint8_t> soft(count + 1, 0);
        for (std::size_t id = 1; id <= count; ++id)
            soft[id] = huSum[id] / sizes[id] > kMaxRejectableMeanHu || sizes[id] * pixelMm2 > kAlwaysRejectableAreaMm2;
        // Only soft additions of rejectable size can ever be rejected: their runs, per slice, are
        // the only ones the iterations below need to look at.
        std::vector<std::uint8_t> rejectable(count + 1, 0);
        for (std::size_t id = 1; id <= count; ++id) rejectable[id] = soft[id] && sizes[id] * pixelMm2 >= kMinRejectableAreaMm2;
        std::vector<std::vector<IdRun>> candidates(static_cast<std::size_t>(nz));
        tbb::parallel_for(0, nz, [&](int k) {
            for (std::size_t t = 0; t < regions.slices[k].runs.size(); ++t) {
                const std::int32_t id = regions.id(k, t);
                const VoxelRun& r = regions.slices[k].runs[t];
                if (rejectable[static_cast<std::size_t>(id)]) candidates[k].push_back({static_cast<std::int32_t>(r.row), r.i0, r.i1, id});
            }
        });
        std::vector<std::size_t> touching(count + 1, 0);
        // A voxel is outside when it is neither lung nor an addition still kept: rejected additions
        // are marked in `state` after each round, so the next round sees them.
        for (bool changed = true; changed;) {
            cancel.throwIfCancelled();
            changed = false;
            std::fill(touching.begin(), touching.end(), 0);
            tbb::parallel_for(0, nz, [&](int k) {
                for (const IdRun& r : candidates[k]) {
                    if (rejected[static_cast<std::size_t>(r.id)]) continue;
                    const std::size_t n0 = k * sxy + static_cast<std::size_t>(r.row) * nx;
                    const std::uint8_t* below = k > 0 ? state.data() + n0 - sxy : nullptr;
                    const std::uint8_t* above = k + 1 < nz ? state.data() + n0 + sxy : nullptr;
                    std::size_t touches = 0;
                    for (int i = r.i0; i <= r.i1; ++i) {
                        const bool outBelow = !below || below[i] == 0 || below[i] == kRejected;
                        const bool outAbove = !above || above[i] == 0 || above[i] == kRejected;
                        touches += outBelow || outAbove;
                    }
                    touching[static_cast<std::size_t>(r.id)] += touches;
                }
            });
            std::vector<std::uint8_t> newlyRejected(count + 1, 0);
            for (std::size_t id = 1; id <= count; ++id)
                if (!rejected[id] && rejectable[id] && touching[id] * 10 > sizes[id] * 3) rejected[id] = newlyRejected[id] = 1, changed = true;
            if (changed)
                paintComponents(regions, state.data(), nx, ny, kRejected, [&](std::int32_t id) { return newlyRejected[static_cast<std::size_t>(id)] != 0; });
        }
        paintComponents(regions, filled[side].data(), nx, ny, 0, [&](std::int32_t id) { return rejected[static_cast<std::size_t>(id)] != 0; });
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
