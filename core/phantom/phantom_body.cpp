// Body wall, skeleton and the lung fields, evaluated analytically voxel by voxel (one pass, TBB over
// slices). Millimetre layout (LPS, centred on the grid): body ellipse 330 x 240 mm, subcutaneous
// fat 12 mm, a rib cage ring, sternum anterior (-y), spine posterior (+y), lungs either side of the
// mediastinum with a domed diaphragm and tapered apices.
#include <tbb/parallel_for.h>

#include <cmath>

#include "phantom/phantom_canvas.h"

namespace tv::phantom {
namespace {

double ellipse(double x, double y, double a, double b) { return (x / a) * (x / a) + (y / b) * (y / b); }

// Positive modulo for band patterns (ribs, discs).
double wrap(double v, double period) {
    const double m = std::fmod(v, period);
    return m < 0 ? m + period : m;
}

/// Lung field (before the mediastinal structures carve it): 1 right, 2 left, 0 none.
std::uint8_t lungShape(const Eigen::Vector3d& p) {
    const double x = p.x(), y = p.y(), z = p.z();
    const int side = x < 0 ? kRightLungField : kLeftLungField;
    const double cx = x < 0 ? -80.0 : 80.0, cy = 5.0, ax = 58.0, ay = 78.0;
    // Apex: the cross-section shrinks above z = 40 and closes at z = 135.
    double f = 1.0;
    if (z > 40.0) {
        const double u = (z - 40.0) / 95.0;
        if (u >= 1.0) return kNoLungField;
        f = std::sqrt(1.0 - u * u);
    }
    const double rr = ellipse(x - cx, y - cy, ax * f, ay * f);
    if (rr > 1.0) return kNoLungField;
    // Diaphragm dome: highest centrally, lowest in the costophrenic recesses; the right dome sits
    // 10 mm higher (liver).
    const double base =
        -130.0 + 45.0 * (1.0 - ellipse(x - cx, y - cy, ax, ay)) + (side == kRightLungField ? 10.0 : 0.0);
    if (z < base) return kNoLungField;
    // Inside the rib cage; clear of the spine and the paravertebral muscles.
    if (ellipse(x, y, 137.0, 91.0) > 1.0) return kNoLungField;
    if (ellipse(x, y - 62.0, 30.0, 30.0) <= 1.0) return kNoLungField;
    return static_cast<std::uint8_t>(side);
}

// Fissure planes n . p = d (n unit length); see PhantomLobe in chest_phantom.h.
const Eigen::Vector3d kObliqueNormal = Eigen::Vector3d(0, -1, 1).normalized();
constexpr double kRightObliqueD = 10.0 / 1.4142135623730951;  // z - y + 10 = 0
constexpr double kLeftObliqueD = 0.0;                         // z - y = 0
constexpr double kHorizontalZ = 5.0;
constexpr double kFissureMm = 1.0;        // pleural sheet thickness
constexpr double kFissureTissueHu = 0.0;  // visceral pleura (two layers), soft tissue-like

/// Signed distance to the oblique fissure of that side (negative: lower lobe side).
double obliqueDistance(std::uint8_t field, const Eigen::Vector3d& p) {
    return kObliqueNormal.dot(p) + (field == kRightLungField ? kRightObliqueD : kLeftObliqueD);
}

/// Fraction of a voxel (footprint `width` mm along the normal) covered by a sheet at distance d.
double sheetFraction(double d, double width) {
    const double lo = std::max(d - 0.5 * kFissureMm, -0.5 * width),
                 hi = std::min(d + 0.5 * kFissureMm, 0.5 * width);
    return hi > lo ? (hi - lo) / width : 0.0;
}

struct Tissue {
    std::uint8_t label;
    double hu;
};

Tissue bodyTissue(const Eigen::Vector3d& pt, const ChestPhantomParams& p) {
    const double x = pt.x(), y = pt.y(), z = pt.z();
    const double cortex = p.boneHu + 250.0;
    if (ellipse(x, y, 165.0, 120.0) > 1.0) return {kPhantomOutside, p.airHu};
    if (ellipse(x, y, 163.0, 118.0) > 1.0) return {kSoftTissue, p.softTissueHu};  // skin
    if (ellipse(x, y, 151.0, 106.0) > 1.0) return {kFat, p.fatHu};
    // Spine: vertebral body with a cortex and intervertebral discs every 30 mm.
    const double rBody2 = x * x + (y - 60.0) * (y - 60.0);
    if (rBody2 <= 19.0 * 19.0) {
        if (wrap(z, 30.0) < 6.0) return {kSoftTissue, p.softTissueHu + 40.0};  // disc
        return {kBone, rBody2 > 16.5 * 16.5 ? cortex : p.boneHu};
    }
    const double rCanal2 = x * x + (y - 90.0) * (y - 90.0);
    if (rCanal2 <= 8.0 * 8.0) return {kSoftTissue, p.softTissueHu - 15.0};  // cord and CSF
    const bool arch = rCanal2 <= 14.0 * 14.0 && y >= 84.0;
    const bool pedicle = std::abs(x) >= 8.0 && std::abs(x) <= 13.0 && y >= 72.0 && y <= 90.0;
    const bool spinous = std::abs(x) <= 4.0 && y >= 100.0 && y <= 112.0;
    const bool transverse = std::abs(x) >= 13.0 && std::abs(x) <= 35.0 && y >= 84.0 && y <= 93.0;
    if (arch || pedicle || spinous || transverse) return {kBone, cortex - 100.0};
    // Sternum, anterior midline.
    if (std::abs(x) <= 15.0 && y >= -106.0 && y <= -94.0 && z > -115.0) return {kBone, p.boneHu};
    // Ribs: a ring inside the chest wall, in 10 mm bands every 26 mm that slope down anteriorly;
    // none in front (costal cartilage region) or below the thorax.
    const double ring = ellipse(x, y, 146.0, 100.0);
    if (ring <= 1.0 && ellipse(x, y, 139.0, 93.0) > 1.0 && y > -70.0 && z > -130.0 &&
        wrap(z - 0.2 * y, 26.0) < 10.0)
        return {kBone, cortex - 100.0};
    return {kSoftTissue, p.softTissueHu};  // muscle, mediastinum, esophagus, abdomen
}

}  // namespace

std::uint8_t lobeAt(std::uint8_t field, const Eigen::Vector3d& p) {
    if (field == kRightLungField) {
        if (obliqueDistance(field, p) < 0) return kRll;
        return p.z() < kHorizontalZ ? kRml : kRul;
    }
    if (field == kLeftLungField) return obliqueDistance(field, p) < 0 ? kLll : kLul;
    return kNoLobe;
}

void assignLobes(const Canvas& c, LabelMap& lobes) {
    const Index3 n = c.geom.size;
    tbb::parallel_for(0, n[2], [&](int k) {
        for (int j = 0; j < n[1]; ++j)
            for (int i = 0; i < n[0]; ++i) {
                const std::size_t o = c.offset(i, j, k);
                lobes[o] = lobeAt((*c.lungs)[o], c.lps(i, j, k));
            }
    });
}

namespace {

/// HU of aerated lung at p, raised where a fissure sheet crosses the voxel (partial volume).
double parenchymaHu(std::uint8_t field, const Eigen::Vector3d& p, const ChestPhantomParams& prm,
                    double obliqueWidth, double horizontalWidth) {
    double fraction = sheetFraction(obliqueDistance(field, p), obliqueWidth);
    if (field == kRightLungField && obliqueDistance(field, p) > 0)
        fraction = std::max(fraction, sheetFraction(p.z() - kHorizontalZ, horizontalWidth));
    return prm.lungHu + fraction * (kFissureTissueHu - prm.lungHu);
}

}  // namespace

void paintBodyAndLungs(Canvas& c, const ChestPhantomParams& p, const CancelToken& cancel) {
    const Index3 n = c.geom.size;
    const Eigen::Vector3d di = c.toPatient.linear().col(0);
    // Footprint of a voxel along a plane normal: sum over the voxel edges of |edge . normal|.
    const auto footprint = [&](const Eigen::Vector3d& normal) {
        const Eigen::Matrix3d edges = c.toPatient.linear();
        return std::abs(edges.col(0).dot(normal)) + std::abs(edges.col(1).dot(normal)) +
               std::abs(edges.col(2).dot(normal));
    };
    const double obliqueWidth = footprint(kObliqueNormal),
                 horizontalWidth = footprint(Eigen::Vector3d::UnitZ());
    tbb::parallel_for(0, n[2], [&](int k) {
        if (cancel.isCancelled()) return;
        for (int j = 0; j < n[1]; ++j) {
            const Eigen::Vector3d rowStart = c.lps(0, j, k);
            for (int i = 0; i < n[0]; ++i) {
                const Eigen::Vector3d pt = rowStart + i * di;
                const std::size_t o = c.offset(i, j, k);
                Tissue t = bodyTissue(pt, p);
                std::uint8_t field = kNoLungField;
                if (t.label == kSoftTissue) {
                    field = lungShape(pt);
                    if (field != kNoLungField)
                        t = {field, parenchymaHu(field, pt, p, obliqueWidth, horizontalWidth)};
                }
                c.set(o, t.label, t.hu);
                (*c.lungs)[o] = field;
            }
        }
    });
    cancel.throwIfCancelled();
}

}  // namespace tv::phantom
