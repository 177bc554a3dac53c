#include "lung/lung_fill.h"

#include "lung/binary_morphology.h"
#include "lung/lung_frame.h"

namespace tv {

std::size_t fillLungs(LabelMap& labels, const LabelMap& forbidden, double closingRadiusMm, const CancelToken& cancel) {
    const Index3 limit = labels.size();
    const auto& sp = labels.geometry().spacing;
    const Index3 margin{static_cast<int>(closingRadiusMm / sp[0]) + 2, static_cast<int>(closingRadiusMm / sp[1]) + 2, 0};
    LabelMap filled[2];
    VoxelBox boxes[2];
    for (int side = 0; side < 2; ++side) {
        const std::uint8_t label = static_cast<std::uint8_t>(side + 1);
        LabelMap mask(labels.geometry(), 0);
        for (std::size_t n = 0; n < labels.voxelCount(); ++n) mask[n] = labels[n] == label;
        boxes[side] = boundingBox(mask).grown(margin, limit);
        if (boxes[side].empty()) continue;
        filled[side] = cropImage(mask, boxes[side]);
        closeSlices(filled[side], closingRadiusMm, cancel);
        fillHolesSlices(filled[side], cancel);
    }
    std::size_t added = 0;
    for (int side = 0; side < 2; ++side) {
        if (boxes[side].empty()) continue;
        const std::uint8_t label = static_cast<std::uint8_t>(side + 1);
        const VoxelBox& b = boxes[side];
        const LabelMap& f = filled[side];
        for (int k = b.lo[2]; k < b.hi[2]; ++k)
            for (int j = b.lo[1]; j < b.hi[1]; ++j)
                for (int i = b.lo[0]; i < b.hi[0]; ++i) {
                    if (!f.at(i - b.lo[0], j - b.lo[1], k - b.lo[2])) continue;
                    std::uint8_t& v = labels.at(i, j, k);
                    if (v != 0 || forbidden.at(i, j, k)) continue;
                    // Claimed by the other lung's fill too: a junction region, left unassigned.
                    const int o = 1 - side;
                    const VoxelBox& ob = boxes[o];
                    const bool other = !ob.empty() && i >= ob.lo[0] && i < ob.hi[0] && j >= ob.lo[1] && j < ob.hi[1] &&
                                       k >= ob.lo[2] && k < ob.hi[2] &&
                                       filled[o].at(i - ob.lo[0], j - ob.lo[1], k - ob.lo[2]);
                    if (other) continue;
                    v = label;
                    ++added;
                }
    }
    return added;
}

}  // namespace tv
