#pragma once
// A 3-D image on an ImageGeometry grid: a contiguous voxel buffer, i fastest, then j, then k.
// CtVolume holds Hounsfield units; LabelMap holds small integer labels (0 = background) on the
// same grid as the CT it belongs to.
#include <cstdint>
#include <string>
#include <vector>

#include "image/geometry.h"
#include "util/errors.h"

namespace tv {

template <typename T>
class Image {
public:
    using value_type = T;

    Image() = default;
    explicit Image(const ImageGeometry& g, T fill = T{}) : geometry_(g), voxels_(g.voxelCount(), fill) {}

    const ImageGeometry& geometry() const { return geometry_; }
    /// Changes position/orientation metadata only; the size must stay the same.
    void setGeometry(const ImageGeometry& g) {
        if (g.voxelCount() != voxels_.size())
            throw InvalidArgumentError("Image::setGeometry: new size does not match the voxel count");
        geometry_ = g;
    }
    const Index3& size() const { return geometry_.size; }
    int nx() const { return geometry_.size[0]; }
    int ny() const { return geometry_.size[1]; }
    int nz() const { return geometry_.size[2]; }
    std::size_t voxelCount() const { return voxels_.size(); }
    bool empty() const { return voxels_.empty(); }

    std::size_t offset(int i, int j, int k) const {
        return (static_cast<std::size_t>(k) * static_cast<std::size_t>(geometry_.size[1]) +
                static_cast<std::size_t>(j)) * static_cast<std::size_t>(geometry_.size[0]) +
               static_cast<std::size_t>(i);
    }
    T& at(int i, int j, int k) { return voxels_[offset(i, j, k)]; }
    const T& at(int i, int j, int k) const { return voxels_[offset(i, j, k)]; }
    T& operator[](std::size_t n) { return voxels_[n]; }
    const T& operator[](std::size_t n) const { return voxels_[n]; }

    T* data() { return voxels_.data(); }
    const T* data() const { return voxels_.data(); }
    std::vector<T>& voxels() { return voxels_; }
    const std::vector<T>& voxels() const { return voxels_; }
    /// Pointer to the first voxel of slice k (nx*ny contiguous values).
    T* slice(int k) { return voxels_.data() + offset(0, 0, k); }
    const T* slice(int k) const { return voxels_.data() + offset(0, 0, k); }

    std::size_t byteSize() const { return voxels_.size() * sizeof(T); }

private:
    ImageGeometry geometry_;
    std::vector<T> voxels_;
};

/// Descriptive information that travels with a CT volume (shown in the viewer's corner text and
/// written into reports). Empty strings when unknown.
struct VolumeInfo {
    std::string patientName;
    std::string patientId;
    std::string studyDate;
    std::string studyDescription;
    std::string seriesDescription;
    std::string seriesInstanceUid;
    std::string studyInstanceUid;
    std::string modality;
    std::string manufacturer;
    std::string convolutionKernel;
    std::string sourcePath;  // folder or file it was loaded from
    bool synthetic = false;  // true for generated phantoms: must be labelled as such wherever shown
};

/// CT volume in Hounsfield units (int16: the DICOM CT range -1024..3071 and beyond fits).
struct CtVolume {
    Image<std::int16_t> hu;
    VolumeInfo info;
    const ImageGeometry& geometry() const { return hu.geometry(); }
};

/// Label map on a CT grid: 0 = background, 1..255 = labels.
using LabelMap = Image<std::uint8_t>;

}  // namespace tv
