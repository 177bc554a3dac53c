#pragma once
// Internal to core/phantom: the buffers the phantom is painted into, and the two shape iterators
// (tapered tube, oriented ellipsoid) every painting step uses. Shapes are visited only inside their
// voxel bounding box, which keeps generation fast.
#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "image/image.h"
#include "phantom/chest_phantom.h"

namespace tv::phantom {

/// lungs value used while painting: former lung field taken by hilar/mediastinal structures
/// (main bronchi, main pulmonary arteries, central veins and their sheaths). Intrapulmonary
/// vessels may still be painted there; it becomes kNoLungField at the end.
constexpr std::uint8_t kHilumMark = 3;

struct Canvas {
    ImageGeometry geom;
    Eigen::Affine3d toPatient;
    Eigen::Affine3d toVoxel;
    LabelMap* labels = nullptr;
    LabelMap* lungs = nullptr;
    std::vector<float> hu;  // noiseless HU, same layout as the label maps

    explicit Canvas(const ImageGeometry& g, LabelMap& labelMap, LabelMap& lungMap)
        : geom(g),
          toPatient(g.voxelToPatient()),
          toVoxel(g.patientToVoxel()),
          labels(&labelMap),
          lungs(&lungMap),
          hu(g.voxelCount(), 0.0f) {}

    Eigen::Vector3d lps(int i, int j, int k) const { return toPatient * Eigen::Vector3d(i, j, k); }
    std::size_t offset(int i, int j, int k) const { return labels->offset(i, j, k); }

    void set(std::size_t n, std::uint8_t label, double value) {
        (*labels)[n] = label;
        hu[n] = static_cast<float>(value);
    }
    bool inLungOrHilum(std::size_t n) const { return (*lungs)[n] != kNoLungField; }
    bool isParenchyma(std::size_t n) const {
        const std::uint8_t l = (*labels)[n];
        return l == kRightLung || l == kLeftLung;
    }

