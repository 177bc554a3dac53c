#pragma once
// Lung-relative coordinates, zones and lobe names. Each lung gets normalised coordinates from its
// own extent: v from base (0) to apex (1), u from anterior (0) to posterior (1), w from medial (0)
// to lateral (1). Zones and the geometric lobe model are defined on these.
#include <array>
#include <string>

#include "image/image.h"
#include "lung/lung_frame.h"

namespace tv {

enum Side : int { kLeft = 0, kRight = 1 };
enum Zone : int { kLowerZone = 0, kMiddleZone = 1, kUpperZone = 2 };
enum Lobe : int { kRUL = 0, kRML = 1, kRLL = 2, kLUL = 3, kLLL = 4 };
constexpr int kLobeCount = 5;

const char* sideName(int side);                 // "left", "right"
const char* zoneName(int zone);                 // "lower", "middle", "upper"
const char* lobeName(int lobe);                 // "RUL", ...
int lobeSide(int lobe);

/// Extent of one lung in voxel indices; the ends are signed so that the formulas below hold for
/// any axis direction. `valid` is false when the lung is absent.
struct LungExtent {
    bool valid = false;
    double kInf = 0, kSup = 1;   // slice index of the base and of the apex
    double jAnt = 0, jPost = 1;  // row index of the most anterior and most posterior lung voxel
    double iMed = 0, iLat = 1;   // column index of the most medial and most lateral lung voxel
    double v(double k) const { return (k - kInf) / (kSup - kInf); }
    double u(double j) const { return (j - jAnt) / (jPost - jAnt); }
    double w(double i) const { return (i - iMed) / (iLat - iMed); }
};

/// Extent of the voxels equal to `label` (1 = left, 2 = right lung) of `labels`.
LungExtent lungExtent(const LabelMap& labels, std::uint8_t label, const AxialFrame& frame);

/// Zone by thirds of the lung height (base to apex). The six-zone score's upper/middle/lower zones
/// are usually bounded by the carina and the inferior pulmonary veins; equal thirds of the height
/// are the landmark-free approximation used here.
inline int zoneOf(const LungExtent& e, double k) {
    const double v = e.v(k);
    return v < 1.0 / 3.0 ? kLowerZone : (v < 2.0 / 3.0 ? kMiddleZone : kUpperZone);
}

}  // namespace tv
