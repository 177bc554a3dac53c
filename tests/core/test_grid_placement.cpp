#include <catch2/catch.hpp>

#include <cmath>

#include "image/grid_placement.h"
#include "io/nifti_io.h"
#include "test_support.h"

namespace {
// A grid with flipped i and j axes (as DICOM LPS from a RAS NIfTI) and anisotropic spacing.
tv::ImageGeometry volumeGrid() {
    tv::ImageGeometry g;
    g.size = {6, 5, 4};
    g.spacing = {0.5, 0.75, 2.0};
    g.origin = {10.0, -20.0, 100.0};
    g.direction = Eigen::Vector3d(-1.0, -1.0, 1.0).asDiagonal();
    return g;
}

// A label map on the same lattice whose voxel (0,0,0) sits at volume index `at`; voxel values
// encode their own source index so every copied voxel can be checked.
tv::LabelMap mapAt(const tv::Index3& at, const tv::Index3& size) {
    tv::ImageGeometry g = volumeGrid();
    g.size = size;
    g.origin = volumeGrid().voxelToPatient(Eigen::Vector3d(at[0], at[1], at[2]));
    tv::LabelMap m(g, 0);
    for (int k = 0; k < size[2]; ++k)
        for (int j = 0; j < size[1]; ++j)
            for (int i = 0; i < size[0]; ++i) m.at(i, j, k) = static_cast<std::uint8_t>(1 + i + 10 * j + 50 * k);
    return m;
}

void checkPlacement(const tv::Index3& at, const tv::Index3& size) {
    const tv::LabelMap src = mapAt(at, size);
    const auto offset = tv::wholeVoxelOffset(src.geometry(), volumeGrid());
    REQUIRE(offset);
    CHECK(*offset == at);
    const tv::LabelMap placed = tv::placeOnGrid(src, volumeGrid(), *offset);
    REQUIRE(placed.geometry().sameGrid(volumeGrid(), 0.0));
    std::size_t copied = 0;
    for (int k = 0; k < 4; ++k)
        for (int j = 0; j < 5; ++j)
            for (int i = 0; i < 6; ++i) {
                const int si = i - at[0], sj = j - at[1], sk = k - at[2];
                const bool inside = src.geometry().contains(si, sj, sk);
                const std::uint8_t expected = inside ? src.at(si, sj, sk) : 0;
                CHECK(placed.at(i, j, k) == expected);
                copied += inside ? 1 : 0;
            }
    CHECK(copied > 0);
}
}  // namespace

TEST_CASE("Grid placement: positive offset, mask inside the volume", "[core][grid]") {
    checkPlacement({1, 2, 1}, {3, 2, 2});
}

TEST_CASE("Grid placement: negative offset, bigger mask is cropped", "[core][grid]") {
    checkPlacement({-3, -1, -2}, {12, 9, 9});
}

TEST_CASE("Grid placement: partial overlap is padded with background", "[core][grid]") {
    checkPlacement({4, -3, 2}, {5, 4, 5});
    const tv::LabelMap src = mapAt({4, -3, 2}, {5, 4, 5});
    const tv::LabelMap placed = tv::placeOnGrid(src, volumeGrid(), {4, -3, 2});
    CHECK(placed.at(5, 0, 3) == src.at(1, 3, 1));  // an exact voxel of the overlap
    CHECK(placed.at(3, 0, 3) == 0);                 // left of the mask
}

