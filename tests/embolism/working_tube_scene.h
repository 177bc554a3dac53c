#pragma once
// Binary tube scenes on the C3N-00247 working grid (1.125 x 1.125 x 3 mm) with the maps
// findCandidates reads built directly (no smoothing, no thresholding), shared by the candidate-limit
// and round-section tests: a tube along k whose cross-section is the voxels (di, dj) with
// di^2 + dj^2 <= discR2 around (kCi, kCj), blood inside, aerated lung outside.
#include <functional>

#include "embolism/candidates.h"
#include "embolism/volume_ops.h"
#include "test_support.h"
#include "tube_phantom.h"

namespace tvtest {

inline constexpr int kN = 40, kSlices = 30, kCi = 20, kCj = 20;
inline constexpr float kBlood = 400, kLung = -850, kClot = 60;

struct TubeScene {
    tv::Image<float> s;
    tv::ThoraxMasks masks;
    tv::VesselTree tree;
};

/// After editing a scene's lumen: the tree is the whole lumen with level `code`, and its radius map.
inline void regrade(TubeScene& t, std::uint8_t code = 1) {
    t.tree.connected = t.tree.lumen;
    for (std::size_t n = 0; n < t.tree.connected.voxelCount(); ++n) t.tree.connected[n] *= code;
    tv::testing::finishTestTree(t.tree, t.tree.bloodHu, t.tree.lumenThresholdHu);
}

/// `clot(di, dj, k)` marks thrombus voxels (60 HU, not lumen); `code`: the tree's level code of the
/// lumen (artery_levels.h; 1 central).
inline TubeScene tube(int discR2, const std::function<bool(int, int, int)>& clot, std::uint8_t code = 1) {
    const tv::ImageGeometry g = grid(kN, kN, kSlices, 1.125, 1.125, 3.0);
    TubeScene t{tv::Image<float>(g, kLung), {}, {}};
    t.masks.lungs = tv::Mask(g, 1);
    t.masks.heart = tv::Mask(g, 0);
    t.masks.lungHull = tv::Mask(g, 0);  // no cut-off search in these scenes
    t.tree.lumen = tv::Mask(g, 0);
    for (int k = 0; k < kSlices; ++k)
        for (int j = 0; j < kN; ++j)
            for (int i = 0; i < kN; ++i) {
                const int di = i - kCi, dj = j - kCj;
                if (di * di + dj * dj > discR2) continue;
                t.masks.lungs.at(i, j, k) = 0;
                const bool c = clot(di, dj, k);
                t.s.at(i, j, k) = c ? kClot : kBlood;
                t.tree.lumen.at(i, j, k) = c ? 0 : 1;
            }
    t.tree.bloodHu = kBlood;
    t.tree.lumenThresholdHu = 230;
    regrade(t, code);
    return t;
}

/// The detector's parameters for these scenes: the lungs wrap the tube on every side, so the wide hull's
/// cut-off search (EmbolismParams::cutoffHullClosingMm: the lungs closed by 12 mm) would search the tube's
/// clot as a cut-off; like the lung hull's (empty above), it is off here.
inline tv::EmbolismParams tubeParams() {
    tv::EmbolismParams p;
    p.cutoffHullClosingMm = 0;
    return p;
}

/// The contrast check's result for a tube scene: `state` at the tube's blood level.
inline tv::ContrastResult tubeContrast(tv::ContrastState state = tv::ContrastState::Adequate) {
    tv::ContrastResult contrast;
    contrast.state = state;
    contrast.paEnhancementHu = kBlood;
    return contrast;
}

}  // namespace tvtest
