// Occlusion of a cut-off (lumen_sides.h): does enhanced lumen pass the candidate? Tubes with the
// three inserted clot shapes of the validation (lesion_insertion.cpp insertClot): occlusive = the
// whole cross-section, central = ellipsoid of 0.55 R in the lumen centre, eccentric = 0.7 R offset
// 0.35 R to one wall. Exact answers: the occlusion splits the lumen into the pieces before and after
// it (2), the partial clots leave lumen beside them that joins both ends (1).
#include <catch2/catch.hpp>

#include <Eigen/Core>
#include <cmath>
#include <vector>

#include "embolism/embolism_params.h"
#include "embolism/lumen_sides.h"
#include "test_support.h"

namespace {
enum class Shape { Occlusive, Central, Eccentric };

// A tube of radius `r` along j through the grid's centre; the clot (8 mm long along j) is cut out of
// the lumen and returned as the candidate. Spacing as given (C3N's working grid: 1.13 x 1.13 x 3 mm).
int sidesOf(Shape shape, double r, double si, double sk) {
    const tv::ImageGeometry g = tvtest::grid(41, 41, 21, si, si, sk);
    tv::Mask lumen(g, 0);
    std::vector<std::size_t> clot;
    const Eigen::Vector3d c(20 * si, 20 * si, 10 * sk);
    const double halfLength = 4.0;
    for (int k = 0; k < g.size[2]; ++k)
        for (int j = 0; j < g.size[1]; ++j)
            for (int i = 0; i < g.size[0]; ++i) {
                const double x = i * si - c[0], y = j * si - c[1], z = k * sk - c[2];
                if (std::hypot(x, z) > r) continue;  // outside the tube
                bool inClot = false;
                switch (shape) {
                    case Shape::Occlusive: inClot = std::abs(y) <= halfLength; break;
                    case Shape::Central: inClot = std::pow(x / (0.55 * r), 2) + std::pow(z / (0.55 * r), 2) + std::pow(y / halfLength, 2) <= 1; break;
                    case Shape::Eccentric:
                        inClot = std::pow((x - 0.35 * r) / (0.7 * r), 2) + std::pow(z / (0.7 * r), 2) + std::pow(y / halfLength, 2) <= 1;
                        break;
                }
                if (inClot) clot.push_back(lumen.offset(i, j, k));
                else lumen.at(i, j, k) = 1;
            }
    REQUIRE(!clot.empty());
    const tv::EmbolismParams p;
    return tv::lumenSidesTouching(clot, lumen, p.occlusionSideMarginMm, p.occlusionSideMinVoxels);
}
}  // namespace

TEST_CASE("lumen passes a partial clot but not an occlusion", "[embolism][unit]") {
    SECTION("1 mm isotropic, lobar artery (radius 4 mm)") {
        CHECK(sidesOf(Shape::Occlusive, 4.0, 1.0, 1.0) == 2);
        CHECK(sidesOf(Shape::Central, 4.0, 1.0, 1.0) == 1);
        CHECK(sidesOf(Shape::Eccentric, 4.0, 1.0, 1.0) == 1);
    }
    SECTION("1.13 x 1.13 x 3 mm (C3N's working grid), radius 4.5 mm") {
        CHECK(sidesOf(Shape::Occlusive, 4.5, 1.13, 3.0) == 2);
        CHECK(sidesOf(Shape::Central, 4.5, 1.13, 3.0) == 1);
        CHECK(sidesOf(Shape::Eccentric, 4.5, 1.13, 3.0) == 1);
    }
}

TEST_CASE("lumen pieces are followed only near the candidate and specks do not count", "[embolism][unit]") {
    const tv::ImageGeometry g = tvtest::grid(30, 30, 30, 1.0, 1.0, 1.0);
    tv::Mask lumen(g, 0);
    // Candidate: a 3x3x3 cube at the centre; lumen before (j < 14) and after (j > 16) along j.
    std::vector<std::size_t> cand;
    for (int k = 14; k <= 16; ++k)
        for (int j = 14; j <= 16; ++j)
            for (int i = 14; i <= 16; ++i) cand.push_back(lumen.offset(i, j, k));
    for (int j = 0; j < 30; ++j)
        if (j < 14 || j > 16) lumen.at(15, j, 15) = lumen.at(15, j, 16) = 1;
    CHECK(tv::lumenSidesTouching(cand, lumen, 3.0, 2) == 2);
    // A loop joining both ends 10 mm beside the candidate: outside the 3 mm margin, still 2 pieces;
    // with a 12 mm margin the loop joins them into one.
    for (int j = 5; j <= 25; ++j) lumen.at(25, j, 15) = 1;
    for (int i = 15; i <= 25; ++i) lumen.at(i, 5, 15) = lumen.at(i, 25, 15) = 1;
    CHECK(tv::lumenSidesTouching(cand, lumen, 3.0, 2) == 2);
    CHECK(tv::lumenSidesTouching(cand, lumen, 12.0, 2) == 1);
    // A single lumen voxel touching the candidate's side is a speck.
    lumen.at(17, 15, 14) = 1;
    CHECK(tv::lumenSidesTouching(cand, lumen, 3.0, 2) == 2);
    CHECK(tv::lumenSidesTouching(cand, lumen, 3.0, 1) == 3);
}
