#pragma once
// Lung segmentation that survives diseased lungs: aerated lung by threshold and connected
// components inside the body, trachea and main bronchi labelled as airway, left and right lungs
// separated where they touch, then filled (vessels, airways, juxta-pleural consolidation).
#include <map>
#include <string>

#include "image/image.h"
#include "lung/lung_frame.h"
#include "lung/lung_params.h"
#include "util/progress.h"

namespace tv {

/// Values in the lung label map (lungs.nii.gz).
enum LungLabel : std::uint8_t { kLungBackground = 0, kLeftLung = 1, kRightLung = 2, kAirway = 3 };

struct LungSegmentation {
    LabelMap labels;          // full CT grid, LungLabel values
    VoxelBox box;             // bounding box of all labels (with a margin), for later stages
    bool airwayFound = false;
    double airwayLumenThresholdHu = 0;
    double splitErosionMm = 0;
    bool lungsSeparated = false;
    std::size_t voxelsAddedByFill = 0;
    std::size_t voxelsRemovedAtAirwayWall = 0;  // lung voxels within airwayWallClearanceMm of the airway
    std::map<std::string, double> timingMs;  // per sub-stage, wall
    std::map<std::string, double> cpuMs;     // per sub-stage, process CPU (all threads)
};

/// Throws InvalidArgumentError when no lung-like air is found (not a chest CT) or the grid is not
/// axial; CancelledError when cancelled.
LungSegmentation segmentLungs(const CtVolume& ct, const LungOpacityParams& p, ProgressSink& progress,
                              const CancelToken& cancel);

}  // namespace tv
