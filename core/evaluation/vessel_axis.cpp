#include "evaluation/vessel_axis.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

namespace tv {
namespace {
// Nearest working voxel of a point given in mm relative to voxel 0 (index x spacing).
std::optional<Index3> voxelAt(const ImageGeometry& g, const Eigen::Vector3d& mm) {
    Index3 v{};
    for (int a = 0; a < 3; ++a) v[a] = static_cast<int>(std::lround(mm[a] / g.spacing[a]));
    if (!g.contains(v[0], v[1], v[2])) return std::nullopt;
    return v;
}

Eigen::Vector3d toMm(const ImageGeometry& g, const Index3& v) {
    return {v[0] * g.spacing[0], v[1] * g.spacing[1], v[2] * g.spacing[2]};
}

// Distance (mm) from `from` along unit `dir` to the first voxel outside the lumen (or limitMm).
double chordToWall(const Mask& lumen, const Eigen::Vector3d& from, const Eigen::Vector3d& dir, double limitMm) {
    const ImageGeometry& g = lumen.geometry();
    const double step = 0.5 * g.spacing.minCoeff();
    for (double t = step; t <= limitMm; t += step) {
        const auto v = voxelAt(g, from + t * dir);
        if (!v || !lumen.at((*v)[0], (*v)[1], (*v)[2])) return t;
    }
    return limitMm;
}
}  // namespace

bool isTubularSegment(const Mask& lumen, const Image<float>& R, const Index3& centre, const Eigen::Vector3d& axis,
                      double radius, double clotHalfLengthMm, const TubularityRule& rule) {
    const ImageGeometry& g = lumen.geometry();
    const Eigen::Vector3d c = toMm(g, centre);
    const Eigen::Vector3d a = axis.normalized();
    const double halfLengthMm = std::max(radius, rule.testedLengthShare * clotHalfLengthMm);
    // Along the centreline segment: inside the lumen, calibre within the allowed band.
    const double step = 0.5 * g.spacing.minCoeff();
    for (double t = -halfLengthMm; t <= halfLengthMm; t += step) {
        const auto v = voxelAt(g, c + t * a);
        if (!v || !lumen.at((*v)[0], (*v)[1], (*v)[2])) return false;
        const double r = R.at((*v)[0], (*v)[1], (*v)[2]);
        if (r < rule.minRadiusRatio * radius || r > rule.maxRadiusRatio * radius) return false;
    }
    // Cross-sections: the wall is reached within maxChord in all but maxOpenDirections directions.
    const Eigen::Vector3d u = a.unitOrthogonal(), w = a.cross(u);
    const double maxChord = rule.maxChordRatio * radius + rule.chordSlackMm;
    for (int s = 0; s < rule.crossSections; ++s) {
        const double t = rule.crossSections == 1 ? 0.0 : -0.5 * halfLengthMm + halfLengthMm * s / (rule.crossSections - 1);
        const Eigen::Vector3d p = c + t * a;
        int open = 0;
        for (int d = 0; d < rule.chordDirections; ++d) {
            const double phi = 2 * std::numbers::pi * d / rule.chordDirections;
            const Eigen::Vector3d dir = std::cos(phi) * u + std::sin(phi) * w;
            open += chordToWall(lumen, p, dir, maxChord + step) > maxChord;
        }
        if (open > rule.maxOpenDirections) return false;
    }
    return true;
}

bool nearMoreCentralLumen(const Mask& levelCodes, const Index3& centre, double radius, VesselLevel level,
                          const CentralNeighbourRule& rule) {
    if (level == VesselLevel::Central) return false;
    const ImageGeometry& g = levelCodes.geometry();
    const double reach = rule.radiiReach * radius + rule.marginMm;
    Index3 r{};
    for (int a = 0; a < 3; ++a) r[a] = static_cast<int>(reach / g.spacing[a]);
    for (int k = std::max(0, centre[2] - r[2]); k <= std::min(g.size[2] - 1, centre[2] + r[2]); ++k)
        for (int j = std::max(0, centre[1] - r[1]); j <= std::min(g.size[1] - 1, centre[1] + r[1]); ++j)
            for (int i = std::max(0, centre[0] - r[0]); i <= std::min(g.size[0] - 1, centre[0] + r[0]); ++i) {
                const std::uint8_t code = levelCodes.at(i, j, k);
                if (!code) continue;
                const std::optional<VesselLevel> l = levelOfCode(code);
                if (!l || *l >= level) continue;
                if (toMm(g, {i - centre[0], j - centre[1], k - centre[2]}).norm() <= reach) return true;
            }
    return false;
}

EnclosingBall widestEnclosingBall(const Image<float>& R, const Index3& centre, double searchMm) {
    const ImageGeometry& g = R.geometry();
    EnclosingBall widest{centre, R.at(centre[0], centre[1], centre[2])};
    Index3 r{};
    for (int a = 0; a < 3; ++a) r[a] = static_cast<int>(searchMm / g.spacing[a]);
    for (int k = std::max(0, centre[2] - r[2]); k <= std::min(g.size[2] - 1, centre[2] + r[2]); ++k)
        for (int j = std::max(0, centre[1] - r[1]); j <= std::min(g.size[1] - 1, centre[1] + r[1]); ++j)
            for (int i = std::max(0, centre[0] - r[0]); i <= std::min(g.size[0] - 1, centre[0] + r[0]); ++i) {
                const double q = R.at(i, j, k);
                if (q <= widest.radiusMm) continue;
                if (toMm(g, {i - centre[0], j - centre[1], k - centre[2]}).norm() < q) widest = {{i, j, k}, q};
            }
    return widest;
}

}  // namespace tv
