#pragma once
// ViewLayout: the three slice views and the 3D view of one study, arranged as one view, 2x2, or one
// large view plus three small ones. Owns the view widgets; the models are shared.
#include <QWidget>
#include <array>

#include "model/view_link.h"
#include "slice/slice_geometry.h"

class QGridLayout;

namespace tvui {

class OverlayModel;
class SliceView;
class ViewerModel;

enum class LayoutKind { Single, Grid2x2, OneLargeThreeSmall };
enum class ViewId { Axial = 0, Coronal = 1, Sagittal = 2, ThreeD = 3 };

/// "axial", "coronal", "sagittal", "3d" <-> ViewId; returns false for an unknown name.
bool parseViewId(const QString& name, ViewId& out);
QString viewIdName(ViewId id);

class ViewLayout : public QWidget {
    Q_OBJECT
public:
    /// `with3d` false leaves the 3D slot empty (e.g. slice-only screenshots avoid volume rendering).
    ViewLayout(ViewerModel* model, OverlayModel* overlay, QWidget* parent = nullptr, bool with3d = true);

    void setLayoutKind(LayoutKind kind);
    LayoutKind layoutKind() const { return kind_; }
    /// The view shown alone (Single) or large (OneLargeThreeSmall).
    void setMainView(ViewId id);
    ViewId mainView() const { return main_; }

    SliceView* sliceView(SliceOrientation o) const;
    QWidget* view(ViewId id) const { return views_[static_cast<std::size_t>(id)]; }
    /// The slice view that last had focus (axial when none did).
    SliceView* activeSliceView() const;

    /// Resets zoom and pan of all slice views (and the shared link).
    void resetViews();
    /// Links zoom and pan of the three slice views (default on). Switching on adopts the active
    /// view's zoom and centre; switching off leaves every view where it is.
    void setZoomPanLinked(bool linked);
    ViewLink* viewLink() { return &link_; }
    void setCornerTextVisible(bool visible);
    void setCrosshairVisible(bool visible);

private:
    void rebuild();

    QGridLayout* grid_;
    ViewLink link_;
    std::array<QWidget*, 4> views_{};
    LayoutKind kind_ = LayoutKind::Grid2x2;
    ViewId main_ = ViewId::Axial;
};

}  // namespace tvui
