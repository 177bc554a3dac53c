#include "lung_phantom.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace tvtest {
namespace {

double sq(double x) { return x * x; }

// Distance (mm) from point p to segment ab.
double segmentDistance(const Eigen::Vector3d& p, const Eigen::Vector3d& a, const Eigen::Vector3d& b) {
    const Eigen::Vector3d ab = b - a;
    const double t = std::clamp((p - a).dot(ab) / ab.squaredNorm(), 0.0, 1.0);
    return (a + t * ab - p).norm();
}

}  // namespace

tv::CtVolume makeLungPhantom(const LungPhantomOptions& o, LungPhantomTruth& truth) {
    tv::ImageGeometry g;
    g.size = {200, 160, 60};
    g.spacing = {1.5, 1.5, 3.0};
    g.origin = {-150.0, -120.0, -200.0};  // identity direction: i -> patient left, j -> posterior, k -> superior
    tv::CtVolume ct;
    ct.hu = tv::Image<std::int16_t>(g, -1000);
    ct.info.synthetic = true;
    ct.info.sourcePath = "synthetic lung phantom";
    truth.voxelMl = g.voxelVolumeMm3() / 1000.0;

    // Positions in mm in voxel-aligned coordinates (x = i*1.5, y = j*1.5, z = k*3).
    const double cx = 150, cy = 120;
    const Eigen::Vector3d lungCentre[2] = {{cx + 62, cy, 90}, {cx - 62, cy, 90}};  // left, right
    const Eigen::Vector3d lungSemi{52.0, 80.0, 75.0};
    const Eigen::Vector3d tracheaTop{cx, cy - 30, 177}, carina{cx, cy - 25, 135};
    const Eigen::Vector3d bronchusEnd[2] = {{cx + 40, cy - 15, 115}, {cx - 40, cy - 15, 115}};
    const Eigen::Vector3d ggoCentre[2] = {{cx + 70, cy + 20, 60}, {cx - 75, cy - 20, 95}};
    // Posterior surface point of the right lung at z = 60 mm: y extent 80 * sqrt(1 - (30/75)^2).
    const Eigen::Vector3d consolidationCentre{cx - 62, cy + 80.0 * std::sqrt(1.0 - 0.16) - 6.0, 60};
    std::mt19937 rng(12345);
    std::normal_distribution<double> noise(0.0, o.noiseHu);

    for (int k = 0; k < g.size[2]; ++k)
        for (int j = 0; j < g.size[1]; ++j)
            for (int i = 0; i < g.size[0]; ++i) {
                const Eigen::Vector3d p(i * 1.5, j * 1.5, k * 3.0);
                double hu = -1000;
                const bool body = sq((p.x() - cx) / 140) + sq((p.y() - cy) / 105) <= 1.0;
                if (body) hu = 40;
                int lung = -1;
                for (int s = 0; s < 2; ++s)
                    if ((p - lungCentre[s]).cwiseQuotient(lungSemi).squaredNorm() <= 1.0 && lung < 0) lung = s;
                // Anterior junction: aerated lung bridging the midline in front of the mediastinum.
                if (lung < 0 && o.touchingLungs && std::abs(p.x() - cx) <= 40 && p.y() > cy - 72 && p.y() < cy - 60 &&
                    p.z() > 60 && p.z() < 120)
                    lung = p.x() >= cx ? 0 : 1;
                if (lung == 1 && o.fatRidge) {
                    // Posterior surface of the right lung at this z; the ridge's axis lies 6 mm inside it.
                    const double rz = (p.z() - lungCentre[1].z()) / lungSemi.z();
                    const double ridgeY = cy + lungSemi.y() * std::sqrt(std::max(0.0, 1.0 - rz * rz)) - 6.0;
                    if (sq(p.x() - lungCentre[1].x()) + sq(p.y() - ridgeY) <= sq(12.0)) {
                        hu = -100;
                        lung = -1;
                        ++truth.fatRidgeVoxels;
                    }
                }
                if (lung >= 0) {
                    hu = -850;
                    ++truth.lungVoxels[lung];
                    // Vessels: tubes of 3 mm diameter along z on a grid, thinner ones along x.
                    const double fx = std::fmod(p.x(), 24.0), fy = std::fmod(p.y(), 24.0);
                    if (sq(fx - 12) + sq(fy - 12) <= sq(1.6)) hu = 40;
                    const double fz = std::fmod(p.z(), 30.0);
                    if (sq(fy - 6) + sq(fz - 15) <= sq(1.2)) hu = 40;
                    // Distance (mm, along x) from the lung's medial surface in this row.
                    const Eigen::Vector3d rel = (p - lungCentre[lung]).cwiseQuotient(lungSemi);
                    const double halfWidth = lungSemi.x() * std::sqrt(std::max(0.0, 1.0 - sq(rel.y()) - sq(rel.z())));
                    const double medialDepth = halfWidth - (lung == 0 ? -1.0 : 1.0) * (p.x() - lungCentre[lung].x());
                    const bool heartBorder = o.heartBorderBlurMm > 0 && medialDepth <= o.heartBorderBlurMm &&
                                             p.y() < cy && p.z() > 30 && p.z() < 95;
                    if (o.ggo && (p - ggoCentre[lung]).norm() <= o.ggoRadiusMm) {
                        hu = hu > 0 ? hu : o.ggoHu;
                        if (hu < -300) ++truth.ggoVoxels;
                        else ++truth.consolidationVoxels;
                    } else if (o.consolidation && lung == 1 && (p - consolidationCentre).norm() <= 12.0) {
                        // Dense posterior consolidation of the right lung, against the chest wall
                        // (a sphere centred on the pleural surface: the lung outline gets a dent).
                        // -150 HU: consolidation band. Soft-tissue-dense (+20..+50 HU) pleural
                        // consolidation that continues into the chest wall in the next slice is not
                        // recovered (README, "GGO scorer validation").
                        hu = o.consolidationHu;
                        ++truth.consolidationVoxels;
                    } else if (heartBorder && hu < 0) {
                        hu = -350.0 - 350.0 * medialDepth / o.heartBorderBlurMm;
                        ++truth.heartBorderVoxels;
                    }
                }
                const bool airway = segmentDistance(p, tracheaTop, carina) <= 8.0 ||
                                    segmentDistance(p, carina, bronchusEnd[0]) <= 5.5 ||
                                    segmentDistance(p, carina, bronchusEnd[1]) <= 5.5;
                if (airway && lung < 0) hu = -1000;
                if (airway && lung >= 0) hu = -1000;  // lumen inside the lung stays lung (truth counted)
                ct.hu.at(i, j, k) = static_cast<std::int16_t>(std::lround(hu + noise(rng)));
            }
    return ct;
}

}  // namespace tvtest
