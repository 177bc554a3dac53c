#include "embolism/closed_branch.h"

namespace tv {

bool closedBranchCutoff(const CandidateFeatures& f, const EmbolismParams& p) {
    // A lung cut-off (not a stump or gap plug: those have their own calibre tests), in the lung hull,
    // touching the lumen on one side only, beside an arterial-tree vessel, at CTPA-level contrast.
    return p.closedBranchMaxWidthToRadius > p.maxDefectWidthToRadius && f.cutoff && !f.stump && f.lumenSides == 1 &&
           f.mediastinalShare <= 0.5 && f.onArterialTree && f.ctpaContrast;
}

}  // namespace tv
