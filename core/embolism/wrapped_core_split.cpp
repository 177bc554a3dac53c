#include "embolism/wrapped_core_split.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace tv {

double lumenWrap(std::size_t n, const ImageGeometry& g, const std::function<bool(std::size_t)>& isLumen,
                 const std::function<bool(std::size_t)>& stops, double reachMm) {
    const int nx = g.size[0], ny = g.size[1];
    const int i = static_cast<int>(n % nx), j = static_cast<int>((n / nx) % ny), k = static_cast<int>(n / (static_cast<std::size_t>(nx) * ny));
    int hits = 0;
    for (int c = -1; c <= 1; ++c)
        for (int b = -1; b <= 1; ++b)
            for (int a = -1; a <= 1; ++a) {
                if (!a && !b && !c) continue;
                const double step = std::sqrt(a * a * g.spacing[0] * g.spacing[0] + b * b * g.spacing[1] * g.spacing[1] + c * c * g.spacing[2] * g.spacing[2]);
                for (int s = 1; s * step <= reachMm; ++s) {
                    const int x = i + s * a, y = j + s * b, z = k + s * c;
                    if (!g.contains(x, y, z)) break;
                    const std::size_t q = (static_cast<std::size_t>(z) * ny + y) * nx + x;
                    if (isLumen(q)) {
                        ++hits;
                        break;
                    }
                    if (stops(q)) break;
                }
            }
    return hits / 26.0;
}

