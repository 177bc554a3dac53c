#include "lung/run_components.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <limits>
#include <numeric>

#include "lung/byte_words.h"

namespace tv {
namespace {

// Appends the runs of one row where (row[i] == value) == Equal. Stretches without a change are
// skipped 8 bytes at a time (byte_words.h).
template <bool Equal>
void appendRowRuns(const std::uint8_t* row, int nx, std::uint8_t value, std::uint32_t rowId, std::vector<VoxelRun>& out) {
    auto match = [&](int i) { return (row[i] == value) == Equal; };
    int i = 0;
    while (i < nx) {
        for (; i + 8 <= nx; i += 8)  // no matching byte in the word: skip it
            if (wordHasMatch<Equal>(loadByteWord(row + i), value)) break;
        while (i < nx && !match(i)) ++i;
        if (i >= nx) break;
        const int start = i++;
        for (; i + 8 <= nx; i += 8)  // only matching bytes in the word: the run goes on
            if (!wordAllMatch<Equal>(loadByteWord(row + i), value)) break;
        while (i < nx && match(i)) ++i;
        out.push_back({rowId, start, i - 1});
    }
}

// Union-find on run indices in which a parent is never after its child (parent[t] <= t): the
// root of a set is its first run in memory order.
std::int32_t findRoot(std::int32_t* parent, std::int32_t a) {
    while (parent[a] != a) a = parent[a] = parent[parent[a]];
    return a;
}

void unite(std::int32_t* parent, std::int32_t a, std::int32_t b) {
    a = findRoot(parent, a), b = findRoot(parent, b);
    if (a < b) parent[b] = a;
    else if (b < a) parent[a] = b;
}

// Joins the runs [a, aEnd) and [b, bEnd) (two rows, each sorted by i) that share a column.
void joinOverlapping(const VoxelRun* runs, std::int32_t a, std::int32_t aEnd, std::int32_t b, std::int32_t bEnd,
                     std::int32_t* parent) {
    while (a < aEnd && b < bEnd) {
        if (runs[a].i0 <= runs[b].i1 && runs[b].i0 <= runs[a].i1) unite(parent, a, b);
        if (runs[a].i1 < runs[b].i1) ++a;
        else ++b;
    }
}

// Runs of one slice (rows rowBase + j) joined 4-connected within the slice; parent holds local
// run indices, rowStart the first run of each row (ny + 1 entries).
template <bool Equal>
void sliceRuns(const std::uint8_t* s, int nx, int ny, std::uint8_t value, std::uint32_t rowBase, std::vector<VoxelRun>& runs,
               std::vector<std::int32_t>& parent, std::vector<std::int32_t>& rowStart) {
    runs.clear();
    rowStart.assign(static_cast<std::size_t>(ny) + 1, 0);
    for (int j = 0; j < ny; ++j) {
        rowStart[j] = static_cast<std::int32_t>(runs.size());
        appendRowRuns<Equal>(s + static_cast<std::size_t>(j) * nx, nx, value, rowBase + static_cast<std::uint32_t>(j), runs);
    }
    rowStart[ny] = static_cast<std::int32_t>(runs.size());
    parent.resize(runs.size());
    std::iota(parent.begin(), parent.end(), 0);
    for (int j = 1; j < ny; ++j)
        joinOverlapping(runs.data(), rowStart[j - 1], rowStart[j], rowStart[j], rowStart[j + 1], parent.data());
}

// Replaces each run's parent with its set's number (sets numbered by their first run); returns
// the number of sets. A parent precedes its child, so its number is already known.
std::int32_t numberSets(std::int32_t* parent, std::size_t n) {
    std::int32_t next = 0;
    for (std::size_t t = 0; t < n; ++t) {
        const std::int32_t p = parent[t];
        parent[t] = p == static_cast<std::int32_t>(t) ? next++ : parent[p];
    }
    return next;
}

}  // namespace

void labelSliceRegions(const std::uint8_t* s, int nx, int ny, std::uint8_t value, bool equal, SliceRegions& out) {
    std::vector<std::int32_t> rowStart;
    if (equal) sliceRuns<true>(s, nx, ny, value, 0, out.runs, out.regionOfRun, rowStart);
    else sliceRuns<false>(s, nx, ny, value, 0, out.runs, out.regionOfRun, rowStart);
    out.regions = numberSets(out.regionOfRun.data(), out.regionOfRun.size());
}

RunComponents labelRunComponents(const LabelMap& mask, std::uint8_t value, const CancelToken& cancel, bool equal) {
    const int nx = mask.nx(), ny = mask.ny(), nz = mask.nz();
    const auto slices = static_cast<std::size_t>(nz);
    std::vector<std::vector<VoxelRun>> runs(slices);
    std::vector<std::vector<std::int32_t>> parents(slices), rowStarts(slices);
    tbb::parallel_for(0, nz, [&](int k) {
        if (cancel.isCancelled()) return;
        const std::uint32_t rowBase = static_cast<std::uint32_t>(k) * static_cast<std::uint32_t>(ny);
        if (equal) sliceRuns<true>(mask.slice(k), nx, ny, value, rowBase, runs[k], parents[k], rowStarts[k]);
        else sliceRuns<false>(mask.slice(k), nx, ny, value, rowBase, runs[k], parents[k], rowStarts[k]);
    });
    cancel.throwIfCancelled();
    std::vector<std::size_t> first(slices + 1, 0);
    for (std::size_t k = 0; k < slices; ++k) first[k + 1] = first[k] + runs[k].size();
    if (first[slices] >= static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
        throw InvalidArgumentError("labelRunComponents: more than 2^31 runs in a " + std::to_string(nx) + "x" +
                                   std::to_string(ny) + "x" + std::to_string(nz) + " mask");
    RunComponents rc;
    rc.runs.resize(first[slices]);
    std::vector<std::int32_t>& parent = rc.componentOfRun;  // the union-find until numbered
    parent.resize(first[slices]);
    tbb::parallel_for(0, nz, [&](int k) {
        const auto offset = static_cast<std::int32_t>(first[k]);
        std::copy(runs[k].begin(), runs[k].end(), rc.runs.begin() + offset);
        std::transform(parents[k].begin(), parents[k].end(), parent.begin() + offset,
                       [offset](std::int32_t p) { return p + offset; });
        runs[k] = {};
        parents[k] = {};
    });
    // Runs of the same row in consecutive slices that share a column are face neighbours.
    for (int k = 1; k < nz; ++k) {
        const auto below = static_cast<std::int32_t>(first[k - 1]), here = static_cast<std::int32_t>(first[k]);
        const auto& rb = rowStarts[k - 1];
        const auto& rh = rowStarts[k];
        if (rb[ny] == 0 || rh[ny] == 0) continue;
        for (int j = 0; j < ny; ++j)
            joinOverlapping(rc.runs.data(), below + rb[j], below + rb[j + 1], here + rh[j], here + rh[j + 1], parent.data());
    }
    cancel.throwIfCancelled();
    const std::int32_t count = numberSets(parent.data(), parent.size());
    rc.components.resize(static_cast<std::size_t>(count));
    // Sums of voxel coordinates are integers (exact in double), so the means equal a voxel-by-voxel sum's.
    for (std::size_t t = 0; t < rc.runs.size(); ++t) {
        const VoxelRun& r = rc.runs[t];
        Component& c = rc.components[static_cast<std::size_t>(parent[t])];
        const int j = static_cast<int>(r.row % static_cast<std::uint32_t>(ny)), k = static_cast<int>(r.row / static_cast<std::uint32_t>(ny));
        const std::int64_t len = r.i1 - r.i0 + 1;
        if (c.voxels == 0) {  // the component's first run: its first voxel is the seed
            c.seed = static_cast<std::size_t>(r.row) * static_cast<std::size_t>(nx) + static_cast<std::size_t>(r.i0);
            c.lo = {r.i0, j, k};
            c.hi = {r.i1 + 1, j + 1, k + 1};
        }
        c.voxels += static_cast<std::size_t>(len);
        c.lo = {std::min(c.lo[0], r.i0), std::min(c.lo[1], j), std::min(c.lo[2], k)};
        c.hi = {std::max(c.hi[0], r.i1 + 1), std::max(c.hi[1], j + 1), std::max(c.hi[2], k + 1)};
        c.meanI += static_cast<double>(len * (2 * static_cast<std::int64_t>(r.i0) + len - 1) / 2);
        c.meanJ += static_cast<double>(len * j);
        c.meanK += static_cast<double>(len * k);
    }
    for (Component& c : rc.components) c.meanI /= c.voxels, c.meanJ /= c.voxels, c.meanK /= c.voxels;
    return rc;
}

void paintComponent(const RunComponents& rc, std::int32_t c, LabelMap& out, std::uint8_t label) {
    const auto nx = static_cast<std::size_t>(out.nx());
    for (std::size_t t = 0; t < rc.runs.size(); ++t) {
        if (rc.componentOfRun[t] != c) continue;
        const VoxelRun& r = rc.runs[t];
        std::fill_n(out.data() + r.row * nx + static_cast<std::size_t>(r.i0), r.i1 - r.i0 + 1, label);
    }
}

}  // namespace tv
