#include "evaluation/beyond_occlusion.h"

#include <algorithm>
#include <cmath>

#include "embolism/vessel_tree.h"
#include "evaluation/clot_occlusion.h"

#include "util/errors.h"

namespace tv {

namespace {
bool inGrid(const ImageGeometry& g, const Index3& v) { return g.contains(v[0], v[1], v[2]); }

// Tree voxels (not removed) face-connected to the seed, as reconstruct grows VesselTree::connected.
Mask reachFromSeed(const Mask& tree, const Index3& seed, const Mask* removed) {
    const ImageGeometry& g = tree.geometry();
    Mask seeds(g, 0);
    if (inGrid(g, seed)) {
        const std::size_t n = tree.offset(seed[0], seed[1], seed[2]);
        if (tree[n] && !(removed && (*removed)[n])) seeds[n] = 1;
    }
    if (!removed) return reconstruct(tree, seeds);
    Mask open(g, 0);
    for (std::size_t n = 0; n < open.voxelCount(); ++n) open[n] = tree[n] && !(*removed)[n] ? 1 : 0;
    return reconstruct(open, seeds);
}
}  // namespace

SiteTree makeSiteTree(const Mask& connected, const Image<float>& smoothed, double lumenThresholdHu, double bloodHu,
                      const Index3& trunkSeed) {
    if (!smoothed.geometry().sameGrid(connected.geometry())) throw InvalidArgumentError("makeSiteTree: the tree and the smoothed view differ in grid");
    const ClotOcclusionRule rule;
    const double span = std::max(0.0, bloodHu - lumenThresholdHu);
    const double coreMin = lumenThresholdHu + rule.bloodCoreShare * span, coreMax = bloodHu + rule.sameBloodBand * span;
    SiteTree t;
    t.connected = Mask(connected.geometry(), 0);
    for (std::size_t n = 0; n < connected.voxelCount(); ++n)
        t.connected[n] = connected[n] && smoothed[n] >= coreMin && smoothed[n] <= coreMax ? 1 : 0;
    // Chambers (header): lumen where a ball of kChamberRadiusMm fits.
    Mask lumen(connected.geometry(), 0);
    for (std::size_t n = 0; n < lumen.voxelCount(); ++n) lumen[n] = smoothed[n] >= lumenThresholdHu ? 1 : 0;
    const Mask chamber = dilateMm(erodeMm(lumen, kChamberRadiusMm), kChamberRadiusMm);
    t.arterial = Mask(connected.geometry(), 0);
    for (std::size_t n = 0; n < connected.voxelCount(); ++n)
        t.arterial[n] = t.connected[n] && levelOfCode(connected[n]) && !chamber[n] ? 1 : 0;
    t.lumenThresholdHu = lumenThresholdHu;
    t.trunkSeed = trunkSeed;
    t.reached = reachFromSeed(t.connected, trunkSeed, nullptr);
    return t;
}

std::vector<std::size_t> closingVoxels(const SiteTree& tree, const Image<float>& before, const Image<float>& after) {
    if (!before.geometry().sameGrid(tree.connected.geometry()) || !after.geometry().sameGrid(tree.connected.geometry()))
        throw InvalidArgumentError("closingVoxels: the smoothed views and the site tree differ in grid");
    std::vector<std::size_t> out;
    for (std::size_t n = 0; n < tree.connected.voxelCount(); ++n)
        if (tree.connected[n] && before[n] >= tree.lumenThresholdHu && after[n] < tree.lumenThresholdHu) out.push_back(n);
    return out;
}

Mask cutOffBeyond(const SiteTree& tree, const Mask& removed) {
    const Mask after = reachFromSeed(tree.connected, tree.trunkSeed, &removed);
    Mask out(tree.connected.geometry(), 0);
    for (std::size_t n = 0; n < out.voxelCount(); ++n) out[n] = tree.reached[n] && !removed[n] && !after[n] ? 1 : 0;
    return out;
}

Index3 siteVoxel(const SiteTree& tree, const Eigen::Vector3d& lps) {
    const ImageGeometry& g = tree.connected.geometry();
    const Eigen::Vector3d v = g.patientToVoxel(lps);
    const Index3 r{static_cast<int>(std::lround(v[0])), static_cast<int>(std::lround(v[1])), static_cast<int>(std::lround(v[2]))};
    return inGrid(g, r) ? r : Index3{-1, -1, -1};
}

}  // namespace tv
