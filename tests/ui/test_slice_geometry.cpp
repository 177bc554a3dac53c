// Display axes and orientation letters derived from direction cosines (no display needed).
#include <catch2/catch.hpp>

#include "slice/slice_geometry.h"

using tvui::SliceOrientation;

TEST_CASE("slice axes follow the radiological convention for an LPS-aligned grid", "[ui]") {
    tv::ImageGeometry g;
    g.size = {100, 80, 60};
    const auto ax = tvui::sliceAxesFor(g, SliceOrientation::Axial);
    CHECK(ax.normalAxis == 2);
    CHECK(ax.rightAxis == 0);
    CHECK(ax.rightSign == 1);   // +i = patient left = screen right
    CHECK(ax.upAxis == 1);
    CHECK(ax.upSign == -1);     // +j = posterior = screen down
    CHECK(tvui::orientationLetters(ax.rightLps) == "L");
    CHECK(tvui::orientationLetters(ax.upLps) == "A");
    const auto co = tvui::sliceAxesFor(g, SliceOrientation::Coronal);
    CHECK(co.normalAxis == 1);
    CHECK(co.upAxis == 2);
    CHECK(co.upSign == 1);      // superior at the top
    CHECK(tvui::orientationLetters(co.upLps) == "S");
    const auto sa = tvui::sliceAxesFor(g, SliceOrientation::Sagittal);
    CHECK(sa.normalAxis == 0);
    CHECK(tvui::orientationLetters(sa.rightLps) == "P");
    CHECK(tvui::orientationLetters(-sa.rightLps) == "A");
}

TEST_CASE("slice axes flip with flipped direction cosines (e.g. NIfTI RAS storage)", "[ui]") {
    tv::ImageGeometry g;
    g.size = {10, 10, 10};
    g.direction = Eigen::Vector3d(-1, -1, 1).asDiagonal();
    const auto ax = tvui::sliceAxesFor(g, SliceOrientation::Axial);
    CHECK(ax.rightAxis == 0);
    CHECK(ax.rightSign == -1);
    CHECK(ax.upSign == 1);
    CHECK(tvui::orientationLetters(ax.rightLps) == "L");
    // Image point (u,v) round-trips through voxel indices.
    const Eigen::Vector3d ijk = tvui::sliceImageToVoxel(g, ax, 2.0, 3.0, 4);
    CHECK(ijk.x() == Approx(7.0));
    const Eigen::Vector3d back = tvui::voxelToSliceImage(g, ax, ijk);
    CHECK(back.x() == Approx(2.0));
    CHECK(back.y() == Approx(3.0));
    CHECK(back.z() == Approx(4.0));
}

TEST_CASE("oblique direction cosines give two-letter edge labels", "[ui]") {
    const double c = std::cos(0.6), s = std::sin(0.6);
    CHECK(tvui::orientationLetters(Eigen::Vector3d(c, -s, 0)) == "LA");
    CHECK(tvui::orientationLetters(Eigen::Vector3d(0, 0, -1)) == "I");
}
