#pragma once
// Hessian of a (smoothed) image at one voxel by central finite differences, in intensity per mm^2,
// from the voxel spacing. The caller keeps (i, j, k) at least one voxel inside the grid. Used by
// the fissure (plate) filter and the vesselness (tube) filter of the lung analysis.
#include <Eigen/Core>

#include "image/image.h"

namespace tv {

template <typename T>
Eigen::Matrix3d hessianAt(const Image<T>& img, int i, int j, int k) {
    const auto& sp = img.geometry().spacing;
    auto H = [&](int di, int dj, int dk) { return static_cast<double>(img.at(i + di, j + dj, k + dk)); };
    const double h0 = H(0, 0, 0);
    Eigen::Matrix3d hm;
    hm(0, 0) = (H(1, 0, 0) - 2 * h0 + H(-1, 0, 0)) / (sp[0] * sp[0]);
    hm(1, 1) = (H(0, 1, 0) - 2 * h0 + H(0, -1, 0)) / (sp[1] * sp[1]);
    hm(2, 2) = (H(0, 0, 1) - 2 * h0 + H(0, 0, -1)) / (sp[2] * sp[2]);
    hm(0, 1) = hm(1, 0) = (H(1, 1, 0) - H(1, -1, 0) - H(-1, 1, 0) + H(-1, -1, 0)) / (4 * sp[0] * sp[1]);
    hm(0, 2) = hm(2, 0) = (H(1, 0, 1) - H(1, 0, -1) - H(-1, 0, 1) + H(-1, 0, -1)) / (4 * sp[0] * sp[2]);
    hm(1, 2) = hm(2, 1) = (H(0, 1, 1) - H(0, 1, -1) - H(0, -1, 1) + H(0, -1, -1)) / (4 * sp[1] * sp[2]);
    return hm;
}

}  // namespace tv
