#pragma once
// Vessel axis at a centreline voxel from the distance-to-wall map: a centreline is a ridge of that
// map (it falls off across the vessel and stays flat along it). Used by the detector's stump search
// (stump_occlusions.h) and by the lesion-insertion site rule (evaluation/vessel_axis.h); it lives with
// the detector so core/embolism needs no evaluation header.
#include <optional>

#include <Eigen/Core>

#include "embolism/volume_ops.h"

namespace tv {

/// Unit axis from the Hessian of `radiusMm` (distance to the wall) at voxel `c`, with finite
/// differences at half the local radius: the eigenvector of the largest (least negative)
/// eigenvalue. Empty when the ridge is not defined (flat neighbourhood).
std::optional<Eigen::Vector3d> hessianAxis(const Image<float>& radiusMm, const Index3& c, double radius);

}  // namespace tv
