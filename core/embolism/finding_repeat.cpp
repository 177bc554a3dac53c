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

bool reachedMassUnreported(const std::vector<std::size_t>& mass, const LabelMap& reported, std::size_t maxLabel, double maxShare) {
    if (mass.empty()) return false;
    const auto held = std::count_if(mass.begin(), mass.end(), [&](std::size_t n) { return reported[n] != 0 && reported[n] <= maxLabel; });
    return static_cast<double>(held) <= maxShare * static_cast<double>(mass.size());
}

}  // namespace tv
