#include "vtkhost/vtk_view_widget.h"

#include "vtkhost/vtk_gl_frame.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QSurfaceFormat>
#include <QWheelEvent>
#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkRenderer.h>

namespace tvui {

void installVtkSurfaceFormat() {
    QSurfaceFormat fmt;
    fmt.setRenderableType(QSurfaceFormat::OpenGL);
    fmt.setVersion(3, 2);
    fmt.setProfile(QSurfaceFormat::CoreProfile);
    fmt.setSwapBehavior(QSurfaceFormat::DoubleBuffer);
    fmt.setRedBufferSize(8);
    fmt.setGreenBufferSize(8);
    fmt.setBlueBufferSize(8);
    fmt.setAlphaBufferSize(8);
    fmt.setDepthBufferSize(24);
    fmt.setStencilBufferSize(0);
    fmt.setSamples(0);  // VTK multisamples in its own framebuffers when asked to
    QSurfaceFormat::setDefaultFormat(fmt);
}

VtkViewWidget::VtkViewWidget(QWidget* parent) : QOpenGLWidget(parent) {
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setUpdateBehavior(QOpenGLWidget::NoPartialUpdate);

    window_->SetOwnContext(false);          // Qt owns the context
    window_->SetFrameBlitModeToNoBlit();    // paintGL blits into Qt's framebuffer itself
    window_->SetReadyForRendering(false);   // until initializeGL() has run
    window_->SetMultiSamples(0);
    window_->AddRenderer(renderer_);
    window_->SetInteractor(interactor_);
    interactor_->SetRenderWindow(window_);
    interactor_->EnableRenderOff();  // VTK-side render requests become Qt repaints (below)

    auto observe = [this](vtkObject* subject, unsigned long event, auto fn) {
        vtkNew<vtkCallbackCommand> cb;
        cb->SetClientData(this);
        cb->SetCallback(fn);
        subject->AddObserver(event, cb);
    };
    observe(window_, vtkCommand::WindowMakeCurrentEvent,
            [](vtkObject*, unsigned long, void* self, void*) { static_cast<VtkViewWidget*>(self)->onMakeCurrent(); });
    observe(window_, vtkCommand::WindowIsCurrentEvent, [](vtkObject*, unsigned long, void* self, void* data) {
        static_cast<VtkViewWidget*>(self)->onIsCurrent(data);
    });
    observe(window_, vtkCommand::WindowFrameEvent, [](vtkObject*, unsigned long, void*, void*) {});
    observe(interactor_, vtkCommand::RenderEvent,
            [](vtkObject*, unsigned long, void* self, void*) { static_cast<VtkViewWidget*>(self)->requestRender(); });
}

VtkViewWidget::~VtkViewWidget() {
    makeCurrent();
    releaseGraphics();
    doneCurrent();
}

vtkGenericOpenGLRenderWindow* VtkViewWidget::renderWindow() const { return window_.Get(); }
vtkRenderer* VtkViewWidget::renderer() const { return renderer_.Get(); }
vtkGenericRenderWindowInteractor* VtkViewWidget::interactor() const { return interactor_.Get(); }

void VtkViewWidget::requestRender() { update(); }

void VtkViewWidget::setFastPresentation(bool on) {
    opaqueFrames_ = on;
    window_->SetSwapBuffers(!on);
}

QImage VtkViewWidget::grabImage() { return grabFramebuffer(); }

void VtkViewWidget::onMakeCurrent() {
    // Not QOpenGLWidget::makeCurrent(): that also binds Qt's framebuffer and breaks VTK's own
    // framebuffer setup in the middle of a render.
    if (QOpenGLContext* ctx = context()) ctx->makeCurrent(ctx->surface());
}

void VtkViewWidget::onIsCurrent(void* callData) {
    auto* result = static_cast<bool*>(callData);
    if (result) *result = context() != nullptr && QOpenGLContext::currentContext() == context();
}

void VtkViewWidget::releaseGraphics() {
    if (!glReady_) return;
    window_->Finalize();  // releases VTK's GL resources while Qt's context is still current
    window_->SetReadyForRendering(false);
    glReady_ = false;
}

void VtkViewWidget::initializeGL() {
    connect(context(), &QOpenGLContext::aboutToBeDestroyed, this, [this] {
        makeCurrent();
        releaseGraphics();
        doneCurrent();
    }, Qt::DirectConnection);
    window_->SetReadyForRendering(true);
    window_->SetIsCurrent(true);
    window_->OpenGLInitContext();
    detail::resetVtkGlState(window_);
    const double dpr = devicePixelRatioF();
    window_->SetSize(static_cast<int>(width() * dpr), static_cast<int>(height() * dpr));
    interactor_->Initialize();
    glReady_ = true;
}

void VtkViewWidget::resizeGL(int w, int h) {
    const double dpr = devicePixelRatioF();
    interactor_->UpdateSize(static_cast<int>(w * dpr), static_cast<int>(h * dpr));
    window_->SetSize(static_cast<int>(w * dpr), static_cast<int>(h * dpr));
}

void VtkViewWidget::paintGL() {
    if (!glReady_) return;
    beforeRender();
    detail::renderVtkIntoFramebuffer(window_, defaultFramebufferObject(), !opaqueFrames_);
    emit frameRendered();
}

QPoint VtkViewWidget::toDisplay(const QPointF& pos) const {
    const double dpr = devicePixelRatioF();
    const int h = static_cast<int>(height() * dpr);
    return {static_cast<int>(pos.x() * dpr), h - 1 - static_cast<int>(pos.y() * dpr)};
}

void VtkViewWidget::forwardMouse(QMouseEvent* e, unsigned long vtkEvent) {
    const QPoint p = toDisplay(e->position());
    interactor_->SetEventInformation(p.x(), p.y(), (e->modifiers() & Qt::ControlModifier) ? 1 : 0,
                                     (e->modifiers() & Qt::ShiftModifier) ? 1 : 0);
    interactor_->InvokeEvent(vtkEvent, nullptr);
}

void VtkViewWidget::onMousePress(QMouseEvent* e) {
    switch (e->button()) {
    case Qt::LeftButton: forwardMouse(e, vtkCommand::LeftButtonPressEvent); break;
    case Qt::RightButton: forwardMouse(e, vtkCommand::RightButtonPressEvent); break;
    case Qt::MiddleButton: forwardMouse(e, vtkCommand::MiddleButtonPressEvent); break;
    default: break;
    }
}

void VtkViewWidget::onMouseRelease(QMouseEvent* e) {
    switch (e->button()) {
    case Qt::LeftButton: forwardMouse(e, vtkCommand::LeftButtonReleaseEvent); break;
    case Qt::RightButton: forwardMouse(e, vtkCommand::RightButtonReleaseEvent); break;
    case Qt::MiddleButton: forwardMouse(e, vtkCommand::MiddleButtonReleaseEvent); break;
    default: break;
    }
}

void VtkViewWidget::onMouseMove(QMouseEvent* e) { forwardMouse(e, vtkCommand::MouseMoveEvent); }

void VtkViewWidget::onWheel(QWheelEvent* e) {
    const QPoint p = toDisplay(e->position());
    interactor_->SetEventInformation(p.x(), p.y());
    const int dy = e->angleDelta().y();
    if (dy > 0) interactor_->InvokeEvent(vtkCommand::MouseWheelForwardEvent, nullptr);
    if (dy < 0) interactor_->InvokeEvent(vtkCommand::MouseWheelBackwardEvent, nullptr);
}

void VtkViewWidget::onKeyPress(QKeyEvent* e) {
    const QByteArray text = e->text().toLatin1();
    interactor_->SetKeyEventInformation(0, 0, text.isEmpty() ? 0 : text[0], 1, nullptr);
    interactor_->InvokeEvent(vtkCommand::KeyPressEvent, nullptr);
    interactor_->InvokeEvent(vtkCommand::CharEvent, nullptr);
}

}  // namespace tvui
