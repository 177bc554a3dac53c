#pragma once
// The carina (tracheal bifurcation) as a height landmark on the working grid: the pulmonary trunk
// bifurcates below it and the left pulmonary artery arches over the left main bronchus at about its
// level, so mediastinal structures well above it are the aortic arch, its branches, the
// brachiocephalic veins and the SVC, not pulmonary arteries.
#include "embolism/volume_ops.h"

namespace tv {

struct CarinaParams {
    double airwayHu = -900;           // airway air (unsmoothed); aerated lung is about -850 and the
                                      // partial volume of the thin wall between trachea and lung above
                                      // this, so the two stay apart in-plane (C3N-00247 air -915..-945)
    double minTracheaAreaMm2 = 100;   // adult trachea 15-25 mm wide (about 180-500 mm2); margin for
    double maxTracheaAreaMm2 = 900;   // partial volume and oblique cuts
    double maxMidlineOffsetMm = 30;   // the trachea is near the midline (may deviate to the right)
    double minBronchusAreaMm2 = 30;   // each main bronchus at the split (10-15 mm wide)
    double mergedAreaMm2 = 2000;      // flood-fill limit (an airway region this large has joined the lung)
    double footprintMm = 3;           // per slice the airway may widen by this (bronchi diverge slowly;
                                      // more lets the region leak into lung that abuts the trachea)
    double minTracheaLengthMm = 10;   // followed as one tube at least this far (excludes lung apices)
};

/// Working-grid slice (k, superior = higher) of the carina, found by following the trachea down
/// from the highest slice where it is an isolated air region near the midline until it splits
/// into two; -1 when no trachea is found (crops below the carina).
/// `raw`: unsmoothed working-grid HU; `midlineX`: ThoraxMasks::midlineX.
double findCarinaK(const Image<float>& raw, double midlineX, const CarinaParams& p = {});

}  // namespace tv
