// The phantom travels as NIfTI (the viewer's "load mask", the analyze command's inputs): the CT and
// the truth maps must survive a write/read round trip unchanged, on the same grid.
#include <catch2/catch.hpp>

#include "io/nifti_io.h"
#include "phantom/chest_phantom.h"
#include "test_support.h"

TEST_CASE("phantom CT and truth round-trip through NIfTI unchanged", "[phantom][nifti]") {
    tv::ChestPhantomParams params;
    params.size = {128, 128, 48};
    params.spacing = {2.8, 2.8, 6.0};
    const tv::ChestPhantom ph = tv::makeChestPhantom(params);
    const auto dir = tvtest::scratchDir("phantom_nifti");
    tv::writeNifti(ph.ct, dir / "ct.nii");
    tv::writeNifti(ph.truth, dir / "truth.nii");
    tv::writeNifti(ph.lungs, dir / "lungs.nii.gz");
    tv::writeNifti(ph.lobes, dir / "lobes.nii.gz");

    const tv::CtVolume ct = tv::readNiftiCt(dir / "ct.nii");
    REQUIRE(ct.geometry().sameGrid(ph.ct.geometry(), 1e-4));
    CHECK(ct.hu.voxels() == ph.ct.hu.voxels());
    const tv::LabelMap truth = tv::readNiftiLabelsOnGrid(dir / "truth.nii", ph.ct.geometry());
    CHECK(truth.voxels() == ph.truth.voxels());
    const tv::LabelMap lungs = tv::readNiftiLabelsOnGrid(dir / "lungs.nii.gz", ph.ct.geometry());
    CHECK(lungs.voxels() == ph.lungs.voxels());
    const tv::LabelMap lobes = tv::readNiftiLabelsOnGrid(dir / "lobes.nii.gz", ph.ct.geometry());
    CHECK(lobes.voxels() == ph.lobes.voxels());
}
