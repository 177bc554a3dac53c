#pragma once
// Partial-volume-aware smoothing inside the lungs. The detector smooths the working grid with a
// 1 mm Gaussian (noise control, EmbolismParams::smoothingSigmaMm). Inside the lungs a small artery
// is surrounded by aerated lung (about -850 HU), so the blur pulls its peak far down: a cylinder of
// radius R (along the slice normal) in background b, smoothed in-plane with sigma, peaks at
//     b + (blood - b) (1 - exp(-R^2 / (2 sigma^2))),
// and a 3 mm segmental artery (R 1.5 mm) of 400 HU in -850 HU lung keeps about 0 HU at sigma 1 mm,
// far under the 234 HU lumen threshold. Inside the lungs the contrast to the background is about
// 1,250 HU against about 60 HU of noise, so less smoothing is affordable there: the sigma is chosen
// so that an artery of the smallest segmental radius keeps its peak at the lumen threshold.
// Measured on raised C3N-00247 (README "Embolus detector validation", 2026-11-29 s11-pe-segmental):
// it brings more lung vessels into the tree, but the inserted clots' vessels were already in it and
// detection fell (occlusive clots in < 3 mm-radius vessels 2 of 5 instead of 4 of 5): the limit is
// the candidate stage in small vessels, so the detector leaves it off by default.
#include "embolism/contrast_check.h"
#include "embolism/embolism_params.h"
#include "embolism/thorax_masks.h"

namespace tv {

/// Lumen threshold of the arterial tree for a measured PA enhancement: midpoint of the blood and
/// thrombusMid, never below thrombusHigh (vessel_tree.h).
double lumenThresholdFor(double paEnhancementHu, const EmbolismParams& p);

/// Largest sigma (mm) at which a vessel of radius `radiusMm` in background `backgroundHu` keeps a
/// smoothed peak of `thresholdHu` (formula above), clamped to [p.lungSmoothingMinSigmaMm,
/// p.smoothingSigmaMm]; p.smoothingSigmaMm when the blood is not above the threshold.
double partialVolumeSigmaMm(double radiusMm, double bloodHu, double backgroundHu, double thresholdHu, const EmbolismParams& p);

/// Median unsmoothed HU of the aerated lungs (1 HU histogram, -1024..0).
double lungMedianHu(const Image<float>& hu, const Mask& lungs);

/// Off when p.lungVesselMinRadiusMm <= 0 (the default, see embolism_params.h). On CTPA-quality contrast only (on suboptimal scans the blood-to-threshold margin, about 25 HU, is
/// under the unsmoothed noise): replaces `s` inside the lung hull (outside the mediastinum and the
/// heart) by `hu` smoothed with partialVolumeSigmaMm(p.lungVesselMinRadiusMm, ...). Returns the sigma
/// used there (p.smoothingSigmaMm when nothing changed).
double smoothLungsPartialVolume(Image<float>& s, const Image<float>& hu, const ThoraxMasks& m, const ContrastResult& c,
                                const EmbolismParams& p);

}  // namespace tv
