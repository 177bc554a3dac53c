#pragma once
// The VTK image part of one slice view: CT slice (vtkImageReslice, exact voxels or a thick slab
// MIP/MinIP/mean) shown through a window/level lookup, and the label overlay resliced the same way
// (nearest neighbour, slab maximum) and colored by a per-label RGBA table, drawn just in front. The 2-D scene has x = screen right, y = screen up, in millimetres from the lower-left
// voxel centre of the slice image.
#include <vtkNew.h>
#include <vtkSmartPointer.h>

#include "model/overlay_model.h"
#include "model/viewer_model.h"
#include "slice/slice_geometry.h"

class vtkImageActor;
class vtkImageData;
class vtkImageMapToColors;
class vtkImageReslice;
class vtkLookupTable;
class vtkRenderer;

namespace tvui {

class SlicePipeline {
public:
    SlicePipeline();
    ~SlicePipeline();
    SlicePipeline(const SlicePipeline&) = delete;
    SlicePipeline& operator=(const SlicePipeline&) = delete;

    void addTo(vtkRenderer* renderer);

    /// New volume (wrapped without copy; the caller keeps `volume` alive) and orientation.
    void setVolume(const tv::CtVolume* volume, SliceOrientation orientation);
    /// New label map on the same grid, or nullptr to hide the overlay.
    void setLabels(const tv::LabelMap* labels);
    void setOverlayStyle(const OverlayModel& overlay);
    void setSlice(int sliceIndex);
    void setWindowLevel(const WindowLevel& wl);
    void setSlab(const SlabSetting& slab);

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

    vtkSmartPointer<vtkImageData> ctData_, labelData_;
    vtkNew<vtkImageReslice> ctReslice_, labelReslice_;
    vtkNew<vtkImageMapToColors> labelColors_;
    vtkNew<vtkLookupTable> labelLut_;
    vtkNew<vtkImageActor> ctActor_, overlayActor_;
    const tv::CtVolume* volume_ = nullptr;
    SliceAxes axes_;
    int slice_ = 0;
    SlabSetting slab_;
};

}  // namespace tvui
