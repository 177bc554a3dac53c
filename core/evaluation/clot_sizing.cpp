#include "evaluation/clot_sizing.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "evaluation/clot_occlusion.h"

namespace tv {

namespace {
constexpr double kCentralShare = 0.55;  // central clot cross radius / sizing radius (clotCrossRadiusMm)
}  // namespace

std::string toString(ClotSizing s) { return s == ClotSizing::Section ? "section" : "site"; }

std::optional<ClotSizing> clotSizingFromString(const std::string& s) {
    if (s == "site") return ClotSizing::Site;
    if (s == "section") return ClotSizing::Section;
    return std::nullopt;
}

SiteSectionSize measureSiteSectionSize(const Image<float>& beforeView, const VesselSite& site, double lumenThresholdHu,
                                       const ClotSizingRule& rule) {
    const double R = site.radiusMm;
    const double brightest = site.bloodHu + rule.sameBloodBand * std::max(0.0, site.bloodHu - lumenThresholdHu);
    const double floorMm = rule.minCrossRadiusMm / kCentralShare;
    const double reach = floorMm + rule.marginMm;
    const Eigen::Affine3d toVoxel = beforeView.geometry().patientToVoxel();
    const Eigen::Vector3d a = site.axisLps.normalized();
    const Eigen::Vector3d u = a.unitOrthogonal(), w = a.cross(u);
    const auto lumen = [&](const Eigen::Vector3d& lps) {
        const double v = trilinear(beforeView, toVoxel * lps);
        return v >= lumenThresholdHu && v <= brightest;  // false for NaN (outside the grid)
    };
    SiteSectionSize out;
    out.sizingRadiusMm = R;
    if (R >= floorMm || !lumen(site.centerLps) || rule.rays < 1) return out;  // already large enough
    std::vector<double> length;
    for (int d = 0; d < rule.rays; ++d) {
        const double phi = 2 * std::numbers::pi * d / rule.rays;
        const Eigen::Vector3d dir = std::cos(phi) * u + std::sin(phi) * w;
        double t = rule.stepMm;
        while (t <= reach && lumen(site.centerLps + t * dir)) t += rule.stepMm;
        length.push_back(t - 0.5 * rule.stepMm);  // the edge lies between the last lumen sample and the first other
    }
    std::nth_element(length.begin(), length.begin() + length.size() / 2, length.end());
    out.medianRayMm = length[length.size() / 2];
    out.sizingRadiusMm = std::max(R, std::min(out.medianRayMm, floorMm));
    return out;
}

}  // namespace tv
