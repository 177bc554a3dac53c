#include "evaluation/occlusion_territory.h"

#include <algorithm>
#include <array>
#include <functional>
#include <limits>
#include <map>
#include <queue>

namespace tv {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

// The tree's voxels in a compact list, with face-neighbour lookup through a grid-sized index.
struct TreeGraph {
    std::vector<std::size_t> offsets;          // compact index -> grid offset
    std::vector<std::int32_t> index;           // grid offset -> compact index (-1: not in the tree)
    std::vector<std::array<std::int32_t, 6>> nb;  // compact neighbours (-1: none)
    std::array<double, 3> step{};
};

TreeGraph buildGraph(const Mask& tree) {
    const ImageGeometry& g = tree.geometry();
    const int nx = g.size[0], ny = g.size[1], nz = g.size[2];
    TreeGraph t;
    t.step = {g.spacing[0], g.spacing[1], g.spacing[2]};
    t.index.assign(tree.voxelCount(), -1);
    for (std::size_t n = 0; n < tree.voxelCount(); ++n)
        if (tree[n]) {
            t.index[n] = static_cast<std::int32_t>(t.offsets.size());
            t.offsets.push_back(n);
        }
    t.nb.resize(t.offsets.size());
    for (std::size_t c = 0; c < t.offsets.size(); ++c) {
        const std::size_t n = t.offsets[c];
        const int i = static_cast<int>(n % nx), j = static_cast<int>((n / nx) % ny), k = static_cast<int>(n / (static_cast<std::size_t>(nx) * ny));
        const std::array<Index3, 6> q{{{i + 1, j, k}, {i - 1, j, k}, {i, j + 1, k}, {i, j - 1, k}, {i, j, k + 1}, {i, j, k - 1}}};
        for (int e = 0; e < 6; ++e) {
            const Index3& v = q[e];
            t.nb[c][e] = v[0] < 0 || v[1] < 0 || v[2] < 0 || v[0] >= nx || v[1] >= ny || v[2] >= nz ? -1 : t.index[tree.offset(v[0], v[1], v[2])];
        }
    }
    return t;
}

// Geodesic distance (mm) from `sources` through the graph's voxels not `blocked` (and, when `allowed`
// is given, only through allowed ones).
std::vector<double> geodesic(const TreeGraph& t, const std::vector<std::int32_t>& sources, const std::vector<std::uint8_t>& blocked,
                             const std::vector<std::uint8_t>* allowed = nullptr) {
    std::vector<double> d(t.offsets.size(), kInf);
    using Item = std::pair<double, std::int32_t>;
    std::priority_queue<Item, std::vector<Item>, std::greater<Item>> q;
    for (const std::int32_t s : sources)
        if (s >= 0 && !blocked[s]) {
            d[s] = 0;
            q.push({0.0, s});
        }
    while (!q.empty()) {
        const auto [dc, c] = q.top();
        q.pop();
        if (dc > d[c]) continue;
        for (int e = 0; e < 6; ++e) {
            const std::int32_t m = t.nb[c][e];
            if (m < 0 || blocked[m] || (allowed && !(*allowed)[m])) continue;
            const double nd = dc + t.step[e / 2];
            if (nd < d[m]) {
                d[m] = nd;
                q.push({nd, m});
            }
        }
    }
    return d;
}
}  // namespace

OcclusionTerritory occlusionTerritories(const SiteTree& tree, const LabelMap& closedBy, const OcclusionTerritoryRule& rule,
                                        const Mask* inflow) {
    OcclusionTerritory out;
    out.label = LabelMap(tree.connected.geometry(), 0);
    if (tree.connected.voxelCount() == 0 || !closedBy.geometry().sameGrid(tree.connected.geometry())) return out;
    const TreeGraph t = buildGraph(tree.connected);
    const std::size_t nodes = t.offsets.size();
    std::map<std::uint8_t, std::vector<std::int32_t>> closing;  // per clot, in label order
    for (std::size_t c = 0; c < nodes; ++c)
        if (const std::uint8_t l = closedBy[t.offsets[c]]) closing[l].push_back(static_cast<std::int32_t>(c));
    if (closing.empty()) return out;
    const ImageGeometry& g = tree.connected.geometry();
    std::vector<std::int32_t> sources;
    if (inflow && inflow->geometry().sameGrid(g))
        for (std::size_t c = 0; c < nodes; ++c)
            if ((*inflow)[t.offsets[c]]) sources.push_back(static_cast<std::int32_t>(c));
    out.sourceVoxels = static_cast<long>(sources.size());
    if (sources.empty() && g.contains(tree.trunkSeed[0], tree.trunkSeed[1], tree.trunkSeed[2]))
        sources.push_back(t.index[tree.connected.offset(tree.trunkSeed[0], tree.trunkSeed[1], tree.trunkSeed[2])]);
    std::vector<std::uint8_t> blocked(nodes, 0), labelled(nodes, 0);
    std::vector<double> before = geodesic(t, sources, blocked);
    for (const auto& [l, cv] : closing) {
        TerritoryClot st;
        st.label = l;
        st.closingVoxels = static_cast<long>(cv.size());
        for (const std::int32_t c : cv) blocked[c] = 1;
        const std::vector<double> after = geodesic(t, sources, blocked);
        // Supplied through the clot: reached before, the shortest route now longer (or gone).
        std::vector<std::uint8_t> lengthened(nodes, 0);
        for (std::size_t c = 0; c < nodes; ++c)
            if (!blocked[c] && !labelled[c] && before[c] < kInf && after[c] > before[c] + rule.toleranceMm) {
                lengthened[c] = 1;
                ++st.lengthenedVoxels;
            }
        // The continuation: lengthened voxels joined to the clot's closing voxels, by depth from them.
        // Arterial voxels only (SiteTree::arterial): not the chambers and veins the tree joins at the heart.
        const bool codes = tree.arterial.voxelCount() == tree.connected.voxelCount();
        std::vector<std::uint8_t> domain = lengthened;
        if (codes)
            for (std::size_t c = 0; c < nodes; ++c)
                if (domain[c] && !tree.arterial[t.offsets[c]]) {
                    domain[c] = 0;
                    ++st.nonArterialVoxels;
                }
        for (const std::int32_t c : cv) domain[c] = 1;
        std::vector<std::uint8_t> none(nodes, 0);
        const std::vector<double> depth = geodesic(t, cv, none, &domain);
        for (std::size_t c = 0; c < nodes; ++c) {
            if (!domain[c] || depth[c] == kInf) continue;
            if (depth[c] > rule.maxDepthMm) {
                ++st.cutByDepthVoxels;
                continue;
            }
            out.label[t.offsets[c]] = l;
            labelled[c] = 1;
            ++st.territoryVoxels;
            st.maxDepthMm = std::max(st.maxDepthMm, depth[c]);
        }
        out.clots.push_back(st);
        before = after;
    }
    return out;
}

}  // namespace tv
