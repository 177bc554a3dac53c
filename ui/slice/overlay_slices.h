#pragma once
// The overlay part of a slice view: one nearest-neighbour vtkImageReslice per overlay layer (slab
// maximum, so a label anywhere in a thick slab shows), and the blending of the layers, in order,
// over the slice view's RGB image. SlicePipeline owns one and forwards its reslice geometry.
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "image/image.h"

class vtkMatrix4x4;

namespace tvui {

class OverlayModel;

class OverlaySlices {
public:
    OverlaySlices();
    ~OverlaySlices();
    OverlaySlices(const OverlaySlices&) = delete;
    OverlaySlices& operator=(const OverlaySlices&) = delete;

    /// Wraps the maps of all layers lying on `grid` (others are skipped: never drawn misaligned).
    void setLayers(const OverlayModel& overlay, const tv::ImageGeometry& grid);
    void clear();
    void setStyles(const OverlayModel& overlay);
    /// Output slice geometry, the same as the CT reslice's.
    void setGeometry(int width, int height, vtkMatrix4x4* resliceAxes, const double spacing[3]);
    void setSlabSlices(int n);
    /// Marks the label voxels as changed (live overlay edits).
    void modified();

    /// True when some label of some layer would be drawn.
    bool anyVisible() const;
    /// Blends the layers, first to last, over `rgb` (width*height pixels, 3 bytes each).
    void blendInto(std::uint8_t* rgb, std::size_t pixelCount);

private:
    struct Layer;
    void configure(Layer& layer) const;

    std::vector<std::unique_ptr<Layer>> layers_;
    int width_ = 1, height_ = 1, slab_ = 1;
    std::array<double, 16> axes_{1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
    std::array<double, 3> spacing_{1, 1, 1};
};

}  // namespace tvui
