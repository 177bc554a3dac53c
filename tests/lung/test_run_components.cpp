// Run-based component labelling (core/lung/run_components.h) and the slice operations built on
// it, against voxel-by-voxel brute-force references with exact answers on small random masks.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <vector>

#include "image/neighbours.h"
#include "lung/binary_morphology.h"
#include "lung/byte_words.h"
#include "random_mask.h"
#include "lung/lung_frame.h"
#include "lung/run_components.h"
#include "lung/slice_involvement.h"

namespace {

using tv::test::randomMask;

// Serial flood fill in memory order: the components, and each voxel's component (-1 elsewhere).
std::vector<tv::Component> bruteComponents(const tv::LabelMap& m, std::uint8_t value, std::vector<int>& id) {
    std::vector<tv::Component> out;
    id.assign(m.voxelCount(), -1);
    std::vector<std::size_t> stack;
    for (std::size_t s = 0; s < m.voxelCount(); ++s) {
        if (m[s] != value || id[s] >= 0) continue;
        tv::Component c;
        c.seed = s;
        c.lo = m.size();
        const int cid = static_cast<int>(out.size());
        double si = 0, sj = 0, sk = 0;
        id[s] = cid;
        stack.push_back(s);
        while (!stack.empty()) {
            const std::size_t n = stack.back();
            stack.pop_back();
            const int i = static_cast<int>(n % m.nx()), j = static_cast<int>(n / m.nx() % m.ny()),
                      k = static_cast<int>(n / (static_cast<std::size_t>(m.nx()) * m.ny()));
            ++c.voxels;
            si += i, sj += j, sk += k;
            c.lo = {std::min(c.lo[0], i), std::min(c.lo[1], j), std::min(c.lo[2], k)};
            c.hi = {std::max(c.hi[0], i + 1), std::max(c.hi[1], j + 1), std::max(c.hi[2], k + 1)};
            tv::forEachFaceNeighbour(m.size(), n, [&](std::size_t q) {
                if (m[q] == value && id[q] < 0) id[q] = cid, stack.push_back(q);
            });
        }
        c.meanI = si / c.voxels, c.meanJ = sj / c.voxels, c.meanK = sk / c.voxels;
        out.push_back(c);
    }
    return out;
}

// 4-connected regions of one slice where (s == value) == equal, numbered in memory order.
int bruteRegions(const std::uint8_t* s, int nx, int ny, std::uint8_t value, bool equal, std::vector<int>& id) {
    id.assign(static_cast<std::size_t>(nx) * ny, -1);
    int next = 0;
    std::vector<int> stack;
    auto in = [&](int n) { return (s[n] == value) == equal; };
    for (int start = 0; start < nx * ny; ++start) {
        if (!in(start) || id[start] >= 0) continue;
        id[start] = next;
        stack.push_back(start);
        while (!stack.empty()) {
            const int n = stack.back();
            stack.pop_back();
            const int i = n % nx, j = n / nx;
            const int nb[4] = {i > 0 ? n - 1 : -1, i + 1 < nx ? n + 1 : -1, j > 0 ? n - nx : -1, j + 1 < ny ? n + nx : -1};
            for (int q : nb)
                if (q >= 0 && in(q) && id[q] < 0) id[q] = next, stack.push_back(q);
        }
        ++next;
    }
    return next;
}

}  // namespace

