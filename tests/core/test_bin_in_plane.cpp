// binInPlane: block means with exact answers, partial edge blocks, and the clipping ceiling.
#include <catch2/catch.hpp>

#include "image/bin_in_plane.h"

TEST_CASE("binInPlane averages step x step blocks per slice, edges and ceiling included", "[core][image]") {
    tv::ImageGeometry g;
    g.size = {5, 4, 2};
    g.spacing = {0.5, 0.75, 2.0};
    tv::Image<std::int16_t> img(g, 0);
    for (int k = 0; k < 2; ++k)
        for (int j = 0; j < 4; ++j)
            for (int i = 0; i < 5; ++i) img.at(i, j, k) = static_cast<std::int16_t>(100 * k + 10 * j + i);
    const auto b = tv::binInPlane(img, 2);
    REQUIRE(b.nx() == 3);
    REQUIRE(b.ny() == 2);
    REQUIRE(b.nz() == 2);
    CHECK(b.geometry().spacing[0] == 1.0);
    CHECK(b.geometry().spacing[1] == 1.5);
    CHECK(b.geometry().spacing[2] == 2.0);
    CHECK(b.at(0, 0, 0) == (0 + 1 + 10 + 11) / 4);       // 5 (integer mean)
    CHECK(b.at(1, 1, 0) == (22 + 23 + 32 + 33) / 4);     // 27
    CHECK(b.at(2, 0, 0) == (4 + 14) / 2);                // partial block at the far i edge: 9
    CHECK(b.at(2, 1, 1) == (124 + 134) / 2);             // 129
    // Ceiling: values above it count as the ceiling.
    const auto c = tv::binInPlane(img, 2, 20);
    CHECK(c.at(1, 1, 0) == 20);
    CHECK(c.at(0, 1, 0) == (20 + 20 + 20 + 20) / 4);
    CHECK(c.at(0, 0, 0) == 5);
    CHECK(c.at(0, 0, 1) == 20);
}
