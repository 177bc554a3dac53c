#include "image/geometry.h"

namespace tv {

Eigen::Affine3d ImageGeometry::voxelToPatient() const {
    Eigen::Affine3d t = Eigen::Affine3d::Identity();
    t.linear() = direction * spacing.asDiagonal();
    t.translation() = origin;
    return t;
}

Eigen::Affine3d ImageGeometry::patientToVoxel() const { return voxelToPatient().inverse(); }

bool ImageGeometry::sameGrid(const ImageGeometry& other, double toleranceMm) const {
    return size == other.size && (spacing - other.spacing).cwiseAbs().maxCoeff() <= toleranceMm &&
           (origin - other.origin).cwiseAbs().maxCoeff() <= toleranceMm &&
           (direction - other.direction).cwiseAbs().maxCoeff() <= 1e-4;
}

}  // namespace tv