TEST_CASE("run components equal a serial flood fill's, voxel for voxel", "[lung][morphology]") {
    // Sizes not multiples of 8 (the row scan reads 8 bytes at a time), densities below and above
    // the percolation threshold, and masks with two values (the other value is background).
    struct Case { int nx, ny, nz; double fill; int values; std::uint8_t value; };
    const Case cases[] = {{37, 29, 11, 0.3, 1, 1}, {64, 40, 9, 0.6, 1, 1}, {23, 17, 13, 0.8, 2, 2}, {50, 31, 7, 0.05, 1, 1},
                          {9, 1, 1, 1.0, 1, 1}, {16, 8, 3, 0.0, 1, 1}};
    unsigned seed = 3;
    for (const Case& cs : cases) {
        const tv::LabelMap m = randomMask(cs.nx, cs.ny, cs.nz, cs.fill, seed++, cs.values);
        std::vector<int> id;
        const auto brute = bruteComponents(m, cs.value, id);
        const tv::RunComponents rc = tv::labelRunComponents(m, cs.value);
        REQUIRE(rc.components.size() == brute.size());
        for (std::size_t c = 0; c < brute.size(); ++c) {
            const tv::Component &a = rc.components[c], &b = brute[c];
            CHECK(a.seed == b.seed);
            CHECK(a.voxels == b.voxels);
            CHECK(a.lo == b.lo);
            CHECK(a.hi == b.hi);
            CHECK(a.meanI == b.meanI);  // exactly: integer sums
            CHECK(a.meanJ == b.meanJ);
            CHECK(a.meanK == b.meanK);
        }
        // The runs cover exactly the voxels == value, in memory order, maximal, with their component.
        std::vector<int> covered(m.voxelCount(), -1);
        std::size_t last = 0;
        for (std::size_t t = 0; t < rc.runs.size(); ++t) {
            const tv::VoxelRun& r = rc.runs[t];
            const std::size_t n0 = static_cast<std::size_t>(r.row) * cs.nx;
            REQUIRE(r.i0 <= r.i1);
            REQUIRE((t == 0 || n0 + r.i0 > last));
            last = n0 + r.i1;
            REQUIRE((r.i0 == 0 || m[n0 + r.i0 - 1] != cs.value));
            REQUIRE((r.i1 + 1 == cs.nx || m[n0 + r.i1 + 1] != cs.value));
            for (int i = r.i0; i <= r.i1; ++i) covered[n0 + i] = rc.componentOfRun[t];
        }
        for (std::size_t n = 0; n < m.voxelCount(); ++n) REQUIRE(covered[n] == id[n]);
        // findComponents is the same labelling.
        const auto found = tv::findComponents(m, cs.value);
        REQUIRE(found.size() == brute.size());
        for (std::size_t c = 0; c < brute.size(); ++c) CHECK(found[c].seed == brute[c].seed);
    }
}

TEST_CASE("painting a run component marks the voxels a flood fill from its seed marks", "[lung][morphology]") {
    tv::LabelMap a = randomMask(41, 33, 12, 0.55, 21);
    tv::LabelMap b = a;
    const tv::RunComponents rc = tv::labelRunComponents(a, 1);
    REQUIRE(rc.components.size() > 3);
    for (std::int32_t c : {0, 2}) {
        tv::floodFill(a, rc.components[static_cast<std::size_t>(c)].seed, 1, 5);
        tv::paintComponent(rc, c, b, 5);
    }
    for (std::size_t n = 0; n < a.voxelCount(); ++n) REQUIRE(a[n] == b[n]);
}

TEST_CASE("small components are removed as by flood fills from their seeds", "[lung][morphology]") {
    for (double fill : {0.2, 0.45}) {
        tv::LabelMap runs = randomMask(41, 33, 12, fill, 23, 3);  // values 1..3: all non-zero count
        tv::LabelMap flood = runs;
        for (auto& v : flood.voxels()) v = v ? 1 : 0;
        const std::size_t minVoxels = 6;
        std::size_t expected = 0, small = 0, kept = 0;
        for (const tv::Component& c : tv::labelRunComponents(flood, 1).components) {
            if (c.voxels < minVoxels) expected += tv::floodFill(flood, c.seed, 1, 0), ++small;
            else ++kept;
        }
        REQUIRE(small > 10);
        REQUIRE(kept > 0);
        REQUIRE(tv::removeSmallComponents(runs, minVoxels) == expected);
        for (std::size_t n = 0; n < runs.voxelCount(); ++n) REQUIRE(runs[n] == flood[n]);
    }
}

