// The disk test without a distance transform (slice_disk.h) against the transform it replaces:
// row reaches against a brute-force scan, and hits equal to "squaredDistance2d <= threshold" to
// the pixel, also at thresholds that equal a distance the transform produces (its rounding), and
// the disk morphology (which now uses the test) against the thresholded transform.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <random>
#include <vector>

#include "lung/binary_morphology.h"
#include "lung/slice_disk.h"
#include "random_mask.h"

using tv::test::randomMask;

namespace {

// Solid blocks with random holes (long runs of both values, as lung masks), or plain noise.
tv::LabelMap testMask(int nx, int ny, int nz, int variant, unsigned seed) {
    tv::LabelMap m = randomMask(nx, ny, nz, variant == 0 ? 0.05 : 0.3, seed, 3);
    if (variant >= 2)
        for (int k = 0; k < nz; ++k)
            for (int j = 0; j < ny; ++j)
                for (int i = 0; i < nx; ++i)
                    if ((i / 13 + j / 17 + k) % 2 == variant - 2 && m.at(i, j, k) == 0 && (i * 7 + j * 3) % 11) m.at(i, j, k) = 2;
    return m;
}

// The disk operations as they were done before the disk test: the distance transform of the slice,
// thresholded (dilation: distance to the set <= r^2; erosion: set and distance to the background > r^2).
void referenceDiskOp(tv::LabelMap& m, double r, bool dilate) {
    const auto& sp = m.geometry().spacing;
    const float r2 = static_cast<float>(r * r) + 1e-4f;
    std::vector<float> d(static_cast<std::size_t>(m.nx()) * m.ny());
    for (int k = 0; k < m.nz(); ++k) {
        std::uint8_t* s = m.slice(k);
        tv::squaredDistance2d(s, m.nx(), m.ny(), sp[0], sp[1], dilate, d.data());
        for (std::size_t q = 0; q < d.size(); ++q) s[q] = dilate ? d[q] <= r2 : (s[q] != 0 && d[q] > r2);
    }
}

}  // namespace

TEST_CASE("row reaches equal the reach of a brute-force row distance", "[lung][morphology]") {
    std::mt19937 rng(3);
    for (double radius : {0.0, 1.5, 4.0, 12.0, 60.0}) {
        const tv::SliceDisk disk(0.3, 0.9, static_cast<float>(radius * radius) + 1e-4f);  // half-width up to 200 pixels
        REQUIRE(disk.fitsBytes());
        for (int n : {1, 7, 8, 9, 64, 300, 700}) {
            for (double fill : {0.0, 0.01, 0.5, 0.97, 1.0}) {
                std::bernoulli_distribution on(fill);
                std::vector<std::uint8_t> row(static_cast<std::size_t>(n)), out(row.size());
                for (auto& v : row) v = on(rng) ? static_cast<std::uint8_t>(1 + rng() % 3) : 0;
                for (bool target : {true, false}) {
                    tv::rowReach(row.data(), n, target, disk, out.data());
                    for (int q = 0; q < n; ++q) {
                        int best = 255;
                        for (int p = 0; p < n; ++p)
                            if ((row[static_cast<std::size_t>(p)] != 0) == target) best = std::min(best, std::abs(p - q));
                        REQUIRE(out[static_cast<std::size_t>(q)] == disk.reachPlusOne(static_cast<std::uint8_t>(best)));
                    }
                }
            }
        }
    }
    // The table itself: a row distance reaches the rows whose half-width holds it.
    const tv::SliceDisk disk(0.7, 0.9, 4.0001f);  // 2 mm: half-widths 2, 2, 1 pixels (rows 0, 1, 2)
    CHECK(disk.halfWidth() == 2);
    CHECK(int{disk.reachPlusOne(0)} == 3);
    CHECK(int{disk.reachPlusOne(1)} == 3);
    CHECK(int{disk.reachPlusOne(2)} == 2);
    CHECK(int{disk.reachPlusOne(3)} == 0);
    CHECK(int{disk.reachPlusOne(255)} == 0);
}

