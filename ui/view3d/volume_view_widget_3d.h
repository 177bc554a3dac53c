#pragma once
// VolumeViewWidget3D: the 3D view as a Qt widget for the main window's layouts (a VtkViewWidget
// that shows a VolumeView3D).
//
// How to use it
//   auto* w = new tvui::VolumeViewWidget3D(parent);
//   w->setViewerModel(&viewerModel);     // follows volumeChanged / cursorChanged (crosshair)
//   w->setOverlayModel(&overlayModel);   // label surfaces, restyled live on styleChanged
//   w->setPreset("bone");                // "lungs" | "vessels" | "bone" (volumePresets())
// or without models: w->setVolume(ct); w->setCrosshair(lps).
// Mouse: left-drag rotates, right-drag (or wheel) zooms, middle-drag or shift+left-drag pans;
// key R resets to the anterior view. While the mouse moves the view renders its level of detail;
// fullQualityDelayMs after the last movement a timer renders full quality.
//
// The GUI never waits for the heavy work: a new volume's LOD copy, its full-quality data (smoothed
// copy, shading gradients of the CPU ray caster) and the label surfaces are built on worker threads
// (QtConcurrent) and installed when they arrive; meanwhile the view shows the LOD, stays
// interactive and says in its corner that full quality is being prepared.
#include <Eigen/Core>
#include <QPointF>
#include <QString>
#include <QTimer>
#include <cstdint>
#include <memory>

#include "view3d/volume_view_3d.h"
#include "vtkhost/vtk_view_widget.h"

namespace tvui {

class OverlayModel;
class ViewerModel;

class VolumeViewWidget3D : public VtkViewWidget {
    Q_OBJECT
public:
    explicit VolumeViewWidget3D(QWidget* parent = nullptr);
    ~VolumeViewWidget3D() override;

    /// The scene (presets, quality, camera, label surfaces) for anything not wrapped here.
    VolumeView3D& view() { return view_; }

    void setViewerModel(ViewerModel* model);
    void setOverlayModel(OverlayModel* model);

    void setVolume(std::shared_ptr<const tv::CtVolume> ct);
    /// Throws tv::InvalidArgumentError for an unknown id. Also turns the automatic choice off.
    void setPreset(const QString& id);
    /// On (the default): each new volume gets the preset chooseVolumePreset() picks from its data
    /// (preset_choice.h: "vessels" when the blood pool is enhanced, else "lungs").
    void setAutomaticPreset(bool on) { automaticPreset_ = on; }
    bool automaticPreset() const { return automaticPreset_; }
    void setCrosshair(const Eigen::Vector3d& lps);
    void resetCamera();
    /// Workers of the 3D views (all instances) running now. On quit the application stops them and
    /// waits, so this is 0 once QCoreApplication::exec() has returned.
    static int runningWorkers();

    /// Delay between the end of an interaction and the full-quality render (default 150 ms).
    void setFullQualityDelayMs(int ms) { fullQualityTimer_.setInterval(ms); }
    /// True while the level-of-detail image is shown (a full-quality render is pending).
    bool showingLevelOfDetail() const { return view_.interactive() || !view_.fullQualityReady(); }
    /// True while a worker builds data for this view (volume copies, gradients, surfaces).
    bool preparing() const { return pendingVolumeJobs_ > 0 || pendingSurfaceJobs_ > 0; }
    /// Processes events until nothing is being prepared (or `timeoutMs`), then renders full
    /// quality at once; for screenshots and tests. Returns false on timeout.
    bool finishPreparation(int timeoutMs = 120000);

    /// Starts/continues an interaction: LOD rendering until the timer fires (also used by tests).
    void interactionStep();

signals:
    /// A full-quality frame has been rendered and shown.
    void fullQualityShown();
    /// A new volume's LOD copy is installed (its first frame is requested).
    void volumeShown();
    /// The label surfaces of the overlay's current map are installed.
    void surfacesShown();
    /// The automatic choice set preset `id` for a new volume; `reason` is one line for the user.
    void presetChosen(const QString& id, const QString& reason);

protected:
    void beforeRender() override;
    void onMousePress(QMouseEvent* e) override;
    void onMouseMove(QMouseEvent* e) override;
    void onMouseRelease(QMouseEvent* e) override;
    void onWheel(QWheelEvent* e) override;
    void onKeyPress(QKeyEvent* e) override;

private:
    void syncSurfacesFromModel();
    void syncStylesFromModel();
    void finishInteraction();
    void updateStatusText();

    VolumeView3D view_;
    QTimer fullQualityTimer_;
    ViewerModel* viewerModel_ = nullptr;
    OverlayModel* overlayModel_ = nullptr;
    Qt::MouseButton dragButton_ = Qt::NoButton;
    bool dragPans_ = false;
    QPointF lastPos_;
    bool fullQualityPending_ = false;
    // Results of workers started for an older volume / label map are dropped (generation check).
    std::uint64_t volumeGeneration_ = 0;
    std::uint64_t surfaceGeneration_ = 0;
    int pendingVolumeJobs_ = 0;
    int pendingSurfaceJobs_ = 0;
    bool failed_ = false;
    bool automaticPreset_ = true;  // a worker threw: said in the view instead of "preparing" forever
};

}  // namespace tvui
