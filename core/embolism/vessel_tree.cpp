#include "embolism/vessel_tree.h"

#include <algorithm>

namespace tv {

std::string toString(VesselLevel l) {
    switch (l) {
        case VesselLevel::Central: return "central";
        case VesselLevel::Lobar: return "lobar";
        case VesselLevel::Segmental: return "segmental";
        case VesselLevel::Subsegmental: return "subsegmental";
    }
    return "subsegmental";
}

VesselLevel levelFor(double radiusMm, bool mediastinal, const EmbolismParams& p) {
    if (radiusMm >= p.centralRadiusMm || (mediastinal && radiusMm >= p.lobarRadiusMm)) return VesselLevel::Central;
    if (radiusMm >= p.lobarRadiusMm) return VesselLevel::Lobar;
    if (radiusMm >= p.segmentalRadiusMm) return VesselLevel::Segmental;
    return VesselLevel::Subsegmental;
}

VesselTree buildVesselTree(const Image<float>& s, const ThoraxMasks& m, const ContrastResult& c,
                           const EmbolismParams& p, const CancelToken& cancel) {
    const ImageGeometry& g = s.geometry();
    VesselTree t;
    t.bloodHu = c.paEnhancementHu;
    t.lumenThresholdHu = std::max(p.thrombusHighHu, 0.5 * (c.paEnhancementHu + p.thrombusMidHu));
    // Where pulmonary arteries can be: inside the lung hull, or the trunk region and its surroundings.
    const Mask trunkZone = dilateMm(c.trunk, 3.0);
    Mask candidate(g, 0), seeds(g, 0);
    for (std::size_t n = 0; n < candidate.voxelCount(); ++n) {
        const bool zone = m.nearLung[n] || trunkZone[n];
        candidate[n] = zone && !m.denseBone[n] && s[n] >= t.lumenThresholdHu && s[n] <= 900 ? 1 : 0;
        seeds[n] = c.trunk[n];
    }
    t.connected = reconstruct(candidate, seeds);
    // Lumen for completion: every enhanced vessel in the zone, not only the part still connected
    // to the trunk (a defect whose thin contrast rim is lost to partial volume disconnects the
    // distal artery, which must still bound the defect). Specks under 10 voxels are noise.
    {
        const Components cc = connectedComponents(candidate);
        t.lumen = Mask(g, 0);
        for (std::size_t n = 0; n < candidate.voxelCount(); ++n)
            t.lumen[n] = cc.labels[n] && (t.connected[n] || cc.sizes[cc.labels[n]] >= 10) ? 1 : 0;
    }
    cancel.throwIfCancelled();
    t.radius = distanceInsideMm(closeMm(t.lumen, 2.5));
    return t;
}

}  // namespace tv
