#pragma once
// Context features of a filling-defect candidate that separate clot from its common mimics
// (clinical-reference.md "false positives": partial volume at edges and bifurcations, soft tissue
// beside arteries) and from organs the venous-phase "lumen" threshold lets in (liver). Each is measured without the selection bias of the candidate's own voxels
// where that matters (see solidCoreHu). Used by candidate_scoring; synthetic tests in
// tests/embolism/test_embolism_context.cpp.
#include <cstddef>
#include <vector>

#include <Eigen/Core>

#include "embolism/volume_ops.h"

namespace tv {

/// Mean HU of `raw` in the ball of radius `radiusMm` (physical, anisotropic spacing respected)
/// around the working-grid point `centre`. A clot is a solid body: the ball at its centre holds
/// clot. The candidate's voxels were selected *because* they are dark, so their own median is
/// biased low on noisy lumen; a ball at the centroid also takes the voxels that were not selected:
/// noise speckle in an enhancing organ, or a crescent in the cleft between two vessels, has lumen
/// (or parenchyma) at its centre. Returns NaN when the ball holds no voxel.
double solidCoreHu(const Image<float>& raw, const Eigen::Vector3d& centre, double radiusMm);

/// Share of `voxels` that lie under a lung base: aerated lung (mask `lungs`) above them in their
/// own column (higher k, superior) and none below. Under the lung bases lie the diaphragm and the
/// abdomen (liver dome, spleen, stomach), never a pulmonary artery.
double underLungBaseShare(const std::vector<std::size_t>& voxels, const Mask& lungs);

/// Share of `voxels` that lie one slice above the heart mask `heart` (the voxel directly below, k - 1,
/// is heart; the voxel itself is not) when all of them lie on one slice; 0 for a candidate spanning
/// several slices. The heart mask ends at the pulmonary valve with a planar cut (great_arteries.h):
/// the grooves and fat of the heart's surface just above that cut close into a one-slice "defect"
/// sheet, while a clot of the trunk or a main artery is a body several slices high.
double oneSliceOnHeartShare(const std::vector<std::size_t>& voxels, const Mask& heart);

}  // namespace tv