namespace {
// Volume (mm3) of the group's voxels outside every qualifying core that lie farther than `reachMm`
// from each core voxel. `sorted`: the group, ascending; `coreOf`: each voxel's core label (0: none);
// `partOfCore`: each core label's part (0: not a qualifying core). Marks the voxels within reach of
// each core voxel (a ball of offsets, membership by binary search): the cost is bounded by the
// cores, not the rest.
double restBeyondCoresMm3(const std::vector<std::size_t>& sorted, const std::vector<int>& coreOf, const std::vector<int>& partOfCore,
                          const ImageGeometry& g, double reachMm) {
    const int nx = g.size[0], ny = g.size[1];
    int h[3];
    for (int a = 0; a < 3; ++a) h[a] = static_cast<int>(std::floor(reachMm / g.spacing[a]));
    std::vector<std::array<int, 3>> ball;
    for (int c = -h[2]; c <= h[2]; ++c)
        for (int b = -h[1]; b <= h[1]; ++b)
            for (int a = -h[0]; a <= h[0]; ++a) {
                const double x = a * g.spacing[0], y = b * g.spacing[1], z = c * g.spacing[2];
                if (x * x + y * y + z * z <= reachMm * reachMm) ball.push_back({a, b, c});
            }
    const auto qualifies = [&](std::size_t e) { return coreOf[e] && partOfCore[static_cast<std::size_t>(coreOf[e])]; };
    std::vector<std::uint8_t> near(sorted.size(), 0);
    for (std::size_t e = 0; e < sorted.size(); ++e) {
        if (!qualifies(e)) continue;
        const std::size_t n = sorted[e];
        const int i = static_cast<int>(n % nx), j = static_cast<int>((n / nx) % ny), k = static_cast<int>(n / (static_cast<std::size_t>(nx) * ny));
        for (const auto& d : ball) {
            if (!g.contains(i + d[0], j + d[1], k + d[2])) continue;
            const std::size_t q = (static_cast<std::size_t>(k + d[2]) * ny + (j + d[1])) * nx + (i + d[0]);
            const auto it = std::lower_bound(sorted.begin(), sorted.end(), q);
            if (it != sorted.end() && *it == q) near[static_cast<std::size_t>(it - sorted.begin())] = 1;
        }
    }
    std::size_t beyond = 0;
    for (std::size_t e = 0; e < sorted.size(); ++e) beyond += !qualifies(e) && !near[e];
    return static_cast<double>(beyond) * g.voxelVolumeMm3();
}

// A core needs wrappedCoreMinMm3 and may be at most wrappedCoreMaxShare of its group.
bool groupCanHoldCore(std::size_t voxels, const ImageGeometry& g, const EmbolismParams& p) {
    return static_cast<double>(voxels) * g.voxelVolumeMm3() * p.wrappedCoreMaxShare >= p.wrappedCoreMinMm3;
}

// Lumen wrap of each voxel of `sorted` (reach wrappedCoreReachMm).
std::vector<double> wrapsOf(const std::vector<std::size_t>& sorted, const ImageGeometry& g, const std::function<bool(std::size_t)>& isLumen,
                            const std::function<bool(std::size_t)>& stops, const EmbolismParams& p) {
    std::vector<double> wrap(sorted.size());
    for (std::size_t e = 0; e < sorted.size(); ++e) wrap[e] = lumenWrap(sorted[e], g, isLumen, stops, p.wrappedCoreReachMm);
    return wrap;
}

// The split of `voxels` under p's bounds, given the group ascending (`sorted`) and each of its
// voxels' lumen wrap (`wrap`): the two tiers read the same wraps with their own bounds.
std::vector<std::vector<std::size_t>> splitAtWraps(const std::vector<std::size_t>& voxels, const std::vector<std::size_t>& sorted,
                                                   const std::vector<double>& wrap, const ImageGeometry& g, const EmbolismParams& p) {
    const double voxelMm3 = g.voxelVolumeMm3();
    if (!groupCanHoldCore(voxels.size(), g, p)) return {voxels};
    std::vector<std::uint8_t> wrapped(sorted.size(), 0);
    bool any = false;
    for (std::size_t e = 0; e < sorted.size(); ++e)
        if (wrap[e] >= p.wrappedCoreMinWrap) wrapped[e] = 1, any = true;
    if (!any) return {voxels};
    // 26-connected cores of the wrapped voxels (membership by binary search in `sorted`).
    const int nx = g.size[0], ny = g.size[1];
    std::vector<int> coreOf(sorted.size(), 0);
    std::vector<std::size_t> coreSize{0};
    for (std::size_t e = 0; e < sorted.size(); ++e) {
        if (!wrapped[e] || coreOf[e]) continue;
        const int label = static_cast<int>(coreSize.size());
        coreSize.push_back(0);
        std::vector<std::size_t> stack{e};
        coreOf[e] = label;
        while (!stack.empty()) {
            const std::size_t f = stack.back();
            stack.pop_back();
            ++coreSize[static_cast<std::size_t>(label)];
            const std::size_t n = sorted[f];
            const int i = static_cast<int>(n % nx), j = static_cast<int>((n / nx) % ny), k = static_cast<int>(n / (static_cast<std::size_t>(nx) * ny));
            for (int c = -1; c <= 1; ++c)
                for (int b = -1; b <= 1; ++b)
                    for (int a = -1; a <= 1; ++a) {
                        if (!g.contains(i + a, j + b, k + c)) continue;
                        const std::size_t q = (static_cast<std::size_t>(k + c) * ny + (j + b)) * nx + (i + a);
                        const auto it = std::lower_bound(sorted.begin(), sorted.end(), q);
                        if (it == sorted.end() || *it != q) continue;
                        const auto h = static_cast<std::size_t>(it - sorted.begin());
                        if (wrapped[h] && !coreOf[h]) {
                            coreOf[h] = label;
                            stack.push_back(h);
                        }
                    }
        }
    }
    // Parts: each qualifying core, numbered 1..; 0 = the rest.
    std::vector<int> partOfCore(coreSize.size(), 0);
    int parts = 0;
    for (std::size_t l = 1; l < coreSize.size(); ++l) {
        const double mm3 = static_cast<double>(coreSize[l]) * voxelMm3;
        if (mm3 >= p.wrappedCoreMinMm3 && static_cast<double>(coreSize[l]) <= p.wrappedCoreMaxShare * static_cast<double>(sorted.size()))
            partOfCore[l] = ++parts;
    }
    if (!parts) return {voxels};
    // The rest must reach beyond the cores (EmbolismParams::wrappedCoreRestReachMm): a web between
    // vessels runs on along its sheet, the wall side of a wall-adherent clot alone lies next to the
    // clot's own wrapped core.
    if (restBeyondCoresMm3(sorted, coreOf, partOfCore, g, p.wrappedCoreRestReachMm) < p.wrappedCoreMinRestBeyondMm3) return {voxels};
    std::vector<std::vector<std::size_t>> out(static_cast<std::size_t>(parts) + 1);
    for (const std::size_t n : voxels) {
        const auto e = static_cast<std::size_t>(std::lower_bound(sorted.begin(), sorted.end(), n) - sorted.begin());
        out[static_cast<std::size_t>(partOfCore[static_cast<std::size_t>(coreOf[e])])].push_back(n);
    }
    // The rest first (as the group's own place in the list), then the cores.
    if (out[0].empty()) out.erase(out.begin());
    return out;
}
}  // namespace

