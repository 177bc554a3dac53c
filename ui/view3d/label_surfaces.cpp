#include "view3d/label_surfaces.h"

#include <vtkActor.h>
#include <vtkAssembly.h>
#include <vtkDecimatePro.h>
#include <vtkDiscreteFlyingEdges3D.h>
#include <vtkImageData.h>
#include <vtkMatrix4x4.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkPolyDataNormals.h>
#include <vtkProp3DCollection.h>
#include <vtkProperty.h>
#include <vtkWindowedSincPolyDataFilter.h>

#include <array>

#include "view3d/vtk_volume_image.h"

namespace tvui {

LabelStyle3D defaultLabelStyle(std::uint8_t label) {
    // Distinct, saturated colors that stay readable over the volume presets.
    static const std::array<std::array<double, 3>, 8> palette = {{{0.95, 0.25, 0.20},
                                                                 {0.20, 0.70, 0.95},
                                                                 {0.95, 0.80, 0.15},
                                                                 {0.30, 0.85, 0.35},
                                                                 {0.80, 0.35, 0.90},
                                                                 {0.95, 0.55, 0.15},
                                                                 {0.15, 0.85, 0.80},
                                                                 {0.95, 0.45, 0.70}}};
    const auto& c = palette[static_cast<std::size_t>((label + 7) % 8)];
    LabelStyle3D s;
    s.label = label;
    s.r = c[0];
    s.g = c[1];
    s.b = c[2];
    return s;
}

LabelSurfaces::LabelSurfaces() = default;
LabelSurfaces::~LabelSurfaces() = default;

vtkAssembly* LabelSurfaces::assembly() const { return assembly_; }

void LabelSurfaces::clear() {
    for (auto& [label, actor] : actors_) assembly_->RemovePart(actor);
    actors_.clear();
    labels_.reset();
}

LabelMeshes buildLabelMeshes(std::shared_ptr<const tv::LabelMap> labels, const SurfaceOptions& options) {
    LabelMeshes out;
    out.labels = std::move(labels);
    if (!out.labels || out.labels->empty()) return out;

    std::array<bool, 256> present{};
    for (const std::uint8_t v : out.labels->voxels()) present[v] = true;

    vtkSmartPointer<vtkImageData> image = wrapLabels(*out.labels);
    for (int v = 1; v < 256; ++v) {
        if (!present[static_cast<std::size_t>(v)]) continue;
        vtkNew<vtkDiscreteFlyingEdges3D> contour;
        contour->SetInputData(image);
        contour->SetValue(0, v);
        contour->ComputeNormalsOff();
        contour->ComputeGradientsOff();
        contour->ComputeScalarsOff();
        contour->Update();
        vtkSmartPointer<vtkPolyData> surface = contour->GetOutput();
        if (options.smoothingIterations > 0 && surface->GetNumberOfPolys() > 0) {
            vtkNew<vtkWindowedSincPolyDataFilter> smooth;
            smooth->SetInputData(surface);
            smooth->SetNumberOfIterations(options.smoothingIterations);
            smooth->SetPassBand(options.passBand);
            smooth->NormalizeCoordinatesOn();  // pass band independent of the volume's size
            smooth->BoundarySmoothingOff();
            smooth->FeatureEdgeSmoothingOff();
            smooth->NonManifoldSmoothingOn();
            smooth->Update();
            surface = smooth->GetOutput();
        }
        if (options.decimation > 0.0 && surface->GetNumberOfPolys() > 1000) {
            vtkNew<vtkDecimatePro> decimate;
            decimate->SetInputData(surface);
            decimate->SetTargetReduction(options.decimation);
            decimate->PreserveTopologyOn();
            decimate->Update();
            surface = decimate->GetOutput();
        }
        vtkNew<vtkPolyDataNormals> normals;
        normals->SetInputData(surface);
        normals->SplittingOff();
        normals->ConsistencyOn();
        normals->Update();
        out.surfaces[static_cast<std::uint8_t>(v)] = normals->GetOutput();
    }
    return out;
}

void LabelSurfaces::setLabelMap(std::shared_ptr<const tv::LabelMap> labels,
                                const std::vector<LabelStyle3D>& styles, const SurfaceOptions& options) {
    setMeshes(buildLabelMeshes(std::move(labels), options), styles);
}

void LabelSurfaces::setMeshes(LabelMeshes meshes, const std::vector<LabelStyle3D>& styles) {
    clear();
    for (const LabelStyle3D& s : styles) styles_[s.label] = s;
    labels_ = std::move(meshes.labels);
    if (!labels_ || labels_->empty()) return;
    assembly_->SetUserMatrix(indexFrameToPatient(labels_->geometry()));
    for (const auto& [label, surface] : meshes.surfaces) {
        vtkNew<vtkPolyDataMapper> mapper;
        mapper->SetInputData(surface);
        mapper->ScalarVisibilityOff();
        auto actor = vtkSmartPointer<vtkActor>::New();
        actor->SetMapper(mapper);
        actor->GetProperty()->SetSpecular(0.3);
        actor->GetProperty()->SetSpecularPower(20.0);
        actors_[label] = actor;
        assembly_->AddPart(actor);
        if (!styles_.count(label)) styles_[label] = defaultLabelStyle(label);
        applyStyle(label);
    }
}

void LabelSurfaces::setStyle(const LabelStyle3D& style) {
    styles_[style.label] = style;
    applyStyle(style.label);
}

void LabelSurfaces::applyStyle(std::uint8_t label) {
    const auto a = actors_.find(label);
    if (a == actors_.end()) return;
    const LabelStyle3D& s = styles_[label];
    a->second->GetProperty()->SetColor(s.r, s.g, s.b);
    a->second->GetProperty()->SetOpacity(s.opacity);
    a->second->SetVisibility(s.visible && s.opacity > 0.0);
}

std::vector<std::uint8_t> LabelSurfaces::labels() const {
    std::vector<std::uint8_t> out;
    for (const auto& [label, actor] : actors_) out.push_back(label);
    return out;
}

bool LabelSurfaces::anyVisible() const {
    for (const auto& [label, actor] : actors_)
        if (actor->GetVisibility()) return true;
    return false;
}

long long LabelSurfaces::triangleCount(std::uint8_t label) const {
    const auto a = actors_.find(label);
    if (a == actors_.end()) return 0;
    return static_cast<long long>(
        static_cast<vtkPolyDataMapper*>(a->second->GetMapper())->GetInput()->GetNumberOfPolys());
}

}  // namespace tvui
