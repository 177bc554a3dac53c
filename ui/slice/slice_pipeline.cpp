#include "slice/slice_pipeline.h"

#include <vtkImageData.h>
#include <vtkImageReslice.h>
#include <vtkMatrix4x4.h>

#include <algorithm>
#include <cstdint>
#include <cmath>

#include "model/vtk_image_wrap.h"

namespace tvui {

SlicePipeline::SlicePipeline() {
    // Exact voxels: screen axes are voxel axes, so nearest neighbour is a permutation copy;
    // drawInto() interpolates linearly for magnified display.
    ctReslice_->SetInterpolationModeToNearestNeighbor();
    ctReslice_->AutoCropOutputOff();
    ctReslice_->SetBackgroundLevel(-1024.0);
}

SlicePipeline::~SlicePipeline() = default;

void SlicePipeline::setVolume(const tv::CtVolume* volume, SliceOrientation orientation) {
    volume_ = volume;
    dirty_ = true;
    if (!volume_) {
        overlay_.clear();
        return;
    }
    axes_ = sliceAxesFor(volume_->geometry(), orientation);
    ctData_ = wrapInIndexFrame(*volume_);
    ctReslice_->SetInputData(ctData_);
    const auto& g = volume_->geometry();
    const auto n = [&](int a) { return g.size[static_cast<std::size_t>(a)]; };
    ctReslice_->SetOutputExtent(0, n(axes_.rightAxis) - 1, 0, n(axes_.upAxis) - 1, 0, 0);
    ctReslice_->SetOutputOrigin(0, 0, 0);
    slice_ = std::clamp(slice_, 0, sliceCount() - 1);
    updateResliceAxes();
    setSlab(slab_);
    composed_->SetDimensions(n(axes_.rightAxis), n(axes_.upAxis), 1);
    composed_->SetSpacing(g.spacing[axes_.rightAxis], g.spacing[axes_.upAxis], 1.0);
    composed_->SetOrigin(0, 0, 0);
    composed_->AllocateScalars(VTK_UNSIGNED_CHAR, 3);
}

void SlicePipeline::setOverlayLayers(const OverlayModel& overlay) {
    dirty_ = true;
    if (volume_) overlay_.setLayers(overlay, volume_->geometry());
    else overlay_.clear();
}

void SlicePipeline::labelsModified() {
    overlay_.modified();
    dirty_ = true;
}

void SlicePipeline::setOverlayStyle(const OverlayModel& overlay) {
    overlay_.setStyles(overlay);
    dirty_ = true;
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
    dirty_ = true;
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
    const double sp[3] = {g.spacing[axes_.rightAxis], g.spacing[axes_.upAxis], g.spacing[axes_.normalAxis]};
    ctReslice_->SetOutputSpacing(sp[0], sp[1], sp[2]);
    overlay_.setGeometry(g.size[static_cast<std::size_t>(axes_.rightAxis)], g.size[static_cast<std::size_t>(axes_.upAxis)],
                         axesMatrix, sp);
}

void SlicePipeline::setWindowLevel(const WindowLevel& wl) {
    wl_ = wl;
    dirty_ = true;
}

void SlicePipeline::compose() {
    if (!dirty_ || !volume_) return;
    dirty_ = false;
    ctReslice_->Update();
    vtkImageData* ct = ctReslice_->GetOutput();
    const int* dims = composed_->GetDimensions();
    const std::size_t n = static_cast<std::size_t>(dims[0]) * static_cast<std::size_t>(dims[1]);
    const auto* hu = static_cast<const std::int16_t*>(ct->GetScalarPointer());
    auto* out = static_cast<std::uint8_t*>(composed_->GetScalarPointer());
    if (greyOfHu_.empty() || greyTableWl_.level != wl_.level || greyTableWl_.width != wl_.width) {
        // Window/level clamped at both ends, tabulated over the whole int16 range.
        const double lo = wl_.level - wl_.width / 2.0, scale = 255.0 / std::max(1.0, wl_.width);
        greyOfHu_.resize(65536);
        for (int v = -32768; v <= 32767; ++v)
            greyOfHu_[static_cast<std::size_t>(v + 32768)] = static_cast<std::uint8_t>(std::clamp((v - lo) * scale, 0.0, 255.0) + 0.5);
        greyTableWl_ = wl_;
    }
    const std::uint8_t* grey = greyOfHu_.data() + 32768;
    for (std::size_t q = 0; q < n; ++q) out[3 * q] = out[3 * q + 1] = out[3 * q + 2] = grey[hu[q]];
    if (overlay_.anyVisible()) overlay_.blendInto(out, n);  // layers in order, first at the bottom
    composed_->Modified();
    ++composedVersion_;
}

bool SlicePipeline::drawInto(const ViewportMapping& m, std::vector<std::uint8_t>& out) {
    if (!volume_) return false;
    const bool sameView = m.width == drawnMapping_.width && m.height == drawnMapping_.height &&
                          m.centreX == drawnMapping_.centreX && m.centreY == drawnMapping_.centreY &&
                          m.mmPerPixel == drawnMapping_.mmPerPixel;
    const std::size_t bytes = static_cast<std::size_t>(std::max(0, m.width)) * static_cast<std::size_t>(std::max(0, m.height)) * 4;
    if (sameView && drawnVersion_ == composedVersion_ && composedVersion_ != 0 && out.size() == bytes) return true;
    const int* dims = composed_->GetDimensions();
    resampleToViewport(static_cast<const std::uint8_t*>(composed_->GetScalarPointer()), dims[0], dims[1], spacingRight(),
                       spacingUp(), m, out);
    drawnMapping_ = m;
    drawnVersion_ = composedVersion_;
    return true;
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
    overlay_.setSlabSlices(n);
    dirty_ = true;
}

}  // namespace tvui
