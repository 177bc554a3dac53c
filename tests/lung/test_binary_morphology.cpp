// The lung analysis' binary building blocks against brute-force references with exact answers:
// the capped per-slice distance transform, the level-synchronous breadth-first growing and the
// parallel flood fill (which must give what a serial FIFO search gives, voxel for voxel).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <deque>
#include <random>
#include <vector>

#include "image/neighbours.h"
#include "lung/binary_morphology.h"
#include "random_mask.h"

using tv::test::randomMask;

TEST_CASE("capped squared distance transform equals brute force up to the cap", "[lung][morphology]") {
    const int nx = 37, ny = 29;
    const double sx = 0.7, sy = 0.9;
    for (double fill : {0.02, 0.3, 0.9}) {
        const tv::LabelMap m = randomMask(nx, ny, 1, fill, 11);
        for (bool target : {true, false}) {
            std::vector<float> full(static_cast<std::size_t>(nx) * ny), capped(full.size());
            tv::squaredDistance2d(m.slice(0), nx, ny, sx, sy, target, full.data());
            const double cap = 4.0;  // mm^2
            tv::squaredDistance2d(m.slice(0), nx, ny, sx, sy, target, capped.data(), cap);
            for (int j = 0; j < ny; ++j)
                for (int i = 0; i < nx; ++i) {
                    double best = 1e12;
                    for (int b = 0; b < ny; ++b)
                        for (int a = 0; a < nx; ++a)
                            if ((m.at(a, b, 0) != 0) == target)
                                best = std::min(best, (a - i) * sx * (a - i) * sx + (b - j) * sy * (b - j) * sy);
                    const std::size_t q = static_cast<std::size_t>(j) * nx + i;
                    REQUIRE(full[q] == Approx(best).epsilon(1e-6));
                    if (best <= cap) REQUIRE(capped[q] == Approx(best).epsilon(1e-6));
                    else REQUIRE(capped[q] > cap);
                }
        }
    }
}

TEST_CASE("breadth-first growing labels every voxel as a serial FIFO search does", "[lung][morphology]") {
    // Two seeds racing through a random 3-D mask: ties (voxels at equal distance from both) must
    // go to the label a serial queue gives them, whatever the parallel chunking.
    const tv::LabelMap mask = randomMask(90, 70, 40, 0.7, 5);
    const std::size_t seeds[2] = {mask.offset(5, 5, 3), mask.offset(80, 60, 35)};
    tv::LabelMap serial(mask.geometry(), 0), parallel(mask.geometry(), 0);
    std::deque<std::size_t> queue;
    std::vector<std::size_t> frontier;
    for (int s = 0; s < 2; ++s) {
        serial[seeds[s]] = parallel[seeds[s]] = static_cast<std::uint8_t>(s + 1);
        queue.push_back(seeds[s]);
        frontier.push_back(seeds[s]);
    }
    while (!queue.empty()) {
        const std::size_t n = queue.front();
        queue.pop_front();
        tv::forEachFaceNeighbour(mask.size(), n, [&](std::size_t q) {
            if (mask[q] && !serial[q]) serial[q] = serial[n], queue.push_back(q);
        });
    }
    const std::size_t grown =
        tv::growBreadthFirst(parallel, frontier, [&](std::size_t q) { return mask[q] && !parallel[q]; }, tv::neverCancel());
    std::size_t labelled = 0, both[3] = {0, 0, 0};
    for (std::size_t n = 0; n < mask.voxelCount(); ++n) {
        REQUIRE(serial[n] == parallel[n]);
        labelled += parallel[n] != 0;
        ++both[parallel[n]];
    }
    CHECK(grown + 2 == labelled);
    CHECK(both[1] > 1000);  // the mask percolates: both labels grow far
    CHECK(both[2] > 1000);
}

TEST_CASE("parallel flood fill marks the same voxels as the serial one", "[lung][morphology]") {
    tv::LabelMap a = randomMask(80, 60, 30, 0.45, 9);
    tv::LabelMap b = a;
    const std::size_t seed = a.offset(40, 30, 15);
    a[seed] = b[seed] = 1;
    const std::size_t na = tv::floodFill(a, seed, 1, 2);
    const std::size_t nb = tv::floodFillParallel(b, seed, 1, 2);
    CHECK(na == nb);
    CHECK(na > 1);
    for (std::size_t n = 0; n < a.voxelCount(); ++n) REQUIRE(a[n] == b[n]);
}

