// Airway wall clearance before the lung fill (clearAirwayWall + fillLungs): exact voxel counts on a
// small synthetic section (1 mm pixels, soft tissue between a trachea and a rectangular lung).
#include <catch2/catch.hpp>

#include <cstdint>

#include "image/image.h"
#include "lung/lung_fill.h"
#include "lung/lung_segmentation.h"

namespace {

constexpr int kNx = 80, kNy = 80, kNz = 3;
constexpr int kTracheaI = 20, kTracheaJ = 40, kTracheaRadius = 6;  // pixels (1 mm)
constexpr int kLungI0 = 33, kLungI1 = 70, kLungJ0 = 20, kLungJ1 = 60;  // inclusive rectangle

bool inTrachea(int i, int j) { return (i - kTracheaI) * (i - kTracheaI) + (j - kTracheaJ) * (j - kTracheaJ) <= kTracheaRadius * kTracheaRadius; }
bool inLung(int i, int j) { return i >= kLungI0 && i <= kLungI1 && j >= kLungJ0 && j <= kLungJ1; }
// The trachea's partial-volume rim that the airway growth missed, left in the lung label: the ring
// just outside the lumen on its lung-facing side (as on C3N-00247's apical slices, s19).
bool inRimRemnant(int i, int j) {
    const int d2 = (i - kTracheaI) * (i - kTracheaI) + (j - kTracheaJ) * (j - kTracheaJ);
    return d2 > kTracheaRadius * kTracheaRadius && d2 <= (kTracheaRadius + 1) * (kTracheaRadius + 1) && i > kTracheaI &&
           j >= kTracheaJ - 4 && j <= kTracheaJ + 4;
}

struct Section {
    tv::LabelMap labels, airway;
    tv::Image<std::int16_t> hu;
    std::size_t remnantVoxels = 0;
};

Section makeSection() {
    tv::ImageGeometry g;
    g.size = {kNx, kNy, kNz};
    g.spacing = {1.0, 1.0, 3.0};
    Section s{tv::LabelMap(g, 0), tv::LabelMap(g, 0), tv::Image<std::int16_t>(g, 40), 0};  // soft tissue
    for (int k = 0; k < kNz; ++k)
        for (int j = 0; j < kNy; ++j)
            for (int i = 0; i < kNx; ++i) {
                if (inTrachea(i, j)) s.airway.at(i, j, k) = 1, s.hu.at(i, j, k) = -1000;
                if (inLung(i, j)) s.labels.at(i, j, k) = tv::kRightLung, s.hu.at(i, j, k) = -850;
                if (inRimRemnant(i, j)) s.labels.at(i, j, k) = tv::kRightLung, s.hu.at(i, j, k) = -450, ++s.remnantVoxels;
            }
    return s;
}

std::size_t lungVoxels(const tv::LabelMap& m) {
    std::size_t n = 0;
    for (auto v : m.voxels()) n += v == tv::kRightLung;
    return n;
}

}  // namespace

TEST_CASE("airway wall clearance: rim remnants are cleared and the fill does not bridge to the trachea", "[lung][airway]") {
    const std::size_t lungRect = static_cast<std::size_t>(kLungI1 - kLungI0 + 1) * (kLungJ1 - kLungJ0 + 1) * kNz;
    const tv::PleuralHullRule hull;

    // Without the clearance (the airway alone forbidden, the remnants kept as lung) the 12 mm closing
    // fills the 6 mm of soft tissue between the remnants and the lung: a strip to the trachea.
    Section before = makeSection();
    REQUIRE(before.remnantVoxels > 0);
    const std::size_t bridged = tv::fillLungs(before.labels, before.hu, before.airway, 12.0, hull, tv::neverCancel());
    INFO("without clearance: " << bridged << " voxels added");
    CHECK(bridged > 20 * kNz);
    CHECK(before.labels.at(30, kTracheaJ, 1) == tv::kRightLung);  // soft tissue between trachea and lung

    // With 1.5 mm: every remnant voxel lies within sqrt(2) pixels of the lumen and is cleared; the
    // rectangle's closing, hole filling and hull add nothing, so the lung is exactly the rectangle.
    Section after = makeSection();
    std::size_t removed = 0;
    const tv::LabelMap rim = tv::clearAirwayWall(after.labels, after.airway, 1.5, removed, tv::neverCancel());
    CHECK(removed == after.remnantVoxels);
    CHECK(lungVoxels(after.labels) == lungRect);
    const std::size_t added = tv::fillLungs(after.labels, after.hu, rim, 12.0, hull, tv::neverCancel());
    CHECK(added == 0);
    CHECK(lungVoxels(after.labels) == lungRect);
    CHECK(after.labels.at(30, kTracheaJ, 1) == 0);

    // Clearance 0: the band is the airway itself, nothing is cleared (the old behaviour).
    Section zero = makeSection();
    const tv::LabelMap same = tv::clearAirwayWall(zero.labels, zero.airway, 0.0, removed, tv::neverCancel());
    CHECK(same.voxels() == zero.airway.voxels());
    CHECK(removed == 0);
    CHECK(lungVoxels(zero.labels) == lungRect + zero.remnantVoxels);
}
