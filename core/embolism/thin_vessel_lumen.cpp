#include "embolism/thin_vessel_lumen.h"

#include <algorithm>
#include <limits>
#include <vector>

#include "image/neighbours.h"

namespace tv {

double thinLumenRawThresholdHu(double lumenThresholdHu, double noiseHu, const EmbolismParams& p) {
    if (p.thinLumenNoiseSd <= 0) return std::numeric_limits<double>::infinity();
    return std::max(lumenThresholdHu, p.thrombusMidHu + p.thinLumenNoiseSd * noiseHu);
}

namespace {
// True when some face neighbour q of voxel n satisfies f(q).
template <class F>
bool anyFaceNeighbour(const ImageGeometry& g, std::size_t n, F f) {
    bool any = false;
    forEachFaceNeighbour(g.size, n, [&](std::size_t q) { any = any || f(q); });
    return any;
}
}  // namespace

std::size_t addThinVesselLumen(Mask& candidate, const Image<float>& raw, const ThoraxMasks& m, double lumenThresholdHu,
                               const ContrastResult& c, const EmbolismParams& p) {
    const double rawMin = thinLumenRawThresholdHu(lumenThresholdHu, c.paNoiseHu, p);
    // Blood not above the unsmoothed threshold (suboptimal contrast: C3N-00247 as is, 125 HU blood
    // against 214 HU): a vessel's own voxels would pass by noise only.
    if (rawMin >= c.paEnhancementHu) return 0;
    // Above the bone threshold a voxel is cortex or calcium, not blood (as the smoothed lumen, vessel_tree.cpp).
    const double ceilingHu = ThoraxParams{}.boneHu;
    if (rawMin > ceilingHu) return 0;
    const ImageGeometry& g = candidate.geometry();
    const bool haveAorta = m.aorta.voxelCount() > 0;
    // 1 = passes the unsmoothed threshold (not yet lumen); 2 = and no face neighbour is smoothed lumen
    // (a thin vessel's own voxel, not the partial-volume rim of a lumen already traced).
    Mask pass(g, 0);
    for (std::size_t n = 0; n < candidate.voxelCount(); ++n) {
        if (candidate[n] || !m.lungHull[n] || !m.nearLung[n] || m.heart[n] || m.denseBone[n] || (haveAorta && m.aorta[n])) continue;
        pass[n] = raw[n] >= rawMin && raw[n] <= ceilingHu ? 1 : 0;
    }
    for (std::size_t n = 0; n < pass.voxelCount(); ++n)
        if (pass[n] && !anyFaceNeighbour(g, n, [&](std::size_t q) { return candidate[q] != 0; })) pass[n] = 2;
    // Cluster guard on the free voxels (component of at least thinLumenMinClusterVoxels).
    Mask freeVoxels(g, 0);
    for (std::size_t n = 0; n < pass.voxelCount(); ++n) freeVoxels[n] = pass[n] == 2;
    const Components cc = connectedComponents(freeVoxels);
    freeVoxels = Mask();
    // A thin artery in the lung is bordered by aerated lung; a noise cluster inside enhancing
    // consolidation or atelectasis (about 100-150 HU on CTPA, where the 3 SD guard above passes a few
    // per cent of voxels) is not. Without a lungs mask (callers that give none) the test is skipped.
    const bool haveLungs = m.lungs.voxelCount() == pass.voxelCount();
    std::vector<char> touchesLung(cc.sizes.size(), haveLungs ? 0 : 1);
    if (haveLungs)
        for (std::size_t n = 0; n < pass.voxelCount(); ++n)
            if (pass[n] == 2 && !touchesLung[cc.labels[n]] && anyFaceNeighbour(g, n, [&](std::size_t q) { return m.lungs[q] != 0; }))
                touchesLung[cc.labels[n]] = 1;
    for (std::size_t n = 0; n < pass.voxelCount(); ++n)
        if (pass[n] == 2 && (cc.sizes[cc.labels[n]] < p.thinLumenMinClusterVoxels || !touchesLung[cc.labels[n]])) pass[n] = 0;
    // Add the kept free voxels, and the rim voxels that join them to the traced lumen (a thin branch
    // leaving a wider vessel); a rim voxel beside no kept free voxel stays out.
    std::size_t added = 0;
    for (std::size_t n = 0; n < pass.voxelCount(); ++n) {
        if (!pass[n]) continue;
        if (pass[n] == 1 && !anyFaceNeighbour(g, n, [&](std::size_t q) { return pass[q] == 2; })) continue;
        candidate[n] = 3;  // marked; set to 1 below (the rim test above must not see it as lumen)
        ++added;
    }
    for (std::size_t n = 0; n < candidate.voxelCount(); ++n)
        if (candidate[n] == 3) candidate[n] = 1;
    return added;
}

}  // namespace tv
