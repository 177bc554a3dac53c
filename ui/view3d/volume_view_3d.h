#pragma once
// VolumeView3D: the 3D view's scene in plain VTK (no Qt), so the viewer widget, the screenshot
// command and the tests all render the same thing.
//
// How to use it
//   tvui::VolumeView3D view;                       // or use VolumeViewWidget3D in a Qt layout
//   view.attachTo(renderWindow);                   // adds its two renderers (layers 0 and 1)
//   view.setVolume(std::make_shared<const tv::CtVolume>(std::move(ct)));
//   view.setPreset("vessels");                      // "lungs" | "vessels" | "bone"
//   view.setCrosshair(lps);                         // LPS mm, e.g. from the slice views
//   view.labelSurfaces().setLabelMap(mask);         // optional surfaces with per-label styles
//   view.render();                                  // or renderWindow->Render()
// While the user drags: setInteractive(true), rotate()/zoom()/pan(), render(); when the drag ends,
// setInteractive(false) and render again for the full-quality frame (the Qt widget does this with
// a timer).
//
// Off the GUI thread: setVolume() builds everything on the calling thread (fine for screenshots,
// tests, the benchmark). A GUI instead builds the LOD copy (downsampleForLod) and the full-quality
// data (prepareFullQuality: the smoothed copy and, for the CPU ray caster, a mapper whose shading
// gradients are already computed: 2.76 s on 512x512x256 here) on a worker and hands them over with
// beginVolume() and setFullQuality(); until the latter, every frame is the LOD.
//
// World coordinates are DICOM patient coordinates (LPS, millimetres). resetCamera() looks at the
// patient from the front (anterior), superior up, so the patient's left is on the viewer's right,
// as in radiological coronal views.
//
// Speed on software OpenGL (Mesa llvmpipe, no GPU): the GPU ray caster is slow there, so the
// default (VolumeMapperKind::Auto) picks VTK's multithreaded CPU ray caster when the OpenGL
// renderer is a software one and the GPU ray caster otherwise; TV_3D_MAPPER=cpu|gpu overrides.
// Interactive level of detail = a block-averaged copy of the volume (about 2 M voxels), a larger
// sample distance along rays and one ray per 4x4 pixels. Figures: README.md, "## 3D view".
#include <Eigen/Core>
#include <memory>
#include <string>
#include <string_view>
#include <vtkNew.h>
#include <vtkSmartPointer.h>

#include "image/image.h"
#include "util/progress.h"
#include "view3d/crosshair_3d.h"
#include "view3d/label_surfaces.h"
#include "view3d/volume_presets.h"

class vtkImageData;
class vtkRenderWindow;
class vtkRenderer;
class vtkTextActor;
class vtkVolume;
class vtkVolumeMapper;
class vtkVolumeProperty;

