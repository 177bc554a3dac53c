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

/// Whether a candidate of `volumeMm3` whose widest stump plug voxel has radius `plugRadiusMm` (0: none)
/// counts as a stump plug (RawCandidate::fromStump): a plug is at most the cylinder the plug search
/// follows, EmbolismParams::stumpMaxPlugLengthMm beyond a cap of its radius each side; a candidate
/// larger than that is a mediastinal web a plug touches and gets none of a plug's exemptions
/// (candidate_scoring; raised C3N-00247, 2026-11-30: a 16,600 mm3 web touching a 5 mm plug scored 0.97).
bool holdsStumpPlug(double volumeMm3, double plugRadiusMm, const EmbolismParams& p);

}  // namespace tv
