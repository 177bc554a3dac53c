// resampleToViewport draws the composed slice at view size on the CPU, as a linearly filtered,
// edge-clamped texture on the voxels' quad would: exact answers on tiny images.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "slice/viewport_resample.h"

namespace {
std::uint8_t red(const std::vector<std::uint8_t>& out, int w, int x, int y) { return out[(static_cast<std::size_t>(y) * w + x) * 4]; }
}  // namespace

TEST_CASE("viewport resampling: 1:1 copies voxels, black off the image, rows bottom-up", "[ui]") {
    // 3 x 2 image, spacing 1 mm; red = 10 * (i + 1) + 100 * j.
    std::vector<std::uint8_t> rgb;
    for (int j = 0; j < 2; ++j)
        for (int i = 0; i < 3; ++i) rgb.insert(rgb.end(), {static_cast<std::uint8_t>(10 * (i + 1) + 100 * j), 7, 200});
    // 5 x 4 view at 1 mm per pixel centred on scene (1, 0.5): pixel column x is centred on scene
    // x - 1, so column 1 shows voxel column 0 and columns 0 and 4 lie off the image.
    tvui::ViewportMapping m{5, 4, 1.0, 0.5, 1.0};
    std::vector<std::uint8_t> out;
    tvui::resampleToViewport(rgb.data(), 3, 2, 1.0, 1.0, m, out);
    REQUIRE(out.size() == 5u * 4u * 4u);
    // Rows: pixel row y centre at scene 0.5 + (y + 0.5 - 2) = y - 1: rows 1, 2 are voxel rows 0, 1.
    CHECK(red(out, 5, 1, 1) == 10);
    CHECK(red(out, 5, 2, 1) == 20);
    CHECK(red(out, 5, 3, 1) == 30);
    CHECK(red(out, 5, 1, 2) == 110);
    CHECK(red(out, 5, 3, 2) == 130);
    CHECK(out[(1 * 5 + 2) * 4 + 1] == 7);
    CHECK(out[(1 * 5 + 2) * 4 + 2] == 200);
    CHECK(out[(1 * 5 + 2) * 4 + 3] == 255);
    // Off the image: black, opaque.
    CHECK(red(out, 5, 0, 1) == 0);
    CHECK(red(out, 5, 4, 1) == 0);
    CHECK(red(out, 5, 2, 0) == 0);
    CHECK(red(out, 5, 2, 3) == 0);
    CHECK(out[3] == 255);
}

TEST_CASE("viewport resampling: magnified pixels interpolate linearly and clamp at the edge", "[ui]") {
    // Two voxels (red 0 and 200), 1 mm; view 8 x 1 pixels at 0.25 mm per pixel centred on 0.5 mm.
    const std::vector<std::uint8_t> rgb = {0, 0, 0, 200, 0, 0};
    tvui::ViewportMapping m{8, 1, 0.5, 0.0, 0.25};
    std::vector<std::uint8_t> out;
    tvui::resampleToViewport(rgb.data(), 2, 1, 1.0, 1.0, m, out);
    // Pixel centres at scene -0.375, -0.125, 0.125, ..., 1.375 mm.
    CHECK(red(out, 8, 0, 0) == 0);    // left half voxel: clamped to voxel 0
    CHECK(red(out, 8, 1, 0) == 0);
    CHECK(red(out, 8, 2, 0) == 25);   // 0.125 of the way: 200 * 0.125
    CHECK(red(out, 8, 3, 0) == 75);
    CHECK(red(out, 8, 4, 0) == 125);
    CHECK(red(out, 8, 5, 0) == 175);
    CHECK(red(out, 8, 6, 0) == 200);  // right half voxel: clamped to voxel 1
    CHECK(red(out, 8, 7, 0) == 200);
}
