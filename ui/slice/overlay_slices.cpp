#include "slice/overlay_slices.h"

#include <vtkImageData.h>
#include <vtkImageReslice.h>
#include <vtkMatrix4x4.h>
#include <vtkNew.h>
#include <vtkSmartPointer.h>

#include "model/overlay_model.h"
#include "model/vtk_image_wrap.h"

namespace tvui {

struct OverlaySlices::Layer {
    int index = 0;  // in the OverlayModel
    vtkSmartPointer<vtkImageData> data;
    vtkNew<vtkImageReslice> reslice;
    std::array<std::array<float, 4>, 256> rgba{};  // color 0..255, alpha 0..1
    bool on = false;
};

OverlaySlices::OverlaySlices() = default;
OverlaySlices::~OverlaySlices() = default;

void OverlaySlices::clear() { layers_.clear(); }

void OverlaySlices::setLayers(const OverlayModel& overlay, const tv::ImageGeometry& grid) {
    layers_.clear();
    for (int i = 0; i < overlay.layerCount(); ++i) {
        const OverlayLayer& l = overlay.layer(i);
        if (!l.labels || !l.labels->geometry().sameGrid(grid)) continue;
        auto layer = std::make_unique<Layer>();
        layer->index = i;
        layer->data = wrapInIndexFrame(*l.labels);
        layer->reslice->SetInputData(layer->data);
        layer->reslice->SetInterpolationModeToNearestNeighbor();
        layer->reslice->SetBackgroundLevel(0.0);
        layer->reslice->SetSlabModeToMax();  // a label anywhere in the slab shows
        configure(*layer);
        layers_.push_back(std::move(layer));
    }
    setStyles(overlay);
}

void OverlaySlices::configure(Layer& layer) const {
    layer.reslice->SetOutputExtent(0, width_ - 1, 0, height_ - 1, 0, 0);
    layer.reslice->SetOutputOrigin(0, 0, 0);
    vtkNew<vtkMatrix4x4> m;
    m->DeepCopy(axes_.data());
    layer.reslice->SetResliceAxes(m);
    layer.reslice->SetOutputSpacing(spacing_[0], spacing_[1], spacing_[2]);
    layer.reslice->SetSlabNumberOfSlices(slab_);
}

void OverlaySlices::setStyles(const OverlayModel& overlay) {
    for (auto& layer : layers_) {
        layer->on = false;
        for (int l = 0; l < 256; ++l) {
            const auto c = overlay.layerRgba(layer->index, l);
            layer->rgba[static_cast<std::size_t>(l)] = {static_cast<float>(c[0] * 255), static_cast<float>(c[1] * 255),
                                                        static_cast<float>(c[2] * 255), static_cast<float>(c[3])};
            layer->on = layer->on || c[3] > 0;
        }
    }
}

void OverlaySlices::setGeometry(int width, int height, vtkMatrix4x4* resliceAxes, const double spacing[3]) {
    width_ = width;
    height_ = height;
    for (int r = 0; r < 4; ++r)
        for (int c = 0; c < 4; ++c) axes_[static_cast<std::size_t>(r * 4 + c)] = resliceAxes->GetElement(r, c);
    spacing_ = {spacing[0], spacing[1], spacing[2]};
    for (auto& layer : layers_) configure(*layer);
}

void OverlaySlices::setSlabSlices(int n) {
    slab_ = n;
    for (auto& layer : layers_) layer->reslice->SetSlabNumberOfSlices(n);
}

void OverlaySlices::modified() {
    for (auto& layer : layers_) layer->data->Modified();
}

bool OverlaySlices::anyVisible() const {
    for (const auto& layer : layers_)
        if (layer->on) return true;
    return false;
}

void OverlaySlices::blendInto(std::uint8_t* rgb, std::size_t pixelCount) {
    for (auto& layer : layers_) {
        if (!layer->on) continue;
        layer->reslice->Update();
        vtkImageData* out = layer->reslice->GetOutput();
        const auto* lv = static_cast<const std::uint8_t*>(out->GetScalarPointer());
        const std::size_t n = std::min(pixelCount, static_cast<std::size_t>(out->GetNumberOfPoints()));
        for (std::size_t q = 0; q < n; ++q) {
            if (!lv[q]) continue;
            const auto& c = layer->rgba[lv[q]];
            if (c[3] <= 0.f) continue;
            std::uint8_t* px = rgb + 3 * q;
            for (int k = 0; k < 3; ++k) px[k] = static_cast<std::uint8_t>(px[k] + (c[static_cast<std::size_t>(k)] - px[k]) * c[3] + 0.5f);
        }
    }
}

}  // namespace tvui
