#include "lung/lung_frame.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <tbb/parallel_for.h>

#include "lung/byte_words.h"

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

// Slices in parallel; each row is searched from both ends, 8 bytes at a time, and only rows that
// hold a voxel (== value, or != value with Equal false) count (byte_words.h).
template <bool Equal>
VoxelBox boxWhere(const LabelMap& mask, std::uint8_t value) {
    const int nx = mask.nx(), ny = mask.ny(), nz = mask.nz();
    auto in = [value](std::uint8_t v) { return (v == value) == Equal; };
    std::vector<VoxelBox> perSlice(static_cast<std::size_t>(std::max(nz, 0)));
    tbb::parallel_for(0, nz, [&](int k) {
        VoxelBox b{{nx, ny, k}, {0, 0, k + 1}};
        for (int j = 0; j < ny; ++j) {
            const std::uint8_t* row = &mask.at(0, j, k);
            int first = 0;
            while (first + 8 <= nx && !wordHasMatch<Equal>(loadByteWord(row + first), value)) first += 8;
            while (first < nx && !in(row[first])) ++first;
            if (first == nx) continue;
            int end = nx;  // one past the last voxel
            while (end - 8 >= first && !wordHasMatch<Equal>(loadByteWord(row + end - 8), value)) end -= 8;
            while (!in(row[end - 1])) --end;
            b.lo[0] = std::min(b.lo[0], first), b.hi[0] = std::max(b.hi[0], end);
            b.lo[1] = std::min(b.lo[1], j), b.hi[1] = std::max(b.hi[1], j + 1);
        }
        perSlice[static_cast<std::size_t>(k)] = b;
    });
    VoxelBox b{{nx, ny, nz}, {0, 0, 0}};
    for (const VoxelBox& s : perSlice) {
        if (s.hi[0] == 0) continue;  // no voxel on this slice
        for (int a = 0; a < 3; ++a) b.lo[a] = std::min(b.lo[a], s.lo[a]), b.hi[a] = std::max(b.hi[a], s.hi[a]);
    }
    if (b.empty()) return VoxelBox{};
    return b;
}
}  // namespace

VoxelBox boundingBox(const LabelMap& mask) { return boxWhere<false>(mask, 0); }

VoxelBox labelBoundingBox(const LabelMap& labels, std::uint8_t label) { return boxWhere<true>(labels, label); }

ImageGeometry subGeometry(const ImageGeometry& g, const VoxelBox& box) {
    ImageGeometry s = g;
    s.size = box.size();
    s.origin = g.voxelToPatient(Eigen::Vector3d(box.lo[0], box.lo[1], box.lo[2]));
    return s;
}

void forEachIndexParallel(int count, const std::function<void(int)>& fn) { tbb::parallel_for(0, count, fn); }

double sliceZ(const ImageGeometry& g, int k) {
    return g.voxelToPatient(Eigen::Vector3d((g.size[0] - 1) / 2.0, (g.size[1] - 1) / 2.0, k)).z();
}

}  // namespace tv
