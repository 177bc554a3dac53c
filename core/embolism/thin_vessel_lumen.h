#pragma once
// Lumen of thin intrapulmonary arteries from the unsmoothed working grid. The detector traces the
// arterial tree on the working grid smoothed with a 1 mm Gaussian (noise control). Inside the lung a
// 2-2.5 mm-radius segmental artery is surrounded by aerated lung (about -850 HU), so the Gaussian pulls
// its peak to about the lumen threshold (raised C3N-00247: about 230 HU against 234 HU; of 5,775 lung
// vessel cores >= 300 HU unsmoothed, 3,020 passed the threshold after smoothing, README "What limits
// the figures"). A clot in such an artery then has no lumen around it that the closings could complete.
// On the unsmoothed grid the same artery keeps its blood value (the lung background does not mix in),
// but a soft-tissue voxel (bronchial wall, hilar tissue) reaches the threshold by noise alone. Noise
// guard (hysteresis against the smoothed lumen, plus the scan's measured noise):
//   - unsmoothed >= max(lumen threshold, thrombusMidHu + thinLumenNoiseSd x measured noise): a
//     soft-tissue voxel passes by noise with probability about 0.13% (3 SD, one-sided);
//   - inside the lung hull, intrapulmonary (masks.nearLung), not heart, aorta or dense bone;
//   - "free" voxels (no face neighbour in the smoothed lumen) count only in 6-connected clusters of
//     at least thinLumenMinClusterVoxels: the lumen of a 2 mm-radius artery over one 3 mm slice holds
//     several voxels, a noise cluster of that size in soft tissue is improbable (0.13% per voxel);
//   - a free cluster must touch aerated lung (masks.lungs, face neighbour): a thin artery in the lung
//     is bordered by it; noise clusters inside enhancing consolidation or atelectasis (100-150 HU on
//     CTPA, where the 3 SD guard passes a few per cent of voxels) are not;
//   - a voxel beside the smoothed lumen (its partial-volume rim, which would make every traced vessel
//     bumpy and let the closings "complete" the gaps between the bumps) counts only where it joins a
//     kept free cluster to the lumen (a thin branch leaving a wider vessel).
// A clot in a thin artery lowers the smoothed values around it; its ring of contrast and the artery
// beyond it are free voxels, so the closings see a lumen around the clot.
// The caller's connectivity rules finish the guard: `connected` keeps only what is grown from the
// trunk, `lumen` drops specks under 10 voxels not connected to it (vessel_tree.cpp).
// On suboptimal contrast (blood near the threshold) the noise term exceeds the blood value, and the
// rule adds nothing (the margin of blood over the threshold is under the noise there).
#include "embolism/contrast_check.h"
#include "embolism/embolism_params.h"
#include "embolism/thorax_masks.h"

namespace tv {

/// Unsmoothed threshold of the thin-vessel lumen (formula above); +infinity when
/// p.thinLumenNoiseSd <= 0 (rule off).
double thinLumenRawThresholdHu(double lumenThresholdHu, double noiseHu, const EmbolismParams& p);

/// `candidate`: the lumen traced on the smoothed grid (0/1). Sets it to 1 at voxels that pass the
/// thin-vessel rule above (leaves others unchanged). `raw`: unsmoothed working-grid HU. Returns the
/// number of voxels added.
/// `contrast`: the measured blood (paEnhancementHu) and noise (paNoiseHu); nothing is added when the
/// blood is not above the unsmoothed threshold.
std::size_t addThinVesselLumen(Mask& candidate, const Image<float>& raw, const ThoraxMasks& masks, double lumenThresholdHu,
                               const ContrastResult& contrast, const EmbolismParams& p);

}  // namespace tv
