#pragma once
// Chest-like tube phantom shared by the embolism unit tests: 1 mm grid, fatty body, two lung boxes, a
// "heart/trunk" blood pool in the mediastinum feeding an artery into each lung (radius 5 mm), blood
// `bloodHu`. `slicesBelow` adds that many slices under the lungs (room for a diaphragm and a liver,
// test_blood_pool_raise.cpp); everything else moves up with them.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>

#include "embolism/vessel_tree.h"
#include "embolism/volume_ops.h"
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

/// Share of voxel (i, k) inside a disc of radius r around (ci, ck) (4x4 sub-samples: partial volume).
inline double discShare(int i, int k, double ci, double ck, double r) {
    int in = 0;
    for (int a = 0; a < 4; ++a)
        for (int b = 0; b < 4; ++b) in += std::hypot(i - 0.375 + 0.25 * a - ci, k - 0.375 + 0.25 * b - ck) < r;
    return in / 16.0;
}

/// A branch of radius r along +j (rows j0..j1) from the main artery at column ci into its lung, with
/// partial volume at its edge (the main artery's own voxels are kept).
inline void addLungBranch(CtVolume& ct, int ci, double r, int j0, int j1, double bloodHu, double lungHu = -850) {
    const double ck = arteryK(ci);
    for (int j = j0; j <= j1; ++j)
        for (int k = 0; k < ct.hu.nz(); ++k)
            for (int i = ci - 3; i <= ci + 3; ++i) {
                const double f = discShare(i, k, ci, ck, r);
                if (f <= 0 || (j < j0 + 6 && ct.hu.at(i, j, k) >= bloodHu)) continue;  // keep the main artery
                ct.hu.at(i, j, k) = static_cast<std::int16_t>(std::lround(lungHu + f * (bloodHu - lungHu)));
            }
}

/// Gaussian noise of SD `sd` on every voxel inside the body (fixed seed: deterministic).
inline void addNoise(CtVolume& ct, double sd, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> noise(0.0, sd);
    for (std::size_t n = 0; n < ct.hu.voxelCount(); ++n)
        if (ct.hu[n] > -1000) ct.hu[n] = static_cast<std::int16_t>(std::lround(ct.hu[n] + noise(rng)));
}

/// Completes a test's vessel tree built from its `lumen` mask: blood and lumen threshold, and the
/// radius map gradeVesselTree sets (distance inside the 2.5 mm-closed lumen). `connected` is the caller's.
inline void finishTestTree(VesselTree& tree, double bloodHu, double lumenThresholdHu) {
    tree.bloodHu = bloodHu;
    tree.lumenThresholdHu = lumenThresholdHu;
    tree.radius = distanceInsideMm(closeMm(tree.lumen, 2.5));
}

/// A binary scene placed wholly in the mediastinum (no lung hull: the lung cut-off search does not
/// apply; midline at i = 0) on a CTPA-quality scan of blood `bloodHu`: the contrast the scoring reads.
inline ContrastResult putInMediastinum(ThoraxMasks& masks, const ImageGeometry& g, double bloodHu) {
    masks.lungHull = Mask(g, 0);
    masks.mediastinum = Mask(g, 1);
    masks.midlineX = 0;
    ContrastResult contrast;
    contrast.state = ContrastState::Adequate;
    contrast.paEnhancementHu = bloodHu;
    return contrast;
}

}  // namespace tv::testing
