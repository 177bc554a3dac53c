#include "lung/lung_frame.h"

#include <algorithm>
#include <cmath>

namespace tv {

AxialFrame axialFrame(const ImageGeometry& g) {
    AxialFrame f;
    int* signs[3] = {&f.leftSign, &f.posteriorSign, &f.superiorSign};
    const char* names[3] = {"i (columns)", "j (rows)", "k (slices)"};
    for (int a = 0; a < 3; ++a) {
        const double c = g.direction(a, a);  // component of voxel axis a along patient axis a
        if (std::abs(c) < 0.9)
            throw InvalidArgumentError("lung analysis expects an axial grid: voxel axis " + std::string(names[a]) +
                                       " is not aligned with the patient axis (cosine " + std::to_string(c) +
                                       ", expected |cosine| >= 0.9)");
        *signs[a] = c > 0 ? 1 : -1;
    }
    return f;
}

VoxelBox VoxelBox::grown(const Index3& margin, const Index3& limit) const {
    VoxelBox b;
    for (int a = 0; a < 3; ++a) {
        b.lo[a] = std::max(0, lo[a] - margin[a]);
        b.hi[a] = std::min(limit[a], hi[a] + margin[a]);
    }
    return b;
}

namespace {
template <typename Pred>
VoxelBox boxWhere(const LabelMap& mask, Pred in) {
    VoxelBox b{{mask.nx(), mask.ny(), mask.nz()}, {0, 0, 0}};
    for (int k = 0; k < mask.nz(); ++k)
        for (int j = 0; j < mask.ny(); ++j) {
            const std::uint8_t* row = &mask.at(0, j, k);
            for (int i = 0; i < mask.nx(); ++i)
                if (in(row[i])) {
                    b.lo = {std::min(b.lo[0], i), std::min(b.lo[1], j), std::min(b.lo[2], k)};
                    b.hi = {std::max(b.hi[0], i + 1), std::max(b.hi[1], j + 1), std::max(b.hi[2], k + 1)};
                }
        }
    if (b.empty()) return VoxelBox{};
    return b;
}
}  // namespace

VoxelBox boundingBox(const LabelMap& mask) {
    return boxWhere(mask, [](std::uint8_t v) { return v != 0; });
}

VoxelBox labelBoundingBox(const LabelMap& labels, std::uint8_t label) {
    return boxWhere(labels, [label](std::uint8_t v) { return v == label; });
}

ImageGeometry subGeometry(const ImageGeometry& g, const VoxelBox& box) {
    ImageGeometry s = g;
    s.size = box.size();
    s.origin = g.voxelToPatient(Eigen::Vector3d(box.lo[0], box.lo[1], box.lo[2]));
    return s;
}

double sliceZ(const ImageGeometry& g, int k) {
    return g.voxelToPatient(Eigen::Vector3d((g.size[0] - 1) / 2.0, (g.size[1] - 1) / 2.0, k)).z();
}

}  // namespace tv
