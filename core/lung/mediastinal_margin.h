#pragma once
// Partial volume and cardiac-motion blur along the lung's border with the heart and mediastinum.
// On CT without ECG gating the heart and the great vessels next to it move while a slice is
// acquired: their border is smeared into the adjacent lung as a band of GGO-range HU, a known
// mimic of ground-glass opacity. The chest-wall pleura does not move this way, so the margin here
// is larger than the pleural one and applies on the mediastinal side only.
#include <array>

#include "image/image.h"
#include "lung/lung_regions.h"
#include "util/progress.h"

namespace tv {

/// Clears `opacity` at pixels within `marginMm` (in the axial slice) of the mediastinum, taken per
/// slice as the non-lung pixels that lie between the right and the left lung along an image row,
/// on rows in front of `maxPosteriorFraction` of the lungs' antero-posterior extent on that slice
/// (behind it lie the spine and the paravertebral lung, a typical site of COVID-19 opacity, and
/// no heart), and only in the part of each lung at or below `maxHeightFraction` of its height (0
/// base, 1 apex; the heart, not the great vessels and the hilum above it; 1: every height).
/// `lungLabels`: 1 = left, 2 = right lung; `ext` indexed by Side gives the medial direction and
/// the heights. Returns the number of opacity pixels cleared.
std::size_t clearNearMediastinum(LabelMap& opacity, const LabelMap& lungLabels, const std::array<LungExtent, 2>& ext,
                                 double marginMm, double maxPosteriorFraction, double maxHeightFraction,
                                 const CancelToken& cancel);

}  // namespace tv
