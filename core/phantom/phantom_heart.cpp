// Heart (myocardium with enhanced right-sided and systemic left-sided chambers), aorta (ascending,
// arch passing left of the trachea, descending left of the spine) and the central pulmonary veins
// into the left atrium. All mediastinal: they carve the lung field.
#include "phantom/phantom_canvas.h"

namespace tv::phantom {

void paintHeartAndGreatVessels(Canvas& c, const ChestPhantomParams& p, double systemicHu) {
    const double myocardiumHu = p.softTissueHu + 5.0;
    const double sheathMm = 3.0;  // pericardium / mediastinal fat between heart and lung

    Ellipsoid heart;
    heart.center = {22, -38, -72};
    heart.radii = {60, 45, 48};
    paintMediastinalEllipsoid(c, heart, sheathMm, kHeart, myocardiumHu, p.softTissueHu);
    // Chambers inside the heart: right atrium and ventricle carry the contrast bolus (as the
    // pulmonary artery), the left ventricle the systemic level.
    const auto chamber = [&](const Eigen::Vector3d& center, const Eigen::Vector3d& radii, double hu) {
        Ellipsoid e;
        e.center = center;
        e.radii = radii;
        forEachInEllipsoid(c, e, 1.0, [&](std::size_t o, double, const Eigen::Vector3d&) {
            if ((*c.labels)[o] == kHeart) c.set(o, kHeart, hu);  // clipped to the heart
        });
    };
    chamber({5, -55, -68}, {28, 20, 28}, p.paEnhancementHu);    // right ventricle (anterior)
    chamber({-22, -35, -65}, {18, 18, 24}, p.paEnhancementHu);  // right atrium
    chamber({42, -32, -78}, {26, 22, 28}, systemicHu);          // left ventricle
    Ellipsoid leftAtrium;                                       // posterior, partly outside the heart
    leftAtrium.center = {15, 2, -48};
    leftAtrium.radii = {30, 16, 16};
    paintMediastinalEllipsoid(c, leftAtrium, sheathMm, kHeart, systemicHu, p.softTissueHu);

    // Aorta: root from the left ventricle, ascending right-anterior, arch over the left pulmonary
    // artery and left of the trachea, descending left-anterior of the spine out of the grid.
    const Tube aorta[] = {
        {{5, -28, -55}, {-20, -42, -15}, 14, 14}, {{-20, -42, -15}, {-22, -44, 40}, 15, 15},
        {{-22, -44, 40}, {10, -28, 64}, 14, 14},  {{10, -28, 64}, {28, 0, 62}, 13, 13},
        {{28, 0, 62}, {28, 30, 48}, 13, 13},      {{28, 30, 48}, {28, 40, 25}, 13, 12},
        {{28, 40, 25}, {28, 42, -200}, 12, 12},
    };
    for (const Tube& t : aorta) paintMediastinalTube(c, t, sheathMm, kAorta, systemicHu, p.softTissueHu);

    // Central pulmonary veins: superior and inferior on each side, from the left atrium to the hila.
    const Tube veins[] = {
        {{-10, 0, -45}, {-48, -8, -30}, 6.5, 6},  // right superior
        {{-10, 8, -55}, {-45, 28, -58}, 6.5, 6},  // right inferior
        {{38, 0, -42}, {62, -5, -28}, 6, 5.5},    // left superior
        {{38, 5, -52}, {62, 15, -60}, 6, 5.5},    // left inferior
    };
    for (const Tube& t : veins) paintMediastinalTube(c, t, 1.5, kPulmonaryVein, systemicHu, p.softTissueHu);
}

}  // namespace tv::phantom
