#include "evaluation/occlusion_washout.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <queue>

#include "embolism/working_grid.h"
#include "evaluation/clot_occlusion.h"
#include "evaluation/occlusion_territory.h"

namespace tv {

std::string toString(BeyondContrast c) { return c == BeyondContrast::Washout ? "washout" : "enhanced"; }

std::optional<BeyondContrast> beyondContrastFromString(const std::string& s) {
    if (s == "enhanced") return BeyondContrast::Enhanced;
    if (s == "washout") return BeyondContrast::Washout;
    return std::nullopt;
}

namespace {
// Multi-source Dijkstra on the voxels where `domain` is set (face neighbours, steps of the grid's mm
// spacing): each reached voxel takes the label of its nearest source (`label` holds the sources'
// labels, `dist` 0 at the sources and +inf elsewhere on entry). Stops at `maxMm`.
void nearestSource(const Mask& domain, LabelMap& label, std::vector<float>& dist, double maxMm) {
    const ImageGeometry& g = domain.geometry();
    const int nx = g.size[0], ny = g.size[1], nz = g.size[2];
    using Item = std::pair<float, std::size_t>;
    std::priority_queue<Item, std::vector<Item>, std::greater<Item>> q;
    for (std::size_t n = 0; n < dist.size(); ++n)
        if (dist[n] == 0) q.push({0.0f, n});
    const std::array<double, 3> step{g.spacing[0], g.spacing[1], g.spacing[2]};
    while (!q.empty()) {
        const auto [d, n] = q.top();
        q.pop();
        if (d > dist[n]) continue;
        const int i = static_cast<int>(n % nx), j = static_cast<int>((n / nx) % ny), k = static_cast<int>(n / (static_cast<std::size_t>(nx) * ny));
        const std::array<Index3, 6> nb{{{i + 1, j, k}, {i - 1, j, k}, {i, j + 1, k}, {i, j - 1, k}, {i, j, k + 1}, {i, j, k - 1}}};
        for (int e = 0; e < 6; ++e) {
            const Index3& v = nb[e];
            if (v[0] < 0 || v[1] < 0 || v[2] < 0 || v[0] >= nx || v[1] >= ny || v[2] >= nz) continue;
            const std::size_t m = domain.offset(v[0], v[1], v[2]);
            if (!domain[m]) continue;
            const float nd = d + static_cast<float>(step[e / 2]);
            if (nd > maxMm || nd >= dist[m]) continue;
            dist[m] = nd;
            label[m] = label[n];
            q.push({nd, m});
        }
    }
}

// Median of the box (header): the voxel's blood fraction without its own noise, edge-preserving.
double boxMedian(const CtVolume& ct, int i, int j, int k, int ri, int rk, std::vector<float>& buf) {
    buf.clear();
    for (int c = k - rk; c <= k + rk; ++c)
        for (int b = j - ri; b <= j + ri; ++b)
            for (int a = i - ri; a <= i + ri; ++a)
                if (ct.geometry().contains(a, b, c)) buf.push_back(ct.hu.at(a, b, c));
    if (buf.empty()) return 0;
    std::nth_element(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(buf.size() / 2), buf.end());
    return buf[buf.size() / 2];
}
// The pockets (washOutBeyondOcclusions): components of bright non-tree lumen touching both a territory
// and the same clot.
Mask clotPockets(const Image<float>& s, const SiteTree& tree, const LabelMap& territory, const LabelMap& closedBy, const LabelMap& truthW,
                 float coreFloor) {
    const ImageGeometry& g = s.geometry();
    Mask bright(g, 0);
    for (std::size_t n = 0; n < bright.voxelCount(); ++n) bright[n] = !tree.connected[n] && s[n] >= coreFloor && s[n] >= tree.lumenThresholdHu ? 1 : 0;
    const Components cc = connectedComponents(bright);
    std::vector<std::map<std::uint8_t, int>> touch(cc.sizes.size());  // per component: bit 1 territory, bit 2 clot
    const int nx = g.size[0], ny = g.size[1], nz = g.size[2];
    for (int k = 0; k < nz; ++k)
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i) {
                const std::int32_t c = cc.labels.at(i, j, k);
                if (!c) continue;
                const std::array<Index3, 6> nb{{{i + 1, j, k}, {i - 1, j, k}, {i, j + 1, k}, {i, j - 1, k}, {i, j, k + 1}, {i, j, k - 1}}};
                for (const Index3& v : nb) {
                    if (!g.contains(v[0], v[1], v[2])) continue;
                    const std::size_t m = bright.offset(v[0], v[1], v[2]);
                    if (territory[m]) touch[c][territory[m]] |= 1;
                    if (closedBy[m]) touch[c][closedBy[m]] |= 2;
                    if (truthW[m]) touch[c][truthW[m]] |= 2;
                }
            }
    std::map<std::uint8_t, long> clotVoxels;  // a pocket is smaller than its clot (header)
    for (std::size_t n = 0; n < truthW.voxelCount(); ++n)
        if (truthW[n]) ++clotVoxels[truthW[n]];
    std::vector<std::uint8_t> isPocket(cc.sizes.size(), 0);
    for (std::size_t c = 1; c < touch.size(); ++c)
        for (const auto& [l, bits] : touch[c]) isPocket[c] |= bits == 3 && cc.sizes[c] <= clotVoxels[l];
    Mask out(g, 0);
    for (std::size_t n = 0; n < out.voxelCount(); ++n) out[n] = cc.labels[n] && isPocket[static_cast<std::size_t>(cc.labels[n])] ? 1 : 0;
    return out;
}
}  // namespace

