#include "slice/slice_pipeline.h"

#include <vtkImageActor.h>
#include <vtkImageData.h>
#include <vtkImageMapToColors.h>
#include <vtkImageMapper3D.h>
#include <vtkImageProperty.h>
#include <vtkImageReslice.h>
#include <vtkLookupTable.h>
#include <vtkMatrix4x4.h>
#include <vtkRenderer.h>

#include <algorithm>
#include <cmath>

#include "model/vtk_image_wrap.h"

namespace tvui {

SlicePipeline::SlicePipeline() {
    // Exact voxels: screen axes are voxel axes, so nearest neighbour is a permutation copy; the
    // texture's linear filter smooths magnified display.
    ctReslice_->SetInterpolationModeToNearestNeighbor();
    ctReslice_->AutoCropOutputOff();
    ctReslice_->SetBackgroundLevel(-1024.0);
    labelReslice_->SetInterpolationModeToNearestNeighbor();
    labelReslice_->SetBackgroundLevel(0.0);
    labelReslice_->SetSlabModeToMax();  // a label anywhere in the slab shows

    labelLut_->SetNumberOfTableValues(256);
    labelLut_->SetTableRange(0, 255);
    labelLut_->Build();
    labelColors_->SetLookupTable(labelLut_);
    labelColors_->SetOutputFormatToRGBA();
    labelColors_->SetInputConnection(labelReslice_->GetOutputPort());

    ctActor_->GetMapper()->SetInputConnection(ctReslice_->GetOutputPort());
    ctActor_->GetProperty()->SetInterpolationTypeToLinear();
    ctActor_->GetProperty()->UseLookupTableScalarRangeOff();
    overlayActor_->GetMapper()->SetInputConnection(labelColors_->GetOutputPort());
    overlayActor_->GetProperty()->SetInterpolationTypeToNearest();
    overlayActor_->VisibilityOff();
    ctActor_->VisibilityOff();
    // Overlay slightly in front of the CT plane (toward the camera). vtkImageStack's coplanar
    // layering showed interleaved stripes with Mesa, an explicit offset does not.
    overlayActor_->SetPosition(0.0, 0.0, 0.1);
    // A one-voxel placeholder keeps the label branch valid while no label map is loaded.
    vtkNew<vtkImageData> empty;
    empty->SetDimensions(1, 1, 1);
    empty->AllocateScalars(VTK_UNSIGNED_CHAR, 1);
    *static_cast<unsigned char*>(empty->GetScalarPointer()) = 0;
    labelReslice_->SetInputData(empty);
}

SlicePipeline::~SlicePipeline() = default;

void SlicePipeline::addTo(vtkRenderer* renderer) {
    renderer->AddViewProp(ctActor_);
    renderer->AddViewProp(overlayActor_);
}

void SlicePipeline::setVolume(const tv::CtVolume* volume, SliceOrientation orientation) {
    volume_ = volume;
    if (!volume_) {
        ctActor_->VisibilityOff();
        overlayActor_->VisibilityOff();
        return;
    }
    axes_ = sliceAxesFor(volume_->geometry(), orientation);
    ctData_ = wrapInIndexFrame(*volume_);
    ctReslice_->SetInputData(ctData_);
    const auto& g = volume_->geometry();
    const auto n = [&](int a) { return g.size[static_cast<std::size_t>(a)]; };
    ctReslice_->SetOutputExtent(0, n(axes_.rightAxis) - 1, 0, n(axes_.upAxis) - 1, 0, 0);
    labelReslice_->SetOutputExtent(0, n(axes_.rightAxis) - 1, 0, n(axes_.upAxis) - 1, 0, 0);
    ctReslice_->SetOutputOrigin(0, 0, 0);
    labelReslice_->SetOutputOrigin(0, 0, 0);
    slice_ = std::clamp(slice_, 0, sliceCount() - 1);
    updateResliceAxes();
    setSlab(slab_);
    ctActor_->VisibilityOn();
}

void SlicePipeline::setLabels(const tv::LabelMap* labels) {
    if (!labels || !volume_ || !labels->geometry().sameGrid(volume_->geometry())) {
        labelData_ = nullptr;
        overlayActor_->VisibilityOff();
        return;
    }
    labelData_ = wrapInIndexFrame(*labels);
    labelReslice_->SetInputData(labelData_);
    labelData_->Modified();
    overlayActor_->VisibilityOn();
}

void SlicePipeline::setOverlayStyle(const OverlayModel& overlay) {
    for (int l = 0; l < 256; ++l) {
        const auto rgba = overlay.effectiveRgba(l);
        labelLut_->SetTableValue(l, rgba[0], rgba[1], rgba[2], rgba[3]);
    }
    labelLut_->Modified();
    overlayActor_->SetVisibility(labelData_ != nullptr && overlay.isVisible());
}

int SlicePipeline::sliceCount() const {
    return volume_ ? volume_->geometry().size[static_cast<std::size_t>(axes_.normalAxis)] : 0;
}

double SlicePipeline::spacingRight() const { return volume_ ? volume_->geometry().spacing[axes_.rightAxis] : 1.0; }
double SlicePipeline::spacingUp() const { return volume_ ? volume_->geometry().spacing[axes_.upAxis] : 1.0; }
double SlicePipeline::widthMm() const {
    return volume_ ? (volume_->geometry().size[static_cast<std::size_t>(axes_.rightAxis)] - 1) * spacingRight() : 0.0;
}
double SlicePipeline::heightMm() const {
    return volume_ ? (volume_->geometry().size[static_cast<std::size_t>(axes_.upAxis)] - 1) * spacingUp() : 0.0;
}

void SlicePipeline::setSlice(int sliceIndex) {
    if (!volume_) return;
    const int s = std::clamp(sliceIndex, 0, sliceCount() - 1);
    if (s == slice_) return;
    slice_ = s;
    updateResliceAxes();
}

void SlicePipeline::updateResliceAxes() {
    // Reslice axes in the index frame (origin 0, axis-aligned, mm): columns are the output's x (screen
    // right), y (screen up), z (slice normal) directions and the world point of output (0,0,0).
    const auto& g = volume_->geometry();
    double m[16] = {0};
    const int axisOf[3] = {axes_.rightAxis, axes_.upAxis, axes_.normalAxis};
    const int signOf[3] = {axes_.rightSign, axes_.upSign, axes_.normalSign};
    for (int c = 0; c < 3; ++c) m[axisOf[c] * 4 + c] = signOf[c];
    double origin[3] = {0, 0, 0};
    for (int c = 0; c < 2; ++c) {
        const int a = axisOf[c];
        origin[a] = signOf[c] > 0 ? 0.0 : (g.size[static_cast<std::size_t>(a)] - 1) * g.spacing[a];
    }
    origin[axes_.normalAxis] = slice_ * g.spacing[axes_.normalAxis];
    for (int r = 0; r < 3; ++r) m[r * 4 + 3] = origin[r];
    m[15] = 1.0;
    vtkNew<vtkMatrix4x4> axesMatrix;
    axesMatrix->DeepCopy(m);
    ctReslice_->SetResliceAxes(axesMatrix);
    labelReslice_->SetResliceAxes(axesMatrix);
    const double sp[3] = {g.spacing[axes_.rightAxis], g.spacing[axes_.upAxis], g.spacing[axes_.normalAxis]};
    ctReslice_->SetOutputSpacing(sp[0], sp[1], sp[2]);
    labelReslice_->SetOutputSpacing(sp[0], sp[1], sp[2]);
}

void SlicePipeline::setWindowLevel(const WindowLevel& wl) {
    ctActor_->GetProperty()->SetColorLevel(wl.level);
    ctActor_->GetProperty()->SetColorWindow(wl.width);
}

void SlicePipeline::setSlab(const SlabSetting& slab) {
    slab_ = slab;
    int n = 1;
    if (volume_ && slab.mode != SlabMode::Off) {
        const double sn = volume_->geometry().spacing[axes_.normalAxis];
        n = std::max(1, static_cast<int>(std::lround(slab.thicknessMm / sn)));
    }
    switch (slab.mode) {
    case SlabMode::Off:
    case SlabMode::Mip: ctReslice_->SetSlabModeToMax(); break;
    case SlabMode::MinIp: ctReslice_->SetSlabModeToMin(); break;
    case SlabMode::Mean: ctReslice_->SetSlabModeToMean(); break;
    }
    ctReslice_->SetSlabNumberOfSlices(n);
    labelReslice_->SetSlabNumberOfSlices(n);
}

}  // namespace tvui
