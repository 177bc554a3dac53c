#pragma once
// Synthetic chest for the lung tests: body, two lungs, trachea and main bronchi, vessels, GGO
// spheres and a dense posterior (juxta-pleural) consolidation, with the exact truth counted while
// drawing. Labelled synthetic; not clinical data.
#include <cstddef>

#include "image/image.h"

namespace tvtest {

struct LungPhantomTruth {
    std::size_t lungVoxels[2] = {0, 0};  // [0] left, [1] right (includes vessels and lesions)
    std::size_t ggoVoxels = 0;
    std::size_t consolidationVoxels = 0;
    std::size_t heartBorderVoxels = 0;  // lung voxels of the blurred heart border (not lesions)
    std::size_t fatRidgeVoxels = 0;     // extrapleural fat ridge voxels (not lung)
    double voxelMl = 0;
};

struct LungPhantomOptions {
    bool ggo = true;
    bool consolidation = true;
    bool touchingLungs = false;  // lungs meet at an anterior junction
    double noiseHu = 20.0;
    double ggoHu = -550.0;
    double ggoRadiusMm = 14.0;
    /// HU of the posterior juxta-pleural consolidation (consolidation band -300..+50). -150: no
    /// air in it; below -200 it is partly aerated like P001's (README "GGO scorer validation").
    double consolidationHu = -150.0;
    /// > 0: the lung within this distance (mm, along x) of its medial surface, in front of the
    /// lung's centre and at heart height (z 30-95 mm: 0.10-0.53 of the lungs' height; the heart's
    /// top lies at about mid-height, 0.48-0.50 measured on P001 and normal001; z 30-120 before s15),
    /// takes a ramp from -350 HU at the surface to -700 HU (the heart border smeared by cardiac
    /// motion; counted in heartBorderVoxels).
    double heartBorderBlurMm = 0.0;
    /// Extrapleural fat (-100 HU) indenting the right lung's posterior surface over its whole
    /// height: a ridge of 12 mm radius whose axis runs 6 mm inside the pleural line in every slice
    /// (the same dent as the consolidation's, but continuing in z into chest wall). Not lung.
    bool fatRidge = false;
};

tv::CtVolume makeLungPhantom(const LungPhantomOptions& o, LungPhantomTruth& truth);

}  // namespace tvtest
