// Shortest face-neighbour path through a grid (breadth first), for the review probes that show which
// route keeps a voxel connected to the trunk (washout_route_probe, embolism_validate_beyond_probe).
#pragma once
#include <algorithm>
#include <cstddef>
#include <deque>
#include <vector>
#include "image/geometry.h"

namespace tv::tools {

/// Voxel offsets from one of `sources` to `goal` (both ends included), each step to a face neighbour
/// for which allowed(offset) holds; empty when the goal cannot be reached. Sources are taken as given.
template <class Allowed>
std::vector<std::size_t> shortestFacePath(const ImageGeometry& g, const std::vector<std::size_t>& sources, std::size_t goal, Allowed allowed) {
    std::vector<long> parent(g.voxelCount(), -2);
    std::deque<std::size_t> q;
    for (const std::size_t s : sources) {
        parent[s] = -1;
        q.push_back(s);
    }
    const int nx = g.size[0], ny = g.size[1];
    const std::size_t slab = static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny);
    while (!q.empty() && parent[goal] == -2) {
        const std::size_t v = q.front();
        q.pop_front();
        const int i = static_cast<int>(v % nx), j = static_cast<int>((v / nx) % ny), k = static_cast<int>(v / slab);
        const int steps[6][3] = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
        for (const auto& f : steps) {
            const int a = i + f[0], b = j + f[1], c = k + f[2];
            if (!g.contains(a, b, c)) continue;
            const std::size_t w = static_cast<std::size_t>(a) + static_cast<std::size_t>(b) * nx + static_cast<std::size_t>(c) * slab;
            if (parent[w] != -2 || !allowed(w)) continue;
            parent[w] = static_cast<long>(v);
            q.push_back(w);
        }
    }
    std::vector<std::size_t> path;
    if (parent[goal] == -2) return path;
    for (long n = static_cast<long>(goal); n >= 0; n = parent[n]) path.push_back(static_cast<std::size_t>(n));
    std::reverse(path.begin(), path.end());
    return path;
}

}  // namespace tv::tools
