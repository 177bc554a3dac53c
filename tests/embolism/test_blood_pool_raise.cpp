// Blood-pool raise simulation (lesion_insertion.h raiseBloodPool, blood_pool_region.h): only the
// enhanced vessels connected to the trunk above the diaphragm are raised, as whole vessels; an
// enhanced "liver" below the diaphragm, connected through an "IVC", is not.
#include <catch2/catch.hpp>

#include <cmath>

#include "embolism/embolism_detector.h"
#include "evaluation/blood_pool_region.h"
#include "evaluation/lesion_insertion.h"
#include "tube_phantom.h"

namespace {

constexpr double kBlood = 150;  // venous-phase blood (C3N-00247 about 125-150 HU)

constexpr int kBelow = 30;  // slices under the lungs: diaphragm and liver; lungs from slice 35 up

double arteryK(int i) { return tv::testing::arteryK(i, kBelow); }

// The shared tube phantom (trunk at slice 60, an artery into each lung) with, below the lungs (the
// "diaphragm"), a liver ellipsoid as bright as the blood joined to the trunk by a vertical IVC, and
// a mediastinal vessel rising from the trunk to the top of the body (an "arch": one whole vessel).
tv::CtVolume thoraxWithLiver() {
    tv::CtVolume ct = tv::testing::tubePhantom(kBlood, kBelow);
    const auto& g = ct.geometry();
    for (int k = 0; k < g.size[2]; ++k)
        for (int j = 0; j < g.size[1]; ++j)
            for (int i = 0; i < g.size[0]; ++i) {
                double v = ct.hu.at(i, j, k);
                if (std::pow((i - 60) / 45.0, 2) + std::pow((j - 40) / 30.0, 2) + std::pow((k - 14) / 11.0, 2) < 1) v = kBlood;  // liver
                if (std::hypot(i - 60.0, j - 50.0) < 4 && k >= 14 && k <= 60) v = kBlood;                                  // IVC
                if (std::hypot(i - 60.0, j - 25.0) < 5 && k >= 60 && k <= 86) v = kBlood;                                  // "arch"
                // Deterministic texture: the raise must keep it (an additive shift).
                if (v > -1000) v += static_cast<int>((i * 7 + j * 3 + k) % 5) * 6 - 12;
                ct.hu.at(i, j, k) = static_cast<std::int16_t>(v);
            }
    return ct;
}

}  // namespace

TEST_CASE("diaphragm map: lowest lung slice per column, interpolated across the mediastinum, airways ignored", "[embolism][unit]") {
    tv::ImageGeometry g;
    g.size = {11, 3, 20};
    g.spacing = {1.0, 1.0, 1.0};
    tv::Mask lungs(g, 0);
    for (int j = 0; j < 3; ++j)
        for (int k = 0; k < 20; ++k) {
            for (int i = 0; i <= 2; ++i) lungs.at(i, j, k) = k >= 4;   // right lung base at slice 4
            for (int i = 8; i <= 10; ++i) lungs.at(i, j, k) = k >= 8;  // left lung base at slice 8
            lungs.at(5, j, k) = k >= 15;                                 // "trachea" ending at slice 15
        }
    const std::vector<double> h = tv::diaphragmSliceMap(lungs, 12);  // airway above slice 12: ignored
    REQUIRE(h.size() == 33u);
    for (int j = 0; j < 3; ++j) {
        CHECK(h[j * 11 + 0] == 4);
        CHECK(h[j * 11 + 10] == 8);
        CHECK(h[j * 11 + 5] == Approx(4 + 4 * 3.0 / 6));  // linear between columns 2 and 8
    }
    CHECK(tv::diaphragmSliceMap(tv::Mask(g, 0), 12).empty());
}

TEST_CASE("blood-pool raise: vessels above the diaphragm reach the target, the liver below is untouched", "[embolism][unit]") {
    const tv::EmbolismParams p;
    const tv::CtVolume before = thoraxWithLiver();
    tv::CtVolume ct = before;
    const double measured = tv::raiseBloodPool(ct, 400, p);
    REQUIRE(measured == Approx(kBlood).margin(15));
    const auto shift = [&](int i, int j, int k) { return ct.hu.at(i, j, k) - before.hu.at(i, j, k); };
    const double expected = 400 - measured;
    // Trunk, both arteries deep in the lungs, the IVC above the diaphragm, and the whole "arch" up to
    // its top: shifted by target - measured (blood fraction 1 in the vessel cores).
    CHECK(shift(60, 40, 60) == Approx(expected).margin(2));
    CHECK(shift(25, 40, static_cast<int>(std::lround(arteryK(25)))) == Approx(expected).margin(2));
    CHECK(shift(95, 40, static_cast<int>(std::lround(arteryK(95)))) == Approx(expected).margin(2));
    CHECK(shift(60, 50, 40) == Approx(expected).margin(2));
    CHECK(shift(60, 25, 66) == Approx(expected).margin(2));
    CHECK(shift(60, 25, 84) == Approx(expected).margin(2));
    // Liver and the IVC below the lung bases (slice 35): not changed at all.
    for (int k = 6; k <= 22; k += 4) {
        CHECK(shift(60, 40, k) == 0);
        CHECK(shift(30, 40, k) == 0);
    }
    CHECK(shift(60, 50, 26) == 0);
    // Lung and fat away from vessels: not changed; the texture is kept (additive shift).
    CHECK(shift(30, 20, 50) == 0);
    CHECK(shift(60, 5, 50) == 0);
    // (within 2 HU: the blood fraction of the local box mean varies with the texture by about 1%)
    CHECK(std::abs((ct.hu.at(60, 40, 61) - ct.hu.at(60, 40, 60)) - (before.hu.at(60, 40, 61) - before.hu.at(60, 40, 60))) <= 2);
    // After the raise the detector measures CTPA-level enhancement.
    const auto r = tv::detectEmboli(ct, p, tv::noProgress(), tv::neverCancel());
    CHECK(r.contrastState == "adequate");
    CHECK(r.paEnhancementHu == Approx(400).margin(20));
}
