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

/// A centreline voxel: no 26-neighbour of (i, j, k) has a larger distance to the wall.
bool isRadiusRidge(const Image<float>& radiusMm, int i, int j, int k);

/// A centreline voxel whatever the vessel's direction: not lower than both face neighbours along at
/// least two of the three axes (a tube's centreline is a maximum across the tube; strict 3-D maxima,
/// isRadiusRidge, sit at bifurcations and only now and then along a straight segment). (i, j, k) must
/// not lie on the grid's border.
bool isAxisRidge(const Image<float>& radiusMm, int i, int j, int k);

/// Offset of the working voxel nearest to a point given in grid millimetres (i x spacing, ...), or -1
/// outside the grid: for sampling cross-sections and rays along a vessel axis.
long long nearestVoxel(const ImageGeometry& g, const Eigen::Vector3d& gridMm);

}  // namespace tv
