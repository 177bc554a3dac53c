#pragma once
// VtkSurfaceWindow: the native window a VtkViewWidget shows its VTK frames in (embedded with
// QWidget::createWindowContainer). It owns the OpenGL context. A QOpenGLWidget would render into
// an FBO that Qt then composes into the whole top-level window in another full-window pass; with
// software OpenGL that pass cost as much as VTK's own frame (README "Viewer", speed). Here the
// frame is blitted straight into this window's back buffer and swapped to the X server.
// Input events are not handled here: they are sent on to the host widget, so the views' input code
// and synthetic test events work on the widget as before.
#include <QWindow>
#include <memory>

class QOffscreenSurface;
class QOpenGLContext;
class QSurface;

namespace tvui {

class VtkSurfaceWindow : public QWindow {
    Q_OBJECT
public:
    /// `inputTarget` receives this window's mouse, wheel and key events.
    explicit VtkSurfaceWindow(QObject* inputTarget);
    ~VtkSurfaceWindow() override;

    /// Makes the context current on this window when it is exposed (frames can be shown), else on
    /// an offscreen surface (frames are only read back: screenshots of hidden layouts). Creates the
    /// context on first use. Returns true when the current surface is this window.
    bool makeCurrent();
    /// Makes the context current again on the surface chosen by the last makeCurrent() (VTK asks
    /// for this many times during one render; the surface must not change meanwhile).
    void makeCurrentAgain();
    void doneCurrent();
    QOpenGLContext* context() const { return context_.get(); }
    /// Shows the back buffer (after the frame was drawn into framebuffer 0 with makeCurrent() true).
    void swapBuffers();

signals:
    /// The window became exposed (first show, or shown again): its content must be drawn.
    void exposed();

protected:
    void exposeEvent(QExposeEvent* e) override;
    bool event(QEvent* e) override;

private:
    QObject* inputTarget_;
    std::unique_ptr<QOpenGLContext> context_;
    std::unique_ptr<QOffscreenSurface> offscreen_;
    QSurface* surface_ = nullptr;
};

}  // namespace tvui
