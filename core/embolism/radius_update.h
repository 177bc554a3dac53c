#pragma once
// Incremental update of the vessel tree's radius map (distance to the wall of the closed lumen)
// after voxels join the lumen: the findings' voxels filled in before their levels are graded again
// (vessel_tree.h regradeWithDefectsFilled). The full map costs three distance transforms of the
// working grid (about 0.5 s CPU on C3N-00247); the filled voxels change it only near them.
#include <cstddef>
#include <vector>

#include "embolism/volume_ops.h"

namespace tv {

/// `radius` = distanceInsideMm(closeMm(lumen_before, closingMm)); `lumen` already holds the voxels
/// `added`. Brings `radius` to distanceInsideMm(closeMm(lumen, closingMm)) by recomputing boxes
/// around clusters of added voxels only. Why a box suffices: closing is monotone and a ball closing
/// of radius r changes only voxels within 2r of an added voxel (set C); the distance to the wall
/// grows only at voxels x whose nearest wall voxel lay in C, i.e. within the old radius R(x) of C.
/// The written box is the cluster's bounding box grown by 2r + rho, rho the largest old radius in
/// that box (found by shrinking from the map's maximum until it holds). It is computed on a larger
/// crop (grown by rho + 2r for the distance and 2r for the closing), and each written voxel is
/// checked: its distance in the crop must be shorter than its distance to the part of the crop
/// where the crop's closing may differ from the whole grid's, else its nearest wall could lie
/// outside. Returns false when that check fails or the crops would cover half the grid (then
/// `radius` is partly updated and the caller recomputes the whole map). The phantom tests compare
/// the result with the whole map voxel for voxel (test_artery_levels.cpp).
bool updateRadiusForAddedLumen(Image<float>& radius, const Mask& lumen, const std::vector<std::size_t>& added, double closingMm);

}  // namespace tv
