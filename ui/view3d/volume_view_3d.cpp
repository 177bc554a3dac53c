#include "view3d/volume_view_3d.h"

#include <vtk_glew.h>  // glGetString for the software-renderer check
#include <vtkAssembly.h>
#include <vtkCamera.h>
#include <vtkCommand.h>
#include <vtkFixedPointVolumeRayCastMapper.h>
#include <vtkGPUVolumeRayCastMapper.h>
#include <vtkImageData.h>
#include <vtkMatrix4x4.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkVolume.h>
#include <vtkVolumeProperty.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

#include "view3d/body_clip.h"
#include "view3d/vtk_volume_image.h"

namespace tvui {

namespace {

// Bounds (xmin, xmax, ymin, ymax, zmin, zmax) in LPS of the box the voxels fill.
void volumeBounds(const tv::ImageGeometry& g, double bounds[6]) {
    bounds[0] = bounds[2] = bounds[4] = 1e300;
    bounds[1] = bounds[3] = bounds[5] = -1e300;
    for (int c = 0; c < 8; ++c) {
        const Eigen::Vector3d ijk((c & 1) ? g.size[0] - 0.5 : -0.5, (c & 2) ? g.size[1] - 0.5 : -0.5,
                                  (c & 4) ? g.size[2] - 0.5 : -0.5);
        const Eigen::Vector3d p = g.voxelToPatient(ijk);
        for (int a = 0; a < 3; ++a) {
            bounds[2 * a] = std::min(bounds[2 * a], p(a));
            bounds[2 * a + 1] = std::max(bounds[2 * a + 1], p(a));
        }
    }
}

double smallestSpacing(vtkImageData* image) {
    const double* s = image->GetSpacing();
    return std::min({s[0], s[1], s[2]});
}

VolumeMapperKind mapperKindFromEnvironment() {
    const char* env = std::getenv("TV_3D_MAPPER");
    if (env && std::strcmp(env, "cpu") == 0) return VolumeMapperKind::Cpu;
    if (env && std::strcmp(env, "gpu") == 0) return VolumeMapperKind::Gpu;
    return VolumeMapperKind::Auto;
}

}  // namespace

vtkSmartPointer<vtkVolumeMapper> prepareCpuMapper(vtkImageData* image) {
    auto mapper = vtkSmartPointer<vtkFixedPointVolumeRayCastMapper>::New();
    mapper->SetInputData(image);
    // PerVolumeInitialization is the part of a render that needs no OpenGL: transfer-function
    // tables, gradient normals and magnitudes (the expensive part), the space-leaping table. It
    // keeps them while the input is unchanged, so the first real render reuses them. Shading on
    // here makes it compute the gradients whatever the preset; the renderer, volume and property
    // are stand-ins (their camera, lights and transfer functions are taken again at each render).
    vtkNew<vtkVolumeProperty> property;
    property->ShadeOn();
    vtkNew<vtkVolume> volume;
    volume->SetProperty(property);
    vtkNew<vtkRenderer> renderer;
    mapper->PerVolumeInitialization(renderer, volume);
    return mapper;
}

namespace {
vtkSmartPointer<vtkImageData> fullImageFor(const tv::CtVolume& ct, const VolumeQuality& quality, const tv::LabelMap* body) {
    if (quality.smooth) return smoothedForRendering(ct, body);
    return body ? clippedForRendering(ct, *body) : wrapHu(ct);
}
}  // namespace

FullQualityData prepareFullQuality(const tv::CtVolume& ct, const VolumeQuality& quality, bool forCpuMapper,
                                   const tv::CancelToken& cancel) {
    FullQualityData out;
    if (quality.clipToBody) {
        out.body = renderBodyMask(ct, cancel);
        cancel.throwIfCancelled();
        out.lodImage = downsampleForLod(ct, quality.lodTargetVoxels, out.body.get());
        if (forCpuMapper) out.lodCpuMapper = prepareCpuMapper(out.lodImage);
    }
    cancel.throwIfCancelled();
    out.image = fullImageFor(ct, quality, out.body.get());
    cancel.throwIfCancelled();
    if (forCpuMapper) out.cpuMapper = prepareCpuMapper(out.image);
    return out;
}

bool isSoftwareOpenGL(vtkRenderWindow* /*window*/) {
    const auto* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    if (!renderer) return false;
    const std::string r(renderer);
    return r.find("llvmpipe") != std::string::npos || r.find("softpipe") != std::string::npos ||
           r.find("swrast") != std::string::npos || r.find("Software Rasterizer") != std::string::npos;
}

VolumeView3D::VolumeView3D() : preset_(&volumePresets().front()) {
    renderer_->SetBackground(0.02, 0.02, 0.04);
    renderer_->SetBackground2(0.14, 0.15, 0.20);
    renderer_->GradientBackgroundOn();
    renderer_->SetLayer(0);
    // The crosshair is drawn on top of everything (a cursor must not disappear inside bone).
    overlay_->SetLayer(1);
    overlay_->SetActiveCamera(renderer_->GetActiveCamera());
    overlay_->InteractiveOff();
    overlay_->AddActor(crosshair_.linesActor());
    overlay_->AddActor(crosshair_.dotActor());
    vtkTextProperty* tp = status_->GetTextProperty();
    tp->SetFontFamilyToArial();
    tp->SetFontSize(13);
    tp->SetShadow(true);
    tp->SetColor(1.0, 0.85, 0.3);
    status_->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
    status_->GetPositionCoordinate()->SetValue(0.01, 0.01);
    status_->SetVisibility(false);
    status_->PickableOff();
    overlay_->AddActor2D(status_);

    volumeProp_->SetProperty(property_);
    volumeProp_->SetVisibility(false);
    renderer_->AddVolume(volumeProp_);
    renderer_->AddViewProp(surfaces_.assembly());
    applyPreset(*preset_, property_);
    // Resolve Auto when OpenGL is current (the start of the first render).
    startObserver_ = renderer_->AddObserver(vtkCommand::StartEvent, this, &VolumeView3D::onRenderStart);
}

VolumeView3D::~VolumeView3D() {
    renderer_->RemoveObserver(startObserver_);
    detach();
}

vtkRenderer* VolumeView3D::renderer() const { return renderer_; }
vtkRenderer* VolumeView3D::overlayRenderer() const { return overlay_; }

void VolumeView3D::attachTo(vtkRenderWindow* window) {
    detach();
    window_ = window;
    if (!window_) return;
    window_->SetNumberOfLayers(std::max(2, window_->GetNumberOfLayers()));
    window_->AddRenderer(renderer_);
    window_->AddRenderer(overlay_);
}

void VolumeView3D::detach() {
    if (!window_) return;
    window_->RemoveRenderer(renderer_);
    window_->RemoveRenderer(overlay_);
    window_ = nullptr;
}

void VolumeView3D::setVolume(std::shared_ptr<const tv::CtVolume> ct) {
    if (!ct || ct->hu.empty()) {
        beginVolume(nullptr, nullptr);
        return;
    }
    FullQualityData full = prepareFullQuality(*ct, quality_, false);  // gradients: at the render
    vtkSmartPointer<vtkImageData> lod = full.lodImage ? full.lodImage : downsampleForLod(*ct, quality_.lodTargetVoxels);
    beginVolume(std::move(ct), std::move(lod));
    setFullQuality(std::move(full));
}

void VolumeView3D::beginVolume(std::shared_ptr<const tv::CtVolume> ct, vtkSmartPointer<vtkImageData> lodImage,
                               vtkSmartPointer<vtkVolumeMapper> lodCpuMapper) {
    ct_ = std::move(ct);
    body_ = nullptr;
    fullImage_ = nullptr;
    preparedCpuMapper_ = nullptr;
    preparedLodCpuMapper_ = std::move(lodCpuMapper);
    if (resolved_ == VolumeMapperKind::Cpu) {
        // The previous volume's mappers hold its gradients: drop them with them.
        fullMapper_ = vtkSmartPointer<vtkFixedPointVolumeRayCastMapper>::New();
        if (preparedLodCpuMapper_)
            lodMapper_ = preparedLodCpuMapper_;
        else
            lodMapper_ = vtkSmartPointer<vtkFixedPointVolumeRayCastMapper>::New();
    }
    if (!ct_ || ct_->hu.empty() || !lodImage) {
        ct_.reset();
        lodImage_ = nullptr;
        volumeProp_->SetVisibility(false);
        crosshair_.setGeometry(tv::ImageGeometry{});
        return;
    }
    lodImage_ = std::move(lodImage);
    volumeProp_->SetUserMatrix(indexFrameToPatient(ct_->geometry()));
    volumeProp_->SetVisibility(volumeVisible_);
    updateMapperInputs();
    crosshair_.setGeometry(ct_->geometry());
    const tv::Index3& n = ct_->geometry().size;
    crosshair_.setPosition(
        ct_->geometry().voxelToPatient(Eigen::Vector3d((n[0] - 1) / 2.0, (n[1] - 1) / 2.0, (n[2] - 1) / 2.0)));
    resetCamera();
}

void VolumeView3D::setFullQuality(FullQualityData data) {
    if (!ct_) return;
    fullImage_ = std::move(data.image);
    preparedCpuMapper_ = std::move(data.cpuMapper);
    if (resolved_ == VolumeMapperKind::Cpu && preparedCpuMapper_) fullMapper_ = preparedCpuMapper_;
    if (data.lodImage) {  // the clipped LOD replaces the first, unclipped one
        body_ = std::move(data.body);
        lodImage_ = std::move(data.lodImage);
        preparedLodCpuMapper_ = std::move(data.lodCpuMapper);
        if (resolved_ == VolumeMapperKind::Cpu)
            lodMapper_ = preparedLodCpuMapper_ ? preparedLodCpuMapper_
                                               : vtkSmartPointer<vtkVolumeMapper>(vtkSmartPointer<vtkFixedPointVolumeRayCastMapper>::New());
    }
    updateMapperInputs();
}

VolumeMapperKind VolumeView3D::expectedMapperKind() const {
    if (resolved_ != VolumeMapperKind::Auto) return resolved_;
    if (requested_ != VolumeMapperKind::Auto) return requested_;
    const VolumeMapperKind env = mapperKindFromEnvironment();
    return env != VolumeMapperKind::Auto ? env : VolumeMapperKind::Cpu;
}

void VolumeView3D::setStatusText(const std::string& text) {
    status_->SetInput(text.c_str());
    status_->SetVisibility(!text.empty());
}

void VolumeView3D::setPreset(std::string_view id) {
    preset_ = &volumePreset(id);
    applyPreset(*preset_, property_, appliedOpacityScale_);
}

void VolumeView3D::setVolumeOpacityWithSurfaces(double scale) {
    opacityWithSurfaces_ = std::clamp(scale, 0.0, 1.0);
    updateOpacityScale();
}

void VolumeView3D::onRenderStart() {
    resolveMapperKind();
    updateOpacityScale();
}

void VolumeView3D::updateOpacityScale() {
    const double scale = surfaces_.anyVisible() ? opacityWithSurfaces_ : 1.0;
    if (scale == appliedOpacityScale_) return;
    appliedOpacityScale_ = scale;
    applyPreset(*preset_, property_, scale);
}

void VolumeView3D::setCrosshair(const Eigen::Vector3d& lps) { crosshair_.setPosition(lps); }

void VolumeView3D::setCrosshairVisible(bool visible) { overlay_->SetDraw(visible); }

void VolumeView3D::setVolumeVisible(bool visible) {
    volumeVisible_ = visible;
    volumeProp_->SetVisibility(visible && ct_ != nullptr);
}

void VolumeView3D::setMapperKind(VolumeMapperKind kind) {
    requested_ = kind;
    resolved_ = VolumeMapperKind::Auto;
    fullMapper_ = lodMapper_ = nullptr;
    volumeProp_->SetMapper(nullptr);
    if (kind != VolumeMapperKind::Auto) resolveMapperKind();
}

void VolumeView3D::resolveMapperKind() {
    if (resolved_ != VolumeMapperKind::Auto) return;
    VolumeMapperKind kind = requested_;
    if (kind == VolumeMapperKind::Auto) kind = mapperKindFromEnvironment();
    if (kind == VolumeMapperKind::Auto) {
        if (window_)
            kind = isSoftwareOpenGL(window_) ? VolumeMapperKind::Cpu : VolumeMapperKind::Gpu;
        else
            return;  // no OpenGL yet: decide at the first render
    }
    resolved_ = kind;
    buildMappers();
}

void VolumeView3D::buildMappers() {
    if (resolved_ == VolumeMapperKind::Cpu) {
        // A mapper prepared off the GUI thread already holds the gradients of fullImage_.
        if (preparedCpuMapper_)
            fullMapper_ = preparedCpuMapper_;
        else
            fullMapper_ = vtkSmartPointer<vtkFixedPointVolumeRayCastMapper>::New();
        if (preparedLodCpuMapper_)
            lodMapper_ = preparedLodCpuMapper_;
        else
            lodMapper_ = vtkSmartPointer<vtkFixedPointVolumeRayCastMapper>::New();
    } else {
        fullMapper_ = vtkSmartPointer<vtkGPUVolumeRayCastMapper>::New();
        lodMapper_ = vtkSmartPointer<vtkGPUVolumeRayCastMapper>::New();
    }
    updateMapperInputs();
}

void VolumeView3D::updateMapperInputs() {
    if (!fullMapper_) return;
    // SetInputData only when the image changes: it installs a new producer, and a prepared
    // mapper must keep seeing the same input to reuse its gradients.
    if (fullImage_ && fullMapper_->GetInput() != fullImage_) fullMapper_->SetInputData(fullImage_);
    if (lodImage_ && lodMapper_->GetInput() != lodImage_) lodMapper_->SetInputData(lodImage_);
    applyQuality();
    selectMapper();
}

void VolumeView3D::applyQuality() {
    if (!fullMapper_ || !lodImage_) return;
    // Full quality: sampling finer than 0.75 mm costs time without visible gain at screen size.
    // (Before the full-quality image arrives the LOD's spacing stands in; it is set again then.)
    vtkImageData* fullRef = fullImage_ ? fullImage_.GetPointer() : lodImage_.GetPointer();
    const double fullSd = quality_.fullSampleDistanceMm > 0 ? quality_.fullSampleDistanceMm
                                                            : std::max(0.75, smallestSpacing(fullRef));
    const double lodSd = quality_.lodSampleDistanceMm > 0 ? quality_.lodSampleDistanceMm
                                                          : smallestSpacing(lodImage_);
    // Explicit settings instead of VTK's automatic adjustment: the automatic one chases the render
    // window's desired update rate, which makes frame times (and tests) unpredictable.
    auto configure = [](vtkVolumeMapper* m, double sd, double isd) {
        if (auto* cpu = vtkFixedPointVolumeRayCastMapper::SafeDownCast(m)) {
            cpu->AutoAdjustSampleDistancesOff();
            cpu->LockSampleDistanceToInputSpacingOff();
            cpu->SetSampleDistance(sd);
            cpu->SetInteractiveSampleDistance(sd);
            cpu->SetImageSampleDistance(isd);
            cpu->SetMinimumImageSampleDistance(isd);
            cpu->SetMaximumImageSampleDistance(isd);
        } else if (auto* gpu = vtkGPUVolumeRayCastMapper::SafeDownCast(m)) {
            gpu->AutoAdjustSampleDistancesOff();
            gpu->LockSampleDistanceToInputSpacingOff();
            gpu->SetSampleDistance(sd);
            gpu->SetImageSampleDistance(isd);
            gpu->SetMinimumImageSampleDistance(isd);
            gpu->SetMaximumImageSampleDistance(isd);
        }
    };
    configure(fullMapper_, fullSd, quality_.fullImageSampleDistance);
    configure(lodMapper_, lodSd, quality_.lodImageSampleDistance);
}

void VolumeView3D::setQuality(const VolumeQuality& quality) {
    const bool clipChanged = quality.clipToBody != quality_.clipToBody;
    const bool rebuildLod = quality.lodTargetVoxels != quality_.lodTargetVoxels || clipChanged;
    const bool rebuildFull = quality.smooth != quality_.smooth || clipChanged;
    quality_ = quality;
    if (clipChanged && ct_) body_ = quality_.clipToBody ? renderBodyMask(*ct_) : nullptr;
    if (rebuildFull && ct_ && fullImage_) {
        fullImage_ = fullImageFor(*ct_, quality_, body_.get());
        preparedCpuMapper_ = nullptr;
        if (fullMapper_) fullMapper_->SetInputData(fullImage_);
    }
    if (rebuildLod && ct_) {
        lodImage_ = downsampleForLod(*ct_, quality_.lodTargetVoxels, body_.get());
        if (lodMapper_) lodMapper_->SetInputData(lodImage_);
    }
    applyQuality();
}

void VolumeView3D::selectMapper() {
    if (!fullMapper_) return;
    volumeProp_->SetMapper(interactive_ || !fullImage_ ? lodMapper_ : fullMapper_);
}

void VolumeView3D::setInteractive(bool interactive) {
    interactive_ = interactive;
    selectMapper();
}

void VolumeView3D::resetCamera() {
    if (!ct_) return;
    double b[6];
    volumeBounds(ct_->geometry(), b);
    const Eigen::Vector3d centre((b[0] + b[1]) / 2, (b[2] + b[3]) / 2, (b[4] + b[5]) / 2);
    vtkCamera* cam = renderer_->GetActiveCamera();
    cam->SetFocalPoint(centre.data());
    // Camera in front of the patient (anterior = -y in LPS), looking posterior, superior up.
    cam->SetPosition(centre.x(), centre.y() - 1000.0, centre.z());
    cam->SetViewUp(0.0, 0.0, 1.0);
    renderer_->ResetCamera(b);
    // ResetCamera fits the bounding sphere, which leaves a chest box filling about half the view.
    // Zoom so that the box fills about 85 % of the view and still fits while it is turned about
    // the vertical axis (its horizontal half-extent is then at most the half-diagonal in x-y).
    const double hx = (b[1] - b[0]) / 2, hy = (b[3] - b[2]) / 2, hz = (b[5] - b[4]) / 2;
    renderer_->ComputeAspect();
    double aspect = renderer_->GetAspect()[0] / std::max(1e-9, renderer_->GetAspect()[1]);
    if (!(aspect > 0.1 && aspect < 10.0)) aspect = 1.0;
    const double visibleHalfHeight = cam->GetDistance() * std::tan(cam->GetViewAngle() * M_PI / 360.0);
    const double neededHalfHeight = std::max(hz, std::hypot(hx, hy) / aspect) / 0.85;
    if (neededHalfHeight > 0 && visibleHalfHeight > neededHalfHeight) cam->Zoom(visibleHalfHeight / neededHalfHeight);
    renderer_->ResetCameraClippingRange(b);
}

void VolumeView3D::rotate(double azimuthDeg, double elevationDeg) {
    vtkCamera* cam = renderer_->GetActiveCamera();
    cam->Azimuth(azimuthDeg);
    cam->Elevation(elevationDeg);
    cam->OrthogonalizeViewUp();
    if (ct_) {
        double b[6];
        volumeBounds(ct_->geometry(), b);
        renderer_->ResetCameraClippingRange(b);
    }
}

void VolumeView3D::zoom(double factor) {
    if (factor <= 0) return;
    renderer_->GetActiveCamera()->Zoom(factor);
    if (ct_) {
        double b[6];
        volumeBounds(ct_->geometry(), b);
        renderer_->ResetCameraClippingRange(b);
    }
}

void VolumeView3D::pan(double dxFraction, double dyFraction) {
    vtkCamera* cam = renderer_->GetActiveCamera();
    const double height = cam->GetParallelProjection()
                              ? 2.0 * cam->GetParallelScale()
                              : 2.0 * cam->GetDistance() * std::tan(cam->GetViewAngle() * M_PI / 360.0);
    double up[3], dir[3];
    cam->GetViewUp(up);
    cam->GetDirectionOfProjection(dir);
    const Eigen::Vector3d u(up), d(dir);
    const Eigen::Vector3d right = d.cross(u).normalized();
    // Moving the scene right = moving the camera left.
    const Eigen::Vector3d shift = -(dxFraction * height) * right - (dyFraction * height) * u;
    double fp[3], pos[3];
    cam->GetFocalPoint(fp);
    cam->GetPosition(pos);
    cam->SetFocalPoint(fp[0] + shift.x(), fp[1] + shift.y(), fp[2] + shift.z());
    cam->SetPosition(pos[0] + shift.x(), pos[1] + shift.y(), pos[2] + shift.z());
}

void VolumeView3D::render() {
    if (window_) window_->Render();
}

}  // namespace tvui
