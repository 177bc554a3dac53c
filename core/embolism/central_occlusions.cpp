#include "embolism/central_occlusions.h"

#include "embolism/artery_levels.h"
#include "embolism/volume_ops.h"

#include <algorithm>
#include <cmath>

namespace tv {

std::vector<StumpPlugVoxel> findCentralOcclusions(const Image<float>& s, const ThoraxMasks& m, const VesselTree& tree,
                                                  double floorHu, double ceilHu, const EmbolismParams& p, const CancelToken& cancel) {
    std::vector<StumpPlugVoxel> out;
    if (p.centralOcclusionCoreDepthMm <= 0) return out;
    const ImageGeometry& g = s.geometry();
    const bool haveAorta = m.aorta.voxelCount() > 0;
    // Soft tissue in the thrombus band outside the lung hull (the lung cut-off search's domain; the
    // mediastinum mask is freed before the candidates: memory).
    Mask soft(g, 0);
    std::size_t softCount = 0;
    for (std::size_t n = 0; n < soft.voxelCount(); ++n)
        if (!m.lungHull[n] && !m.lungs[n] && !m.heart[n] && !(haveAorta && m.aorta[n]) && !tree.lumen[n] &&
            s[n] >= floorHu && s[n] < ceilHu) {
            soft[n] = 1;
            ++softCount;
        }
    if (!softCount) return out;
    // The core, coded with its depth in 0.1 mm (as the defect map codes radii).
    Mask core(g, 0);
    {
        const Image<float> depth = distanceInsideMm(soft);
        for (std::size_t n = 0; n < soft.voxelCount(); ++n)
            if (soft[n] && depth[n] >= p.centralOcclusionCoreDepthMm)
                core[n] = static_cast<std::uint8_t>(std::clamp(std::lround(depth[n] * 10.0), 1L, 255L));
    }
    cancel.throwIfCancelled();
    // The lumen on either side: central-level arterial lumen, and cut-off pieces (lumen coded a
    // mediastinal branch: not reached by the tree from the trunk), each within the core's depth plus
    // the partial-volume shell (two voxels) of a core voxel.
    const double reachMm = p.centralOcclusionCoreDepthMm + 2.0 * g.spacing.maxCoeff();
    Mask central(g, 0), piece(g, 0);
    for (std::size_t n = 0; n < soft.voxelCount(); ++n) {
        central[n] = tree.connected[n] == static_cast<std::uint8_t>(ArteryCode::Central) ? 1 : 0;
        piece[n] = tree.connected[n] == static_cast<std::uint8_t>(ArteryCode::MediastinalBranch) ? 1 : 0;
    }
    central = dilateMm(central, reachMm);
    piece = dilateMm(piece, reachMm);
    const Components cc = connectedComponents(core, true);
    std::vector<std::uint8_t> touches(static_cast<std::size_t>(cc.count()) + 1, 0);  // bit 1 central, bit 2 piece
    for (std::size_t n = 0; n < core.voxelCount(); ++n)
        if (const int l = cc.labels[n]) touches[static_cast<std::size_t>(l)] |= (central[n] ? 1 : 0) | (piece[n] ? 2 : 0);
    central = Mask();
    piece = Mask();
    // The artery's radius: a clot filling its artery is as deep as the artery is wide (the deepest core
    // voxel of the kept cores; one code for all of them).
    // A core no deeper than centralOcclusionMinDepthMm anywhere is no clot filling a main artery.
    std::vector<std::uint8_t> deepest(touches.size(), 0);
    for (std::size_t n = 0; n < core.voxelCount(); ++n)
        if (const int l = cc.labels[n]) deepest[static_cast<std::size_t>(l)] = std::max(deepest[static_cast<std::size_t>(l)], core[n]);
    std::uint8_t code = 0;
    for (std::size_t n = 0; n < core.voxelCount(); ++n) {
        const auto l = static_cast<std::size_t>(cc.labels[n]);
        if (l && touches[l] == 3 && deepest[l] >= p.centralOcclusionMinDepthMm * 10.0) code = std::max(code, core[n]);
        else core[n] = 0;
    }
    if (!code) return out;
    cancel.throwIfCancelled();
    // Back to the clot's extent: the soft tissue within the core depth of a kept core.
    const Mask grown = dilateMm(core, p.centralOcclusionCoreDepthMm + 0.1);
    for (std::size_t n = 0; n < soft.voxelCount(); ++n)
        if (grown[n] && soft[n]) out.push_back(StumpPlugVoxel{n, code, true});
    return out;
}

}  // namespace tv
