// Lesions: ground-glass patches and a consolidation in the posterior/peripheral lower lobes (as in
// COVID-19 pneumonia), and four pulmonary emboli covering the filling-defect types of CTPA: central
// (surrounded by contrast), eccentric (wall-adherent), occlusive (vessel cut-off) and small
// segmental. Each lesion replaces only the label it can occur in (parenchyma, arterial lumen), so
// it stays inside the lung or the artery.
#include <cmath>

#include "phantom/phantom_canvas.h"
#include "util/errors.h"

namespace tv::phantom {
namespace {

using V3 = Eigen::Vector3d;

/// Smooth, deterministic boundary irregularity in [-1, 1] (patches are not perfect ellipsoids).
double wobble(const V3& p) {
    return std::sin(0.19 * p.x() + 1.3) * std::sin(0.23 * p.y() + 0.4) * std::sin(0.17 * p.z() + 2.1);
}

/// An irregular ellipsoidal patch confined to one lobe (fissures are barriers to the spread of
/// pneumonia), replacing only voxels that `accept`.
template <class Accept>
void paintPatch(Canvas& c, const V3& center, const V3& radii, std::uint8_t lobe, std::uint8_t label,
                double hu, Accept accept) {
    Ellipsoid e;
    e.center = center;
    e.radii = radii;
    forEachInEllipsoid(c, e, 1.44, [&](std::size_t o, double q, const V3& p) {
        const double limit = 1.0 + 0.18 * wobble(p);
        if (q <= limit * limit && accept(o) && lobeAt((*c.lungs)[o], p) == lobe) c.set(o, label, hu);
    });
}

const PhantomVesselSegment& findArtery(const std::vector<PhantomVesselSegment>& arteries,
                                       const std::string& name) {
    for (const PhantomVesselSegment& s : arteries)
        if (s.name == name) return s;
    throw Error("chest phantom: no artery segment named '" + name + "'");
}

/// Orthonormal frame whose first axis runs along the vessel.
Eigen::Matrix3d vesselFrame(const PhantomVesselSegment& s) {
    const V3 d = (s.endLps - s.startLps).normalized();
    const V3 ref = std::abs(d.z()) < 0.9 ? V3::UnitZ() : V3::UnitX();
    const V3 u = d.cross(ref).normalized();
    Eigen::Matrix3d m;
    m.col(0) = d;
    m.col(1) = u;
    m.col(2) = d.cross(u);
    return m;
}

struct EmbolusBuilder {
    Canvas& c;
    double clotHu;
    std::vector<std::size_t> voxels;

    void take(std::size_t o) {
        if ((*c.labels)[o] != kPulmonaryArtery) return;  // clot only inside the opacified lumen
        c.set(o, kEmbolus, clotHu);
        voxels.push_back(o);
    }
    PhantomEmbolus finish(const PhantomVesselSegment& vessel, std::string kind, bool occlusive) {
        PhantomEmbolus e;
        V3 sum = V3::Zero();
        const int nx = c.geom.size[0], ny = c.geom.size[1];
        for (std::size_t o : voxels) {
            const int i = static_cast<int>(o % static_cast<std::size_t>(nx));
            const int j = static_cast<int>((o / static_cast<std::size_t>(nx)) % static_cast<std::size_t>(ny));
            const int k = static_cast<int>(o / (static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny)));
            sum += c.lps(i, j, k);
        }
        e.voxelCount = voxels.size();
        if (!voxels.empty()) e.centerLps = sum / static_cast<double>(voxels.size());
        e.volumeMm3 = static_cast<double>(voxels.size()) * c.geom.voxelVolumeMm3();
        e.level = vessel.level == "trunk" ? "central" : vessel.level;
        e.side = vessel.side;
        e.kind = std::move(kind);
        e.occlusive = occlusive;
        e.vessel = vessel.name;
        voxels.clear();
        return e;
    }
};

}  // namespace

