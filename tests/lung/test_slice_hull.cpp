// Per-slice convex hull (core/lung/slice_hull.*): exact pixel counts on small shapes.
#include <catch2/catch.hpp>

#include <cstdint>
#include <numeric>
#include <vector>

#include "lung/slice_hull.h"

namespace {

std::size_t setPixels(const std::vector<std::uint8_t>& s) { return std::accumulate(s.begin(), s.end(), std::size_t{0}); }

}  // namespace

TEST_CASE("slice hull: a dent in a square's edge is filled, nothing outside is set", "[lung][hull]") {
    const int nx = 20, ny = 20;
    std::vector<std::uint8_t> s(nx * ny, 0);
    for (int j = 5; j < 15; ++j)
        for (int i = 5; i < 15; ++i) s[j * nx + i] = !(j < 9 && i >= 8 && i < 12);  // 4 x 4 notch from the top edge
    REQUIRE(setPixels(s) == 100 - 16);
    tv::convexHullSlice(s.data(), nx, ny);
    CHECK(setPixels(s) == 100);
    for (int j = 0; j < ny; ++j)
        for (int i = 0; i < nx; ++i) CHECK(s[j * nx + i] == (i >= 5 && i < 15 && j >= 5 && j < 15 ? 1 : 0));
}

TEST_CASE("slice hull: three corner pixels give the exact triangle", "[lung][hull]") {
    const int nx = 16, ny = 16;
    std::vector<std::uint8_t> s(nx * ny, 0);
    s[0] = s[10] = s[10 * nx] = 1;  // (0,0), (10,0), (0,10)
    tv::convexHullSlice(s.data(), nx, ny);
    // Pixel centres with i + j <= 10, i, j >= 0: 11 + 10 + ... + 1 = 66 (edges included).
    CHECK(setPixels(s) == 66);
    for (int j = 0; j < ny; ++j)
        for (int i = 0; i < nx; ++i) CHECK(s[j * nx + i] == (i + j <= 10 ? 1 : 0));
}

TEST_CASE("slice hull: an empty slice and a single pixel stay as they are", "[lung][hull]") {
    std::vector<std::uint8_t> s(64, 0);
    tv::convexHullSlice(s.data(), 8, 8);
    CHECK(setPixels(s) == 0);
    s[3 * 8 + 4] = 1;
    tv::convexHullSlice(s.data(), 8, 8);
    CHECK(setPixels(s) == 1);
}

TEST_CASE("slice hull: two pixels give the segment between them", "[lung][hull]") {
    const int nx = 12, ny = 12;
    std::vector<std::uint8_t> row(nx * ny, 0), column(nx * ny, 0);
    row[3 * nx + 2] = row[3 * nx + 9] = 1;            // one row, a gap of 6 pixels
    column[2 * nx + 5] = column[7 * nx + 5] = 1;      // one column, rows 2 and 7
    tv::convexHullSlice(row.data(), nx, ny);
    tv::convexHullSlice(column.data(), nx, ny);
    for (int j = 0; j < ny; ++j)
        for (int i = 0; i < nx; ++i) {
            CHECK(row[j * nx + i] == (j == 3 && i >= 2 && i <= 9 ? 1 : 0));
            CHECK(column[j * nx + i] == (i == 5 && j >= 2 && j <= 7 ? 1 : 0));
        }
}
