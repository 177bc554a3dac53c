#pragma once
// Contrast adequacy: is there enough arterial contrast to look for emboli? Finds the pulmonary
// trunk / main pulmonary arteries as the brightest thick blood pool in the mediastinum that feeds
// vessels into both lungs, and classifies its median HU (thresholds in EmbolismParams).
#include <cstddef>
#include <string>
#include <vector>

#include "embolism/embolism_params.h"
#include "embolism/thorax_masks.h"

namespace tv {

enum class ContrastState { Adequate, Suboptimal, NotAssessable };
std::string toString(ContrastState s);  // "adequate", "suboptimal", "not_assessable"

struct ContrastResult {
    ContrastState state = ContrastState::NotAssessable;
    double paEnhancementHu = 0;   // median HU of the trunk / main PA core
    double paNoiseHu = 0;         // robust SD (1.4826 x MAD) of the same voxels, on the unsmoothed working grid
    int coreVoxels = 0;
    Index3 trunkSeed{-1, -1, -1}; // working-grid voxel inside the trunk (largest thickness)
    Mask trunk;                   // the central pulmonary artery region measured (working grid)
    // The other enhanced components of the same test that continue into a lung (EmbolismParams::zoneFromTrunkPieces):
    // where a clot splits a main or lobar artery's enhanced lumen, the part beyond it. Only the vessel zone reads them.
    // Working-grid offsets, ascending (the pieces measured 297-796 voxels on the rounds probed at stop 39): no
    // full-grid mask, which raised the detector's peak memory to 4.01x the volume (goal 4x, README "Stop 39").
    std::vector<std::size_t> trunkPieceVoxels;
    int trunkPieceCount = 0;
    std::string reason;
};

/// `smoothed`: working-grid HU after smoothing; `raw`: unsmoothed working-grid HU.
ContrastResult checkContrast(const Image<float>& smoothed, const Image<float>& raw, const ThoraxMasks& masks,
                             const EmbolismParams& p, const CancelToken& cancel);

}  // namespace tv
