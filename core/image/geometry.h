#pragma once
// Voxel grid geometry in the DICOM patient frame (LPS: +x to the patient's Left, +y Posterior,
// +z Superior; millimetres). This is the one place where voxel indices and patient coordinates are
// related; everything else calls voxelToPatient / patientToVoxel.
#include <Eigen/Geometry>
#include <array>
#include <cstddef>
#include <cstdint>

namespace tv {

using Index3 = std::array<int, 3>;  // (i, j, k) = (column, row, slice)

struct ImageGeometry {
    Index3 size{0, 0, 0};                              // voxels along i, j, k
    Eigen::Vector3d spacing{1.0, 1.0, 1.0};             // mm between voxel centres along i, j, k
    Eigen::Vector3d origin{0.0, 0.0, 0.0};              // LPS mm of voxel (0,0,0)'s centre
    Eigen::Matrix3d direction = Eigen::Matrix3d::Identity();  // columns: unit LPS directions of i, j, k

    std::size_t voxelCount() const {
        return static_cast<std::size_t>(size[0]) * static_cast<std::size_t>(size[1]) *
               static_cast<std::size_t>(size[2]);
    }
    double voxelVolumeMm3() const { return spacing.prod(); }

    /// Continuous voxel index (i, j, k) -> patient LPS millimetres.
    Eigen::Affine3d voxelToPatient() const;
    /// Patient LPS millimetres -> continuous voxel index.
    Eigen::Affine3d patientToVoxel() const;

    Eigen::Vector3d voxelToPatient(const Eigen::Vector3d& ijk) const { return voxelToPatient() * ijk; }
    Eigen::Vector3d patientToVoxel(const Eigen::Vector3d& lps) const { return patientToVoxel() * lps; }

    bool contains(int i, int j, int k) const {
        return i >= 0 && j >= 0 && k >= 0 && i < size[0] && j < size[1] && k < size[2];
    }
    /// Same size, and spacing/origin/direction equal within `toleranceMm` / 1e-4.
    bool sameGrid(const ImageGeometry& other, double toleranceMm = 1e-3) const;
};

}  // namespace tv