namespace tvui {

enum class VolumeMapperKind { Auto, Cpu, Gpu };

/// Quality settings. Sample distances are in mm along each ray (0 = derived from the spacing);
/// image sample distances are in screen pixels between rays (1 = one ray per pixel).
struct VolumeQuality {
    bool smooth = true;  // render from smoothedForRendering() (noise of sharp kernels), else raw HU
    // Render only the body (body_clip.h: no table, arms or outside air; in `lungs` no skin box).
    bool clipToBody = true;
    double fullSampleDistanceMm = 0.0;  // 0: the smallest voxel spacing, at least 0.75 mm
    double fullImageSampleDistance = 1.0;
    std::size_t lodTargetVoxels = 2'000'000;
    double lodSampleDistanceMm = 0.0;  // 0: the LOD volume's smallest voxel spacing
    double lodImageSampleDistance = 4.0;  // 3: 57 ms CPU per 1024x1024 frame here, 4: 39 ms
};

/// Full-quality render data of one volume, built by prepareFullQuality() on any thread.
struct FullQualityData {
    vtkSmartPointer<vtkImageData> image;  // what the full-quality mapper renders
    /// CPU ray caster fed with `image` whose gradient normals and magnitudes (for shading) and
    /// space-leaping table are computed; null when not asked for.
    vtkSmartPointer<vtkVolumeMapper> cpuMapper;
    /// With quality.clipToBody: the body mask `image` is clipped with, and a LOD copy clipped the
    /// same way (with its prepared CPU mapper) that replaces the unclipped first LOD.
    std::shared_ptr<const tv::LabelMap> body;
    vtkSmartPointer<vtkImageData> lodImage;
    vtkSmartPointer<vtkVolumeMapper> lodCpuMapper;
};

/// Builds the full-quality image of `ct` (smoothed unless quality.smooth is false) and, with
/// `forCpuMapper`, a CPU ray-cast mapper with the gradients VTK would otherwise compute inside the
/// first full-quality render. Thread-safe: reads `ct` and creates only new VTK objects. The image
/// may wrap `ct`'s voxels (quality.smooth false): keep `ct` alive as long as the result.
/// With quality.clipToBody it first computes the body mask (renderBodyMask(); about a second on
/// 512 x 512 x 148) and clips both the full-quality image and a new LOD copy with it (voxels outside
/// read as kOutsideBodyHu). Throws tv::CancelledError when `cancel` is set between its steps.
FullQualityData prepareFullQuality(const tv::CtVolume& ct, const VolumeQuality& quality, bool forCpuMapper,
                                   const tv::CancelToken& cancel = tv::neverCancel());

/// A CPU ray-cast mapper fed with `image`, with the OpenGL-free part of its first render done
/// (transfer tables, shading gradients, space-leaping table). Thread-safe like prepareFullQuality.
vtkSmartPointer<vtkVolumeMapper> prepareCpuMapper(vtkImageData* image);

class VolumeView3D {
public:
    VolumeView3D();
    ~VolumeView3D();
    VolumeView3D(const VolumeView3D&) = delete;
    VolumeView3D& operator=(const VolumeView3D&) = delete;

    /// Adds the view's renderers to `window` (the scene on layer 0, crosshair on layer 1; the
    /// window's layer count is raised to 2). Detaches from a previous window first. The window is
    /// not owned: it must outlive the view, or be detached (with its OpenGL context current)
    /// before it goes away.
    void attachTo(vtkRenderWindow* window);
    void detach();
    vtkRenderWindow* window() const { return window_; }
    vtkRenderer* renderer() const;
    vtkRenderer* overlayRenderer() const;

    /// Shows `ct` (kept alive by the shared pointer). With quality().clipToBody, computes the body
    /// mask (renderBodyMask()) and clips the render copies with it. Builds the render copies: in-plane smoothed
    /// full resolution (unless quality().smooth is false: then the HU buffer is wrapped without a
    /// copy) and the LOD; places the crosshair at the volume centre and resets the camera.
    /// nullptr clears the view.
    void setVolume(std::shared_ptr<const tv::CtVolume> ct);
    const std::shared_ptr<const tv::CtVolume>& volume() const { return ct_; }

    /// The two halves of setVolume() for a caller that builds the data on a worker (see the top of
    /// this file). beginVolume shows `ct` through `lodImage` (from downsampleForLod(*ct,
    /// quality().lodTargetVoxels)), places crosshair and camera; `lodCpuMapper`, optional, is
    /// prepareCpuMapper(lodImage) for the CPU path. setFullQuality installs the full-quality data
    /// of the same volume (and, when it has them, the body mask and the clipped LOD).
    void beginVolume(std::shared_ptr<const tv::CtVolume> ct, vtkSmartPointer<vtkImageData> lodImage,
                     vtkSmartPointer<vtkVolumeMapper> lodCpuMapper = nullptr);
    /// The body mask the render copies are clipped with (null: not clipped).
    const std::shared_ptr<const tv::LabelMap>& bodyMask() const { return body_; }
    void setFullQuality(FullQualityData data);
    /// False between beginVolume() and setFullQuality(): frames are the LOD whatever interactive().
    bool fullQualityReady() const { return fullImage_ != nullptr; }
    /// The mapper kind the next render will use (resolved, or the best guess before the first
    /// render: TV_3D_MAPPER, else CPU), to decide what a worker should prepare.
    VolumeMapperKind expectedMapperKind() const;

    /// A line of status text in the lower-left corner (e.g. "preparing full quality"); "" hides it.
    void setStatusText(const std::string& text);