TEST_CASE("disk hits equal the thresholded distance transform to the pixel", "[lung][morphology]") {
    const int nx = 83, ny = 71;
    struct Spacing {
        double sx, sy;
    };
    for (const Spacing sp : {Spacing{0.7, 0.9}, Spacing{0.683594, 0.683594}, Spacing{0.5, 1.3}, Spacing{1.1, 0.4}}) {
        for (int variant = 0; variant < 4; ++variant) {
            const tv::LabelMap m = testMask(nx, ny, 1, variant, 40 + static_cast<unsigned>(variant));
            for (bool target : {true, false}) {
                std::vector<float> d(static_cast<std::size_t>(nx) * ny);
                tv::squaredDistance2d(m.slice(0), nx, ny, sp.sx, sp.sy, target, d.data());
                std::vector<std::uint8_t> reach(d.size()), hits(d.size()), scratch;
                // The disk radii used by the analysis, and thresholds equal to distances the
                // transform returned (a pixel at exactly the threshold is a hit).
                std::vector<float> thresholds;
                for (double r : {0.0, 1.5, 2.0, 4.0, 5.0, 12.0}) thresholds.push_back(static_cast<float>(r * r) + 1e-4f);
                for (std::size_t q = 0; q < d.size(); q += 97)
                    if (d[q] < 1e11f) thresholds.push_back(d[q]);
                for (const float t : thresholds) {
                    const tv::SliceDisk disk(sp.sx, sp.sy, t);
                    REQUIRE(disk.fitsBytes());
                    for (int j = 0; j < ny; ++j)
                        tv::rowReach(m.slice(0) + static_cast<std::size_t>(j) * nx, nx, target, disk, reach.data() + static_cast<std::size_t>(j) * nx);
                    for (bool inverted : {false, true}) {
                        tv::diskHits(reach.data(), nx, ny, inverted, hits.data(), static_cast<std::size_t>(nx), scratch);
                        std::size_t wrong = 0, hit = 0;
                        for (std::size_t q = 0; q < d.size(); ++q) {
                            const bool expected = (d[q] <= t) != inverted;
                            wrong += (hits[q] != 0) != expected;
                            hit += d[q] <= t;
                        }
                        REQUIRE(wrong == 0);
                        if (t > 20.f) CHECK(hit > 0);
                    }
                }
            }
        }
    }
}

TEST_CASE("a disk wider than the byte row distances is refused and the morphology falls back", "[lung][morphology]") {
    CHECK(tv::SliceDisk(0.7, 0.9, 144.0001f).fitsBytes());
    CHECK_FALSE(tv::SliceDisk(0.04, 0.9, 144.0001f).fitsBytes());  // 300 pixels along the row
    CHECK_FALSE(tv::SliceDisk(0.9, 0.04, 144.0001f).fitsBytes());  // 300 rows
    // Tiny pixels: the disk operations take the distance transform and still equal the reference.
    tv::LabelMap m = testMask(90, 80, 2, 2, 7);
    tv::ImageGeometry g = m.geometry();
    g.spacing = {0.01, 0.012, 1.0};
    tv::LabelMap a(g, 0);
    std::copy(m.voxels().begin(), m.voxels().end(), a.voxels().begin());
    tv::LabelMap ref = a;
    tv::closeSlices(a, 0.3);  // 30 pixels: fits; 3 mm below does not
    referenceDiskOp(ref, 0.3, true);
    referenceDiskOp(ref, 0.3, false);
    CHECK(a.voxels() == ref.voxels());
    tv::dilateSlices(a, 3.0);
    referenceDiskOp(ref, 3.0, true);
    CHECK(a.voxels() == ref.voxels());
}

TEST_CASE("disk morphology equals the thresholded distance transform on multi-slice masks", "[lung][morphology]") {
    for (int variant = 0; variant < 4; ++variant) {
        const tv::LabelMap m = testMask(120, 90, 4, variant, 11 + static_cast<unsigned>(variant));
        for (double r : {1.5, 4.0, 12.0}) {
            tv::LabelMap closed = m, opened = m, eroded = m, dilated = m;
            tv::LabelMap refClosed = m, refOpened = m, refEroded = m, refDilated = m;
            tv::closeSlices(closed, r);
            referenceDiskOp(refClosed, r, true);
            referenceDiskOp(refClosed, r, false);
            tv::openSlices(opened, r);
            referenceDiskOp(refOpened, r, false);
            referenceDiskOp(refOpened, r, true);
            tv::erodeSlices(eroded, r);
            referenceDiskOp(refEroded, r, false);
            tv::dilateSlices(dilated, r);
            referenceDiskOp(refDilated, r, true);
            CHECK(closed.voxels() == refClosed.voxels());
            CHECK(opened.voxels() == refOpened.voxels());
            CHECK(eroded.voxels() == refEroded.voxels());
            CHECK(dilated.voxels() == refDilated.voxels());
        }
    }
}

TEST_CASE("pixels near the set pixels of a rectangle equal the thresholded transform, on both paths", "[lung][morphology]") {
    const int nx = 90, ny = 70;
    for (double sx : {0.7, 0.01}) {  // 0.01 mm: a 4 mm disk is 400 pixels wide, the transform is used
        for (int variant = 0; variant < 4; ++variant) {
            const tv::LabelMap m = testMask(nx, ny, 1, variant, 70 + static_cast<unsigned>(variant));
            const double sy = 0.9;
            for (double r : {2.0, 4.0}) {
                const float maxMm2 = static_cast<float>(r * r);
                tv::SliceRect rect;
                REQUIRE(tv::setPixelRect(m.slice(0), nx, ny, 3, 2, rect));
                std::vector<std::uint8_t> near, sub;
                std::vector<float> d;
                tv::nearSetPixelsRect(m.slice(0), nx, rect, sx, sy, maxMm2, near);
                tv::squaredDistance2dRect(m.slice(0), nx, rect, sx, sy, true, sub, d);
                REQUIRE(near.size() == d.size());
                std::size_t wrong = 0, nearCount = 0;
                for (std::size_t q = 0; q < d.size(); ++q) {
                    wrong += (near[q] != 0) != (d[q] <= maxMm2);
                    nearCount += near[q];
                }
                CHECK(wrong == 0);
                CHECK(nearCount > 0);
            }
        }
    }
}