TEST_CASE("8-byte word tests equal byte-by-byte tests", "[lung][morphology]") {
    std::mt19937 rng(5);
    std::uniform_int_distribution<int> byte(0, 3);  // few values: many words with equal bytes
    for (int trial = 0; trial < 20000; ++trial) {
        std::uint8_t b[8];
        for (auto& x : b) x = static_cast<std::uint8_t>(trial % 7 == 0 ? 200 + byte(rng) : byte(rng));
        const std::uint8_t value = static_cast<std::uint8_t>(trial % 11 == 0 ? 201 : byte(rng));
        bool any = false, all = true, anyOther = false, allOther = true, anyZero = false;
        for (std::uint8_t x : b) {
            any |= x == value, all &= x == value, anyOther |= x != value, allOther &= x != value;
            anyZero |= x == 0;
        }
        const std::uint64_t w = tv::loadByteWord(b);
        REQUIRE(tv::hasZeroByte(w) == anyZero);
        REQUIRE(tv::wordHasMatch<true>(w, value) == any);
        REQUIRE(tv::wordAllMatch<true>(w, value) == all);
        REQUIRE(tv::wordHasMatch<false>(w, value) == anyOther);
        REQUIRE(tv::wordAllMatch<false>(w, value) == allOther);
    }
}

TEST_CASE("slice regions by runs equal a 4-connected flood fill's", "[lung][morphology]") {
    for (double fill : {0.2, 0.5, 0.75}) {
        const tv::LabelMap m = randomMask(45, 38, 1, fill, 7, 2);
        for (bool equal : {true, false})
            for (std::uint8_t value : {0, 1}) {
                std::vector<int> id;
                const int regions = bruteRegions(m.slice(0), 45, 38, value, equal, id);
                tv::SliceRegions sr;
                tv::labelSliceRegions(m.slice(0), 45, 38, value, equal, sr);
                REQUIRE(sr.regions == regions);
                std::vector<int> covered(id.size(), -1);
                for (std::size_t t = 0; t < sr.runs.size(); ++t)
                    for (int i = sr.runs[t].i0; i <= sr.runs[t].i1; ++i) covered[sr.runs[t].row * 45 + i] = sr.regionOfRun[t];
                for (std::size_t n = 0; n < id.size(); ++n) REQUIRE(covered[n] == id[n]);
            }
    }
}

TEST_CASE("largest region and hole filling per slice match brute force", "[lung][morphology]") {
    const int nx = 47, ny = 35;
    for (double fill : {0.3, 0.55, 0.7}) {
        const tv::LabelMap m = randomMask(nx, ny, 2, fill, 13);
        for (int k = 0; k < 2; ++k) {
            std::vector<int> id;
            // Largest 4-connected set region, ties to the first met.
            const int regions = bruteRegions(m.slice(k), nx, ny, 0, false, id);
            std::vector<int> area(static_cast<std::size_t>(regions), 0);
            for (int v : id)
                if (v >= 0) ++area[v];
            int best = 0;
            for (int r = 1; r < regions; ++r)
                if (area[r] > area[best]) best = r;
            tv::LabelMap largest = m;
            tv::keepLargestRegionSlices(largest);
            for (std::size_t n = 0; n < id.size(); ++n) REQUIRE(largest.slice(k)[n] == (id[n] == best && regions > 0 ? 1 : 0));
            // Holes: background regions not touching the border become set.
            const int bg = bruteRegions(m.slice(k), nx, ny, 0, true, id);
            std::vector<char> border(static_cast<std::size_t>(bg), 0);
            for (int j = 0; j < ny; ++j)
                for (int i = 0; i < nx; ++i)
                    if ((i == 0 || j == 0 || i == nx - 1 || j == ny - 1) && id[j * nx + i] >= 0) border[id[j * nx + i]] = 1;
            std::vector<std::uint8_t> filled(m.slice(k), m.slice(k) + nx * ny);
            tv::fillHoles2d(filled.data(), nx, ny);
            std::size_t holes = 0;
            for (std::size_t n = 0; n < id.size(); ++n) {
                const bool background = id[n] >= 0 && border[id[n]];
                REQUIRE(filled[n] == (background ? 0 : 1));
                holes += id[n] >= 0 && !background;
            }
            CHECK(holes > 0);  // random masks hold enclosed background
        }
    }
}

