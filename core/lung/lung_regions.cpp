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
    int lo[3] = {std::numeric_limits<int>::max(), std::numeric_limits<int>::max(), std::numeric_limits<int>::max()};
    int hi[3] = {-1, -1, -1};
    for (int k = 0; k < labels.nz(); ++k)
        for (int j = 0; j < labels.ny(); ++j) {
            const std::uint8_t* row = &labels.at(0, j, k);
            for (int i = 0; i < labels.nx(); ++i)
                if (row[i] == label) {
                    lo[0] = std::min(lo[0], i), hi[0] = std::max(hi[0], i);
                    lo[1] = std::min(lo[1], j), hi[1] = std::max(hi[1], j);
                    lo[2] = std::min(lo[2], k), hi[2] = std::max(hi[2], k);
                }
        }
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