Mask inflowFromReference(const CtVolume& background, const LabelMap& referenceArteries, const EmbolismParams& p,
                         const OcclusionTerritoryRule& rule) {
    const WorkingGrid wg = makeWorkingGrid(background, p.workingSpacingMm);
    const LabelMap ref = labelsToWorking(wg, referenceArteries);
    const ImageGeometry& g = ref.geometry();
    int lowest = -1;
    for (int k = 0; k < g.size[2] && lowest < 0; ++k)
        for (int j = 0; j < g.size[1] && lowest < 0; ++j)
            for (int i = 0; i < g.size[0]; ++i)
                if (ref.at(i, j, k)) {
                    lowest = k;
                    break;
                }
    Mask out(g, 0);
    if (lowest < 0) return out;
    const int top = lowest + std::max(0, static_cast<int>(std::lround(rule.inflowSlabMm / g.spacing[2])) - 1);
    for (int k = lowest; k <= std::min(top, g.size[2] - 1); ++k)
        for (int j = 0; j < g.size[1]; ++j)
            for (int i = 0; i < g.size[0]; ++i) out.at(i, j, k) = ref.at(i, j, k) ? 1 : 0;
    return out;
}

WashoutResult washOutBeyondOcclusions(CtVolume& ct, const CtVolume& background, const RoundPlacement& placed, const SiteTree& tree,
                                      const LabelMap& truth, const EmbolismParams& p, const WashoutRule& rule,
                                      const LabelMap* referenceArteries) {
    WashoutResult out;
    out.region = LabelMap(ct.geometry(), 0);
    if (placed.closedBy.voxelCount() == 0 || tree.connected.voxelCount() == 0) return out;
    // The cut-off blood core: each closing clot's territory (occlusion_territory.h).
    const Mask inflow = referenceArteries ? inflowFromReference(background, *referenceArteries, p, rule.territory) : Mask();
    const OcclusionTerritory territory = occlusionTerritories(tree, placed.closedBy, rule.territory, referenceArteries ? &inflow : nullptr);
    out.inflowVoxels = territory.sourceVoxels;
    const LabelMap& beyond = territory.label;
    std::map<std::uint8_t, WashoutClot> stats;
    for (const TerritoryClot& c : territory.clots) {
        WashoutClot& st = stats[c.label];
        st.territory = c;
        st.treeCoreVoxels = c.territoryVoxels;
    }
    if (stats.empty()) return out;
    for (std::size_t n = 0; n < placed.beyondBy.voxelCount(); ++n)
        if (const std::uint8_t l = placed.beyondBy[n]; l && stats.count(l)) ++stats[l].reachabilityCutVoxels;

    // Extent on the working grid (header): lumen voxels to their nearest blood core, then the rim.
    const WorkingGrid wg = makeWorkingGrid(background, p.workingSpacingMm);
    const Image<float> s = detectorSmoothedView(background, p);
    const ImageGeometry& g = s.geometry();
    const std::size_t count = g.voxelCount();
    float coreFloor = std::numeric_limits<float>::max();
    for (std::size_t n = 0; n < count; ++n)
        if (tree.connected[n]) coreFloor = std::min(coreFloor, s[n]);
    // Pockets (header): bright lumen outside the site tree, face-connected (through such lumen) both to
    // a clot's territory and to that clot (its closing voxels or truth): the artery's own lumen between
    // the clot's end and its continuation, no other vessel. Not a source: it goes with the territory.
    const Mask pocket = clotPockets(s, tree, beyond, placed.closedBy, labelsToWorking(wg, truth), coreFloor);
    Mask lumen(g, 0);
    LabelMap label(g, 0);
    const float inf = std::numeric_limits<float>::infinity();
    std::vector<float> dist(count, inf);
    for (std::size_t n = 0; n < count; ++n) {
        lumen[n] = s[n] >= tree.lumenThresholdHu ? 1 : 0;
        if (beyond[n]) {  // cut-off core
            label[n] = beyond[n];
            dist[n] = 0;
        } else if (lumen[n] && !placed.closedBy[n] && !pocket[n] && (tree.connected[n] || s[n] >= coreFloor)) {
            dist[n] = 0;  // any other blood core: keeps its contrast
        }  // the clots' closing voxels are no source: their lumen goes to the nearer side (before or beyond)
    }
    nearestSource(lumen, label, dist, std::numeric_limits<double>::infinity());
    for (std::size_t n = 0; n < count; ++n)
        if (label[n]) ++stats[label[n]].lumenVoxels;
    // Rim: every lumen voxel is a source with its label (0: not beyond); spreads outside the lumen.
    Mask rim(g, 0);
    for (std::size_t n = 0; n < count; ++n) {
        rim[n] = lumen[n] ? 0 : 1;
        dist[n] = lumen[n] ? 0.0f : inf;
    }
    nearestSource(rim, label, dist, rule.rimMm);

    // Intensity on the source grid (header): additive shift by the voxel's blood fraction.
    const LabelMap src = labelsToSource(wg, label, ct.geometry());
    const ImageGeometry& sg = ct.geometry();
    std::map<std::uint8_t, double> blood;
    for (const PlacedClot& c : placed.clots) blood[c.label] = c.spec.site.bloodHu;
    const int ri = std::max(1, static_cast<int>(std::lround(rule.blurMm / sg.spacing[0])));
    const int rk = std::max(0, static_cast<int>(std::lround(rule.blurMm / sg.spacing[2])));
    const double U = rule.unenhancedHu;
    std::vector<std::pair<std::size_t, double>> changes;  // box medians from the unchanged values first
    std::vector<float> buf;
    for (int k = 0; k < sg.size[2]; ++k)
        for (int j = 0; j < sg.size[1]; ++j)
            for (int i = 0; i < sg.size[0]; ++i) {
                const std::size_t n = ct.hu.offset(i, j, k);
                const std::uint8_t l = src[n];
                if (!l || truth[n]) continue;
                const double b = blood.count(l) ? blood[l] : U;
                const double excess = boxMedian(ct, i, j, k, ri, rk, buf) - U;  // the box's contrast
                if (excess <= 0) continue;
                changes.emplace_back(n, -excess);
                const double f = std::min(1.0, excess / std::max(30.0, b - U));  // blood fraction, for the label
                WashoutClot& st = stats[l];
                ++st.changedVoxels;
                if (f >= rule.labelMinBloodShare) {
                    out.region[n] = l;
                    ++st.labelVoxels;
                }
            }
    for (const auto& [n, d] : changes) ct.hu[n] = static_cast<std::int16_t>(std::clamp(std::lround(ct.hu[n] + d), -1024L, 3071L));
    for (auto& [l, st] : stats) {
        st.label = l;
        st.labelVolumeMm3 = static_cast<double>(st.labelVoxels) * sg.voxelVolumeMm3();
        out.clots.push_back(st);
    }
    return out;
}

}  // namespace tv
