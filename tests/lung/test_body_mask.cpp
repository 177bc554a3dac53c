// Body mask (core/lung/body_mask.h) on small synthetic slabs with exact voxel counts.
#include <catch2/catch.hpp>

#include <cstdint>

#include "lung/body_mask.h"

namespace {

using Hu = tv::Image<std::int16_t>;

// 60 x 50 x 4 voxels of 1 x 1 x 2 mm filled with `airHu`.
Hu emptyScan(std::int16_t airHu) {
    tv::ImageGeometry g;
    g.size = {60, 50, 4};
    g.spacing = {1.0, 1.0, 2.0};
    return Hu(g, airHu);
}

void fillBox(Hu& hu, int i0, int i1, int j0, int j1, std::int16_t value) {  // half-open in i and j
    for (int k = 0; k < hu.nz(); ++k)
        for (int j = j0; j < j1; ++j)
            for (int i = i0; i < i1; ++i) hu.at(i, j, k) = value;
}

// Trunk 30 x 30 (i 15..44, j 10..39) of soft tissue around a 20 x 20 lung (-850 HU), a table
// (300 HU, j 44..46) below it across air, and an arm (10 x 11 voxels, i 45..54) against its side.
Hu chestWithTableAndArm(std::int16_t airHu) {
    Hu hu = emptyScan(airHu);
    fillBox(hu, 15, 45, 10, 40, 40);
    fillBox(hu, 20, 40, 15, 35, -850);
    fillBox(hu, 5, 55, 44, 47, 300);
    fillBox(hu, 45, 55, 15, 26, 40);
    return hu;
}

std::size_t count(const tv::LabelMap& m) {
    std::size_t n = 0;
    for (std::size_t v = 0; v < m.voxelCount(); ++v) n += m[v] != 0;
    return n;
}

}  // namespace

TEST_CASE("body mask: trunk, lung and arm kept, table and outside air dropped", "[lung][body_mask]") {
    const Hu hu = chestWithTableAndArm(-1000);
    const tv::BodyMask b = tv::computeBodyMask(hu, tv::BodyMaskParams{});
    CHECK(count(b.mask) == 4 * (30 * 30 + 10 * 11));
    CHECK(b.mask.at(30, 25, 1) == 1);  // lung
    CHECK(b.mask.at(50, 20, 1) == 1);  // arm
    CHECK(b.mask.at(30, 45, 1) == 0);  // table
    CHECK(b.mask.at(2, 2, 1) == 0);    // room air
    CHECK_FALSE(b.armsRemoved);
}

TEST_CASE("body mask: arm clip at armMarginMm beside the lungs, skin margin erodes", "[lung][body_mask]") {
    const Hu hu = chestWithTableAndArm(-1000);
    tv::BodyMaskParams p;
    p.removeArms = true;
    p.armMarginMm = 3.0;
    p.minLungMl = 1.0;  // the phantom lung holds 20 x 20 x 4 voxels of 2 mm3 = 3.2 mL
    tv::BodyMask b = tv::computeBodyMask(hu, p);
    REQUIRE(b.armsRemoved);
    CHECK(b.armCutLowI == 17);   // lung from i = 20, minus 3
    CHECK(b.armCutHighI == 43);  // lung up to i = 39 (half-open 40), plus 3
    CHECK(count(b.mask) == 4 * (26 * 30));
    CHECK(b.mask.at(50, 20, 1) == 0);

    p.skinMarginMm = 1.0;  // one pixel of the 26 x 30 rectangle's rim
    b = tv::computeBodyMask(hu, p);
    CHECK(count(b.mask) == 4 * (24 * 28));

    p.minLungMl = 4.0;  // no lung this large: arms kept
    b = tv::computeBodyMask(hu, p);
    CHECK_FALSE(b.armsRemoved);
    CHECK(b.mask.at(50, 20, 1) == 1);
}

TEST_CASE("body mask: sharp-kernel outside air spanning the field of view is outside", "[lung][body_mask]") {
    // -930 HU: brighter than outsideAir.medianHu (-960) but darker than wideMedianHu (-900), and
    // it reaches both lateral edges.
    const Hu hu = chestWithTableAndArm(-930);
    const tv::BodyMask b = tv::computeBodyMask(hu, tv::BodyMaskParams{});
    CHECK(count(b.mask) == 4 * (30 * 30 + 10 * 11));
}

TEST_CASE("body mask: a crop without outside air is all body, edge-cut lung included", "[lung][body_mask]") {
    Hu hu = emptyScan(40);
    fillBox(hu, 0, 20, 10, 30, -850);  // lung touching the left edge of the crop
    const tv::BodyMask b = tv::computeBodyMask(hu, tv::BodyMaskParams{});
    CHECK(count(b.mask) == hu.voxelCount());
}

TEST_CASE("body mask: binned in-plane by 2, equal to full resolution on a 2-aligned phantom", "[lung][body_mask]") {
    Hu hu = emptyScan(-1000);
    fillBox(hu, 14, 44, 10, 40, 40);     // trunk 30 x 30
    fillBox(hu, 20, 40, 16, 34, -850);   // lung
    fillBox(hu, 4, 56, 44, 48, 300);     // table
    fillBox(hu, 44, 54, 16, 26, 40);     // arm 10 x 10
    tv::BodyMaskParams p;
    const tv::BodyMask full = tv::computeBodyMask(hu, p);
    p.inPlaneStep = 2;
    const tv::BodyMask binned = tv::computeBodyMask(hu, p);
    CHECK(count(full.mask) == 4 * (30 * 30 + 10 * 10));
    CHECK(binned.mask.voxels() == full.mask.voxels());
    p.removeArms = true;
    p.armMarginMm = 4.0;  // two binned pixels of 2 mm
    p.minLungMl = 1.0;
    const tv::BodyMask clipped = tv::computeBodyMask(hu, p);
    REQUIRE(clipped.armsRemoved);
    CHECK(clipped.armCutLowI == 16);   // lung from i = 20, minus 4
    CHECK(clipped.armCutHighI == 44);  // lung up to 40, plus 4
    CHECK(count(clipped.mask) == 4 * (28 * 30));
}

