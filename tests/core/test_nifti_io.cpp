#include <catch2/catch.hpp>

#include <fstream>

#include "io/nifti_io.h"
#include "test_support.h"

namespace {
tv::ImageGeometry obliqueGrid() {
    tv::ImageGeometry g;
    g.size = {7, 6, 5};
    g.spacing = {0.7, 0.8, 2.5};
    g.origin = {-120.5, 30.25, -300.0};
    g.direction = Eigen::AngleAxisd(0.2, Eigen::Vector3d::UnitZ()).toRotationMatrix();
    return g;
}
}  // namespace

TEST_CASE("NIfTI CT volume round-trips values and LPS geometry", "[core][nifti]") {
    const auto dir = tvtest::scratchDir("nifti_roundtrip");
    tv::CtVolume ct;
    ct.hu = tv::Image<std::int16_t>(obliqueGrid());
    for (std::size_t n = 0; n < ct.hu.voxelCount(); ++n) ct.hu[n] = static_cast<std::int16_t>(-1024 + 7 * n);
    tv::writeNifti(ct, dir / "ct.nii.gz");
    const tv::CtVolume back = tv::readNiftiCt(dir / "ct.nii.gz");
    REQUIRE(back.hu.size() == ct.hu.size());
    CHECK(back.hu.voxels() == ct.hu.voxels());
    CHECK(back.geometry().sameGrid(ct.geometry(), 1e-4));
}

TEST_CASE("NIfTI label map round-trips and is checked against the CT grid", "[core][nifti]") {
    const auto dir = tvtest::scratchDir("nifti_labels");
    tv::LabelMap labels(obliqueGrid(), 0);
    labels.at(3, 2, 1) = 5;
    tv::writeNifti(labels, dir / "labels.nii");
    const tv::LabelMap back = tv::readNiftiLabelsOnGrid(dir / "labels.nii", obliqueGrid());
    CHECK(back.at(3, 2, 1) == 5);
    tv::ImageGeometry other = obliqueGrid();
    other.origin.x() += 5.0;
    CHECK_THROWS_AS(tv::readNiftiLabelsOnGrid(dir / "labels.nii", other), tv::InconsistentSeriesError);
}

TEST_CASE("corrupt and missing NIfTI files give errors naming the file", "[core][nifti]") {
    const auto dir = tvtest::scratchDir("nifti_bad");
    {
        std::ofstream f(dir / "garbage.nii", std::ios::binary);
        f << "this is not a nifti header";
    }
    try {
        tv::readNiftiCt(dir / "garbage.nii");
        FAIL("expected an error");
    } catch (const tv::UnreadableFileError& e) {
        CHECK_THAT(e.what(), Catch::Contains("garbage.nii"));
    }
    CHECK_THROWS_AS(tv::readNiftiCt(dir / "absent.nii.gz"), tv::UnreadableFileError);
}

TEST_CASE("pa-crop reference CT and mask load on the same LPS grid", "[core][nifti][realdata]") {
    const auto dir = tvtest::requireSharedData("pa-crop");
    const tv::CtVolume ct = tv::readNiftiCt(dir / "ct_cropped.nii.gz");
    CHECK(ct.hu.size() == tv::Index3{122, 102, 112});
    CHECK(ct.geometry().spacing.x() == Approx(1.5).margin(0.01));
    const tv::LabelMap pa = tv::readNiftiLabelsOnGrid(dir / "pulmonary_artery.nii.gz", ct.geometry());
    double sum = 0;
    std::size_t n = 0;
    for (std::size_t v = 0; v < pa.voxelCount(); ++v)
        if (pa[v]) { sum += ct.hu[v]; ++n; }
    REQUIRE(n > 1000);
    // README of the data: mean HU in the pulmonary artery about 537.
    CHECK(sum / n == Approx(537).margin(30));
}
