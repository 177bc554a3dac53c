#include "vtkhost/vtk_surface_window.h"

#include <QCoreApplication>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QSurfaceFormat>

namespace tvui {

VtkSurfaceWindow::VtkSurfaceWindow(QObject* inputTarget) : inputTarget_(inputTarget) {
    setSurfaceType(QSurface::OpenGLSurface);
    setFormat(QSurfaceFormat::defaultFormat());
    // Keyboard focus stays with the host widget (the views' focus and shortcuts are widget-based);
    // a click here reaches the widget, which takes focus by its focus policy.
    setFlag(Qt::WindowDoesNotAcceptFocus);
}

VtkSurfaceWindow::~VtkSurfaceWindow() = default;

bool VtkSurfaceWindow::makeCurrent() {
    if (!context_) {
        context_ = std::make_unique<QOpenGLContext>();
        context_->setFormat(format());
        context_->create();
        offscreen_ = std::make_unique<QOffscreenSurface>();
        offscreen_->setFormat(context_->format());
        offscreen_->create();
    }
    const bool onWindow = isExposed() && handle() != nullptr;
    surface_ = onWindow ? static_cast<QSurface*>(this) : static_cast<QSurface*>(offscreen_.get());
    context_->makeCurrent(surface_);
    return onWindow;
}

void VtkSurfaceWindow::makeCurrentAgain() {
    if (!context_ || !surface_) {
        makeCurrent();
        return;
    }
    if (QOpenGLContext::currentContext() != context_.get() || context_->surface() != surface_) context_->makeCurrent(surface_);
}

void VtkSurfaceWindow::doneCurrent() {
    if (context_) context_->doneCurrent();
}

void VtkSurfaceWindow::swapBuffers() {
    if (context_ && surface_ == this) context_->swapBuffers(this);
}

void VtkSurfaceWindow::exposeEvent(QExposeEvent*) {
    if (isExposed()) emit exposed();
}

bool VtkSurfaceWindow::event(QEvent* e) {
    switch (e->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonRelease:
    case QEvent::MouseButtonDblClick:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::KeyPress:
    case QEvent::KeyRelease:
        // The container covers the host widget exactly, so window and widget positions agree.
        return QCoreApplication::sendEvent(inputTarget_, e);
    default: return QWindow::event(e);
    }
}

}  // namespace tvui
