#include "screenshot/screenshot_renderer.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QPainter>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "slice/slice_view.h"
#include "view3d/volume_view_widget_3d.h"

namespace tvui {

QImage renderScreenshot(ViewerModel& model, OverlayModel& overlay, const ScreenshotRequest& request) {
    const bool needs3d = request.wholeLayout || request.view == ViewId::ThreeD;
    ViewLayout layout(&model, &overlay, nullptr, needs3d);
    layout.setAttribute(Qt::WA_DontShowOnScreen);
    layout.setLayoutKind(request.wholeLayout ? LayoutKind::Grid2x2 : LayoutKind::Single);
    layout.setMainView(request.view);
    layout.setCornerTextVisible(request.cornerText);
    if (needs3d && !request.volumePreset.empty())
        if (auto* v3d = qobject_cast<VolumeViewWidget3D*>(layout.view(ViewId::ThreeD)))
            v3d->setPreset(QString::fromStdString(request.volumePreset));
    layout.resize(request.size);
    layout.show();
    QApplication::processEvents();
    if (request.sliceIndex) {
        const ViewId v = request.wholeLayout || request.view == ViewId::ThreeD ? ViewId::Axial : request.view;
        layout.sliceView(static_cast<SliceOrientation>(v))->setSliceIndex(*request.sliceIndex);
    }
    QApplication::processEvents();
    // The 3D view builds its data on workers: a screenshot waits for them and for full quality.
    if (needs3d)
        if (auto* v3d = qobject_cast<VolumeViewWidget3D*>(layout.view(ViewId::ThreeD))) v3d->finishPreparation();
    // Every visible view renders a fresh frame into the grab (the same VTK rendering as on screen).
    const QImage img = grabWithViews(&layout);
    return img.convertToFormat(QImage::Format_RGB32);
}

bool displayAvailable(QString* why) {
    const char* platform = std::getenv("QT_QPA_PLATFORM");
    if (platform && *platform && std::strncmp(platform, "xcb", 3) != 0) return true;
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    const char* display = std::getenv("DISPLAY");
    if ((!display || !*display) && wayland && *wayland) return true;
    if (!display || !*display) {
        if (why) *why = QStringLiteral("no display: DISPLAY is not set (on a server, run under xvfb-run -a)");
        return false;
    }
    // ":N" or ":N.S" -> the local socket /tmp/.X11-unix/XN; remote displays are assumed reachable.
    const std::string d = display;
    if (d.empty() || d[0] != ':') return true;
    const std::string number = d.substr(1, d.find('.') == std::string::npos ? std::string::npos : d.find('.') - 1);
    const std::string socketPath = "/tmp/.X11-unix/X" + number;
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0) return true;
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, socketPath.c_str(), sizeof(addr.sun_path) - 1);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
    ::close(fd);
    if (!ok && why)
        *why = QStringLiteral("no display: cannot connect to X display %1 (on a server, run under xvfb-run -a)")
                   .arg(QString::fromStdString(d));
    return ok;
}

}  // namespace tvui
