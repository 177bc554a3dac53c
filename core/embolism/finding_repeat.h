#pragma once
// One finding per defect (embolism_detector.cpp): the native-resolution fine pass (fine_defects.h) sees
// again defects the working-grid search found, so a candidate touching a finding reported before it (the
// higher-scored one) is dropped when one of the two is the fine pass's.
// Except a massive occlusion of the working grid (reported complete, at least
// EmbolismParams::massiveOcclusionNoRepeatMm3): the fine pass covers lobar and segmental defects of at
// most a few hundred voxels, so a fine finding touching such a mass is another, smaller defect beside it
// (pa-crop seed 6000 round 3: a trunk clot's 17,695 mm3 mass dropped for 5 voxels shared with a
// 117-voxel fine finding on a neighbouring clot; s33-centralocc notes).
#include <cstddef>
#include <vector>

#include "embolism/embolism_params.h"
#include "image/image.h"

namespace tv {

/// What the repeat test reads of a scored candidate.
struct RepeatCandidate {
    const std::vector<std::size_t>* voxels = nullptr;  // working-grid offsets
    bool fromFine = false;                             // found by the fine pass
    bool complete = false;                             // reported as an occlusion ("complete")
    double volumeMm3 = 0;
};

/// Whether `c` repeats a finding already reported: a voxel of it carries a label in `reported` (0 = none)
/// and `c` or that finding is the fine pass's (fineLabel[label]), unless `c` is a massive working-grid
/// occlusion (see above).
bool repeatsReportedFinding(const RepeatCandidate& c, const LabelMap& reported, const std::vector<bool>& fineLabel, const EmbolismParams& p);

/// Whether a reached central mass (`mass`: its working-grid offsets; EmbolismParams::
/// centralOcclusionRestWhenPlugUnreported) was left unreported: non-empty, and at most `maxShare` of its
/// voxels carry a label 1..`maxLabel` in `reported` (the gap run or stump plug that reached it was not reported).
bool reachedMassUnreported(const std::vector<std::size_t>& mass, const LabelMap& reported, std::size_t maxLabel, double maxShare);

}  // namespace tv
