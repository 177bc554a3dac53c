#include "embolism/stump_occlusions.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

#include <Eigen/Geometry>

#include "embolism/hessian_axis.h"

namespace tv {
namespace {
constexpr double kPi = 3.14159265358979323846;
constexpr double kStepMm = 0.5;  // ray-marching step: under half the finest working spacing
constexpr int kRing = 8;         // samples on each ring of a cross-section

struct Grid {
    const ImageGeometry& g;
    int nx, ny, nz;
    // Offset of the voxel nearest to a point in grid millimetres (i * spacing), or -1 outside.
    long long at(const Eigen::Vector3d& x) const {
        const int i = static_cast<int>(std::lround(x[0] / g.spacing[0])), j = static_cast<int>(std::lround(x[1] / g.spacing[1])),
                  k = static_cast<int>(std::lround(x[2] / g.spacing[2]));
        if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) return -1;
        return static_cast<long long>((static_cast<std::size_t>(k) * ny + j) * nx + i);
    }
};

bool isRidge(const Image<float>& radius, int i, int j, int k) {
    const float r = radius.at(i, j, k);
    for (int c = -1; c <= 1; ++c)
        for (int b = -1; b <= 1; ++b)
            for (int a = -1; a <= 1; ++a) {
                if (!a && !b && !c) continue;
                if (!radius.geometry().contains(i + a, j + b, k + c)) continue;
                if (radius.at(i + a, j + b, k + c) > r) return false;
            }
    return true;
}

// A plug along direction d from centreline point c (grid mm) of radius r: the lumen's end t0 and the
// last plug cross-section, both as distances along d; nullopt when the vessel does not end bluntly
// into a plug there (see the header).
struct PlugExtent {
    double t0 = 0, last = 0;
};

template <typename Tissue>
std::optional<PlugExtent> plugAlong(const Eigen::Vector3d& c, const Eigen::Vector3d& d, double r, const Mask& lumen, const Grid& grid,
                                    Tissue&& plugTissue, const EmbolismParams& p) {
    // The lumen must end close ahead.
    const double maxEnd = p.stumpMaxEndDistanceRadii * r + grid.g.spacing.maxCoeff();
    double t0 = -1;
    for (double t = kStepMm; t <= maxEnd; t += kStepMm) {
        const long long q = grid.at(c + t * d);
        if (q < 0) return std::nullopt;
        if (!lumen[q]) {
            t0 = t;
            break;
        }
    }
    if (t0 < 0) return std::nullopt;
    const Eigen::Vector3d u = d.unitOrthogonal(), v = d.cross(u);
    auto ringShare = [&](double t, double rho, auto&& test) {
        int hits = 0;
        for (int a = 0; a < kRing; ++a) {
            const double phi = 2.0 * kPi * a / kRing;
            if (test(grid.at(c + t * d + rho * (std::cos(phi) * u + std::sin(phi) * v)))) ++hits;
        }
        return static_cast<double>(hits) / kRing;
    };
    // Blunt: just before its end the lumen still fills most of the calibre (a tapering vessel end is
    // thin there).
    const double tBlunt = std::max(0.0, t0 - 0.5 * r);
    if (ringShare(tBlunt, p.stumpEndRadiusFraction * r, [&](long long q) { return q >= 0 && lumen[q]; }) < p.stumpMinDiskShare)
        return std::nullopt;
    // The plug: a disk of nearly the calibre (its rim is partial volume with what surrounds the
    // artery) of band tissue, from just beyond the lumen's smoothed end.
    const double rho = std::max(0.5 * r, std::min(p.stumpPlugDiskRadiusFraction * r, r - p.stumpPlugRimMm));
    double last = -1;
    for (double t = t0 + p.stumpPlugStartMm; t <= t0 + p.stumpMaxPlugLengthMm; t += kStepMm) {
        if (!plugTissue(grid.at(c + t * d))) break;
        const double share = (1.0 + kRing * (ringShare(t, rho, plugTissue) + ringShare(t, 0.5 * rho, plugTissue))) / (2.0 * kRing + 1.0);
        if (share < p.stumpMinDiskShare) break;
        last = t;
    }
    if (last < 0 || last - t0 < std::max(p.stumpMinPlugLengthMm, p.stumpMinPlugLengthRadii * r)) return std::nullopt;
    // Tube, not slab: a plug fills one artery, so beyond its wall lie fat, lung, bronchi or other
    // lumen in part of the directions; band tissue all around is mediastinal or hilar soft tissue
    // beside a vessel end (a lymph node, the pericardium, an unenhanced chamber).
    const double sleeve = std::max(p.stumpSleeveRadii * r, r + p.stumpSleeveMinGapMm);
    double sleeveShare = 0;
    int sections = 0;
    for (double t = t0 + p.stumpPlugStartMm; t <= last; t += kStepMm, ++sections) sleeveShare += ringShare(t, sleeve, plugTissue);
    if (sleeveShare > p.stumpMaxSleeveShare * sections) return std::nullopt;
    return PlugExtent{t0, last};
}
}  // namespace

