#pragma once
// Truth-quality guard of the lesion-insertion validation: is an inserted clot a visible filling
// defect at all? A clot whose truth is a few voxels in partial volume with the blood around it, or
// whose inserted voxels are on average as bright as the lumen, is no defect a reader or a detector can
// see; counting it as a missed lesion measures the insertion, not the detector (pa-crop, s26-lostdiag.md:
// round 3 clot 4, 7 truth voxels, mean inserted 336 HU, lumen threshold 269 HU; round 2 clot 8, 21
// truth voxels of which 19 stay lumen after the detector's 1 mm smoothing). Such clots are reported
// apart ("not a visible defect": per-level counts of the validation JSON "not_visible"), not counted
// in the per-level sensitivity; they stay in the truth used for matching, so a finding on one is
// no false positive.
//
// Criterion (both must hold for a visible defect):
// - mean inserted HU over the truth voxels (the inserted scan, source grid) below the lumen threshold:
//   the threshold lies about midway between blood and thrombus (lung_smoothing.h lumenThresholdFor),
//   so a clot brighter on average is mostly blood in partial volume, not a defect.
// - defect volume (truth voxels whose value on the detector's smoothed view of the inserted scan,
//   detectorSmoothedView, is below the threshold, times the source voxel volume) at least
//   minDefectVolumeMm3. The smoothed view is the view clot_occlusion.h judges channels on (1 mm Gaussian:
//   the scan's noise halved); minDefectVolumeMm3 is 20 mm3, the detector's own floor of a reportable
//   candidate (EmbolismParams::minCandidateVolumeMm3): a smaller defect cannot be a finding by design,
//   and a defect about 3.4 mm across (a 2 x 2 x 2 mm cube is 8 mm3, a 3 mm sphere 14 mm3) is the least
//   a reader would call a filling defect on 1-1.5 mm images.
#include <cstddef>
#include <string>
#include <vector>

#include "evaluation/lesion_insertion.h"

namespace tv {

struct ClotVisibilityRule {
    double minDefectVolumeMm3 = 20;  // above
    bool meanBelowThreshold = true;  // require the mean inserted HU below the lumen threshold (above)
};

struct ClotVisibility {
    double truthVolumeMm3 = 0;
    double meanInsertedHu = 0;   // over the truth voxels, inserted scan
    double defectVolumeMm3 = 0;  // truth voxels below the threshold on the smoothed view
    bool visible = false;
    std::string reason;          // why not visible ("" when visible)
};

/// `truthOffsets`: the clot's truth voxels (offsets on `inserted`'s grid); `afterView`: the detector's
/// smoothed view of `inserted` (clot_occlusion.h detectorSmoothedView).
ClotVisibility assessClotVisibility(const CtVolume& inserted, const std::vector<std::size_t>& truthOffsets,
                                    const Image<float>& afterView, double lumenThresholdHu, const ClotVisibilityRule& rule = {});

}  // namespace tv
