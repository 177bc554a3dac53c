#pragma once
// A native CT of an analytic scene with partial volume and noise, shared by the fine-pass tests
// (test_fine_defects.cpp at C3N-00247's spacing, test_fine_unbinned.cpp at pa-crop's): each voxel is
// the mean of sub x sub x subZ samples of the scene, plus Gaussian noise.
#include <cmath>
#include <cstdint>
#include <functional>
#include <random>

#include "image/image.h"

namespace tvtest {

/// HU of the scene at (x, y, z) mm, voxel (i, j, k) centred at (i, j, k) x spacing.
using SceneHu = std::function<double(double, double, double)>;

/// The scene sampled on `g` (sub samples per voxel in-plane, subZ along the slice axis, centred in
/// the voxel's sub-boxes). Noise is drawn (seed `seed`) only when noiseSd > 0.
inline tv::CtVolume partialVolumeCt(const tv::ImageGeometry& g, const SceneHu& hu, int sub, int subZ, double noiseSd, unsigned seed) {
    tv::CtVolume ct;
    ct.hu = tv::Image<std::int16_t>(g, 0);
    std::mt19937 rng(seed);
    std::normal_distribution<double> noise(0.0, noiseSd);
    const double sx = g.spacing[0], sy = g.spacing[1], sz = g.spacing[2];
    for (int k = 0; k < g.size[2]; ++k)
        for (int j = 0; j < g.size[1]; ++j)
            for (int i = 0; i < g.size[0]; ++i) {
                double sum = 0;
                for (int a = 0; a < sub; ++a)
                    for (int b = 0; b < sub; ++b)
                        for (int c = 0; c < subZ; ++c)
                            sum += hu((i - 0.5 + (a + 0.5) / sub) * sx, (j - 0.5 + (b + 0.5) / sub) * sy, (k - 0.5 + (c + 0.5) / subZ) * sz);
                ct.hu.at(i, j, k) = static_cast<std::int16_t>(std::lround(sum / (sub * sub * subZ) + (noiseSd > 0 ? noise(rng) : 0.0)));
            }
    return ct;
}

}  // namespace tvtest
