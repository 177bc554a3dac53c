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
#include <Eigen/Core>
#include <QPointF>
#include <QString>
#include <QTimer>
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
    /// Throws tv::InvalidArgumentError for an unknown id.
    void setPreset(const QString& id);
    void setCrosshair(const Eigen::Vector3d& lps);
    void resetCamera();

    /// Delay between the end of an interaction and the full-quality render (default 150 ms).
    void setFullQualityDelayMs(int ms) { fullQualityTimer_.setInterval(ms); }
    /// True while the level-of-detail image is shown (a full-quality render is pending).
    bool showingLevelOfDetail() const { return view_.interactive(); }

    /// Starts/continues an interaction: LOD rendering until the timer fires (also used by tests).
    void interactionStep();

signals:
    /// A full-quality frame has been rendered and shown.
    void fullQualityShown();

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

    VolumeView3D view_;
    QTimer fullQualityTimer_;
    ViewerModel* viewerModel_ = nullptr;
    OverlayModel* overlayModel_ = nullptr;
    Qt::MouseButton dragButton_ = Qt::NoButton;
    bool dragPans_ = false;
    QPointF lastPos_;
    bool fullQualityPending_ = false;
};

}  // namespace tvui
