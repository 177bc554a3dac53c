#include "evaluation/wide_lumen.h"

namespace tv {

Mask widerVesselLumen(const Mask& core, const Mask& seeds, double ballMm) {
    Mask out(core.geometry(), 0);
    if (ballMm <= 0) return out;
    // Opening: centres at least ballMm inside the core, dilated by ballMm, within the core.
    const Image<float> inside = distanceInsideMm(core);
    Mask centres(core.geometry(), 0);
    bool any = false;
    for (std::size_t n = 0; n < centres.voxelCount(); ++n)
        if (core[n] && inside[n] >= ballMm) centres[n] = 1, any = true;
    if (!any) return out;
    const Image<float> toCentre = distanceToMaskMm(centres);
    Mask opened(core.geometry(), 0);
    for (std::size_t n = 0; n < opened.voxelCount(); ++n) opened[n] = core[n] && toCentre[n] <= ballMm ? 1 : 0;
    // Parts of the opening holding a seed are the artery itself (its radius under-estimated): kept.
    const Mask own = reconstruct(opened, seeds);
    for (std::size_t n = 0; n < out.voxelCount(); ++n) out[n] = opened[n] && !own[n] ? 1 : 0;
    return out;
}

}  // namespace tv
