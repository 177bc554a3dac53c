#pragma once
// The detector's stages up to the arterial tree, as embolism_detector.cpp runs them, for the review
// tools that look inside them (embolism_review, embolism_tree_probe). Not a test.
#include "embolism/carina.h"
#include "embolism/embolism_detector.h"
#include "embolism/great_arteries.h"
#include "embolism/lung_smoothing.h"
#include "embolism/working_grid.h"

namespace tv::tools {

struct DetectorStages {
    WorkingGrid wg;
    Image<float> sm;  // smoothed working grid (lung smoothing applied when enabled)
    ThoraxMasks m;
    ContrastResult c;
    double lungSigmaMm = 0;
    VesselTree tree;
};

inline DetectorStages runDetectorStages(const CtVolume& ct, const EmbolismParams& p) {
    DetectorStages d{makeWorkingGrid(ct, p.workingSpacingMm), {}, {}, {}, 0, {}};
    d.sm = d.wg.hu;
    gaussianSmooth(d.sm, p.smoothingSigmaMm);
    d.m = computeThoraxMasks(d.sm, d.wg.hu, ThoraxParams{}, neverCancel());
    d.m.carinaK = findCarinaK(d.wg.hu, d.m.midlineX);
    d.c = checkContrast(d.sm, d.wg.hu, d.m, p, neverCancel());
    if (d.c.state != ContrastState::NotAssessable) carveGreatArteries(d.m, d.sm, lumenThresholdFor(d.c.paEnhancementHu, p), p);
    d.lungSigmaMm = smoothLungsPartialVolume(d.sm, d.wg.hu, d.m, d.c, p);
    d.tree = buildVesselTree(d.sm, d.m, d.c, p, neverCancel(), &d.wg.hu);
    return d;
}

}  // namespace tv::tools
