#pragma once
// The operating-point sweep (FROC) of the insertion validation: one detector run with the operating
// point lowered to a floor gives every finding down to that floor with its score, so sensitivity and
// false positives per scan can be tabulated for every operating point above it (scripts/pe_froc.py)
// without a detector run per point. README "Operating point".
//
// Why a filtered floor run equals a run at the higher point: findings are reported best first, and a
// finding is dropped as a repeat only of findings reported before it (finding_repeat.h), so the
// findings scoring >= p are the same in both runs. Two approximations, both documented where the
// sweep is reported: (1) the second pass (cut_piece_contact.h) may release a held polo mint beside a
// massive occlusion that scores between the floor and p; (2) a reached central mass
// (EmbolismParams::centralOcclusionRestWhenPlugUnreported) is reported only when the findings before it,
// down to the floor, hold at most the reached share of it, so a plug scoring between the floor and p keeps
// it out; (3) the findings' levels are regraded with every finding down to the floor filled into the
// lumen (only the reported level can move; matching does not read it). The sweep run lifts maxCandidates to 255 so that the cap does not cut it short.
#include <nlohmann/json.hpp>
#include <vector>

#include "embolism/embolism_detector.h"
#include "evaluation/detection_matching.h"

namespace tv {

/// The parameters of a sweep run: `p` with its operating point lowered to `floor` (never raised) and the
/// candidate cap lifted to 255, so that the cap does not cut the floor run short.
EmbolismParams sweepParams(const EmbolismParams& p, double floor);

/// The findings of `all` with score >= operatingPoint, relabelled 1..n in their order, with the
/// label map holding only those findings and the obstruction index of those findings (the arterial
/// map and the rest are copied).
EmbolismResult keepFindingsAtOrAbove(const EmbolismResult& all, double operatingPoint);

/// Per finding of `all`, in order: {"score", "level", "occlusion", "volume_mm3", "truth": [0-based
/// indices of the truth lesions whose voxels it overlaps], "center_voxel", "features": every scoring
/// feature (CandidateFeatures as in analysis.json), and "cut_piece_path_mm" for a release beside a cut-off piece}.
nlohmann::json sweepFindings(const EmbolismResult& all, const std::vector<TruthLesion>& truth);

}  // namespace tv
