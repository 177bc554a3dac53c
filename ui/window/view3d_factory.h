#pragma once
// The one place where the window creates the 3D view (ui/view3d/, helper-owned), so the layout
// does not depend on its class and a build without it still shows a placeholder.
#include <QWidget>

namespace tvui {

class OverlayModel;
class ViewerModel;

/// The 3D view widget bound to the shared models, or nullptr when unavailable.
QWidget* createView3d(ViewerModel* model, OverlayModel* overlay, QWidget* parent);

}  // namespace tvui
