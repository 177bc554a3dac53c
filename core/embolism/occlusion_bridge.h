#pragma once
// Complete occlusions of central and lobar arteries (cut-off search in the mediastinum). An
// occluding clot replaces the whole cross-section of the artery over its length: on CTPA the
// enhanced lumen ends abruptly in a soft-tissue plug and resumes beyond it on the same axis (the
// clot's own contrast is the "polo mint" only on its two end faces, so the enclosure-based lumen
// completion, whose closings bridge at most 2 x 9 mm, misses plugs 17-25 mm long). Physical
// criteria, each a named EmbolismParams field (occlusion_*):
//  - a straight line through the plug stays in the thrombus band for occlusionMinGapToRadius x the
//    stump radius .. occlusionMaxGapMm and enters enhanced lumen at both ends;
//  - at both ends the line runs *along* a thick vessel: inside the lumen for at least
//    occlusionLumenRunToRadius x its largest radius on the run (a line crossing a vessel leaves it
//    after at most one diameter) with that radius >= occlusionMinRadiusMm (lobar calibre);
//  - at least one end is a central or lobar arterial-tree vessel (the proximal stump);
//  - the plug fills the vessel's calibre: at the plug voxel the soft tissue reaches at least
//    occlusionMinFillToRadius x the smaller stump radius in every direction (a wall or septum
//    between two touching vessels is thin).
// Synthetic tests with exact answers: tests/embolism/test_occlusion_bridge.cpp.
#include "embolism/embolism_params.h"
#include "embolism/volume_ops.h"
#include "util/progress.h"

namespace tv {

struct BridgeInputs {
    const Image<float>* smoothed = nullptr;  // working-grid HU (smoothed)
    const Mask* lumen = nullptr;              // enhanced lumen (VesselTree::lumen)
    const Image<float>* radius = nullptr;     // distance to the lumen wall, mm (VesselTree::radius)
    const Mask* arteryCodes = nullptr;        // ArteryCode per voxel (VesselTree::connected)
    const Mask* heart = nullptr;              // cardiac chambers: no plug voxel, no stump there
    const Mask* lungs = nullptr;              // aerated lung: not soft tissue
    double floorHu = 0;                       // thrombus band [floorHu, lumenThresholdHu)
    double lumenThresholdHu = 0;
};

/// Plug voxels of complete occlusions (1), grown over the soft tissue of the plug; 0 elsewhere.
Mask findOcclusionBridges(const BridgeInputs& in, const EmbolismParams& p, const CancelToken& cancel);

}  // namespace tv
