#include "lung/lung_regions.h"

#include <algorithm>
#include <limits>

namespace tv {

const char* sideName(int side) { return side == kLeft ? "left" : "right"; }
const char* zoneName(int zone) {
    static const char* names[] = {"lower", "middle", "upper"};
    return names[zone];
}
const char* lobeName(int lobe) {
    static const char* names[] = {"RUL", "RML", "RLL", "LUL", "LLL"};
    return names[lobe];
}
int lobeSide(int lobe) { return lobe <= kRLL ? kRight : kLeft; }

LungExtent lungExtent(const LabelMap& labels, std::uint8_t label, const AxialFrame& frame) {
    const VoxelBox box = labelBoundingBox(labels, label);
    const int lo[3] = {box.lo[0], box.lo[1], box.lo[2]};
    const int hi[3] = {box.hi[0] - 1, box.hi[1] - 1, box.hi[2] - 1};  // inclusive; -1 when no voxel
    LungExtent e;
    if (hi[0] < 0 || hi[2] == lo[2] || hi[1] == lo[1] || hi[0] == lo[0]) return e;
    e.valid = true;
    e.kInf = frame.superiorSign > 0 ? lo[2] : hi[2];
    e.kSup = frame.superiorSign > 0 ? hi[2] : lo[2];
    e.jAnt = frame.posteriorSign > 0 ? lo[1] : hi[1];
    e.jPost = frame.posteriorSign > 0 ? hi[1] : lo[1];
    // Lateral is towards the patient's left for the left lung (label 1), right for the right lung.
    const bool lateralIsPlusI = (label == 1) == (frame.leftSign > 0);
    e.iMed = lateralIsPlusI ? lo[0] : hi[0];
    e.iLat = lateralIsPlusI ? hi[0] : lo[0];
    return e;
}

}  // namespace tv
