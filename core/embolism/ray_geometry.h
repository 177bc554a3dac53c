#pragma once
// Ray and cross-section sampling on the working grid shared by the complete-occlusion searches
// (stump_occlusions.cpp) and their review probe (tests/embolism/tools/embolism_stump_probe.cpp), so the
// probe prints the numbers of the very tests the detector runs. Points are grid millimetres (voxel index
// x spacing, hessian_axis.h).
#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

#include <Eigen/Geometry>

#include "embolism/hessian_axis.h"
#include "embolism/volume_ops.h"

namespace tv::ray_geometry {

constexpr double kPi = 3.14159265358979323846;
constexpr double kStepMm = 0.5;  // ray-marching step: under half the finest working spacing
constexpr int kRing = 8;         // samples on each ring of a cross-section
constexpr double kNormalBallMm = 3.0;  // outwardNormal's default ball

// Nearest-voxel lookup on the working grid (nearestVoxel).
struct Grid {
    const ImageGeometry& g;
    long long at(const Eigen::Vector3d& x) const { return nearestVoxel(g, x); }
};

// Share of kRing points on the ring of radius rho about x across d that pass `test`.
template <typename Test>
double ringShareAround(const Grid& grid, const Eigen::Vector3d& x, const Eigen::Vector3d& d, double rho, Test&& test) {
    const Eigen::Vector3d u = d.unitOrthogonal(), v = d.cross(u);
    int hits = 0;
    for (int a = 0; a < kRing; ++a) {
        const double phi = 2.0 * kPi * a / kRing;
        if (test(grid.at(x + rho * (std::cos(phi) * u + std::sin(phi) * v)))) ++hits;
    }
    return static_cast<double>(hits) / kRing;
}

// The plug disk of radius rho at x across d: its centre, then kRing points on the ring of radius rho and kRing on
// the ring of rho / 2, each visited as its voxel offset (-1 outside the grid).
constexpr int kDiskSamples = 2 * kRing + 1;
template <typename Visit>
void forEachDiskSample(const Grid& grid, const Eigen::Vector3d& x, const Eigen::Vector3d& d, double rho, Visit&& visit) {
    visit(grid.at(x));
    const Eigen::Vector3d u = d.unitOrthogonal(), v = d.cross(u);
    for (const double r : {rho, 0.5 * rho})
        for (int a = 0; a < kRing; ++a) {
            const double phi = 2.0 * kPi * a / kRing;
            visit(grid.at(x + r * (std::cos(phi) * u + std::sin(phi) * v)));
        }
}

// Share of the plug disk's samples (forEachDiskSample) that are `tissue` (0 when the centre is not).
template <typename Tissue>
double diskShare(const Grid& grid, const Eigen::Vector3d& x, const Eigen::Vector3d& d, double rho, Tissue&& tissue) {
    if (!tissue(grid.at(x))) return 0.0;
    int hits = 0;
    forEachDiskSample(grid, x, d, rho, [&](long long q) { hits += tissue(q) ? 1 : 0; });
    return static_cast<double>(hits) / kDiskSamples;
}

// The cross-section of the voxels passing `open` perpendicular to d through q, re-centred twice on the
// mean of its 16 edge points, each chord marched up to maxRadiusMm: its centre, smallest diameter and
// third-largest of the eight diameters (at most two, a side branch's opening, may be longer).
struct SectionChords {
    Eigen::Vector3d centre;
    double smallestMm = 0;
    double thirdLargestMm = 0;
};
template <typename Open>
std::optional<SectionChords> sectionChords(Eigen::Vector3d q, const Eigen::Vector3d& d, Open&& open, const Grid& grid, double maxRadiusMm) {
    constexpr int kChords = 16;
    const Eigen::Vector3d u = d.unitOrthogonal(), v = d.cross(u);
    std::array<double, kChords> reach{};
    for (int pass = 0; pass < 3; ++pass) {
        if (!open(grid.at(q))) return std::nullopt;
        Eigen::Vector3d mean = Eigen::Vector3d::Zero();
        for (int a = 0; a < kChords; ++a) {
            const double phi = 2.0 * kPi * a / kChords;
            const Eigen::Vector3d e = std::cos(phi) * u + std::sin(phi) * v;
            double t = 0;
            while (t + kStepMm <= maxRadiusMm) {
                if (!open(grid.at(q + (t + kStepMm) * e))) break;
                t += kStepMm;
            }
            reach[a] = t + 0.5 * kStepMm;
            mean += reach[a] * e;
        }
        if (pass < 2) q += mean / kChords;
    }
    std::array<double, kChords / 2> diameter{};
    for (int a = 0; a < kChords / 2; ++a) diameter[a] = reach[a] + reach[a + kChords / 2];
    std::sort(diameter.begin(), diameter.end());
    return SectionChords{q, diameter[0], diameter[kChords / 2 - 3]};
}

// Outward normal of the lumen's surface at voxel (i, j, k): from the centroid of the lumen within a ball
// of `ballMm` to the voxel (a voxel-face gradient only knows 26 directions).
std::optional<Eigen::Vector3d> outwardNormal(const Mask& lumen, int i, int j, int k, double ballMm = kNormalBallMm);

// The lumen's calibre near the grid-mm point c: the largest wall distance of a lumen voxel within
// `reach` of it (the widest inscribed ball there; the point itself may lie off the vessel's axis).
double mouthCalibre(const Eigen::Vector3d& c, double reach, const Mask& lumen, const Image<float>& radius);

// How far (mm, up to maxMm) the lumen continues behind the point c, along -d: at every step its centre
// is lumen and so is a ring of half the radius r in at least minRingShare of its directions. The stump
// searches' test that an artery leads up to its end (stump_occlusions.cpp).
double lumenRunBehindMm(const Grid& grid, const Eigen::Vector3d& c, const Eigen::Vector3d& d, double r, const Mask& lumen,
                        double minRingShare, double maxMm);

}  // namespace tv::ray_geometry
