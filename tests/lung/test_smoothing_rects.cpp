// Gaussian smoothing restricted to rectangles (gaussianSmoothRects, used by the vesselness and
// nodule-blob cascades): every computed pixel must equal a brute-force evaluation of the same
// separable sums to the bit, so restricting the work can never change the analysis' output.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "lung/scale_cascade.h"
#include "lung/smoothing.h"

namespace {

tv::Image<std::int16_t> noisyBlock(int nx, int ny, int nz, std::array<double, 3> spacing, unsigned seed) {
    tv::ImageGeometry g;
    g.size = {nx, ny, nz};
    g.spacing = {spacing[0], spacing[1], spacing[2]};
    tv::Image<std::int16_t> img(g, 0);
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> hu(-1000, 400);
    for (auto& v : img.voxels()) v = static_cast<std::int16_t>(hu(rng));
    return img;
}

// The documented kernel: exp(-t^2 / 2 sigma^2) as float, truncated at 3 sigma, normalised by the
// double sum of the float weights.
std::vector<float> referenceKernel(double sigmaVox) {
    const int r = static_cast<int>(std::ceil(3.0 * sigmaVox));
    std::vector<float> w(2 * r + 1);
    double sum = 0;
    for (int t = -r; t <= r; ++t) {
        w[t + r] = static_cast<float>(std::exp(-0.5 * t * t / (sigmaVox * sigmaVox)));
        sum += w[t + r];
    }
    for (auto& x : w) x = static_cast<float>(x / sum);
    return w;
}

// One output voxel by brute force: z sums, then x sums of them, then the y sum, each in float with
// the weights in ascending order and edges clamped; rounded half away from zero.
std::int16_t referenceVoxel(const tv::Image<std::int16_t>& img, double sigmaMm, int i, int j, int k) {
    const auto& sp = img.geometry().spacing;
    const auto kx = referenceKernel(sigmaMm / sp[0]), ky = referenceKernel(sigmaMm / sp[1]), kz = referenceKernel(sigmaMm / sp[2]);
    const int rx = static_cast<int>(kx.size() / 2), ry = static_cast<int>(ky.size() / 2), rz = static_cast<int>(kz.size() / 2);
    auto cl = [](int v, int n) { return std::clamp(v, 0, n - 1); };
    float y = 0.f;
    for (int ty = -ry; ty <= ry; ++ty) {
        const int jj = cl(j + ty, img.ny());
        float x = 0.f;
        for (int tx = -rx; tx <= rx; ++tx) {
            const int ii = cl(i + tx, img.nx());
            float z = 0.f;
            for (int tz = -rz; tz <= rz; ++tz) z += kz[tz + rz] * static_cast<float>(img.at(ii, jj, cl(k + tz, img.nz())));
            x += kx[tx + rx] * z;
        }
        y += ky[ty + ry] * x;
    }
    return static_cast<std::int16_t>(std::lround(static_cast<double>(y)));
}

}  // namespace

TEST_CASE("gaussianSmooth equals the brute-force separable sums to the bit", "[lung][smoothing]") {
    const auto img = noisyBlock(23, 19, 9, {0.75, 0.75, 2.0}, 3);
    for (double sigma : {0.83, 2.0}) {
        const auto sm = tv::gaussianSmooth(img, sigma);
        std::size_t differ = 0;
        for (int k = 0; k < img.nz(); ++k)
            for (int j = 0; j < img.ny(); ++j)
                for (int i = 0; i < img.nx(); ++i) differ += sm.at(i, j, k) != referenceVoxel(img, sigma, i, j, k);
        CHECK(differ == 0);
    }
}

TEST_CASE("gaussianSmoothRects computes exactly the rectangles, with gaussianSmooth's values", "[lung][smoothing]") {
    const auto img = noisyBlock(31, 27, 10, {0.7, 0.7, 1.5}, 5);
    const double sigma = 1.6;
    const auto full = tv::gaussianSmooth(img, sigma);
    std::vector<tv::SliceRect> need(10);
    need[0] = {0, 4, 0, 2};        // corner: clamped edges
    need[3] = {10, 20, 5, 25};     // inside
    need[4] = {29, 30, 0, 26};     // right edge, full height
    need[9] = {12, 12, 13, 13};    // a single pixel on the last slice
    const auto part = tv::gaussianSmoothRects(img, sigma, need);
    std::size_t inside = 0, wrong = 0, nonZeroOutside = 0;
    for (int k = 0; k < img.nz(); ++k)
        for (int j = 0; j < img.ny(); ++j)
            for (int i = 0; i < img.nx(); ++i) {
                const auto& r = need[k];
                if (!r.empty() && i >= r.i0 && i <= r.i1 && j >= r.j0 && j <= r.j1)
                    ++inside, wrong += part.at(i, j, k) != full.at(i, j, k);
                else
                    nonZeroOutside += part.at(i, j, k) != 0;
            }
    CHECK(inside == 15 + 11 * 21 + 2 * 27 + 1);
    CHECK(wrong == 0);
    CHECK(nonZeroOutside == 0);
}

