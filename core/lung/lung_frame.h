#pragma once
// Anatomical frame of an axial CT grid and sub-boxes of it. The lung analysis works on voxel
// indices for speed; this is where it learns which index direction is patient left, posterior and
// superior (from the grid's direction matrix, never assumed).
#include <algorithm>
#include <functional>

#include "image/image.h"

namespace tv {

struct AxialFrame {
    int leftSign = 1;       // +1: increasing i goes towards the patient's left (LPS +x)
    int posteriorSign = 1;  // +1: increasing j goes posterior (LPS +y)
    int superiorSign = 1;   // +1: increasing k goes superior (LPS +z)
};

/// Throws InvalidArgumentError when the grid is not axial (each voxel axis within about 25 degrees
/// of a patient axis, i ~ x, j ~ y, k ~ z).
AxialFrame axialFrame(const ImageGeometry& g);

/// Half-open voxel box [lo, hi).
struct VoxelBox {
    Index3 lo{0, 0, 0};
    Index3 hi{0, 0, 0};
    bool empty() const { return hi[0] <= lo[0] || hi[1] <= lo[1] || hi[2] <= lo[2]; }
    Index3 size() const { return {hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]}; }
    /// Grown by `margin` voxels per axis and clipped to `size`.
    VoxelBox grown(const Index3& margin, const Index3& limit) const;
};

/// Bounding box of voxels with mask != 0 (empty box when none).
VoxelBox boundingBox(const LabelMap& mask);
/// Bounding box of voxels equal to `label` (empty box when none).
VoxelBox labelBoundingBox(const LabelMap& labels, std::uint8_t label);

/// Geometry of the sub-grid `box` of `g` (same spacing and direction, shifted origin).
ImageGeometry subGeometry(const ImageGeometry& g, const VoxelBox& box);

/// Runs fn(0) .. fn(count - 1) in parallel (TBB; kept out of this header, which ui/ includes next
/// to Qt, whose `emit` keyword clashes with TBB's headers).
void forEachIndexParallel(int count, const std::function<void(int)>& fn);

template <typename T>
Image<T> cropImage(const Image<T>& src, const VoxelBox& box) {
    Image<T> out(subGeometry(src.geometry(), box));
    const Index3 s = box.size();
    forEachIndexParallel(s[2], [&](int k) {  // slices in parallel: a plain copy
        for (int j = 0; j < s[1]; ++j) {
            const T* from = &src.at(box.lo[0], box.lo[1] + j, box.lo[2] + k);
            std::copy(from, from + s[0], &out.at(0, j, k));
        }
    });
    return out;
}

/// Writes `part` (a crop at `box`) back into `dst`.
template <typename T>
void pasteImage(const Image<T>& part, const VoxelBox& box, Image<T>& dst) {
    const Index3 s = box.size();
    forEachIndexParallel(s[2], [&](int k) {
        for (int j = 0; j < s[1]; ++j) {
            const T* from = &part.at(0, j, k);
            std::copy(from, from + s[0], &dst.at(box.lo[0], box.lo[1] + j, box.lo[2] + k));
        }
    });
}

/// Patient z (mm) of the centre of slice k (voxelToPatient of the slice's centre voxel).
double sliceZ(const ImageGeometry& g, int k);

}  // namespace tv
