#pragma once
// Beyond-occlusion pass (EmbolismParams::beyondOcclusionPass, embolism_detector.cpp).
//
// A large clot in the trunk or a main pulmonary artery cuts the arteries beyond it off from the trunk
// region the arterial tree grows from, so the tree, and every candidate search that follows it, can
// lose a lobar artery downstream (README stop 31: pa-crop's left lower lobe artery, lost in 5 rounds,
// each with large central clots upstream in the same round). The detector then runs once more on the
// working grid with the first run's findings filled with contrast, as the arteries would look without
// those clots, and keeps the findings of that run that lie away from the first run's (the first run
// reported those defects, and the edges of the fill are no clots).
// (Not the cut-piece release of cut_piece_contact.h, which re-scores held candidates of the same run.)
#include <cstddef>
#include <cstdint>
#include <vector>

#include "embolism/embolism_detector.h"
#include "embolism/embolism_params.h"
#include "image/image.h"

namespace tv {

/// A label map's non-zero voxels (offsets and labels): the first run's findings and tree held while the
/// pass runs (memory, README stop 32: 3.787x the volume on a raised C3N-00247 round with the pass, 3.917x
/// with both held as full maps; goal 4x).
struct SparseLabels {
    std::vector<std::size_t> offsets;
    std::vector<std::uint8_t> labels;
    static SparseLabels of(const LabelMap& map);
    /// The label map on `geometry` (0 elsewhere).
    LabelMap toMap(const ImageGeometry& geometry) const;
};

/// Whether the first run's findings call for the beyond-occlusion pass: one of them, scored at least
/// EmbolismParams::beyondOcclusionTriggerScore, is an occlusion ("complete") reported at the central level
/// with at least EmbolismParams::beyondOcclusionMinMm3.
bool needsBeyondOcclusionPass(const std::vector<EmbolusCandidate>& findings, const EmbolismParams& p);

/// Working-grid voxels around the first run's findings (sorted offsets).
struct FilledFindings {
    double fillHu = 0;                  // the first run's measured pulmonary-artery enhancement
    double minHu = -1e9;                // only voxels of at least this HU are raised (beyondOcclusionFillMinHu)
    std::vector<std::size_t> filled;    // findings + beyondOcclusionFillMarginMm: raised to at least fillHu
    std::vector<std::size_t> repeats;   // findings + beyondOcclusionRepeatMarginMm: a later finding touching them repeats one
};

/// The fill around the findings of `work` (working-grid labels, label n = findings[n-1]) scored at least
/// EmbolismParams::beyondOcclusionTriggerScore.
FilledFindings fillAroundFindings(const LabelMap& work, const std::vector<EmbolusCandidate>& findings, double fillHu,
                                  const EmbolismParams& p);

/// Raises the working grid's HU to at least fill.fillHu on the voxels of fill.filled at fill.minHu or
/// more (never lowers a voxel).
void applyFill(Image<float>& hu, const FilledFindings& fill);

/// Adds the beyond-occlusion run's findings (`again`, its working-grid labels `againWork`) that touch no
/// voxel of fill.repeats to `result` and `work` (next labels, in its order, best first; each marked with
/// the feature "beyond_occlusion_pass" = 1), up to EmbolismParams::maxCandidates (and 255 labels).
/// Returns how many it added.
int mergeBeyondOcclusionPass(EmbolismResult& result, LabelMap& work, const std::vector<EmbolusCandidate>& again, const LabelMap& againWork,
                             const FilledFindings& fill, const EmbolismParams& p);

}  // namespace tv
