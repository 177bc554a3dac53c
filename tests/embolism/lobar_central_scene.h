#pragma once
// A lobar artery rising into a central one, with a fine-pass defect on the lobar axis: the scene of the
// central-level veto tests (test_central_veto_level.cpp, test_oblique_section_level.cpp). Working grid of
// 1.125 x 1.125 x 3 mm (raised C3N-00247's), with the maps computeFeatures reads built here.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>

#include "embolism/candidate_scoring.h"
#include "embolism/volume_ops.h"
#include "test_support.h"
#include "tube_phantom.h"

namespace tvtest {

struct LobarCentralScene {
    tv::Image<float> hu;
    tv::ThoraxMasks masks;
    tv::VesselTree tree;
    tv::ContrastResult contrast;
    tv::RawCandidate defect;
};

// The central artery: slices `centralFrom`..`centralTo`, |j - centre| <= `centralHalfJ` voxels, the whole width
// in i (a main PA running in-plane).
struct CentralBar {
    int centralFrom = 10;
    int centralTo = 15;
    int centralHalfJ = 12;
};

inline constexpr int kLobarCentralN = 40, kLobarCentralSlices = 16, kLobarCentralC = 20;
inline constexpr float kLobarCentralBlood = 500;

// A lobar artery (radius 3 voxels = 3.4 mm, code Lobar) runs along k from slice 0 up into the central bar
// (code Central). The defect: one voxel of clot on the lobar axis at slice `clotK` (dark, not lumen) and its four
// in-plane face neighbours, the partial-volume rim a fine candidate's working voxels hold; a breached hole as raised
// C3N r2 c2 (median 140 HU, core 86 HU, enclosure 0.91). `crossSections`: found by the pass across arteries
// (oblique_defects.cpp) rather than the axial fine pass.
inline LobarCentralScene lobarCentralScene(int clotK, const CentralBar& bar, bool crossSections) {
    constexpr int n = kLobarCentralN, c = kLobarCentralC;
    constexpr float blood = kLobarCentralBlood;
    const tv::ImageGeometry g = grid(n, n, kLobarCentralSlices, 1.125, 1.125, 3.0);
    LobarCentralScene s{tv::Image<float>(g, 40), {}, {}, {}, {}};
    s.masks.lungs = tv::Mask(g, 0);
    s.masks.heart = tv::Mask(g, 0);
    s.contrast = tv::testing::putInMediastinum(s.masks, g, blood);
    s.tree.lumen = tv::Mask(g, 0);
    s.tree.connected = tv::Mask(g, 0);
    for (int k = 0; k < kLobarCentralSlices; ++k)
        for (int j = 0; j < n; ++j)
            for (int i = 0; i < n; ++i) {
                const int di = i - c, dj = j - c;
                const bool central = k >= bar.centralFrom && k <= bar.centralTo && std::abs(dj) <= bar.centralHalfJ;
                const bool lobar = k < bar.centralFrom && di * di + dj * dj <= 9;
                if (!central && !lobar) continue;
                s.hu.at(i, j, k) = blood;
                s.tree.lumen.at(i, j, k) = 1;
                s.tree.connected.at(i, j, k) = static_cast<std::uint8_t>(central ? tv::ArteryCode::Central : tv::ArteryCode::Lobar);
            }
    s.hu.at(c, c, clotK) = 60;
    s.tree.lumen.at(c, c, clotK) = 0;
    s.tree.connected.at(c, c, clotK) = 0;
    tv::testing::finishTestTree(s.tree, blood, 280);
    for (const auto& d : {std::array<int, 2>{0, 0}, {1, 0}, {-1, 0}, {0, 1}, {0, -1}})
        s.defect.voxels.push_back(s.hu.offset(c + d[0], c + d[1], clotK));
    std::sort(s.defect.voxels.begin(), s.defect.voxels.end());
    s.defect.fromFine = true;
    s.defect.fromCrossSections = crossSections;
    s.defect.fineMedianHu = 140;
    s.defect.fineCoreHu = 86;
    s.defect.fineEnclosure = 0.91;
    s.defect.fineHoleShare = 1.0;
    s.defect.fineBreachedShare = 1.0;
    s.defect.completedRadiusMm = 3.4;
    return s;
}

inline tv::CandidateFeatures lobarCentralFeatures(const LobarCentralScene& s, const tv::EmbolismParams& p) {
    return tv::computeFeatures(s.defect, s.hu, s.hu, s.masks, s.tree, s.contrast, p);
}

}  // namespace tvtest
