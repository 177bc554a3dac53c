#pragma once
// A closed branch: a complete occlusion in the lung whose artery beyond it carries no contrast. A real
// occlusion stops the contrast, so the clot's cut-off touches the enhanced lumen on its proximal side
// only (one lumen piece, lumen_sides.h); the validation's section-filled occlusive clots do the same
// where the artery beyond is thin (README, branch s26-c3nocc: raised C3N-00247 round 2 clot 1, a
// segmental occlusion whose 1.6 R cylinder left a thin piece of lumen beyond it, two sides, found at 0.72;
// section-filled, the piece is clot too, one side, half-width 1.2507 x the tree radius, vetoed by the
// 1.25 R width limit). Such a plug also fills the artery's partial-volume rim, as the two-sided
// occlusion of EmbolismParams::occlusionMaxWidthToRadius does, so it gets the width allowance
// EmbolismParams::closedBranchMaxWidthToRadius when it is a lung cut-off (not mediastinal: fat and
// pericardial recesses between the great vessels keep the 1.25 R limit), touches exactly one lumen
// piece, lies beside an arterial-tree vessel on a CTPA-level scan (an artery's cut-off; on venous-phase
// scans lung arteries are often not connected to the tree).
#include "embolism/candidate_scoring.h"

namespace tv {

/// Whether candidate `f` is a one-sided lung cut-off that may be as wide as closedBranchMaxWidthToRadius.
bool closedBranchCutoff(const CandidateFeatures& f, const EmbolismParams& p);

}  // namespace tv
