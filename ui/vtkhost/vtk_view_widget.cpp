#include "vtkhost/vtk_view_widget.h"

#include "vtkhost/vtk_gl_frame.h"
#include "vtkhost/vtk_surface_window.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QPaintEvent>
#include <QPainter>
#include <QResizeEvent>
#include <QSurfaceFormat>
#include <QVBoxLayout>
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

VtkViewWidget::VtkViewWidget(QWidget* parent) : QWidget(parent), surface_(new VtkSurfaceWindow(this)) {
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    auto* box = new QVBoxLayout(this);
    box->setContentsMargins(0, 0, 0, 0);
    QWidget* container = QWidget::createWindowContainer(surface_, this);
    container->setFocusPolicy(Qt::NoFocus);
    container->setMouseTracking(true);
    box->addWidget(container);
    connect(surface_, &VtkSurfaceWindow::exposed, this, &VtkViewWidget::requestRender);

    window_->SetOwnContext(false);          // Qt owns the context
    window_->SetFrameBlitModeToNoBlit();    // renderNow() blits into the window's back buffer itself
    window_->SetReadyForRendering(false);   // until the context exists (prepareContext)
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
            [](vtkObject*, unsigned long, void* self, void*) { static_cast<VtkViewWidget*>(self)->surface_->makeCurrentAgain(); });
    observe(window_, vtkCommand::WindowIsCurrentEvent, [](vtkObject*, unsigned long, void* self, void* data) {
        static_cast<VtkViewWidget*>(self)->onIsCurrent(data);
    });
    observe(window_, vtkCommand::WindowFrameEvent, [](vtkObject*, unsigned long, void*, void*) {});
    observe(interactor_, vtkCommand::RenderEvent,
            [](vtkObject*, unsigned long, void* self, void*) { static_cast<VtkViewWidget*>(self)->requestRender(); });
}

VtkViewWidget::~VtkViewWidget() {
    if (glReady_) {
        surface_->makeCurrent();
        releaseGraphics();
        surface_->doneCurrent();
    }
}

vtkGenericOpenGLRenderWindow* VtkViewWidget::renderWindow() const { return window_.Get(); }
vtkRenderer* VtkViewWidget::renderer() const { return renderer_.Get(); }
vtkGenericRenderWindowInteractor* VtkViewWidget::interactor() const { return interactor_.Get(); }

void VtkViewWidget::requestRender() {
    if (renderPending_) return;
    renderPending_ = true;
    // A queued call, not QWindow::requestUpdate(): the latter waits for a 5 ms timer on xcb.
    QMetaObject::invokeMethod(this, [this] {
        renderPending_ = false;
        renderNow();
    }, Qt::QueuedConnection);
}

void VtkViewWidget::setFastPresentation(bool on) {
    opaqueFrames_ = on;
    window_->SetSwapBuffers(!on);
}

void VtkViewWidget::makeCurrent() { surface_->makeCurrent(); }
void VtkViewWidget::doneCurrent() { surface_->doneCurrent(); }

void VtkViewWidget::onIsCurrent(void* callData) {
    auto* result = static_cast<bool*>(callData);
    if (result) *result = surface_->context() != nullptr && QOpenGLContext::currentContext() == surface_->context();
}

void VtkViewWidget::releaseGraphics() {
    if (!glReady_) return;
    window_->Finalize();  // releases VTK's GL resources while the context is still current
    window_->SetReadyForRendering(false);
    glReady_ = false;
}

bool VtkViewWidget::prepareContext() {
    const bool onWindow = surface_->makeCurrent();
    if (!glReady_) {
        window_->SetReadyForRendering(true);
        window_->SetIsCurrent(true);
        window_->OpenGLInitContext();
        detail::resetVtkGlState(window_);
        const double dpr = devicePixelRatioF();
        window_->SetSize(static_cast<int>(width() * dpr), static_cast<int>(height() * dpr));
        interactor_->Initialize();
        glReady_ = true;
    }
    return onWindow;
}

void VtkViewWidget::renderNow() {
    if (!surface_->isExposed() || width() <= 0 || height() <= 0) return;  // drawn when exposed
    if (!prepareContext()) return;
    beforeRender();
    detail::renderVtkIntoFramebuffer(window_, surface_->context()->defaultFramebufferObject(), !opaqueFrames_);
    emit frameRendered();
    surface_->swapBuffers();
    emit frameSwapped();
}

QImage VtkViewWidget::grabImage() {
    if (width() <= 0 || height() <= 0) return {};
    prepareContext();
    beforeRender();
    const int* sz = window_->GetSize();
    QImage img(sz[0], sz[1], QImage::Format_RGBA8888);
    detail::renderVtkAndRead(window_, img.bits(), !opaqueFrames_);
    emit frameRendered();
    img.setDevicePixelRatio(devicePixelRatioF());
    return img.mirrored().convertToFormat(QImage::Format_ARGB32_Premultiplied);  // GL rows run bottom-up
}

bool VtkViewWidget::writeFrameBackground(const unsigned char* rgba) {
    const int* sz = window_->GetSize();
    return detail::writeFrameBackground(window_, rgba, sz[0], sz[1]);
}

void VtkViewWidget::resizeEvent(QResizeEvent* e) {
    QWidget::resizeEvent(e);
    const double dpr = devicePixelRatioF();
    const int w = static_cast<int>(width() * dpr), h = static_cast<int>(height() * dpr);
    interactor_->UpdateSize(w, h);
    window_->SetSize(w, h);
    requestRender();
}

namespace {
int grabsInProgress = 0;  // grabWithViews() calls under way (GUI thread only)
}  // namespace

QImage grabWithViews(QWidget* widget) {
    ++grabsInProgress;
    QImage img = widget->grab().toImage();
    --grabsInProgress;
    return img;
}

void VtkViewWidget::paintEvent(QPaintEvent*) {
    // On screen the native window covers this widget and shows the frames; this widget's own
    // pixels matter only inside grabWithViews(), which paints a freshly rendered frame here.
    QPainter p(this);
    if (grabsInProgress > 0) p.drawImage(rect(), grabImage());
    else p.fillRect(rect(), Qt::black);
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
