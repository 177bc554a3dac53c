#pragma once
// The image part of one slice view. vtkImageReslice extracts the CT slice (exact voxels, or a thick
// slab MIP/MinIP/mean) from the zero-copy wrapped volume, OverlaySlices the label slices of the
// overlay layers; compose() maps HU through the window/level table and blends the layers' colors
// on the CPU into one RGB image. drawInto() draws that image into a view-sized RGBA frame (linear
// interpolation, viewport_resample.h), which the view copies into VTK's framebuffer as the frame's
// background: with software OpenGL every full-frame shading pass costs milliseconds.
// The 2-D scene has x = screen right, y = screen up, in millimetres from the lower-left voxel centre.
#include <array>
#include <cstdint>
#include <vector>
#include <vtkNew.h>
#include <vtkSmartPointer.h>

#include "model/overlay_model.h"
#include "model/viewer_model.h"
#include "slice/overlay_slices.h"
#include "slice/slice_geometry.h"
#include "slice/viewport_resample.h"

class vtkImageData;
class vtkImageReslice;

namespace tvui {

class SlicePipeline {
public:
    SlicePipeline();
    ~SlicePipeline();
    SlicePipeline(const SlicePipeline&) = delete;
    SlicePipeline& operator=(const SlicePipeline&) = delete;

    /// New volume (wrapped without copy; the caller keeps `volume` alive) and orientation.
    void setVolume(const tv::CtVolume* volume, SliceOrientation orientation);
    /// The overlay's layers (those on the volume grid are drawn, in order).
    void setOverlayLayers(const OverlayModel& overlay);
    void setOverlayStyle(const OverlayModel& overlay);
    void setSlice(int sliceIndex);
    void setWindowLevel(const WindowLevel& wl);
    void setSlab(const SlabSetting& slab);
    /// Marks the label voxels as changed (live overlay edits).
    void labelsModified();

    /// Recomputes the shown image when anything changed (call right before rendering).
    void compose();
    /// Draws the composed image into `out` (m.width x m.height RGBA, rows bottom-up, black off the
    /// image); reuses the last result when neither the image nor `m` changed. False without volume.
    bool drawInto(const ViewportMapping& m, std::vector<std::uint8_t>& out);

    const SliceAxes& axes() const { return axes_; }
    int sliceIndex() const { return slice_; }
    int sliceCount() const;
    /// Width and height of the slice image in mm (between outer voxel centres).
    double widthMm() const;
    double heightMm() const;
    /// In-plane spacing of the slice image (mm per voxel along screen right and up).
    double spacingRight() const;
    double spacingUp() const;

private:
    void updateResliceAxes();

    vtkSmartPointer<vtkImageData> ctData_;
    vtkNew<vtkImageReslice> ctReslice_;
    OverlaySlices overlay_;
    vtkNew<vtkImageData> composed_;
    std::uint64_t composedVersion_ = 0;  // bumped by every compose() that changed the image
    std::uint64_t drawnVersion_ = 0;
    ViewportMapping drawnMapping_;
    const tv::CtVolume* volume_ = nullptr;
    SliceAxes axes_;
    int slice_ = 0;
    SlabSetting slab_;
    WindowLevel wl_;
    // Grey value for every int16 HU value under wl_ (64 KiB): one table look-up per pixel instead
    // of a floating-point window/level; rebuilt only when the window/level changes.
    std::vector<std::uint8_t> greyOfHu_;
    WindowLevel greyTableWl_{0.0, -1.0};  // width -1: no table yet
    bool dirty_ = true;
};

}  // namespace tvui