TEST_CASE("distances on the set pixels' rectangle equal the whole slice's", "[lung][morphology]") {
    // Set pixels only in columns 10..29 and rows 5..20 of a 48 x 40 slice.
    const int nx = 48, ny = 40;
    const double sx = 0.7, sy = 0.9;
    tv::LabelMap m = randomMask(nx, ny, 1, 0.6, 5);
    for (int j = 0; j < ny; ++j)
        for (int i = 0; i < nx; ++i)
            if (i < 10 || i > 29 || j < 5 || j > 20) m.at(i, j, 0) = 0;
    m.at(10, 12, 0) = m.at(29, 7, 0) = m.at(15, 5, 0) = m.at(20, 20, 0) = 1;  // the extremes are set
    tv::SliceRect none;
    const std::vector<std::uint8_t> empty(static_cast<std::size_t>(nx) * ny, 0);
    REQUIRE_FALSE(tv::setPixelRect(empty.data(), nx, ny, 1, 1, none));
    tv::SliceRect r;
    REQUIRE(tv::setPixelRect(m.slice(0), nx, ny, 1, 12, r));
    CHECK(r.i0 == 9);
    CHECK(r.i1 == 30);
    CHECK(r.j0 == 0);   // 5 - 12 clipped
    CHECK(r.j1 == 32);  // 20 + 12
    for (bool target : {false, true}) {  // background distances (erosion) and set distances (dilation)
        std::vector<float> full(static_cast<std::size_t>(nx) * ny);
        tv::squaredDistance2d(m.slice(0), nx, ny, sx, sy, target, full.data(), 30.0);
        std::vector<std::uint8_t> sub;
        std::vector<float> d;
        tv::squaredDistance2dRect(m.slice(0), nx, r, sx, sy, target, sub, d, 30.0);
        REQUIRE(d.size() == static_cast<std::size_t>(r.width()) * r.height());
        for (int j = 0; j < r.height(); ++j)
            for (int i = 0; i < r.width(); ++i) {
                const std::size_t q = static_cast<std::size_t>(j) * r.width() + i;
                REQUIRE(sub[q] == m.at(i + r.i0, j + r.j0, 0));
                REQUIRE(d[q] == full[static_cast<std::size_t>(j + r.j0) * nx + i + r.i0]);
            }
    }
}

TEST_CASE("distance transform equals the brute-force minimum exactly, also across long target runs", "[lung][morphology]") {
    // The brute force evaluates the transform's own expressions (row distance rounded to float,
    // plus the squared column offset in double, minimum rounded to float): the results must be
    // equal to the bit, which the erosion and dilation thresholds rely on. Masks with long runs of
    // target pixels along columns exercise the shortcut that skips a run's inner samples.
    const int nx = 41, ny = 53;
    const double sx = 0.683594, sy = 0.791;
    for (int variant = 0; variant < 4; ++variant) {
        tv::LabelMap m = randomMask(nx, ny, 1, variant == 0 ? 0.1 : 0.5, 17 + variant);
        if (variant >= 2)  // solid blocks with random holes: long runs of both values
            for (int j = 0; j < ny; ++j)
                for (int i = 0; i < nx; ++i)
                    if ((i / 9 + j / 11) % 2 == variant - 2) m.at(i, j, 0) = 1;
        for (bool target : {true, false}) {
            std::vector<float> d(static_cast<std::size_t>(nx) * ny);
            tv::squaredDistance2d(m.slice(0), nx, ny, sx, sy, target, d.data());
            for (int j = 0; j < ny; ++j)
                for (int i = 0; i < nx; ++i) {
                    double best = 1e12;
                    for (int b = 0; b < ny; ++b) {
                        int nearest = -1;
                        for (int a = 0; a < nx; ++a)
                            if ((m.at(a, b, 0) != 0) == target && (nearest < 0 || std::abs(a - i) < std::abs(nearest - i))) nearest = a;
                        if (nearest < 0) continue;
                        const double di = sx * (i - nearest), dj = sy * (j - b);
                        best = std::min(best, dj * dj + double(static_cast<float>(di * di)));
                    }
                    REQUIRE(d[static_cast<std::size_t>(j) * nx + i] == static_cast<float>(best));
                }
        }
    }
}

TEST_CASE("two erosions from one transform equal two erodeSlices and the brute-force erosion", "[lung][morphology]") {
    // Unions of random disks (so that both radii leave something), plus scattered holes.
    const int nx = 70, ny = 60, nz = 6;
    tv::LabelMap m = randomMask(nx, ny, nz, 0.0, 1);
    const auto& sp = m.geometry().spacing;
    std::mt19937 rng(23);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    for (int k = 0; k < nz; ++k)
        for (int d = 0; d < 6; ++d) {
            const double ci = u(rng) * nx, cj = u(rng) * ny, r = 3 + 12 * u(rng);
            for (int j = 0; j < ny; ++j)
                for (int i = 0; i < nx; ++i)
                    if (std::hypot((i - ci) * sp[0], (j - cj) * sp[1]) <= r) m.at(i, j, k) = 1;
        }
    for (int n = 0; n < 40; ++n) m.at(static_cast<int>(u(rng) * nx), static_cast<int>(u(rng) * ny), static_cast<int>(u(rng) * nz)) = 0;
    const double ra = 1.5, rb = 5.0;
    tv::LabelMap a = m, b = m, refA = m, refB = m;
    tv::erodeSlicesTwice(a, ra, b, rb);
    tv::erodeSlices(refA, ra);
    tv::erodeSlices(refB, rb);
    CHECK(a.voxels() == refA.voxels());
    CHECK(b.voxels() == refB.voxels());
    // Brute force: a set pixel stays when every background pixel of its slice is farther than r.
    std::size_t keptA = 0, keptB = 0, wrong = 0;
    for (int k = 0; k < nz; ++k)
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i) {
                double best = 1e30;
                if (m.at(i, j, k))
                    for (int jj = 0; jj < ny; ++jj)
                        for (int ii = 0; ii < nx; ++ii)
                            if (!m.at(ii, jj, k)) best = std::min(best, std::pow((ii - i) * sp[0], 2) + std::pow((jj - j) * sp[1], 2));
                const bool inA = m.at(i, j, k) && best > ra * ra + 1e-4, inB = m.at(i, j, k) && best > rb * rb + 1e-4;
                keptA += inA, keptB += inB;
                wrong += (a.at(i, j, k) != inA) + (b.at(i, j, k) != inB);
            }
    CHECK(keptB > 100);
    CHECK(keptA > keptB);
    CHECK(wrong == 0);
}
