#pragma once
// Completes each lung mask: vessels, bronchial walls and nodules inside the lung are filled in,
// and dense juxta-pleural or posterior consolidation that the air threshold cut off is put back
// with a per-slice rolling-ball closing and a per-slice convex hull (threshold methods typically lose exactly the diseased
// lung).
#include "image/image.h"
#include "util/progress.h"

namespace tv {

/// `labels`: 1 = left, 2 = right lung (anything else ignored). For each lung separately: per-slice
/// closing with a disk of `closingRadiusMm`, then per-slice hole filling. Voxels gained by both
/// lungs stay with neither unless one had them before; voxels where `forbidden` is non-zero (the
/// central airway, outside the body) are never added. Returns the number of voxels added.
/// Added regions that are dense like soft tissue and continue, in the slice above or below, into
/// non-lung tissue (dome of the diaphragm, heart, hilum) are taken out again. `hu` is on the same
/// grid as `labels`. Then each lung section's convex hull: regions it adds beyond that are kept when
/// their mean HU is at most `hullMaxMeanHu` (partly aerated, i.e. consolidated lung against the
/// convex costal pleura, wider than the closing's ball); denser regions up to
/// `hull.denseMaxMeanHu` are kept when, taken together across slices, they are capped above and
/// below by lung (a lesion inside the lung's outline, not fat or muscle in the chest wall's or the
/// mediastinum's concavities).
struct PleuralHullRule {
    double maxMeanHu = -200.0;         // LungOpacityParams::pleuralHullMaxMeanHu
    double denseMaxMeanHu = -50.0;     // LungOpacityParams::pleuralHullDenseMaxMeanHu
    double minLungCapFraction = 0.6;   // LungOpacityParams::pleuralHullMinLungCapFraction
};

/// The airway wall's rim is neither lung nor ground for the fill: lung labels (1, 2) within
/// `clearanceMm` (in the axial slice) of `airway` are cleared (their count goes to `removed`), and
/// that band, airway included, is returned as the `forbidden` mask for fillLungs. Rim voxels left in
/// the lung label would let the rolling-ball closing bridge the mediastinum from the lung to the
/// trachea (LungOpacityParams::airwayWallClearanceMm).
LabelMap clearAirwayWall(LabelMap& labels, const LabelMap& airway, double clearanceMm, std::size_t& removed,
                         const CancelToken& cancel);

std::size_t fillLungs(LabelMap& labels, const Image<std::int16_t>& hu, const LabelMap& forbidden, double closingRadiusMm,
                      const PleuralHullRule& hull, const CancelToken& cancel);

}  // namespace tv
