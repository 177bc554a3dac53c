#pragma once
// VtkViewWidget: the project's own bridge that shows a VTK render window inside a Qt 6 widget.
// VTK's QVTKOpenGLNativeWidget is built against Qt 5 on Debian and cannot be used (docs:
// ../shared/notes/vtk-in-qt6.md). VTK renders into its own framebuffers; each frame is blitted into
// the back buffer of a native child window (VtkSurfaceWindow, in a window container filling the
// widget) and swapped, without Qt composing the top-level window (a QOpenGLWidget costs one more
// full-window pass: README "Viewer", speed). Grabs (grabImage(), grabWithViews() for layouts:
// tests, screenshots) render the same VTK frame and read it back from VTK's framebuffer. Views derive from this class
// and handle input in the virtual on*() hooks (default: forward to the VTK interactor, so a
// vtkInteractorStyle works).
#include <QImage>
#include <QWidget>
#include <vtkNew.h>
#include <vtkSmartPointer.h>

class vtkGenericOpenGLRenderWindow;
class vtkGenericRenderWindowInteractor;
class vtkRenderer;
class vtkObject;

namespace tvui {

class VtkSurfaceWindow;

/// Sets the default QSurfaceFormat VTK needs (OpenGL 3.2 core, double buffer, RGBA8, depth, no
/// stencil, no multisampling). Must be called before the QApplication is constructed.
void installVtkSurfaceFormat();

/// QWidget::grab() of `widget` (a layout, a window) with every VtkViewWidget inside it showing a
/// freshly rendered frame. Plain QWidget::grab() cannot read the views' native windows: their
/// areas would come out black.
QImage grabWithViews(QWidget* widget);

class VtkViewWidget : public QWidget {
    Q_OBJECT
public:
    explicit VtkViewWidget(QWidget* parent = nullptr);
    ~VtkViewWidget() override;

    vtkGenericOpenGLRenderWindow* renderWindow() const;
    /// The one renderer created with the widget (views may add more to renderWindow()).
    vtkRenderer* renderer() const;
    vtkGenericRenderWindowInteractor* interactor() const;

    /// Schedules a frame (coalesced: one frame per event-loop pass); never renders synchronously.
    void requestRender();
    /// For views whose frames are fully opaque (every pixel drawn with alpha 1, no blended
    /// translucent geometry over the background): skips VTK's copy into its display framebuffer
    /// and the alpha fix-up, two full-frame passes that dominate with software OpenGL. Off by
    /// default; SliceView turns it on (its tests check that grabbed alpha stays 255).
    void setFastPresentation(bool on);

    /// Renders now and returns the widget image at its device-pixel size (for tests/screenshots);
    /// works whether or not the widget is on screen.
    QImage grabImage();

signals:
    /// Emitted after each completed VTK render (+ blit into the window's back buffer).
    void frameRendered();
    /// Emitted after a frame was handed to the window system (buffer swap returned).
    void frameSwapped();

protected:
    /// Makes the view's OpenGL context current (e.g. to release VTK resources in a destructor).
    void makeCurrent();
    void doneCurrent();

    /// Called just before VTK renders a frame: views update pipelines lazily here.
    virtual void beforeRender() {}
    /// During a render only (e.g. from a renderer's StartEvent): copies `rgba` (the render window's
    /// size, rows bottom-up) into the frame as its background and clears depth; see
    /// detail::writeFrameBackground. Returns false when it could not.
    bool writeFrameBackground(const unsigned char* rgba);

    void resizeEvent(QResizeEvent* e) override;
    void paintEvent(QPaintEvent* e) override;

    // Input hooks. Defaults forward the event to the VTK interactor.
    virtual void onMousePress(QMouseEvent* e);
    virtual void onMouseMove(QMouseEvent* e);
    virtual void onMouseRelease(QMouseEvent* e);
    virtual void onWheel(QWheelEvent* e);
    virtual void onKeyPress(QKeyEvent* e);

    void mousePressEvent(QMouseEvent* e) final { onMousePress(e); }
    void mouseMoveEvent(QMouseEvent* e) final { onMouseMove(e); }
    void mouseReleaseEvent(QMouseEvent* e) final { onMouseRelease(e); }
    void wheelEvent(QWheelEvent* e) final { onWheel(e); }
    void keyPressEvent(QKeyEvent* e) final { onKeyPress(e); }

    /// Widget position (logical pixels, y down) -> VTK display coordinates (device px, y up).
    QPoint toDisplay(const QPointF& pos) const;

private:
    void onIsCurrent(void* callData);
    /// Makes the context current (window surface when exposed) and initializes VTK's use of it on
    /// the first call. Returns true when the frame can be shown in the window.
    bool prepareContext();
    /// Renders and shows one frame in the window (when exposed).
    void renderNow();
    void releaseGraphics();
    void forwardMouse(QMouseEvent* e, unsigned long vtkEvent);

    vtkNew<vtkGenericOpenGLRenderWindow> window_;
    vtkNew<vtkRenderer> renderer_;
    vtkNew<vtkGenericRenderWindowInteractor> interactor_;
    VtkSurfaceWindow* surface_;  // owned by its window container, a child of this widget
    bool glReady_ = false;
    bool renderPending_ = false;
    bool opaqueFrames_ = false;
};

}  // namespace tvui
