#pragma once
// Offscreen rendering of a view or a whole layout to an image at any size, used by the window's
// File > Export screenshot (higher than screen resolution) and by `thromboview screenshot`, so both
// go through the same views and pipelines as the screen.
#include <QImage>
#include <QSize>
#include <optional>
#include <string>

#include "window/view_layout.h"

namespace tvui {

class OverlayModel;
class ViewerModel;

struct ScreenshotRequest {
    bool wholeLayout = false;             // true: the 2x2 layout; false: one view
    ViewId view = ViewId::Axial;          // the view when !wholeLayout
    QSize size{1024, 1024};               // output pixels
    std::optional<int> sliceIndex;        // voxel index along the view's normal (axial when 2x2)
    bool cornerText = true;
    std::string volumePreset;             // 3D preset id; "" = chosen from the data (preset_choice.h)
};

/// Renders with the given models into a window that is never shown on screen (needs a display
/// connection, e.g. Xvfb). Returns a null image when the view could not be rendered.
QImage renderScreenshot(ViewerModel& model, OverlayModel& overlay, const ScreenshotRequest& request);

/// True when an X11 display can be connected to (DISPLAY set and its socket accepting), or when
/// another Qt platform was chosen explicitly via QT_QPA_PLATFORM. Call before creating the
/// QApplication: Qt aborts the process when the display is unreachable.
bool displayAvailable(QString* why = nullptr);

}  // namespace tvui