std::vector<std::vector<std::size_t>> splitWrappedCores(const std::vector<std::size_t>& voxels, const ImageGeometry& g,
                                                        const std::function<bool(std::size_t)>& isLumen,
                                                        const std::function<bool(std::size_t)>& stops, const EmbolismParams& p) {
    if (!p.wrappedCoreSplit || voxels.empty() || !groupCanHoldCore(voxels.size(), g, p)) return {voxels};
    std::vector<std::size_t> sorted = voxels;
    std::sort(sorted.begin(), sorted.end());
    return splitAtWraps(voxels, sorted, wrapsOf(sorted, g, isLumen, stops, p), g, p);
}

bool centroidInAirway(const std::vector<std::size_t>& voxels, const ImageGeometry& g, const std::function<double(std::size_t)>& hu,
                      const EmbolismParams& p) {
    if (!p.airwayWrapSplit || voxels.empty()) return false;
    const std::size_t nx = static_cast<std::size_t>(g.size[0]), ny = static_cast<std::size_t>(g.size[1]);
    double si = 0, sj = 0, sk = 0;
    for (const std::size_t n : voxels) {
        si += static_cast<double>(n % nx);
        sj += static_cast<double>((n / nx) % ny);
        sk += static_cast<double>(n / (nx * ny));
    }
    const double count = static_cast<double>(voxels.size());
    const auto c = static_cast<std::size_t>(std::lround(si / count)) +
                   nx * (static_cast<std::size_t>(std::lround(sj / count)) + ny * static_cast<std::size_t>(std::lround(sk / count)));
    if (std::find(voxels.begin(), voxels.end(), c) != voxels.end()) return false;
    return hu(c) < p.airwayWrapMaxCentroidHu;
}

std::vector<std::vector<std::size_t>> splitWrappedCoresOrAirway(const std::vector<std::size_t>& voxels, const ImageGeometry& g,
                                                                const std::function<bool(std::size_t)>& isLumen,
                                                                const std::function<bool(std::size_t)>& stops,
                                                                const std::function<double(std::size_t)>& hu, const EmbolismParams& p) {
    if (!p.wrappedCoreSplit || voxels.empty()) return {voxels};
    const bool inAirway = centroidInAirway(voxels, g, hu, p);
    EmbolismParams airway = p;
    airway.wrappedCoreMinWrap = p.airwayWrapCoreMinWrap;
    airway.wrappedCoreMinMm3 = p.airwayWrapCoreMinMm3;
    airway.wrappedCoreMinRestBeyondMm3 = p.airwayWrapMinRestBeyondMm3;
    if (!groupCanHoldCore(voxels.size(), g, p) && !(inAirway && groupCanHoldCore(voxels.size(), g, airway))) return {voxels};
    // The lumen wraps (26 rays per voxel, the cost here) once for both tiers.
    std::vector<std::size_t> sorted = voxels;
    std::sort(sorted.begin(), sorted.end());
    const std::vector<double> wrap = wrapsOf(sorted, g, isLumen, stops, p);
    std::vector<std::vector<std::size_t>> parts = splitAtWraps(voxels, sorted, wrap, g, p);
    if (parts.size() > 1 || !inAirway) return parts;
    return splitAtWraps(voxels, sorted, wrap, g, airway);
}

}  // namespace tv