TEST_CASE("gaussianSourceRects grows by the kernel radii and spreads over the slices it reads", "[lung][smoothing]") {
    tv::ImageGeometry g;
    g.size = {40, 30, 12};
    g.spacing = {0.5, 0.5, 1.0};  // sigma 1 mm: 2, 2, 1 voxels, radii 6, 6, 3
    std::vector<tv::SliceRect> need(12);
    need[6] = {10, 20, 3, 27};
    need[1] = {0, 0, 0, 0};
    const auto src = tv::gaussianSourceRects(g, 1.0, need);
    for (int k = 0; k < 12; ++k) {
        INFO("slice " << k);
        if (k >= 3 && k <= 9) {
            // From need[6]; slices 3 and 4 also hold need[1]'s grown pixel (slices -2..4 clamp to 0..4).
            const bool both = k <= 4;
            CHECK(src[k].i0 == (both ? 0 : 4));
            CHECK(src[k].i1 == 26);
            CHECK(src[k].j0 == 0);
            CHECK(src[k].j1 == 29);
        } else if (k <= 2) {
            CHECK(src[k].i0 == 0);
            CHECK(src[k].i1 == 6);
            CHECK(src[k].j0 == 0);
            CHECK(src[k].j1 == 6);
        } else {
            CHECK(src[k].empty());
        }
    }
}

TEST_CASE("hessianReadRects: the points' box grown by one pixel, on their slice and both neighbours", "[lung][smoothing]") {
    std::vector<std::vector<std::uint32_t>> pts(5);
    const int nx = 20, ny = 10;
    pts[2] = {3 * nx + 5, 7 * nx + 11};
    pts[4] = {9 * nx + 19};
    const auto r = tv::hessianReadRects(pts, nx, ny);
    CHECK(r[0].empty());
    for (int k : {1, 2}) {
        CHECK(r[k].i0 == 4);
        CHECK(r[k].i1 == 12);
        CHECK(r[k].j0 == 2);
        CHECK(r[k].j1 == 8);
    }
    // Slice 3 reads the box of slice 2 and of slice 4 ((18..19, 8..9), clipped to the slice).
    CHECK(r[3].i0 == 4);
    CHECK(r[3].i1 == 19);
    CHECK(r[3].j0 == 2);
    CHECK(r[3].j1 == 9);
    CHECK(r[4].i0 == 18);
    CHECK(r[4].i1 == 19);
    CHECK(r[4].j0 == 8);
    CHECK(r[4].j1 == 9);
}

TEST_CASE("forEachScale with rectangles gives every scale's values there as without", "[lung][smoothing]") {
    const auto img = noisyBlock(36, 30, 14, {0.75, 0.75, 2.0}, 9);
    const auto base = tv::gaussianSmooth(img, 1.0);
    const std::vector<double> scales{0.7, 1.3, 2.4, 3.0};
    std::vector<std::vector<std::uint32_t>> pts(14);
    pts[3] = {5 * 36 + 7};
    pts[7] = {10 * 36 + 20, 20 * 36 + 30};
    pts[12] = {28 * 36 + 34};
    const auto need = tv::hessianReadRects(pts, 36, 30);
    std::vector<tv::Image<std::int16_t>> whole, part;
    tv::forEachScale(base, 1.0, scales, tv::neverCancel(), [&](const tv::Image<std::int16_t>& g, double) { whole.push_back(g); });
    tv::forEachScale(base, 1.0, scales, tv::neverCancel(), [&](const tv::Image<std::int16_t>& g, double) { part.push_back(g); }, &need);
    REQUIRE(part.size() == 4);
    std::size_t compared = 0, wrong = 0;
    for (std::size_t s = 0; s < 4; ++s)
        for (int k = 0; k < 14; ++k)
            for (int j = need[k].j0; j <= need[k].j1; ++j)
                for (int i = need[k].i0; i <= need[k].i1; ++i) ++compared, wrong += part[s].at(i, j, k) != whole[s].at(i, j, k);
    CHECK(compared > 0);
    CHECK(wrong == 0);
    // The last scale is computed only where it is read: slice 0 holds no point and reads nothing.
    REQUIRE(need[0].empty());
    CHECK(whole[3].at(0, 29, 0) != 0);
    CHECK(part[3].at(0, 29, 0) == 0);
}
