#pragma once
// Checks on real series shared by the real-data tests: HU of air, and voxel-by-voxel agreement
// with an independent converter (dcm2niix), matched through patient coordinates so that differing
// voxel orders and flips do not matter.
#include <filesystem>
#include <optional>

#include "image/image.h"

namespace tvtest {

/// Median HU of four 24x24 corner squares of slice `k` (outside the body in a chest CT).
double cornerMedianHu(const tv::CtVolume& ct, int k);

struct Agreement {
    std::size_t compared = 0;  // voxels whose centre falls on a dcm2niix voxel centre
    std::size_t differing = 0;
    int maxAbsDifference = 0;
};

/// Converts `dicomDir` with dcm2niix into `scratch` and compares every voxel of `ct` with the voxel
/// of dcm2niix's volume at the same patient position (within 0.01 voxel). Empty when dcm2niix is
/// not installed or produced no single volume.
std::optional<Agreement> compareWithDcm2niix(const tv::CtVolume& ct, const std::filesystem::path& dicomDir,
                                             const std::filesystem::path& scratch);

}  // namespace tvtest
