#pragma once
// The great arteries on a contrast-enhanced scan, where the coarse heart mask (an opening of
// mediastinal soft tissue, thorax_masks.h) is wrong for the embolus search: it also covers the
// pulmonary trunk, the main pulmonary arteries and the aorta, because on CTPA they merge with the
// chambers into one thick body. Central emboli sit in the trunk and main PAs, so the heart mask must
// end at the pulmonary valve; the aorta is not a pulmonary artery, so it must be neither arterial
// tree nor candidate region.
#include "embolism/embolism_params.h"
#include "embolism/thorax_masks.h"

namespace tv {

struct GreatArteryResult {
    double valveK = -1;            // working-grid slice of the pulmonary valve level (-1: carina not found, heart kept)
    std::int64_t heartVoxelsFreed = 0;  // heart-mask voxels above the valve level (now searchable)
    std::int64_t aortaVoxels = 0;
    int aortaTubes = 0;            // vertical tubes found (ascending, descending aorta; the SVC also qualifies)
};

/// Ends `m.heart` at the pulmonary valve level (carina - p.valveBelowCarinaMm; unchanged when the
/// carina was not found) and sets `m.aorta`: vertical round enhanced tubes (lumen >= `lumenThresholdHu`
/// on the smoothed grid, p.aorta* geometry) with their wall. Needs m.mediastinum and m.denseBone.
GreatArteryResult carveGreatArteries(ThoraxMasks& m, const Image<float>& smoothed, double lumenThresholdHu,
                                     const EmbolismParams& p);

}  // namespace tv
