#include <catch2/catch.hpp>

#include "image/geometry.h"
#include "image/image.h"


TEST_CASE("voxelToPatient applies spacing, direction and origin", "[core][geometry]") {
    tv::ImageGeometry g;
    g.size = {10, 20, 30};
    g.spacing = {0.5, 0.75, 3.0};
    g.origin = {-100.0, 50.0, 200.0};
    // rows run towards -y (anterior), slices towards -z (inferior): a realistic flipped layout
    g.direction << 1, 0, 0, 0, -1, 0, 0, 0, -1;
    const Eigen::Vector3d p = g.voxelToPatient(Eigen::Vector3d(2, 4, 10));
    CHECK(p.x() == Approx(-100.0 + 2 * 0.5));
    CHECK(p.y() == Approx(50.0 - 4 * 0.75));
    CHECK(p.z() == Approx(200.0 - 10 * 3.0));
    const Eigen::Vector3d back = g.patientToVoxel(p);
    CHECK(back.x() == Approx(2.0));
    CHECK(back.y() == Approx(4.0));
    CHECK(back.z() == Approx(10.0));
}

TEST_CASE("oblique direction cosines round-trip exactly", "[core][geometry]") {
    tv::ImageGeometry g;
    g.size = {4, 4, 4};
    g.spacing = {1.0, 2.0, 3.0};
    g.direction = Eigen::AngleAxisd(0.3, Eigen::Vector3d(1, 1, 0).normalized()).toRotationMatrix();
    g.origin = {1, 2, 3};
    const Eigen::Vector3d ijk(1.5, 2.25, 3.75);
    CHECK((g.patientToVoxel(g.voxelToPatient(ijk)) - ijk).norm() < 1e-12);
    // Moving one voxel along k moves spacing[2] mm along the third direction column.
    const Eigen::Vector3d step = g.voxelToPatient(Eigen::Vector3d(0, 0, 1)) - g.voxelToPatient(Eigen::Vector3d(0, 0, 0));
    CHECK((step - 3.0 * g.direction.col(2)).norm() < 1e-12);
}

TEST_CASE("image indexing is i fastest, then j, then k", "[core][image]") {
    tv::ImageGeometry g;
    g.size = {3, 4, 5};
    tv::Image<std::int16_t> img(g, -1000);
    CHECK(img.voxelCount() == 60);
    img.at(2, 1, 3) = 42;
    CHECK(img[3 * 12 + 1 * 3 + 2] == 42);
    CHECK(img.slice(3)[1 * 3 + 2] == 42);
    CHECK(img.byteSize() == 120);
    tv::ImageGeometry wrong = g;
    wrong.size = {3, 4, 6};
    CHECK_THROWS_AS(img.setGeometry(wrong), tv::InvalidArgumentError);
}
