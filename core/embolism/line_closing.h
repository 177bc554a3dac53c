#pragma once
// Lumen completion along straight lines: a voxel outside the lumen is "line-closed" when, along
// one of the 13 lattice directions, the lumen lies on both sides of it and the gap between the two
// lumen voxels is between `minGapMm` and `maxGapMm` long. Along a vessel this completes an
// eccentric (wall-adherent) defect, which a ball closing misses because the ball enters the bite
// from outside the vessel: the contrast column resumes beyond both ends of the clot. The minimum
// gap keeps thin walls between touching vessels (crossed over a few millimetres) out.
#include <Eigen/Core>
#include <functional>

#include "embolism/volume_ops.h"

namespace tv {

/// Voxels of `zone` (and not of `lumen`) on a lumen-to-lumen gap of the given length range whose
/// direction (unit vector, mm) `accept(offset, direction)` agrees with (e.g. the local vessel axis).
Mask lineClosedGaps(const Mask& lumen, const Mask& zone, double minGapMm, double maxGapMm,
                    const std::function<bool(std::size_t, const Eigen::Vector3d&)>& accept);

struct LocalVessel {
    Eigen::Vector3d axis = Eigen::Vector3d::UnitZ();  // principal direction of the lumen (unit, mm)
    Eigen::Vector3d centroidMm = Eigen::Vector3d::Zero();  // lumen centroid relative to the voxel (mm)
    double elongation = 1;    // sqrt(largest / second principal variance); 1 when too little lumen
    double maxRadiusMm = 0;   // largest `radius` value of that lumen (the vessel's radius)
    /// Distance (mm) of the voxel from the axis line through the centroid.
    double offAxisMm() const { return (centroidMm - centroidMm.dot(axis) * axis).norm(); }
};

/// The `lumen` voxels within `ballMm` of voxel (i, j, k) summarised as one vessel.
LocalVessel localVessel(const Mask& lumen, const Image<float>& radius, int i, int j, int k, double ballMm);

}  // namespace tv
