#pragma once
// Which voxel axes a slice view shows, derived from the grid's direction cosines, and the
// orientation letters (R/L, A/P, S/I) of the screen edges. Screen axes are always voxel axes
// (possibly flipped), chosen as the ones closest to the radiological display convention:
//   axial:    screen right = patient left (L), screen up = anterior (A), viewed from the feet
//   coronal:  screen right = patient left (L), screen up = superior (S), viewed from the front
//   sagittal: screen right = posterior (P),    screen up = superior (S), viewed from the left
// so slices show exact voxels; for oblique acquisitions the letters show the true obliquity.
#include <Eigen/Core>
#include <QString>

#include "image/geometry.h"

namespace tvui {

enum class SliceOrientation { Axial, Coronal, Sagittal };

QString orientationName(SliceOrientation o);

struct SliceAxes {
    int rightAxis = 0, upAxis = 1, normalAxis = 2;  // voxel axes (0=i, 1=j, 2=k)
    int rightSign = 1, upSign = 1, normalSign = 1;   // +1: increasing index goes right/up/forward
    Eigen::Vector3d rightLps, upLps, normalLps;      // true patient directions of those screen axes
};

SliceAxes sliceAxesFor(const tv::ImageGeometry& g, SliceOrientation o);

/// Letters of a patient direction: dominant first, components above 0.3 included ("L", "LA").
QString orientationLetters(const Eigen::Vector3d& lpsDirection);

/// Continuous voxel index of the 2-D slice-image point (u, v) (u along screen right, v up, in
/// voxels from the image's lower-left pixel) on slice `sliceIndex` along the normal axis.
Eigen::Vector3d sliceImageToVoxel(const tv::ImageGeometry& g, const SliceAxes& a, double u, double v, int sliceIndex);
/// Inverse: voxel index -> (u, v, slice) in the same terms.
Eigen::Vector3d voxelToSliceImage(const tv::ImageGeometry& g, const SliceAxes& a, const Eigen::Vector3d& ijk);

}  // namespace tvui
