#pragma once
// Scoring findings on an artery washed out beyond a complete occlusion (occlusion_washout.h).
//
// The washed-out artery is no embolus, so it is not truth; but on a real scan a reader (and the
// detector) sees a complete occlusion as the clot plus the unopacified artery beyond it, and a finding
// outlining that cut-off points at the occlusion. Decision: a finding that overlaps no clot, whose
// voxels lie for at least `minShare` on one closing clot's truth or washed-out continuation (the
// washout label map: source voxels that held at least half blood), matches that clot: it is no false
// positive, and it detects the clot when nothing else did ("detected_via_washout" in the validation
// JSON, so the figure can be read with and without it). A finding that overlaps the clot already
// matches it (detection_matching.h), whatever share of it lies on the washed-out artery. A finding
// that lies mostly elsewhere and only touches the washed-out artery stays a false positive.
#include <vector>

#include "evaluation/detection_matching.h"

namespace tv {

struct WashoutMatchRule {
    double minShare = 0.5;  // majority of the finding's voxels on the clot or its continuation
};

struct WashoutMatch {
    std::vector<bool> truthViaWashout;  // per truth lesion: detected only through this rule
    int candidatesOnWashout = 0;        // findings moved from false positive to a clot's match
};

/// Findings touching a washed-out continuation, for the report: per finding with any voxel on the
/// washout label map, the clot label, its voxels there, on that clot's truth, and in all.
struct FindingOnWashout {
    int candidate = -1;
    int clotLabel = 0;
    long onWashout = 0, onClot = 0, size = 0;
};
std::vector<FindingOnWashout> findingsOnWashout(const EmbolismResult& r, const LabelMap& washout, const LabelMap& truth);

/// Updates `m` (matchDetections of `r` against `truth`) for findings on the washed-out continuations
/// `washout` (source grid, label = the closing clot's truth label = TruthLesion::id).
WashoutMatch matchWashoutFindings(MatchResult& m, const EmbolismResult& r, const std::vector<TruthLesion>& truth,
                                  const LabelMap& washout, const WashoutMatchRule& rule = {});

}  // namespace tv
