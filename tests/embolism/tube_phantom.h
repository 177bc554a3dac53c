#pragma once
// Chest-like tube phantom shared by the embolism unit tests: 1 mm grid, fatty body, two lung boxes, a
// "heart/trunk" blood pool in the mediastinum feeding an artery into each lung (radius 5 mm), blood
// `bloodHu`. `slicesBelow` adds that many slices under the lungs (room for a diaphragm and a liver,
// test_blood_pool_raise.cpp); everything else moves up with them.
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "image/image.h"

namespace tv::testing {

/// Slice of the artery's axis at column i: arteries rise 0.35 mm per mm towards the periphery (so
/// they leave the axial rows of the mediastinal corridor, as real lobar arteries do).
inline double arteryK(int i, int slicesBelow = 0) { return 30.0 + slicesBelow + 0.35 * std::max(0, std::abs(i - 60) - 12); }

inline CtVolume tubePhantom(double bloodHu, int slicesBelow = 0) {
    ImageGeometry g;
    g.size = {120, 80, 60 + slicesBelow};
    g.spacing = {1.0, 1.0, 1.0};
    CtVolume ct;
    ct.hu = Image<std::int16_t>(g, -1000);
    for (int k = 0; k < g.size[2]; ++k)
        for (int j = 0; j < 80; ++j)
            for (int i = 0; i < 120; ++i) {
                const int z = k - slicesBelow;  // slice in the original 60-slice phantom
                double v = -1000;
                if (i > 3 && i < 116 && j > 3 && j < 76 && k > 1 && z < 58) v = -100;  // body (fat)
                if (((i > 10 && i < 48) || (i > 72 && i < 110)) && j > 10 && j < 70 && z > 4 && z < 55) v = -850;  // lungs
                const double dy = j - 40, dz = z - 30;
                if (i >= 48 && i <= 72 && std::hypot(i - 60.0, dy) < 11 && std::abs(dz) < 14) v = bloodHu;  // trunk
                if (i > 14 && i < 106 && std::hypot(dy, k - arteryK(i, slicesBelow)) < 5.0) v = bloodHu;      // arteries
                ct.hu.at(i, j, k) = static_cast<std::int16_t>(v);
            }
    return ct;
}

}  // namespace tv::testing
