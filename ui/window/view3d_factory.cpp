#include "window/view3d_factory.h"

#include "view3d/volume_view_widget_3d.h"

namespace tvui {

QWidget* createView3d(ViewerModel* model, OverlayModel* overlay, QWidget* parent) {
    auto* w = new VolumeViewWidget3D(parent);
    w->setViewerModel(model);
    w->setOverlayModel(overlay);
    return w;
}

}  // namespace tvui
