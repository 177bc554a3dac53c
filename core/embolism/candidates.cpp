#include "embolism/candidates.h"

#include <algorithm>
#include <cmath>

namespace tv {

CandidateMaps findCandidates(const Image<float>& s, const ThoraxMasks& m, const VesselTree& tree,
                             const EmbolismParams& p, const CancelToken& cancel) {
    const ImageGeometry& g = s.geometry();
    const double floorHu = p.thrombusLowHu - p.defectFloorMarginHu;
    // Voxels brighter than thrombus plus 30% of the way to the lumen are partial volume with
    // contrast or mixing, not clot.
    const double ceilHu = std::min(tree.lumenThresholdHu, p.thrombusHighHu + 0.3 * std::max(0.0, tree.bloodHu - p.thrombusHighHu));
    CandidateMaps out;
    Mask defect(g, 0), fromCutoff(g, 0);
    const int nx = s.nx(), ny = s.ny(), nz = s.nz();
    // Lumen completion: a closing of radius r fills defects up to about 2r wide; it is only trusted
    // where the completed vessel is itself at least r thick, so that the crotch between two thin
    // branches at a bifurcation is not taken for a defect.
    for (const double r : p.closingRadiiMm) {
        const Mask closed = closeMm(tree.lumen, r);
        const Image<float> depth = distanceInsideMm(closed);
        // A closing of radius r is undefined within r of the volume border: the distance transform
        // counts beyond the border as inside, so every bite open towards the border is "closed"
        // (pa-crop's one background finding was such a wall at the top slice of the crop).
        const int mi = static_cast<int>(std::ceil(r / g.spacing[0])), mj = static_cast<int>(std::ceil(r / g.spacing[1])),
                  mk = static_cast<int>(std::ceil(r / g.spacing[2]));
        for (std::size_t n = 0; n < defect.voxelCount(); ++n) {
            if (!closed[n] || tree.lumen[n]) continue;
            const int i = static_cast<int>(n % nx), j = static_cast<int>((n / nx) % ny), k = static_cast<int>(n / (static_cast<std::size_t>(nx) * ny));
            if (i < mi || j < mj || k < mk || i >= nx - mi || j >= ny - mj || k >= nz - mk) continue;
            if (depth[n] < std::min(r, 1.2)) continue;  // the partial-volume shell of the vessel
            if (tree.radius[n] + depth[n] < 0.8 * r) continue;
            if (s[n] >= floorHu && s[n] < ceilHu && !m.lungs[n] && !m.heart[n] && !(m.aorta.voxelCount() && m.aorta[n])) defect[n] = 1;
        }
        cancel.throwIfCancelled();
    }
    // Cut-offs (in a block: its masks and depth map are freed before the labelling below, which
    // is where the detector's memory peaks).
    {
        // Cut-offs: thick soft tissue in the lung hull in the thrombus band, touching the lumen.
        Mask soft(g, 0);
        for (std::size_t n = 0; n < soft.voxelCount(); ++n)
            soft[n] = m.lungHull[n] && !m.lungs[n] && !tree.lumen[n] && s[n] >= floorHu && s[n] < tree.lumenThresholdHu ? 1 : 0;
        // The thick core of a cut-off lies at least its radius plus the partial-volume shell from the lumen.
        const Mask nearLumen = dilateMm(tree.lumen, p.minOcclusionRadiusMm + 2.0 * g.spacing.maxCoeff());
        Mask thickSoftSeed(g, 0), thickSoft(g, 0);
        {
            const Image<float> softDepth = distanceInsideMm(soft);  // one float map alive at a time
            for (std::size_t n = 0; n < soft.voxelCount(); ++n) {
                thickSoft[n] = soft[n] && softDepth[n] >= p.minOcclusionRadiusMm ? 1 : 0;
                thickSoftSeed[n] = thickSoft[n] && nearLumen[n] ? 1 : 0;
            }
        }
        const Mask cut = reconstruct(thickSoft, thickSoftSeed);
        const Mask cutGrown = dilateMm(cut, p.minOcclusionRadiusMm + 0.1);
        for (std::size_t n = 0; n < soft.voxelCount(); ++n)
            if (cutGrown[n] && soft[n]) {
                defect[n] = 1;
                fromCutoff[n] = 1;
            }
    }
    cancel.throwIfCancelled();
    const Components cc = connectedComponents(defect, true);
    const double minVoxels = p.minCandidateVolumeMm3 / g.voxelVolumeMm3();
    std::vector<int> index(cc.count() + 1, -1);
    for (int l = 1; l <= cc.count(); ++l)
        if (cc.sizes[l] >= minVoxels) {
            index[l] = static_cast<int>(out.candidates.size());
            out.candidates.emplace_back();
        }
    for (std::size_t n = 0; n < defect.voxelCount(); ++n) {
        const int l = cc.labels[n];
        if (l && index[l] >= 0) {
            auto& c = out.candidates[index[l]];
            c.voxels.push_back(n);
            if (fromCutoff[n]) c.fromCutoff = true;
        }
    }
    return out;
}

}  // namespace tv
