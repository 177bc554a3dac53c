// The left/right split's erosions (the disk test, and the distance transform for disks wider than
// the test's byte distances) on two blocks joined by a bridge: exact erosion radius and sides.
#include <catch2/catch.hpp>

#include <cmath>

#include "lung/lung_split.h"

namespace {

// Two 20 x 40 mm blocks 15 mm apart along i, joined by a bridge of 2 h + 1 rows (1 mm each), on a
// grid with `sx` mm along i. The bridge's centre row is h + 1 mm from the background.
tv::LabelMap twoBlocks(double sx, int h) {
    tv::ImageGeometry g;
    const int blockPx = static_cast<int>(std::lround(20.0 / sx)), gapPx = static_cast<int>(std::lround(15.0 / sx));
    g.size = {2 * blockPx + gapPx + 4, 44, 1};
    g.spacing = {sx, 1.0, 2.0};
    tv::LabelMap m(g, 0);
    for (int j = 2; j < 42; ++j)
        for (int i = 2; i < 2 + 2 * blockPx + gapPx; ++i) {
            const bool inBlock = i < 2 + blockPx || i >= 2 + blockPx + gapPx;
            if (inBlock || std::abs(j - 21) <= h) m.at(i, j, 0) = 1;
        }
    return m;
}

}  // namespace

TEST_CASE("split erosion radius and sides on two bridged blocks, with byte and transform erosions", "[lung][split]") {
    // sx 0.2 mm: every disk fits the byte test. sx 0.02 mm: a 6 mm disk is 300 pixels wide, so the
    // split takes the distance transform from 6 mm on.
    for (double sx : {0.2, 0.02}) {
        for (int h : {2, 5}) {
            const tv::LabelMap m = twoBlocks(sx, h);
            const tv::LungSplitResult r = tv::splitLeftRight(m, tv::AxialFrame{}, tv::neverCancel());
            // Kept at r: distance in quarter mm > 4 r. Centre row at h + 1 mm: 3 mm survives 2 mm
            // and not 4; 6 mm survives 4 and not 6.
            CHECK(r.separated);
            CHECK(r.erosionMm == (h == 2 ? 4.0 : 6.0));
            const int blockPx = static_cast<int>(std::lround(20.0 / sx));
            std::size_t wrong = 0;
            for (int j = 2; j < 42; ++j)
                for (int i = 2; i < 2 + blockPx; ++i) {
                    wrong += r.labels.at(i, j, 0) != 2;  // low i: the patient's right (leftSign +1)
                    wrong += r.labels.at(m.nx() - 1 - i, j, 0) != 1;
                }
            CHECK(wrong == 0);
        }
    }
}