void paintOpacities(Canvas& c, const ChestPhantomParams& p) {
    const auto parenchyma = [&](std::size_t o) { return c.isParenchyma(o); };
    const double f = p.opacityExtent;
    if (p.withGgo) {
        paintPatch(c, {-112, 48, -72}, f * V3(24, 22, 28), kRll, kGgo, p.ggoHu, parenchyma);  // posterior
        paintPatch(c, {112, 45, -78}, f * V3(22, 24, 26), kLll, kGgo, p.ggoHu, parenchyma);   // posterior
        paintPatch(c, {-120, -35, -40}, f * V3(16, 20, 18), kRml, kGgo, p.ggoHu,
                   parenchyma);  // anterolateral
    }
    if (p.withConsolidation) {
        // Dependent (posterior basal) consolidation in the right lower lobe; may absorb GGO.
        paintPatch(c, {-92, 70, -95}, f * V3(24, 14, 18), kRll, kConsolidation, p.consolidationHu,
                   [&](std::size_t o) { return c.isParenchyma(o) || (*c.labels)[o] == kGgo; });
    }
}

void paintEmboli(Canvas& c, const ChestPhantomParams& p, const std::vector<PhantomVesselSegment>& arteries,
                 std::vector<PhantomEmbolus>& emboli) {
    emboli.clear();
    if (!p.withEmboli) return;
    EmbolusBuilder b{c, p.clotHu, {}};
    const auto ellipsoidClot = [&](const PhantomVesselSegment& s, double t, double offsetMm,
                                   const V3& radii) {
        Ellipsoid e;
        e.axes = vesselFrame(s);
        e.center = s.startLps + t * (s.endLps - s.startLps) + offsetMm * e.axes.col(1);
        e.radii = radii;
        forEachInEllipsoid(c, e, 1.0, [&](std::size_t o, double, const V3&) { b.take(o); });
    };

    // 1. Central defect in the right main PA, at least 5 mm of contrast around it ("polo mint").
    const PhantomVesselSegment& rpa = findArtery(arteries, "right main PA");
    ellipsoidClot(rpa, 0.5, 0.0, {10.0, 5.0, 5.0});
    emboli.push_back(b.finish(rpa, "central", false));

    // 2. Eccentric, wall-adherent defect in the left lower lobe artery: displaced toward the wall
    // so that it touches it (acute angles with the wall).
    const PhantomVesselSegment& lll = findArtery(arteries, "LLL");
    const double rMid = 0.5 * (lll.startRadiusMm + lll.endRadiusMm);
    ellipsoidClot(lll, 0.5, rMid - 2.5, {9.0, 3.5, 3.5});
    emboli.push_back(b.finish(lll, "eccentric", false));

    // 3. Complete occlusion of the right lower lobe posterior basal segmental artery: the lumen is
    // filled from 45% of its length onward, including all its subsegmental branches (cut-off).
    const PhantomVesselSegment& occluded = findArtery(arteries, "RLL posterior basal");
    for (const PhantomVesselSegment& s : arteries) {
        if (s.name.rfind(occluded.name, 0) != 0) continue;  // the segment and its daughters
        const double tMin = s.name == occluded.name ? 0.45 : 0.0;
        forEachInTube(c, {s.startLps, s.endLps, s.startRadiusMm, s.endRadiusMm}, 0.0,
                      [&](std::size_t o, double t) {
                          if (t >= tMin) b.take(o);
                      });
    }
    emboli.push_back(b.finish(occluded, "occlusive", true));

    // 4. Small central defect in a left upper lobe segmental artery (detection limit).
    const PhantomVesselSegment& seg = findArtery(arteries, "LUL anterior");
    ellipsoidClot(seg, 0.5, 0.0, {5.0, 1.6, 1.6});
    emboli.push_back(b.finish(seg, "central", false));
}

}  // namespace tv::phantom
