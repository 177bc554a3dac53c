#pragma once
// Coarse thoracic landmarks for the embolus detector (its own simple version, so it does not
// depend on the lung/GGO module): lungs (air-density regions inside the body, airways included),
// the mediastinal corridor between them, and a dense-bone zone. Works on full chest CTs and on
// crops that contain no outside air (pa-crop), on the canonical working grid (i = left,
// j = posterior, k = superior).
#include "embolism/volume_ops.h"
#include "util/progress.h"

namespace tv {

struct ThoraxMasks {
    Mask lungs;        // aerated lung and airways
    Mask lungHull;     // lungs closed by 6 mm: adds the intrapulmonary vessels and hilar structures
    Mask mediastinum;  // per axial slice: between the lungs, within their antero-posterior extent
    Mask heart;        // opening of mediastinal soft tissue with an 18 mm ball: cardiac chambers (not
                       // the PA trunk, about 30 mm wide): defects there are mixing/myocardium, not PE
    Mask aorta;        // enhanced aortic lumen with its wall (great_arteries.h): not a pulmonary artery, so
                       // neither arterial tree nor candidate region; empty until carveGreatArteries()
    Mask denseBone;    // includes the marrow enclosed by cortex (per-slice hole filling)
    Mask nearLung;     // intrapulmonary soft tissue (vessels, bronchial walls): aerated lung on both
                       // sides along two axes within intrapulmonaryMm    // HU above the bone threshold, dilated by a margin (ribs, spine, calcium)
    double carinaK = -1;         // working-grid slice of the carina (carina.h; -1: not in the scan range)
    double heartCentroidK = -1;  // working-grid slice of the heart mask's centroid (-1: no heart found)
    double midlineX = 0;       // working-grid i of the midline (between the lungs' centres)
    double lungVolumeMl = 0;
};

struct ThoraxParams {
    double airHu = -400;              // lung/air vs tissue (3D Slicer LCTA: aerated lung below -750, collapsed up to 0)
    double outsideAirMedianHu = -960; // a border-touching air region this dark is outside air, not lung crop
    double outsideAirWideMedianHu = -900;  // ... or this dark and reaching both lateral edges (sharp kernels
                                           // lift air to about -915..-945 HU in C3N-00247; lungs about -850)
    double minLungFraction = 0.10;    // air components smaller than this share of the largest are dropped
    double boneHu = 900;              // above enhanced blood even on CTPA (250-600 HU, clinical-reference.md)
    double boneMarginMm = 3.0;
    double heartOpeningMm = 18.0;
    double maxBoneHoleMm2 = 2500;     // vertebral body cross-section is about 15-20 cm2
    double intrapulmonaryMm = 10.0;
    double hilumMm = 20.0;   // lobar arteries are up to about 10 mm wide
};

/// ThoraxMasks::mediastinum from the lungs and the midline's i: per axial slice, between the lungs
/// within their antero-posterior extent (slices where the lungs are broad only).
Mask mediastinalCorridor(const Mask& lungs, double midlineX);

/// Throws CancelledError.
/// `smoothedHu` and `raw` (unsmoothed) on the working grid.
ThoraxMasks computeThoraxMasks(const Image<float>& smoothedHu, const Image<float>& raw, const ThoraxParams& p,
                               const CancelToken& cancel);

}  // namespace tv
