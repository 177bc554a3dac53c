#pragma once
// Filling-defect candidates: low-attenuation voxels (thrombus band) inside the completed lumen
// (multi-scale closing of the enhanced lumen: central and eccentric defects) and soft-tissue
// continuations of enhanced arteries inside the lung (complete cut-offs).
#include <vector>

#include "embolism/vessel_tree.h"

namespace tv {

struct RawCandidate {
    std::vector<std::size_t> voxels;  // working-grid offsets
    bool fromCutoff = false;          // found as a soft-tissue continuation (occlusion search)
    bool fromStump = false;           // holds a plug beyond a blunt artery end (stump_occlusions.h)
    double completedRadiusMm = 0;     // largest local radius of the completed (closed) lumen over its
                                      // voxels; for cut-offs and stump plugs the stump's radius (0: unknown)
};

struct CandidateMaps {
    std::vector<RawCandidate> candidates;
};

/// `raw`: unsmoothed working-grid HU; in vessels thinner than EmbolismParams::rawBandMaxVesselRadiusMm
/// the thrombus-band test of the closing part reads it instead of `smoothed` (null: smoothed only).
CandidateMaps findCandidates(const Image<float>& smoothed, const ThoraxMasks& masks, const VesselTree& tree,
                             const EmbolismParams& p, const CancelToken& cancel, const Image<float>* raw = nullptr);

}  // namespace tv
