#include "embolism/candidate_split.h"

#include "embolism/volume_ops.h"
#include "image/neighbours.h"

#include <algorithm>
#include <array>
#include <queue>
#include <tuple>

namespace tv {

std::vector<std::vector<std::size_t>> splitAtNecks(const std::vector<std::size_t>& voxels, const ImageGeometry& g,
                                                   const EmbolismParams& p) {
    const double voxelMm3 = g.voxelVolumeMm3();
    // Two parts need two cores of the minimum size, each wrapped in at least one voxel.
    if (voxels.empty() || static_cast<double>(voxels.size()) * voxelMm3 < 2.0 * p.neckSplitMinCoreMm3) return {voxels};
    const int nx = g.size[0], ny = g.size[1];
    const auto ijk = [&](std::size_t n) {
        return Index3{static_cast<int>(n % nx), static_cast<int>((n / nx) % ny), static_cast<int>(n / (static_cast<std::size_t>(nx) * ny))};
    };
    // The group's bounding box with one empty voxel around it, so that the distance transform
    // (which counts beyond the volume border as inside) measures depth inside the group only.
    const auto [lo, hi] = voxelBounds(voxels, g.size);
    ImageGeometry box;
    box.spacing = g.spacing;
    for (int a = 0; a < 3; ++a) box.size[a] = hi[a] - lo[a] + 3;
    const auto local = [&](std::size_t n) {
        const Index3 v = ijk(n);
        return static_cast<std::size_t>(v[0] - lo[0] + 1) +
               static_cast<std::size_t>(box.size[0]) * (static_cast<std::size_t>(v[1] - lo[1] + 1) + static_cast<std::size_t>(box.size[1]) * static_cast<std::size_t>(v[2] - lo[2] + 1));
    };
    Mask group(box, 0);
    for (const std::size_t n : voxels) group[local(n)] = 1;
    const Image<float> depth = distanceInsideMm(group);
    Mask core(box, 0);
    for (std::size_t q = 0; q < core.voxelCount(); ++q) core[q] = group[q] && depth[q] >= p.neckSplitCoreDepthMm ? 1 : 0;
    const Components cores = connectedComponents(core, true);
    // Seeds: the cores of at least the minimum size, numbered 1..count.
    std::vector<int> seedOf(cores.count() + 1, 0);
    int seeds = 0;
    for (int l = 1; l <= cores.count(); ++l)
        if (static_cast<double>(cores.sizes[l]) * voxelMm3 >= p.neckSplitMinCoreMm3) seedOf[l] = ++seeds;
    if (seeds < 2) return {voxels};
    // Watershed on the depth from the seeds: the deepest unassigned voxel next to a part joins it first.
    Image<std::int32_t> part(box, 0);
    using Entry = std::tuple<float, std::size_t, std::int32_t>;  // depth, box offset, part
    std::priority_queue<Entry> front;
    const auto pushNeighbours = [&](std::size_t q, std::int32_t label) {
        forEachNeighbour26(box.size, q, [&](std::size_t r) {
            if (group[r] && !part[r]) front.emplace(depth[r], r, label);
        });
    };
    for (std::size_t q = 0; q < part.voxelCount(); ++q)
        if (const int l = cores.labels[q]; l && seedOf[l]) part[q] = seedOf[l];
    for (std::size_t q = 0; q < part.voxelCount(); ++q)
        if (part[q]) pushNeighbours(q, part[q]);
    while (!front.empty()) {
        const auto [d, q, label] = front.top();
        front.pop();
        if (part[q]) continue;
        part[q] = label;
        pushNeighbours(q, label);
    }
    // Parts meet where the watershed stops; the pass between two parts is the deepest voxel pair
    // (one in each, neighbours) on their boundary. A pass deeper than neckSplitMaxNeckDepthMm is no
    // thin neck (the group narrows there but stays one body): those parts are joined again.
    std::vector<int> root(static_cast<std::size_t>(seeds) + 1);
    for (int l = 0; l <= seeds; ++l) root[static_cast<std::size_t>(l)] = l;
    const auto find = [&](int l) {
        while (root[static_cast<std::size_t>(l)] != l) l = root[static_cast<std::size_t>(l)] = root[static_cast<std::size_t>(root[static_cast<std::size_t>(l)])];
        return l;
    };
    for (std::size_t q = 0; q < part.voxelCount(); ++q) {
        if (!part[q] || depth[q] <= p.neckSplitMaxNeckDepthMm) continue;
        forEachNeighbour26(box.size, q, [&](std::size_t r) {
            if (part[r] && part[r] != part[q] && depth[r] > p.neckSplitMaxNeckDepthMm) root[static_cast<std::size_t>(find(part[r]))] = find(part[q]);
        });
    }
    std::vector<int> outIndex(static_cast<std::size_t>(seeds) + 1, -1);
    int parts = 0;
    for (int l = 1; l <= seeds; ++l)
        if (find(l) == l) outIndex[static_cast<std::size_t>(l)] = parts++;
    if (parts < 2) return {voxels};
    std::vector<std::vector<std::size_t>> out(static_cast<std::size_t>(parts));
    // Every voxel of a 26-connected group is reached; a voxel of a disconnected input joins part 1.
    for (const std::size_t n : voxels) out[static_cast<std::size_t>(outIndex[static_cast<std::size_t>(find(std::max(part[local(n)], 1)))])].push_back(n);
    return out;
}

}  // namespace tv
