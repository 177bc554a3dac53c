#pragma once
// VtkViewWidget: the project's own bridge that shows a VTK render window inside a Qt 6
// QOpenGLWidget. VTK's QVTKOpenGLNativeWidget is built against Qt 5 on Debian and cannot be used
// (docs: ../shared/notes/vtk-in-qt6.md). VTK renders into its own framebuffers; paintGL() blits
// them into the widget's framebuffer. Views derive from this class and handle input in the
// virtual on*() hooks (default: forward to the VTK interactor, so a vtkInteractorStyle works).
#include <QOpenGLWidget>
#include <vtkNew.h>
#include <vtkSmartPointer.h>

class vtkGenericOpenGLRenderWindow;
class vtkGenericRenderWindowInteractor;
class vtkRenderer;
class vtkObject;

namespace tvui {

/// Sets the default QSurfaceFormat VTK needs (OpenGL 3.2 core, double buffer, RGBA8, depth, no
/// stencil, no multisampling). Must be called before the QApplication is constructed.
void installVtkSurfaceFormat();

class VtkViewWidget : public QOpenGLWidget {
    Q_OBJECT
public:
    explicit VtkViewWidget(QWidget* parent = nullptr);
    ~VtkViewWidget() override;

    vtkGenericOpenGLRenderWindow* renderWindow() const;
    /// The one renderer created with the widget (views may add more to renderWindow()).
    vtkRenderer* renderer() const;
    vtkGenericRenderWindowInteractor* interactor() const;

    /// Schedules a repaint (coalesced by Qt); never renders synchronously.
    void requestRender();
    /// For views whose frames are fully opaque (every pixel drawn with alpha 1, no blended
    /// translucent geometry over the background): skips VTK's copy into its display framebuffer
    /// and the alpha fix-up, two full-frame passes that dominate with software OpenGL. Off by
    /// default; SliceView turns it on (its tests check that grabbed alpha stays 255).
    void setFastPresentation(bool on);

    /// Renders now and returns the widget image at its device-pixel size (for tests/screenshots).
    QImage grabImage();

signals:
    /// Emitted after each completed VTK render + blit inside paintGL().
    void frameRendered();

protected:
    void initializeGL() override;
    void resizeGL(int w, int h) override;
    void paintGL() override;

    /// Called inside paintGL() just before VTK renders: views update pipelines lazily here.
    virtual void beforeRender() {}

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
    void onMakeCurrent();
    void onIsCurrent(void* callData);
    void releaseGraphics();
    void forwardMouse(QMouseEvent* e, unsigned long vtkEvent);

    vtkNew<vtkGenericOpenGLRenderWindow> window_;
    vtkNew<vtkRenderer> renderer_;
    vtkNew<vtkGenericRenderWindowInteractor> interactor_;
    bool glReady_ = false;
    bool opaqueFrames_ = false;
};

}  // namespace tvui
