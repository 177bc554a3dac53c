#include "phantom/phantom_canvas.h"

namespace tv::phantom {
namespace {

// A sheath voxel: parenchyma becomes soft tissue, and the lung field there becomes hilum.
void takeFromLung(Canvas& c, std::size_t o, double softTissueHu) {
    if (c.isParenchyma(o)) c.set(o, kSoftTissue, softTissueHu);
    if ((*c.lungs)[o] == kRightLungField || (*c.lungs)[o] == kLeftLungField) (*c.lungs)[o] = kHilumMark;
}

}  // namespace

void paintMediastinalTube(Canvas& c, const Tube& tube, double sheathMm, std::uint8_t label, double hu,
                          double softTissueHu) {
    forEachInTube(c, tube, sheathMm, [&](std::size_t o, double) { takeFromLung(c, o, softTissueHu); });
    forEachInTube(c, tube, 0.0, [&](std::size_t o, double) { c.set(o, label, hu); });
}

void paintMediastinalEllipsoid(Canvas& c, const Ellipsoid& e, double sheathMm, std::uint8_t label, double hu,
                               double softTissueHu) {
    Ellipsoid grown = e;
    grown.radii.array() += sheathMm;
    forEachInEllipsoid(c, grown, 1.0, [&](std::size_t o, double, const Eigen::Vector3d&) {
        takeFromLung(c, o, softTissueHu);
    });
    forEachInEllipsoid(c, e, 1.0,
                       [&](std::size_t o, double, const Eigen::Vector3d&) { c.set(o, label, hu); });
}

void paintPulmonaryTube(Canvas& c, const Tube& tube, double marginMm, std::uint8_t label, double hu) {
    forEachInTube(c, tube, marginMm, [&](std::size_t o, double) {
        if (c.inLungOrHilum(o)) c.set(o, label, hu);
    });
}

}  // namespace tv::phantom
