// Trachea, main bronchi (mediastinal: they carve the lung field) and lobar bronchi (intrapulmonary,
// kept inside the lung field), each an air lumen inside a soft-tissue wall.
#include "phantom/phantom_canvas.h"

namespace tv::phantom {
namespace {

constexpr double kWallMm = 2.0;

struct Airway {
    Eigen::Vector3d a, b;
    double ra, rb;  // lumen radii
};

}  // namespace

void paintAirways(Canvas& c, const ChestPhantomParams& p) {
    const double wallHu = p.softTissueHu + 20.0;
    const Eigen::Vector3d carina(0, 5, 20), rightHilum(-40, 12, 5), leftHilum(42, 14, -2),
        intermedius(-55, 18, -15);
    const Airway central[] = {
        {{0, 2, 160}, carina, 9.0, 9.0},  // trachea (leaves the grid at the top)
        {carina, rightHilum, 7.0, 6.0},   // right main bronchus: short, steep
        {carina, leftHilum, 6.0, 5.5},    // left main bronchus: longer, more horizontal
    };
    for (const Airway& w : central) {
        paintMediastinalTube(c, {w.a, w.b, w.ra + kWallMm, w.rb + kWallMm}, 1.0, kAirwayWall, wallHu,
                             p.softTissueHu);
        paintMediastinalTube(c, {w.a, w.b, w.ra, w.rb}, 0.0, kAirway, p.airHu, p.softTissueHu);
    }
    const Airway lobar[] = {
        {rightHilum, {-65, 10, 38}, 4.5, 3.5},     // right upper lobe
        {rightHilum, intermedius, 5.5, 5.0},       // bronchus intermedius
        {intermedius, {-85, 35, -55}, 4.5, 3.0},   // right lower lobe
        {intermedius, {-85, -15, -30}, 3.5, 2.5},  // middle lobe
        {leftHilum, {65, 5, 35}, 4.5, 3.5},        // left upper lobe
        {leftHilum, {72, 30, -55}, 4.5, 3.0},      // left lower lobe
        {leftHilum, {75, -25, -25}, 3.5, 2.5},     // lingula
    };
    for (const Airway& w : lobar) {
        paintPulmonaryTube(c, {w.a, w.b, w.ra, w.rb}, 1.5, kAirwayWall, wallHu);
        paintPulmonaryTube(c, {w.a, w.b, w.ra, w.rb}, 0.0, kAirway, p.airHu);
    }
}

}  // namespace tv::phantom
