#pragma once
// The Y-shaped tube tree of the beyond-occlusion and washout tests (test_beyond_occlusion.cpp,
// test_occlusion_washout.cpp): a trunk (radius 5 mm) along j dividing into two main branches (radius
// 4 mm) along -i ("A") and +i ("B"), blood 450 HU in 40 HU tissue, no noise, 1 mm grid. Sites: A_up
// (on A, 18 mm from the division), A_down (on A, 38 mm, beyond A_up), B (on B, 24 mm).
#include <cmath>
#include <cstdint>

#include "embolism/embolism_params.h"
#include "embolism/lung_smoothing.h"
#include "evaluation/beyond_occlusion.h"
#include "evaluation/round_placement.h"
#include "test_support.h"

namespace tvtest::ytree {

inline constexpr double kBlood = 450, kTissue = 40;
inline constexpr double kTrunkR = 5, kBranchR = 4;
inline constexpr double kSplitJ = 30, kAxisK = 20, kTrunkI = 50;  // mm (1 mm grid, origin 0)

// `contact`: a vessel ("vein", same blood) along i beside the branches, axis 11 mm from theirs (two
// tissue voxels between the walls), touching branch A beyond A_up (i = 10-14) and branch B beyond B
// (i = 86-90) through short bridges of kContactHu: partial-volume contacts that the smoothed lumen
// joins at the threshold but that hold no blood core.
inline constexpr double kVeinOffset = 11, kContactHu = 400;
inline tv::CtVolume yTree(bool contact = false) {
    tv::CtVolume ct;
    ct.hu = tv::Image<std::int16_t>(tvtest::grid(101, 50, 40), static_cast<std::int16_t>(kTissue));
    for (int k = 0; k < 40; ++k)
        for (int j = 0; j < 50; ++j)
            for (int i = 0; i < 101; ++i) {
                const bool trunk = j <= kSplitJ && std::hypot(i - kTrunkI, k - kAxisK) <= kTrunkR;
                const bool branches = i >= 2 && i <= 98 && std::hypot(j - kSplitJ, k - kAxisK) <= kBranchR;
                const bool vein = contact && i >= 2 && i <= 98 && std::hypot(j - kSplitJ - kVeinOffset, k - kAxisK) <= kBranchR;
                const bool bridge = contact && (std::abs(i - 12) <= 2 || std::abs(i - 88) <= 2) && j > kSplitJ + kBranchR &&
                                    j < kSplitJ + kVeinOffset - kBranchR && std::abs(k - kAxisK) <= 1;
                if (trunk || branches || vein) ct.hu.at(i, j, k) = static_cast<std::int16_t>(kBlood);
                else if (bridge) ct.hu.at(i, j, k) = static_cast<std::int16_t>(kContactHu);
            }
    return ct;
}

inline tv::VesselSite site(double i, const char* side) {
    tv::VesselSite s;
    s.centerLps = Eigen::Vector3d(i, kSplitJ, kAxisK);
    s.axisLps = Eigen::Vector3d(1, 0, 0);
    s.radiusMm = kBranchR;
    s.bloodHu = kBlood;
    s.level = tv::VesselLevel::Lobar;
    s.side = side;
    return s;
}
inline const tv::VesselSite kAUp = site(32, "right"), kADown = site(12, "right"), kB = site(74, "left");

// The site search's tree on this scene: enhanced smoothed lumen, seeded in the trunk.
inline tv::SiteTree siteTree(const tv::CtVolume& ct, const tv::EmbolismParams& p) {
    const tv::Image<float> s = tv::detectorSmoothedView(ct, p);
    const double threshold = tv::lumenThresholdFor(kBlood, p);
    tv::Mask lumen(s.geometry(), 0);
    for (std::size_t n = 0; n < lumen.voxelCount(); ++n) lumen[n] = s[n] >= threshold ? 1 : 0;
    tv::SiteTree t;
    t.connected = lumen;  // for siteVoxel
    return tv::makeSiteTree(lumen, s, threshold, kBlood, tv::siteVoxel(t, Eigen::Vector3d(kTrunkI, 8, kAxisK)));
}

}  // namespace tvtest::ytree
