#pragma once
// Random masks for the binary building blocks' tests (compared with brute-force references).
#include <random>

#include "image/image.h"

namespace tv::test {

/// nx x ny x nz mask (spacing 0.7 x 0.9 x 2 mm) with each voxel set with probability `fill`; set
/// voxels get 1, or a value drawn from 1..values when values > 1.
inline LabelMap randomMask(int nx, int ny, int nz, double fill, unsigned seed, int values = 1) {
    ImageGeometry g;
    g.size = {nx, ny, nz};
    g.spacing = {0.7, 0.9, 2.0};
    LabelMap m(g, 0);
    std::mt19937 rng(seed);
    std::bernoulli_distribution on(fill);
    std::uniform_int_distribution<int> value(1, values);
    for (auto& v : m.voxels()) v = on(rng) ? static_cast<std::uint8_t>(values > 1 ? value(rng) : 1) : 0;
    return m;
}

}  // namespace tv::test