    /// Voxel index box (inclusive, clipped to the grid) covering the LPS box [lo, hi]. False when
    /// it misses the grid.
    bool voxelBox(const Eigen::Vector3d& lo, const Eigen::Vector3d& hi, Index3& a, Index3& b) const {
        Eigen::Vector3d mn = Eigen::Vector3d::Constant(1e300), mx = Eigen::Vector3d::Constant(-1e300);
        for (int c = 0; c < 8; ++c) {
            const Eigen::Vector3d corner((c & 1) ? hi.x() : lo.x(), (c & 2) ? hi.y() : lo.y(),
                                         (c & 4) ? hi.z() : lo.z());
            const Eigen::Vector3d v = toVoxel * corner;
            mn = mn.cwiseMin(v);
            mx = mx.cwiseMax(v);
        }
        for (int d = 0; d < 3; ++d) {
            a[d] = std::max(0, static_cast<int>(std::floor(mn[d])));
            b[d] = std::min(geom.size[d] - 1, static_cast<int>(std::ceil(mx[d])));
            if (a[d] > b[d]) return false;
        }
        return true;
    }
};

/// A tapered tube from a (radius ra) to b (radius rb), capped by spheres.
struct Tube {
    Eigen::Vector3d a, b;
    double ra = 0, rb = 0;
};

/// Calls f(offset, t) for every voxel whose centre lies inside `tube` grown by `marginMm`; t in
/// [0, 1] is the position of the nearest axis point (0 at a, 1 at b).
template <class F>
void forEachInTube(const Canvas& c, const Tube& tube, double marginMm, F&& f) {
    const double rmax = std::max(tube.ra, tube.rb) + marginMm;
    Index3 lo, hi;
    if (!c.voxelBox(tube.a.cwiseMin(tube.b) - Eigen::Vector3d::Constant(rmax),
                    tube.a.cwiseMax(tube.b) + Eigen::Vector3d::Constant(rmax), lo, hi))
        return;
    const Eigen::Vector3d axis = tube.b - tube.a;
    const double len2 = std::max(axis.squaredNorm(), 1e-12);
    for (int k = lo[2]; k <= hi[2]; ++k)
        for (int j = lo[1]; j <= hi[1]; ++j)
            for (int i = lo[0]; i <= hi[0]; ++i) {
                const Eigen::Vector3d p = c.lps(i, j, k);
                const double t = std::clamp((p - tube.a).dot(axis) / len2, 0.0, 1.0);
                const double r = tube.ra + (tube.rb - tube.ra) * t + marginMm;
                if ((p - (tube.a + t * axis)).squaredNorm() <= r * r) f(c.offset(i, j, k), t);
            }
}

/// An ellipsoid: centre, orthonormal axes (columns) and semi-axis lengths along them.
struct Ellipsoid {
    Eigen::Vector3d center{0, 0, 0};
    Eigen::Matrix3d axes = Eigen::Matrix3d::Identity();
    Eigen::Vector3d radii{1, 1, 1};
};

/// Calls f(offset, q, p) for voxels with normalised squared radius q = sum((local/radii)^2) <=
/// qMax (q = 1 on the surface); p is the voxel centre in LPS.
template <class F>
void forEachInEllipsoid(const Canvas& c, const Ellipsoid& e, double qMax, F&& f) {
    const double rmax = e.radii.maxCoeff() * std::sqrt(qMax);
    Index3 lo, hi;
    if (!c.voxelBox(e.center - Eigen::Vector3d::Constant(rmax), e.center + Eigen::Vector3d::Constant(rmax),
                    lo, hi))
        return;
    const Eigen::Matrix3d toLocal = e.axes.transpose();
    for (int k = lo[2]; k <= hi[2]; ++k)
        for (int j = lo[1]; j <= hi[1]; ++j)
            for (int i = lo[0]; i <= hi[0]; ++i) {
                const Eigen::Vector3d p = c.lps(i, j, k);
                const Eigen::Vector3d l = (toLocal * (p - e.center)).cwiseQuotient(e.radii);
                const double q = l.squaredNorm();
                if (q <= qMax) f(c.offset(i, j, k), q, p);
            }
}

/// Structures of the mediastinum and hila: a sheath of `sheathMm` around the shape takes lung
/// parenchyma (becomes soft tissue) and removes it from the lung field; the lumen gets `label`/`hu`.
void paintMediastinalTube(Canvas& c, const Tube& tube, double sheathMm, std::uint8_t label, double hu,
                          double softTissueHu);
void paintMediastinalEllipsoid(Canvas& c, const Ellipsoid& e, double sheathMm, std::uint8_t label, double hu,
                               double softTissueHu);
/// Intrapulmonary structures: painted only inside the lung field (or hilum), so they never leave
/// the pleura; the lung field is kept.
void paintPulmonaryTube(Canvas& c, const Tube& tube, double marginMm, std::uint8_t label, double hu);

// Painting steps, in the order makeChestPhantom runs them (one file each).
void paintBodyAndLungs(Canvas& c, const ChestPhantomParams& p, const CancelToken& cancel);
void paintAirways(Canvas& c, const ChestPhantomParams& p);
void paintHeartAndGreatVessels(Canvas& c, const ChestPhantomParams& p, double systemicHu);
void paintPulmonaryVessels(Canvas& c, const ChestPhantomParams& p, double systemicHu,
                           std::vector<PhantomVesselSegment>& arteries);
void paintOpacities(Canvas& c, const ChestPhantomParams& p);
void paintEmboli(Canvas& c, const ChestPhantomParams& p, const std::vector<PhantomVesselSegment>& arteries,
                 std::vector<PhantomEmbolus>& emboli);
/// Lobe of a lung-field voxel at `p` (PhantomLobe), from the fissure planes.
std::uint8_t lobeAt(std::uint8_t lungField, const Eigen::Vector3d& p);
/// lobes = lobeAt(lungs, position) inside the lung fields, 0 elsewhere.
void assignLobes(const Canvas& c, LabelMap& lobes);
/// Blur, noise and rounding of c.hu into `out` (int16 HU).
void formImage(const Canvas& c, const ChestPhantomParams& p, Image<std::int16_t>& out,
               const CancelToken& cancel);

}  // namespace tv::phantom
