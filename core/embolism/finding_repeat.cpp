#include "embolism/finding_repeat.h"

#include <algorithm>

namespace tv {

bool repeatsReportedFinding(const RepeatCandidate& c, const LabelMap& reported, const std::vector<bool>& fineLabel, const EmbolismParams& p) {
    const bool massive = !c.fromFine && p.massiveOcclusionNoRepeatMm3 > 0 && c.complete && c.volumeMm3 >= p.massiveOcclusionNoRepeatMm3;
    if (massive) return false;
    return std::any_of(c.voxels->begin(), c.voxels->end(), [&](std::size_t n) {
        const std::size_t label = reported[n];
        return label && (c.fromFine || (label < fineLabel.size() && fineLabel[label]));
    });
}

}  // namespace tv
