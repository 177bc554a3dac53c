#include "view3d/volume_view_widget_3d.h"

#include <QCoreApplication>
#include <QDebug>
#include <QElapsedTimer>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPointer>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>
#include <QWheelEvent>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkImageData.h>
#include <vtkVolumeMapper.h>
#include <vtkRenderer.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

#include "model/overlay_model.h"
#include "model/viewer_model.h"
#include "view3d/preset_choice.h"
#include "util/errors.h"
#include "util/progress.h"
#include "view3d/vtk_volume_image.h"

namespace tvui {

namespace {
constexpr double kDegreesPerPixel = 0.4;

// The 3D view's own workers: not the global pool, so a study load (StudyLoader uses the global pool)
// never queues behind seconds of gradient computation. Two threads: volume and surfaces in parallel.
// Set when the application quits: the running preparation (seconds of body mask and gradients)
// stops at its next step, and quitting waits for the workers, so none runs on while the process
// tears down the objects it uses (a worker computing the body mask crashed at exit before).
tv::CancelFlag& view3dShutdown() {
    static tv::CancelFlag flag;
    return flag;
}

QThreadPool& view3dPool() {
    static QThreadPool pool;
    static const bool once = [] {
        pool.setMaxThreadCount(2);
        if (QCoreApplication* app = QCoreApplication::instance())
            QObject::connect(app, &QCoreApplication::aboutToQuit, [] {
                view3dShutdown().cancel();
                view3dPool().waitForDone();
            });
        return true;
    }();
    (void)once;
    return pool;
}

// Runs `work` on view3dPool() and `done(result)` on `receiver`'s (GUI) thread, unless the receiver
// is gone by then. An exception in `work` (e.g. out of memory on a huge volume) is logged and
// arrives as an empty result, so the caller's bookkeeping still runs.
template <typename Work, typename Done>
void runInBackground(QObject* receiver, Work work, Done done) {
    using Result = decltype(work());
    QPointer<QObject> guard(receiver);
    QFuture<std::optional<Result>> future =
        QtConcurrent::run(&view3dPool(), [work = std::move(work)]() -> std::optional<Result> {
            try {
                return work();
            } catch (const tv::CancelledError&) {
                return std::nullopt;  // the application is quitting
            } catch (const std::exception& e) {
                qWarning("3D view: preparing render data failed: %s", e.what());
                return std::nullopt;
            }
        });
    future.then(receiver, [guard, done = std::move(done)](std::optional<Result> result) mutable {
        if (guard) done(std::move(result));
    });
}
}  // namespace

VolumeViewWidget3D::VolumeViewWidget3D(QWidget* parent) : VtkViewWidget(parent) {
    // The host's default renderer would paint over layer 0; the view brings its own two.
    renderWindow()->RemoveRenderer(renderer());
    view_.attachTo(renderWindow());
    fullQualityTimer_.setSingleShot(true);
    fullQualityTimer_.setInterval(150);
    connect(&fullQualityTimer_, &QTimer::timeout, this, &VolumeViewWidget3D::finishInteraction);
    connect(this, &VtkViewWidget::frameRendered, this, [this] {
        if (fullQualityPending_ && !view_.interactive()) {
            fullQualityPending_ = false;
            emit fullQualityShown();
        }
    });
}

VolumeViewWidget3D::~VolumeViewWidget3D() {
    // The view's renderers release their OpenGL resources when removed from the window: do it
    // now, with the widget's context current (the member would be destroyed after this body,
    // without a current context).
    makeCurrent();
    view_.detach();
    doneCurrent();
}

int VolumeViewWidget3D::runningWorkers() { return view3dPool().activeThreadCount(); }

void VolumeViewWidget3D::setViewerModel(ViewerModel* model) {
    if (viewerModel_) disconnect(viewerModel_, nullptr, this, nullptr);
    viewerModel_ = model;
    if (!model) return;
    connect(model, &ViewerModel::volumeChanged, this, [this] { setVolume(viewerModel_->volume()); });
    connect(model, &ViewerModel::cursorChanged, this, [this] { setCrosshair(viewerModel_->cursor()); });
    setVolume(model->volume());
    if (model->hasVolume()) setCrosshair(model->cursor());
}

void VolumeViewWidget3D::setOverlayModel(OverlayModel* model) {
    if (overlayModel_) disconnect(overlayModel_, nullptr, this, nullptr);
    overlayModel_ = model;
    if (!model) {
        view_.labelSurfaces().clear();
        requestRender();
        return;
    }
    connect(model, &OverlayModel::labelsChanged, this, &VolumeViewWidget3D::syncSurfacesFromModel);
    connect(model, &OverlayModel::styleChanged, this, &VolumeViewWidget3D::syncStylesFromModel);
    syncSurfacesFromModel();
}

void VolumeViewWidget3D::syncSurfacesFromModel() {
    const std::uint64_t generation = ++surfaceGeneration_;
    view_.labelSurfaces().clear();  // the old surfaces belong to the replaced map
    if (!overlayModel_ || !overlayModel_->hasLabels()) {
        updateStatusText();
        requestRender();
        return;
    }
    ++pendingSurfaceJobs_;
    updateStatusText();
    requestRender();
    std::shared_ptr<const tv::LabelMap> labels = overlayModel_->labels();
    runInBackground(
        this, [labels] { return buildLabelMeshes(labels); },
        [this, generation](std::optional<LabelMeshes> meshes) {
            --pendingSurfaceJobs_;
            if (!meshes) failed_ = true;
            if (meshes && generation == surfaceGeneration_) {
                view_.labelSurfaces().setMeshes(std::move(*meshes));
                syncStylesFromModel();  // also requests the render
                emit surfacesShown();
            }
            updateStatusText();
            requestRender();
        });
}

void VolumeViewWidget3D::syncStylesFromModel() {
    if (!overlayModel_) return;
    for (const int label : overlayModel_->presentLabels()) {
        const std::array<double, 4> rgba = overlayModel_->effectiveRgba(label);
        LabelStyle3D s;
        s.label = static_cast<std::uint8_t>(label);
        s.r = rgba[0];
        s.g = rgba[1];
        s.b = rgba[2];
        // Findings are drawn opaque: a translucent surface is blended under the ray-cast volume
        // (which ignores its depth) and reads as a faint blur; the volume is dimmed instead while
        // surfaces are shown (VolumeView3D::volumeOpacityWithSurfaces). Regions that contain
        // findings (lungs, lobes) have a low surfaceOpacity so the findings show through them.
        // The 2D overlay opacity only decides visibility here.
        s.opacity = overlayModel_->style(label).surfaceOpacity;
        s.visible = rgba[3] > 0.0;
        view_.labelSurfaces().setStyle(s);
    }
    requestRender();
}

void VolumeViewWidget3D::setVolume(std::shared_ptr<const tv::CtVolume> ct) {
    const std::uint64_t generation = ++volumeGeneration_;
    failed_ = false;
    view_.beginVolume(nullptr, nullptr);  // the old volume goes at once; the new one follows
    if (!ct || ct->hu.empty()) {
        updateStatusText();
        requestRender();
        return;
    }
    const VolumeQuality quality = view_.quality();
    const bool cpu = view_.expectedMapperKind() == VolumeMapperKind::Cpu;
    pendingVolumeJobs_ += 2;
    updateStatusText();
    requestRender();
    // Stage 1, the LOD copy and its gradients (about 0.1 s), so a first image comes fast; stage 2, the full-quality
    // data (seconds: smoothing, gradients), started when stage 1 is installed.
    struct Lod {
        vtkSmartPointer<vtkImageData> image;
        vtkSmartPointer<vtkVolumeMapper> cpuMapper;
        PresetChoice preset;
    };
    runInBackground(
        this,
        [ct, quality, cpu] {
            Lod lod;
            lod.image = downsampleForLod(*ct, quality.lodTargetVoxels);
            if (cpu) lod.cpuMapper = prepareCpuMapper(lod.image);
            lod.preset = chooseVolumePreset(*ct);
            return lod;
        },
        [this, ct, quality, cpu, generation](std::optional<Lod> lod) {
            --pendingVolumeJobs_;
            if (!lod) failed_ = true;
            if (!lod || generation != volumeGeneration_) {
                --pendingVolumeJobs_;  // stage 2 is not started
                updateStatusText();
                return;
            }
            if (automaticPreset_) {
                view_.setPreset(lod->preset.presetId);
                qInfo().noquote() << QString::fromStdString(lod->preset.reason);
                emit presetChosen(QString::fromStdString(lod->preset.presetId), QString::fromStdString(lod->preset.reason));
            }
            view_.beginVolume(ct, lod->image, lod->cpuMapper);
            interactionStep();  // first image fast: the level of detail now
            emit volumeShown();
            updateStatusText();
            runInBackground(
                this,
                [ct, quality, cpu] {
                    QElapsedTimer t;
                    t.start();
                    FullQualityData full = prepareFullQuality(*ct, quality, cpu, view3dShutdown());
                    qInfo("3D view: full-quality data (body mask, clipped LOD and full copies%s) in %lld ms",
                          cpu ? ", CPU gradients" : "", static_cast<long long>(t.elapsed()));
                    return full;
                },
                [this, generation](std::optional<FullQualityData> full) {
                    --pendingVolumeJobs_;
                    if (!full) failed_ = true;
                    if (full && generation == volumeGeneration_) {
                        view_.setFullQuality(std::move(*full));
                        // Full quality right away unless the user is interacting (then the
                        // interaction's timer brings it).
                        if (!fullQualityTimer_.isActive() && dragButton_ == Qt::NoButton) finishInteraction();
                    }
                    updateStatusText();
                    requestRender();
                });
        });
}

void VolumeViewWidget3D::updateStatusText() {
    if (failed_)
        view_.setStatusText("3D data could not be prepared (see the log)");
    else if (pendingVolumeJobs_ > 0 && view_.volume())
        view_.setStatusText("Preparing full quality...");
    else if (pendingVolumeJobs_ > 0)
        view_.setStatusText("Loading volume...");
    else if (pendingSurfaceJobs_ > 0)
        view_.setStatusText("Building label surfaces...");
    else
        view_.setStatusText("");
}

bool VolumeViewWidget3D::finishPreparation(int timeoutMs) {
    QElapsedTimer t;
    t.start();
    while (preparing() && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 50);
    fullQualityTimer_.stop();
    dragButton_ = Qt::NoButton;
    finishInteraction();
    return !preparing();
}

void VolumeViewWidget3D::setPreset(const QString& id) {
    view_.setPreset(id.toStdString());
    automaticPreset_ = false;
    requestRender();
}

void VolumeViewWidget3D::setCrosshair(const Eigen::Vector3d& lps) {
    view_.setCrosshair(lps);
    requestRender();
}

void VolumeViewWidget3D::resetCamera() {
    view_.resetCamera();
    interactionStep();
}

void VolumeViewWidget3D::interactionStep() {
    view_.setInteractive(true);
    fullQualityTimer_.start();  // restarts: fires fullQualityDelayMs after the last step
    requestRender();
}

void VolumeViewWidget3D::finishInteraction() {
    if (dragButton_ != Qt::NoButton) return;  // still dragging without moving: keep the LOD
    view_.setInteractive(false);
    // Without full-quality data yet, the frame stays the LOD; its arrival calls this again.
    fullQualityPending_ = view_.fullQualityReady();
    requestRender();
}

void VolumeViewWidget3D::beforeRender() {}

void VolumeViewWidget3D::onMousePress(QMouseEvent* e) {
    dragButton_ = e->button();
    dragPans_ = e->button() == Qt::MiddleButton ||
                (e->button() == Qt::LeftButton && (e->modifiers() & Qt::ShiftModifier));
    lastPos_ = e->position();
    interactionStep();
}

void VolumeViewWidget3D::onMouseMove(QMouseEvent* e) {
    if (dragButton_ == Qt::NoButton) return;
    const QPointF d = e->position() - lastPos_;
    lastPos_ = e->position();
    if (dragPans_) {
        const double h = std::max(1, height());
        view_.pan(d.x() / h, -d.y() / h);
    } else if (dragButton_ == Qt::LeftButton) {
        view_.rotate(-d.x() * kDegreesPerPixel, d.y() * kDegreesPerPixel);
    } else if (dragButton_ == Qt::RightButton) {
        view_.zoom(std::pow(1.01, -d.y()));
    }
    interactionStep();
}

void VolumeViewWidget3D::onMouseRelease(QMouseEvent*) {
    dragButton_ = Qt::NoButton;
    fullQualityTimer_.start();
}

void VolumeViewWidget3D::onWheel(QWheelEvent* e) {
    view_.zoom(std::pow(1.1, e->angleDelta().y() / 120.0));
    interactionStep();
}

void VolumeViewWidget3D::onKeyPress(QKeyEvent* e) {
    if (e->key() == Qt::Key_R) {
        resetCamera();
        return;
    }
    VtkViewWidget::onKeyPress(e);
}

}  // namespace tvui
