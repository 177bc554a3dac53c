#include "evaluation/clot_visibility.h"

#include <cmath>

namespace tv {

ClotVisibility assessClotVisibility(const CtVolume& inserted, const std::vector<std::size_t>& truthOffsets,
                                    const Image<float>& afterView, double lumenThresholdHu, const ClotVisibilityRule& rule) {
    const ImageGeometry& g = inserted.geometry();
    const ImageGeometry& wg = afterView.geometry();
    const double voxelMm3 = g.spacing[0] * g.spacing[1] * g.spacing[2];
    ClotVisibility out;
    double sum = 0;
    int below = 0;
    const std::size_t nx = static_cast<std::size_t>(g.size[0]), ny = static_cast<std::size_t>(g.size[1]);
    for (const std::size_t n : truthOffsets) {
        sum += inserted.hu[n];
        const int i = static_cast<int>(n % nx), j = static_cast<int>((n / nx) % ny), k = static_cast<int>(n / (nx * ny));
        // The working voxel holding this voxel's centre (nearest; the views share the patient frame).
        const Eigen::Vector3d w = wg.patientToVoxel(g.voxelToPatient(Eigen::Vector3d(i, j, k)));
        const int a = static_cast<int>(std::lround(w[0])), b = static_cast<int>(std::lround(w[1])), c = static_cast<int>(std::lround(w[2]));
        if (wg.contains(a, b, c) && afterView.at(a, b, c) < lumenThresholdHu) ++below;
    }
    out.truthVolumeMm3 = truthOffsets.size() * voxelMm3;
    out.meanInsertedHu = truthOffsets.empty() ? 0 : sum / truthOffsets.size();
    out.defectVolumeMm3 = below * voxelMm3;
    if (truthOffsets.empty()) out.reason = "no truth voxels";
    else if (rule.meanBelowThreshold && out.meanInsertedHu >= lumenThresholdHu) out.reason = "mean inserted HU not below the lumen threshold";
    else if (out.truthVolumeMm3 < rule.minTruthVolumeMm3) out.reason = "truth volume below the minimum";
    out.visible = out.reason.empty();
    return out;
}

}  // namespace tv
