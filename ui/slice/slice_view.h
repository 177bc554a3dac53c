#pragma once
// SliceView: one axial, coronal or sagittal view of the ViewerModel's volume with the overlay.
// Input (README "Viewer"): wheel / Up / Down / PageUp / PageDown scroll; left click or drag moves the
// linked crosshair; right drag adjusts window/level; middle drag or Shift+left drag pans;
// Ctrl+left drag or Ctrl+wheel zooms; R resets zoom and pan; T toggles the corner text;
// 1-4 apply the window presets. With a ViewLink enabled, zoom (as mm per pixel) and pan (as a
// shared patient centre) are those of the link, so all linked views follow.
#include <Eigen/Core>
#include <QPointF>
#include <memory>
#include <cstdint>
#include <optional>
#include <vector>

#include "slice/slice_annotations.h"
#include "slice/slice_geometry.h"
#include "slice/slice_pipeline.h"
#include "vtkhost/vtk_view_widget.h"

namespace tvui {

class OverlayModel;
class ViewLink;
class ViewerModel;

class SliceView : public VtkViewWidget {
    Q_OBJECT
public:
    SliceView(SliceOrientation orientation, ViewerModel* model, OverlayModel* overlay, QWidget* parent = nullptr);
    ~SliceView() override;

    SliceOrientation orientation() const { return orientation_; }
    int sliceIndex() const { return pipeline_.sliceIndex(); }
    int sliceCount() const { return pipeline_.sliceCount(); }
    /// Moves the linked cursor `delta` slices along this view's normal.
    void stepSlice(int delta);
    /// Shows slice `index` (voxel index along this view's normal axis) by moving the cursor there.
    void setSliceIndex(int index);
    void resetCamera();
    void zoomBy(double factor);
    /// Magnification relative to fitting the whole image into the view (as last rendered).
    double zoom() const { return shownZoom_; }
    /// Millimetres per device pixel of the current camera.
    double mmPerPixel() const;
    /// Patient point (LPS mm) at the centre of the view, its through-plane component at the
    /// volume's centre (so adopting it as a shared centre does not move the other views' planes).
    Eigen::Vector3d viewCentre() const;
    /// Shares zoom and pan through `link` (nullptr: independent). The link outlives the view.
    void setViewLink(ViewLink* link);
    /// Takes the linked zoom and pan as this view's own, before the link is switched off.
    void adoptLinkedCamera();
    void setCornerTextVisible(bool visible);
    bool cornerTextVisible() const { return annotations_.cornerTextVisible(); }
    void setCrosshairVisible(bool visible);

    /// Patient point (LPS mm) under widget position `pos` (logical pixels), if on the image.
    std::optional<Eigen::Vector3d> patientAt(const QPointF& pos) const;
    /// Widget position (logical pixels) where patient point `lps` projects onto this view.
    QPointF widgetPosOf(const Eigen::Vector3d& lps) const;

signals:
    /// Hover read-out for the status bar: "HU v at (x, y, z) mm" or empty when off the image.
    void hoverText(const QString& text);

protected:
    void beforeRender() override;
    void onMousePress(QMouseEvent* e) override;
    void onMouseMove(QMouseEvent* e) override;
    void onMouseRelease(QMouseEvent* e) override;
    void onWheel(QWheelEvent* e) override;
    void onKeyPress(QKeyEvent* e) override;

private:
    enum class Drag { None, Cursor, WindowLevel, Pan, Zoom };
    void onVolumeChanged();
    void onCursorChanged();
    void onOverlayLabelsChanged();
    void updateCornerText();
    void applyCamera();
    bool linked() const;
    double fitParallelScale() const;
    Eigen::Vector2d imageCentreScene() const;
    Eigen::Vector2d patientToScene(const Eigen::Vector3d& lps) const;
    void panBy(const Eigen::Vector2d& sceneDelta);
    Eigen::Vector2d widgetToScene(const QPointF& pos) const;
    Eigen::Vector3d sceneToPatient(const Eigen::Vector2d& scene) const;
    double worldPerPixel() const;
    /// Renderer StartEvent: puts the slice image into the frame before VTK draws the decorations.
    void drawSliceIntoFrame();

    SliceOrientation orientation_;
    ViewerModel* model_;
    OverlayModel* overlay_;
    SlicePipeline pipeline_;
    SliceAnnotations annotations_;
    ViewLink* link_ = nullptr;
    double zoom_ = 1.0;                               // own zoom, used while not linked
    Eigen::Vector2d pan_ = Eigen::Vector2d::Zero();   // own pan (scene mm), used while not linked
    double shownZoom_ = 1.0;                          // zoom of the last applied camera
    Eigen::Vector2d shownFocal_ = Eigen::Vector2d::Zero();
    Drag drag_ = Drag::None;
    QPointF lastPos_;
    QString hover_;
    std::vector<std::uint8_t> frame_;  // the slice image at view size (RGBA, rows bottom-up)
};

}  // namespace tvui
