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
    double voxelMl = 0;
};

struct LungPhantomOptions {
    bool ggo = true;
    bool consolidation = true;
    bool touchingLungs = false;  // lungs meet at an anterior junction
    double noiseHu = 20.0;
    double ggoHu = -550.0;
    double ggoRadiusMm = 14.0;
};

tv::CtVolume makeLungPhantom(const LungPhantomOptions& o, LungPhantomTruth& truth);

}  // namespace tvtest
