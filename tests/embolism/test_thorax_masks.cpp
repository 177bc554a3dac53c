// Synthetic test with exact answers for the heart mask of core/embolism/thorax_masks: a vertebral
// body between the lungs (cortex above bone HU, cancellous interior at 250 HU, as thick as a
// chamber) must not be taken for heart; the heart beside it must.
#include <catch2/catch.hpp>

#include <cmath>

#include "embolism/thorax_masks.h"
#include "test_support.h"

TEST_CASE("thorax masks: a vertebral body in the mediastinal corridor is not heart", "[embolism]") {
    const tv::ImageGeometry g = tvtest::grid(160, 130, 60);
    tv::Image<float> hu(g, -1000.0f);
    for (int k = 0; k < 60; ++k)
        for (int j = 0; j < 130; ++j)
            for (int i = 0; i < 160; ++i) {
                double v = -1000;
                if (i > 3 && i < 156 && j > 3 && j < 126 && k > 1 && k < 58) v = -100;                       // body (fat)
                if (((i > 8 && i < 50) || (i > 110 && i < 152)) && j > 8 && j < 122 && k > 4 && k < 55) v = -850;  // lungs
                if (std::hypot(i - 80.0, j - 40.0) <= 26.0) v = 40;                                         // heart (chambers)
                const double rv = std::hypot(i - 80.0, j - 98.0);
                if (rv <= 21.0) v = rv >= 19.0 ? 1100 : 250;                                                 // vertebral body
                hu.at(i, j, k) = static_cast<float>(v);
            }
    const tv::ThoraxMasks m = tv::computeThoraxMasks(hu, hu, tv::ThoraxParams{}, tv::neverCancel());
    for (int k : {20, 30, 40}) {
        INFO("slice " << k);
        REQUIRE(m.mediastinum.at(80, 98, k) == 1);  // the vertebra lies in the corridor, so the rule matters
        CHECK(m.heart.at(80, 40, k) == 1);
        CHECK(m.heart.at(80, 98, k) == 0);
        CHECK(m.heart.at(80, 88, k) == 0);
    }
}
