#pragma once
// A scene for candidate-scoring tests (computeFeatures) on the working grid of raised C3N-00247
// (1.13 x 1.13 x 3 mm): soft tissue everywhere, the lung hull everywhere (no lungs, no heart), CTPA-level
// contrast (408 HU blood, noise 20 HU, lumen threshold 234 HU), an empty tree, and an empty lung cut-off
// candidate. Shared by test_blood_calibre.cpp, test_cutoff_slab.cpp and test_open_wall.cpp, which draw their arteries into it.
#include "embolism/candidate_scoring.h"
#include "embolism/candidates.h"
#include "test_support.h"

namespace tv::testing {

struct ScoringScene {
    Image<float> s;
    ThoraxMasks m;
    ContrastResult c;
    VesselTree t;
    RawCandidate clot;
};

inline constexpr double kSceneSpacingMm = 1.13, kSceneSliceMm = 3.0;
inline constexpr double kSceneBloodHu = 408, kSceneTissueHu = 40;

inline ScoringScene emptyScoringScene(int nx, int ny, int nz) {
    const ImageGeometry g = tvtest::grid(nx, ny, nz, kSceneSpacingMm, kSceneSpacingMm, kSceneSliceMm);
    ScoringScene sc{Image<float>(g, static_cast<float>(kSceneTissueHu)), {}, {}, {}, {}};
    sc.m.lungHull = Mask(g, 1);
    sc.m.lungs = Mask(g, 0);
    sc.m.heart = Mask(g, 0);
    sc.c.paEnhancementHu = kSceneBloodHu;
    sc.c.paNoiseHu = 20;
    sc.c.state = ContrastState::Adequate;
    sc.t.lumenThresholdHu = 234;
    sc.t.lumen = Mask(g, 0);
    sc.t.connected = Mask(g, 0);
    sc.t.radius = Image<float>(g, 0.0f);
    sc.clot.fromCutoff = true;
    return sc;
}

// A segmental-level lumen voxel of the scene's artery (blood, lumen, tree, wall distance radiusMm).
inline void sceneLumenVoxel(ScoringScene& sc, int i, int j, int k, double radiusMm) {
    sc.s.at(i, j, k) = static_cast<float>(kSceneBloodHu);
    sc.t.lumen.at(i, j, k) = 1;
    sc.t.connected.at(i, j, k) = static_cast<std::uint8_t>(ArteryCode::Segmental);
    sc.t.radius.at(i, j, k) = static_cast<float>(radiusMm);
}

// A voxel of the scene's candidate, at clotHu.
inline void sceneClotVoxel(ScoringScene& sc, int i, int j, int k, double clotHu) {
    sc.s.at(i, j, k) = static_cast<float>(clotHu);
    sc.clot.voxels.push_back(sc.s.offset(i, j, k));
}

// The scene's candidate's features (the scene's image serves as both the smoothed and the unsmoothed grid).
inline CandidateFeatures sceneFeatures(const ScoringScene& sc, const EmbolismParams& p) {
    return computeFeatures(sc.clot, sc.s, sc.s, sc.m, sc.t, sc.c, p);
}

}  // namespace tv::testing