TEST_CASE("set pixel rectangle equals the brute-force bounding rectangle", "[lung][morphology]") {
    for (double fill : {0.001, 0.01, 0.2}) {
        for (unsigned seed = 1; seed <= 20; ++seed) {
            const int nx = 61, ny = 27;
            const tv::LabelMap m = randomMask(nx, ny, 1, fill, seed, 3);
            int i0 = nx, i1 = -1, j0 = ny, j1 = -1;
            for (int j = 0; j < ny; ++j)
                for (int i = 0; i < nx; ++i)
                    if (m.at(i, j, 0)) i0 = std::min(i0, i), i1 = std::max(i1, i), j0 = std::min(j0, j), j1 = std::max(j1, j);
            tv::SliceRect r;
            const bool any = tv::setPixelRect(m.slice(0), nx, ny, 2, 1, r);
            REQUIRE(any == (i1 >= 0));
            if (!any) continue;
            CHECK(r.i0 == std::max(0, i0 - 2));
            CHECK(r.i1 == std::min(nx - 1, i1 + 2));
            CHECK(r.j0 == std::max(0, j0 - 1));
            CHECK(r.j1 == std::min(ny - 1, j1 + 1));
        }
    }
}

TEST_CASE("confirmed lesion area per slice equals a flood fill's sums", "[lung][morphology]") {
    // Opacity labels 1 and 2 (GGO, consolidation) join one lesion; the reference floods the
    // non-zero voxels in memory order and adds each kept component's slice areas in that order.
    const tv::LabelMap m = randomMask(33, 27, 10, 0.45, 31, 2);
    const double pixelMm2 = 0.7 * 0.9;
    for (double minSection : {0.0, 3.0, 20.0}) {
        std::vector<double> expected(10, 0.0);
        std::vector<char> seen(m.voxelCount(), 0);
        for (std::size_t s = 0; s < m.voxelCount(); ++s) {
            if (!m[s] || seen[s]) continue;
            std::vector<std::size_t> perSlice(10, 0), stack{s};
            seen[s] = 1;
            while (!stack.empty()) {
                const std::size_t n = stack.back();
                stack.pop_back();
                ++perSlice[n / (33 * 27)];
                tv::forEachFaceNeighbour(m.size(), n, [&](std::size_t q) {
                    if (m[q] && !seen[q]) seen[q] = 1, stack.push_back(q);
                });
            }
            if (static_cast<double>(*std::max_element(perSlice.begin(), perSlice.end())) * pixelMm2 < minSection) continue;
            for (int k = 0; k < 10; ++k)
                if (perSlice[k]) expected[k] += static_cast<double>(perSlice[k]) * pixelMm2;
        }
        const std::vector<double> area = tv::confirmedLesionAreaPerSlice(m, minSection);
        REQUIRE(area.size() == expected.size());
        for (int k = 0; k < 10; ++k) CHECK(area[k] == expected[k]);
        if (minSection == 20.0) CHECK(std::count(area.begin(), area.end(), 0.0) < 10);  // the large component stays
    }
}

TEST_CASE("bounding boxes of set and labelled voxels equal brute force", "[lung][morphology]") {
    // Sparse masks (a few voxels anywhere in a row, rows of 43: not a multiple of the 8-byte scan).
    for (double fill : {0.0, 0.0005, 0.003, 0.05}) {
        const tv::LabelMap m = randomMask(43, 21, 9, fill, 77, 3);
        for (int value = 0; value <= 3; ++value) {  // 0: any set voxel (boundingBox); 1..3: one label
            tv::Index3 lo{43, 21, 9}, hi{0, 0, 0};
            for (int k = 0; k < 9; ++k)
                for (int j = 0; j < 21; ++j)
                    for (int i = 0; i < 43; ++i) {
                        const std::uint8_t v = m.at(i, j, k);
                        if (value == 0 ? v == 0 : v != value) continue;
                        lo = {std::min(lo[0], i), std::min(lo[1], j), std::min(lo[2], k)};
                        hi = {std::max(hi[0], i + 1), std::max(hi[1], j + 1), std::max(hi[2], k + 1)};
                    }
            const tv::VoxelBox b = value == 0 ? tv::boundingBox(m) : tv::labelBoundingBox(m, static_cast<std::uint8_t>(value));
            if (hi[0] == 0) {
                CHECK(b.empty());
                continue;
            }
            CHECK(b.lo == lo);
            CHECK(b.hi == hi);
        }
    }
}