TEST_CASE("Grid placement: no overlap and off-lattice grids are refused", "[core][grid]") {
    const tv::LabelMap apart = mapAt({6, 0, 0}, {2, 2, 2});  // starts just past the last column
    const auto offset = tv::wholeVoxelOffset(apart.geometry(), volumeGrid());
    REQUIRE(offset);
    CHECK_THROWS_AS(tv::placeOnGrid(apart, volumeGrid(), *offset), tv::InvalidArgumentError);

    tv::ImageGeometry half = mapAt({1, 1, 1}, {2, 2, 2}).geometry();
    half.origin.x() += 0.25;  // half a voxel along i
    CHECK_FALSE(tv::wholeVoxelOffset(half, volumeGrid()));
    tv::ImageGeometry nearly = mapAt({1, 1, 1}, {2, 2, 2}).geometry();
    nearly.origin.z() += 0.5 * tv::kGridOriginToleranceMm;  // float32 rounding of a NIfTI origin
    CHECK(tv::wholeVoxelOffset(nearly, volumeGrid()) == tv::Index3{1, 1, 1});
    nearly.origin.z() += 1.0 * tv::kGridOriginToleranceMm;  // now 1.5x the tolerance
    CHECK_FALSE(tv::wholeVoxelOffset(nearly, volumeGrid()));
    tv::ImageGeometry spacing = mapAt({0, 0, 0}, {2, 2, 2}).geometry();
    spacing.spacing.x() = 0.6;
    CHECK_FALSE(tv::wholeVoxelOffset(spacing, volumeGrid()));
    tv::ImageGeometry turned = mapAt({0, 0, 0}, {2, 2, 2}).geometry();
    turned.direction = Eigen::Matrix3d::Identity();
    CHECK_FALSE(tv::wholeVoxelOffset(turned, volumeGrid()));
}

TEST_CASE("NIfTI mask on another crop of the lattice is re-placed, others refused", "[core][grid][nifti]") {
    const auto dir = tvtest::scratchDir("grid_placement_nifti");
    tv::writeNifti(mapAt({-2, 1, 1}, {5, 3, 2}), dir / "crop.nii.gz");
    const tv::PlacedLabels p = tv::readNiftiLabelsPlacedOnGrid(dir / "crop.nii.gz", volumeGrid());
    CHECK(p.replaced);
    CHECK(p.offsetVoxels == tv::Index3{-2, 1, 1});
    CHECK(p.labels.at(0, 1, 1) == 1 + 2);
    tv::ImageGeometry shifted = volumeGrid();
    shifted.origin.z() += 1.0;  // half a slice
    CHECK_THROWS_AS(tv::readNiftiLabelsPlacedOnGrid(dir / "crop.nii.gz", shifted), tv::InconsistentSeriesError);
    tv::writeNifti(mapAt({0, 7, 0}, {2, 2, 2}), dir / "apart.nii.gz");
    CHECK_THROWS_AS(tv::readNiftiLabelsPlacedOnGrid(dir / "apart.nii.gz", volumeGrid()), tv::InconsistentSeriesError);
}

TEST_CASE("pa-crop: heart.nii.gz (bigger crop) over ct_cropped keeps its labels at patient points", "[core][grid][realdata]") {
    const auto dir = tvtest::requireSharedData("pa-crop");
    const tv::CtVolume ct = tv::readNiftiCt(dir / "ct_cropped.nii.gz");
    const tv::LabelMap original = tv::readNiftiLabels(dir / "heart.nii.gz");
    const tv::PlacedLabels p = tv::readNiftiLabelsPlacedOnGrid(dir / "heart.nii.gz", ct.geometry());
    REQUIRE(p.replaced);
    INFO("offset " << p.offsetVoxels[0] << " " << p.offsetVoxels[1] << " " << p.offsetVoxels[2]);
    // Every voxel of the volume: the label at its patient point in the original file. The
    // original index must come out integral (same lattice) within float32 rounding of the origins.
    std::size_t heart = 0, compared = 0;
    for (int k = 0; k < ct.hu.nz(); ++k)
        for (int j = 0; j < ct.hu.ny(); ++j)
            for (int i = 0; i < ct.hu.nx(); ++i) {
                const Eigen::Vector3d lps = ct.geometry().voxelToPatient(Eigen::Vector3d(i, j, k));
                const Eigen::Vector3d src = original.geometry().patientToVoxel(lps);
                const Eigen::Vector3d rounded = src.array().round();
                REQUIRE((src - rounded).cwiseAbs().maxCoeff() < 1e-3);
                const int si = static_cast<int>(rounded.x()), sj = static_cast<int>(rounded.y()),
                          sk = static_cast<int>(rounded.z());
                const std::uint8_t expected = original.geometry().contains(si, sj, sk) ? original.at(si, sj, sk) : 0;
                if (p.labels.at(i, j, k) != expected) FAIL("voxel " << i << " " << j << " " << k);
                heart += expected != 0 ? 1 : 0;
                ++compared;
            }
    CHECK(compared == ct.hu.voxelCount());
    CHECK(heart > 1000);  // the crop does hold part of the heart: the check above compared real labels
}