    /// Selects a preset by id (see volume_presets.h). Throws tv::InvalidArgumentError.
    void setPreset(std::string_view id);
    const VolumePreset& preset() const { return *preset_; }

    void setCrosshair(const Eigen::Vector3d& lps);
    const Eigen::Vector3d& crosshair() const { return crosshair_.position(); }
    void setCrosshairVisible(bool visible);
    void setVolumeVisible(bool visible);

    /// Label-map surfaces (build them with labelSurfaces().setLabelMap(), restyle live). While any
    /// surface is visible the volume's opacities are scaled by volumeOpacityWithSurfaces() (checked
    /// at the start of every render), so a mask inside the lungs or the heart is not hidden by the
    /// tissue in front of it.
    LabelSurfaces& labelSurfaces() { return surfaces_; }
    void setVolumeOpacityWithSurfaces(double scale);
    double volumeOpacityWithSurfaces() const { return opacityWithSurfaces_; }
    /// The opacity scale in effect (1, or volumeOpacityWithSurfaces() while surfaces are shown).
    double appliedOpacityScale() const { return appliedOpacityScale_; }

    void setMapperKind(VolumeMapperKind kind);
    /// Cpu or Gpu once resolved (Auto is resolved at the first render, when OpenGL is current).
    VolumeMapperKind resolvedMapperKind() const { return resolved_; }
    void setQuality(const VolumeQuality& quality);
    const VolumeQuality& quality() const { return quality_; }

    /// true: render the LOD (while the mouse moves); false: full quality.
    void setInteractive(bool interactive);
    bool interactive() const { return interactive_; }

    /// Anterior view of the whole volume, superior up.
    void resetCamera();
    /// Turntable rotation about the focal point, in degrees (azimuth about the view-up axis).
    void rotate(double azimuthDeg, double elevationDeg);
    /// factor > 1 zooms in.
    void zoom(double factor);
    /// Moves the scene by a fraction of the view height (positive dx right, dy up).
    void pan(double dxFraction, double dyFraction);

    /// Renders the attached window (no-op without one).
    void render();

private:
    void resolveMapperKind();
    void onRenderStart();
    void updateOpacityScale();
    void buildMappers();
    void updateMapperInputs();
    void applyQuality();
    void selectMapper();

    std::shared_ptr<const tv::CtVolume> ct_;
    std::shared_ptr<const tv::LabelMap> body_;
    vtkSmartPointer<vtkImageData> fullImage_;
    vtkSmartPointer<vtkImageData> lodImage_;
    const VolumePreset* preset_ = nullptr;
    VolumeMapperKind requested_ = VolumeMapperKind::Auto;
    VolumeMapperKind resolved_ = VolumeMapperKind::Auto;
    VolumeQuality quality_;
    bool interactive_ = false;
    bool volumeVisible_ = true;
    // 0.05: the vessels preset reaches 0.6 per mm, so a 30 mm heart in front of pa-crop's artery
    // mask stays 99 % opaque at 0.25 (test: mask colour on 28 % of its projection); at 0.05 the
    // volume is a faint context and the mask reads through it (README "3D view").
    double opacityWithSurfaces_ = 0.05;
    double appliedOpacityScale_ = 1.0;

    vtkRenderWindow* window_ = nullptr;  // not owned
    vtkNew<vtkRenderer> renderer_;
    vtkNew<vtkRenderer> overlay_;
    vtkNew<vtkVolume> volumeProp_;
    vtkNew<vtkVolumeProperty> property_;
    vtkSmartPointer<vtkVolumeMapper> fullMapper_;
    vtkSmartPointer<vtkVolumeMapper> lodMapper_;
    vtkSmartPointer<vtkVolumeMapper> preparedCpuMapper_;  // from setFullQuality, used by buildMappers
    vtkSmartPointer<vtkVolumeMapper> preparedLodCpuMapper_;  // from beginVolume, likewise
    vtkNew<vtkTextActor> status_;
    unsigned long startObserver_ = 0;
    Crosshair3D crosshair_;
    LabelSurfaces surfaces_;
};

/// True when the OpenGL context current on `window` is a software rasterizer (Mesa llvmpipe,
/// softpipe, swrast). Call with the context current (e.g. during a render).
bool isSoftwareOpenGL(vtkRenderWindow* window);

}  // namespace tvui
