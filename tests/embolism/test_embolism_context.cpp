// Synthetic tests with exact answers for the candidate context features (candidate_context.h).
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "embolism/candidate_context.h"
#include "test_support.h"

namespace {
tv::ImageGeometry grid(int n, double dz) { return tvtest::grid(n, n, n, 1.0, 1.0, dz); }
}  // namespace

TEST_CASE("solid core: the ball at the centroid sees a clot, not a crescent around lumen", "[embolism][unit]") {
    // 1 x 1 x 2 mm grid, lumen 400 HU. A solid clot (60 HU) of radius 4 mm at (15,15,15); a
    // crescent-free ring (60 HU between 4 and 6 mm from the axis) around lumen at (15,15,5) on
    // slices 3-7: its voxels are as dark, but its centre is lumen.
    const tv::ImageGeometry g = grid(31, 2.0);
    tv::Image<float> hu(g, 400.0f);
    for (int k = 0; k < 31; ++k)
        for (int j = 0; j < 31; ++j)
            for (int i = 0; i < 31; ++i) {
                const double r = std::hypot(i - 15.0, j - 15.0);
                if (std::hypot(r, (k - 15) * 2.0) <= 4.0) hu.at(i, j, k) = 60;
                if (k >= 3 && k <= 7 && r >= 4.0 && r <= 6.0) hu.at(i, j, k) = 60;
            }
    CHECK(tv::solidCoreHu(hu, {15, 15, 15}, 2.0) == Approx(60.0));   // inside the clot
    CHECK(tv::solidCoreHu(hu, {15, 15, 5}, 2.0) == Approx(400.0));   // the ring's centroid: lumen
    // Ball radius 1 mm on this grid: the centre voxel and its 4 in-plane neighbours (z is 2 mm).
    hu.at(15, 15, 15) = 160;
    CHECK(tv::solidCoreHu(hu, {15, 15, 15}, 1.0) == Approx((160.0 + 4 * 60.0) / 5.0));
}

TEST_CASE("under a lung base: lung above in the column and none below", "[embolism][unit]") {
    const tv::ImageGeometry g = grid(10, 1.0);
    tv::Mask lungs(g, 0);
    // Column (2,2): lung on slices 6-9 (a lung base at 6). Column (5,5): lung above and below
    // slice 4 (a hilar artery inside the lung). Column (8,8): no lung.
    for (int k = 6; k < 10; ++k) lungs.at(2, 2, k) = 1;
    lungs.at(5, 5, 8) = 1;
    lungs.at(5, 5, 1) = 1;
    const std::vector<std::size_t> underBase{lungs.offset(2, 2, 3), lungs.offset(2, 2, 5)};
    const std::vector<std::size_t> hilar{lungs.offset(5, 5, 4)};
    const std::vector<std::size_t> mixed{lungs.offset(2, 2, 3), lungs.offset(5, 5, 4), lungs.offset(8, 8, 4), lungs.offset(2, 2, 0)};
    CHECK(tv::underLungBaseShare(underBase, lungs) == Approx(1.0));
    CHECK(tv::underLungBaseShare(hilar, lungs) == Approx(0.0));
    CHECK(tv::underLungBaseShare(mixed, lungs) == Approx(0.5));
}

TEST_CASE("one slice on the heart: a sheet right above the heart mask's top, not a body over it", "[embolism][unit]") {
    const tv::ImageGeometry g = grid(10, 3.0);
    tv::Mask heart(g, 0);
    // The heart mask fills columns i 0-4 up to slice 4 (a planar cut at the valve), columns i 5-9 not.
    for (int k = 0; k <= 4; ++k)
        for (int j = 0; j < 10; ++j)
            for (int i = 0; i < 5; ++i) heart.at(i, j, k) = 1;
    const auto sheet = [&](int k, int i0, int i1) {
        std::vector<std::size_t> v;
        for (int i = i0; i <= i1; ++i) v.push_back(heart.offset(i, 3, k));
        return v;
    };
    CHECK(tv::oneSliceOnHeartShare(sheet(5, 1, 4), heart) == Approx(1.0));   // on the cut
    CHECK(tv::oneSliceOnHeartShare(sheet(5, 3, 6), heart) == Approx(0.5));   // half over the heart
    CHECK(tv::oneSliceOnHeartShare(sheet(6, 1, 4), heart) == Approx(0.0));   // one slice higher: heart not below
    CHECK(tv::oneSliceOnHeartShare(sheet(3, 1, 4), heart) == Approx(0.0));   // inside the heart mask
    std::vector<std::size_t> body = sheet(5, 1, 4);                            // the same sheet and the slice above it:
    for (const std::size_t n : sheet(6, 1, 4)) body.push_back(n);              // a body two slices high
    CHECK(tv::oneSliceOnHeartShare(body, heart) == Approx(0.0));
    CHECK(tv::oneSliceOnHeartShare({}, heart) == Approx(0.0));
}