std::vector<StumpPlugVoxel> findStumpPlugs(const Image<float>& s, const ThoraxMasks& m, const VesselTree& tree,
                                           double floorHu, double ceilHu, const EmbolismParams& p, const CancelToken& cancel) {
    const ImageGeometry& g = s.geometry();
    const Grid grid{g, s.nx(), s.ny(), s.nz()};
    const bool haveAorta = m.aorta.voxelCount() > 0;
    // Soft tissue of the thrombus band that may be clot inside an artery.
    auto plugTissue = [&](long long q) {
        return q >= 0 && !tree.lumen[q] && !m.lungs[q] && !m.heart[q] && !(haveAorta && m.aorta[q]) && s[q] >= floorHu && s[q] < ceilHu;
    };
    std::vector<StumpPlugVoxel> out;
    for (int k = 1; k < s.nz() - 1; ++k) {
        cancel.throwIfCancelled();
        for (int j = 1; j < s.ny() - 1; ++j)
            for (int i = 1; i < s.nx() - 1; ++i) {
                const std::size_t n = s.offset(i, j, k);
                const double r = tree.radius[n];
                if (!tree.connected[n] || m.heart[n] || r < p.stumpMinRadiusMm) continue;
                const auto level = levelOfCode(tree.connected[n]);
                if (!level || *level == VesselLevel::Subsegmental || !isRidge(tree.radius, i, j, k)) continue;
                // The vessel's axis: ridge direction of the radius map's Hessian at half the radius (as
                // the lesion insertion's site rule uses); the vessel may end on either side.
                const auto axis = hessianAxis(tree.radius, Index3{i, j, k}, r);
                if (!axis) continue;
                const Eigen::Vector3d c(i * g.spacing[0], j * g.spacing[1], k * g.spacing[2]);
                for (const double sign : {1.0, -1.0}) {
                    const Eigen::Vector3d d = sign * *axis;
                    const auto plug = plugAlong(c, d, r, tree.lumen, grid, plugTissue, p);
                    if (!plug) continue;
                    // The plug's voxels: band tissue in the cylinder of the vessel's radius along the axis.
                    const Eigen::Vector3d a0 = c + plug->t0 * d, a1 = c + (plug->last + kStepMm) * d;
                    const Eigen::Vector3d lo = a0.cwiseMin(a1).array() - r, hi = a0.cwiseMax(a1).array() + r;
                    int from[3], to[3];
                    for (int a = 0; a < 3; ++a) {
                        from[a] = std::max(0, static_cast<int>(std::floor(lo[a] / g.spacing[a])));
                        to[a] = std::min(g.size[a] - 1, static_cast<int>(std::ceil(hi[a] / g.spacing[a])));
                    }
                    const auto code = static_cast<std::uint8_t>(std::clamp(std::lround(r * 10.0), 1L, 255L));
                    for (int kk = from[2]; kk <= to[2]; ++kk)
                        for (int jj = from[1]; jj <= to[1]; ++jj)
                            for (int ii = from[0]; ii <= to[0]; ++ii) {
                                const Eigen::Vector3d x(ii * g.spacing[0], jj * g.spacing[1], kk * g.spacing[2]);
                                const double along = (x - c).dot(d);
                                if (along < plug->t0 - kStepMm || along > plug->last + kStepMm) continue;
                                if ((x - c - along * d).norm() > r) continue;
                                const std::size_t q = s.offset(ii, jj, kk);
                                if (plugTissue(static_cast<long long>(q))) out.push_back({q, code});
                            }
                }
            }
    }
    return out;
}

}  // namespace tv
