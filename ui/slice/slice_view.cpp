#include "slice/slice_view.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QWheelEvent>
#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkRenderer.h>

#include <algorithm>
#include <cmath>

#include "model/overlay_model.h"
#include "model/view_link.h"
#include "model/viewer_model.h"
#include "model/window_presets.h"

namespace tvui {

SliceView::SliceView(SliceOrientation orientation, ViewerModel* model, OverlayModel* overlay, QWidget* parent)
    : VtkViewWidget(parent), orientation_(orientation), model_(model), overlay_(overlay) {
    renderer()->SetBackground(0, 0, 0);
    renderer()->SetBackgroundAlpha(1.0);
    setFastPresentation(true);  // opaque frames: see VtkViewWidget::setFastPresentation
    renderer()->GetActiveCamera()->ParallelProjectionOn();
    // The slice image is not a VTK prop: drawSliceIntoFrame() copies it, drawn at view size on the
    // CPU, into the frame when the renderer starts (instead of VTK's clear), and VTK draws the
    // crosshair and texts over it.
    renderer()->EraseOff();
    vtkNew<vtkCallbackCommand> onStart;
    onStart->SetClientData(this);
    onStart->SetCallback([](vtkObject*, unsigned long, void* self, void*) { static_cast<SliceView*>(self)->drawSliceIntoFrame(); });
    renderer()->AddObserver(vtkCommand::StartEvent, onStart);
    annotations_.addTo(renderer());
    connect(model_, &ViewerModel::volumeChanged, this, &SliceView::onVolumeChanged);
    connect(model_, &ViewerModel::cursorChanged, this, &SliceView::onCursorChanged);
    connect(model_, &ViewerModel::windowLevelChanged, this, [this] {
        pipeline_.setWindowLevel(model_->windowLevel());
        updateCornerText();
        requestRender();
    });
    connect(model_, &ViewerModel::slabChanged, this, [this] {
        pipeline_.setSlab(model_->slab());
        updateCornerText();
        requestRender();
    });
    if (overlay_) {
        connect(overlay_, &OverlayModel::layersChanged, this, &SliceView::onOverlayLabelsChanged);
        connect(overlay_, &OverlayModel::styleChanged, this, [this] {
            pipeline_.setOverlayStyle(*overlay_);
            requestRender();
        });
    }
    pipeline_.setWindowLevel(model_->windowLevel());
    if (model_->hasVolume()) onVolumeChanged();
}

SliceView::~SliceView() = default;

void SliceView::onVolumeChanged() {
    const tv::CtVolume* v = model_->volume().get();
    pipeline_.setVolume(v, orientation_);
    pipeline_.setSlab(model_->slab());
    annotations_.setSyntheticBanner(v && v->info.synthetic);
    if (v) {
        const SliceAxes& a = pipeline_.axes();
        annotations_.setOrientationLetters(orientationLetters(-a.rightLps), orientationLetters(a.rightLps),
                                           orientationLetters(a.upLps), orientationLetters(-a.upLps));
    }
    onOverlayLabelsChanged();
    resetCamera();
    onCursorChanged();
}

void SliceView::onOverlayLabelsChanged() {
    if (!overlay_) return;
    pipeline_.setOverlayLayers(*overlay_);
    pipeline_.labelsModified();
    pipeline_.setOverlayStyle(*overlay_);
    requestRender();
}

void SliceView::onCursorChanged() {
    if (!model_->hasVolume()) return;
    const tv::ImageGeometry& g = model_->volume()->geometry();
    const SliceAxes& a = pipeline_.axes();
    const Eigen::Vector3d ijk = g.patientToVoxel(model_->cursor());
    pipeline_.setSlice(static_cast<int>(std::lround(ijk[a.normalAxis])));
    const Eigen::Vector3d uvs = voxelToSliceImage(g, a, ijk);
    const double su = pipeline_.spacingRight(), sv = pipeline_.spacingUp();
    annotations_.setCrosshair(uvs.x() * su, uvs.y() * sv, pipeline_.widthMm(), pipeline_.heightMm(),
                              4.0 * std::max(su, sv));
    updateCornerText();
    requestRender();
}

void SliceView::updateCornerText() {
    const auto& vol = model_->volume();
    if (!vol) {
        annotations_.setCornerTexts({});
        return;
    }
    const tv::VolumeInfo& info = vol->info;
    CornerTexts t;
    auto q = [](const std::string& s) { return QString::fromStdString(s); };
    auto clip = [](QString s) { return s.size() > 34 ? s.left(33) + QChar(0x2026) : s; };
    t.upperLeft = info.synthetic ? QStringLiteral("Synthetic chest phantom\n") : clip(q(info.patientName)) + "\n";
    if (!info.patientId.empty()) t.upperLeft += "ID " + clip(q(info.patientId)) + "\n";
    if (!info.studyDate.empty()) t.upperLeft += q(info.studyDate) + "\n";
    if (!info.synthetic) t.upperLeft += clip(q(info.studyDescription));
    const WindowLevel& wl = model_->windowLevel();
    t.upperRight = (info.synthetic ? QString() : clip(q(info.seriesDescription)) + "\n") + orientationName(orientation_) +
                   QStringLiteral("  %1 / %2\n").arg(sliceIndex() + 1).arg(sliceCount()) +
                   QStringLiteral("W %1  L %2").arg(wl.width, 0, 'f', 0).arg(wl.level, 0, 'f', 0);
    if (!model_->presetName().isEmpty()) t.upperRight += " (" + model_->presetName() + ")";
    const SlabSetting& slab = model_->slab();
    if (slab.mode != SlabMode::Off) {
        const char* names[] = {"", "MIP", "MinIP", "Mean"};
        t.upperRight += QStringLiteral("\n%1 slab %2 mm").arg(names[static_cast<int>(slab.mode)]).arg(slab.thicknessMm, 0, 'f', 1);
    }
    t.lowerLeft = hover_;
    t.lowerRight = QStringLiteral("Zoom %1x").arg(shownZoom_, 0, 'f', 2);
    annotations_.setCornerTexts(t);
}

void SliceView::setCornerTextVisible(bool visible) {
    annotations_.setCornerTextVisible(visible);
    requestRender();
}

void SliceView::setCrosshairVisible(bool visible) {
    annotations_.setCrosshairVisible(visible);
    requestRender();
}

void SliceView::stepSlice(int delta) {
    if (!model_->hasVolume()) return;
    setSliceIndex(sliceIndex() + delta * pipeline_.axes().normalSign * pipeline_.axes().normalSign);
}

void SliceView::setSliceIndex(int index) {
    if (!model_->hasVolume()) return;
    const tv::ImageGeometry& g = model_->volume()->geometry();
    Eigen::Vector3d ijk = g.patientToVoxel(model_->cursor());
    const int axis = pipeline_.axes().normalAxis;
    ijk[axis] = std::clamp(index, 0, sliceCount() - 1);
    model_->setCursor(g.voxelToPatient(ijk));
}

void SliceView::setViewLink(ViewLink* link) {
    if (link_) disconnect(link_, nullptr, this, nullptr);
    link_ = link;
    if (link_)
        connect(link_, &ViewLink::changed, this, [this] {
            applyCamera();
            updateCornerText();
            requestRender();
        });
}

bool SliceView::linked() const { return link_ && link_->isEnabled(); }

void SliceView::resetCamera() {
    zoom_ = 1.0;
    pan_.setZero();
    if (linked()) link_->reset();  // every linked view fits again
    applyCamera();
    updateCornerText();
    requestRender();
}

void SliceView::zoomBy(double factor) {
    if (linked()) {
        // Shared as mm per pixel: the same anatomy size in every view whatever its image extent.
        // Clamped to this view's 0.1x..40x of fit, the range of an unlinked view.
        const double fitMmPerPixel = 2.0 * fitParallelScale() / std::max(1, renderWindow()->GetSize()[1]);
        link_->setMmPerPixel(std::clamp(mmPerPixel() / factor, fitMmPerPixel / 40.0, fitMmPerPixel / 0.1));
        return;
    }
    zoom_ = std::clamp(zoom_ * factor, 0.1, 40.0);
    applyCamera();
    updateCornerText();
    requestRender();
}

void SliceView::panBy(const Eigen::Vector2d& sceneDelta) {
    if (!linked()) {
        pan_ += sceneDelta;
        requestRender();
        return;
    }
    // Move the shared patient centre by the in-plane displacement; views sharing an axis with this
    // one follow along it, the others keep their picture.
    const tv::ImageGeometry& g = model_->volume()->geometry();
    const Eigen::Vector3d start = link_->centre().value_or(
        g.voxelToPatient(Eigen::Vector3d((g.size[0] - 1) / 2.0, (g.size[1] - 1) / 2.0, (g.size[2] - 1) / 2.0)));
    link_->setCentre(start + sceneToPatient(shownFocal_ + sceneDelta) - sceneToPatient(shownFocal_));
}

void SliceView::adoptLinkedCamera() {
    applyCamera();
    zoom_ = shownZoom_;
    pan_ = shownFocal_ - imageCentreScene();
}

double SliceView::fitParallelScale() const {
    const int* sz = renderWindow()->GetSize();
    const double w = std::max(1, sz[0]), h = std::max(1, sz[1]);
    const double iw = pipeline_.widthMm() + pipeline_.spacingRight();
    const double ih = pipeline_.heightMm() + pipeline_.spacingUp();
    return std::max(ih / 2.0, (iw / 2.0) * (h / w)) * 1.02;
}

Eigen::Vector2d SliceView::imageCentreScene() const { return {pipeline_.widthMm() / 2.0, pipeline_.heightMm() / 2.0}; }

Eigen::Vector2d SliceView::patientToScene(const Eigen::Vector3d& lps) const {
    const tv::ImageGeometry& g = model_->volume()->geometry();
    const Eigen::Vector3d uvs = voxelToSliceImage(g, pipeline_.axes(), g.patientToVoxel(lps));
    return {uvs.x() * pipeline_.spacingRight(), uvs.y() * pipeline_.spacingUp()};
}

void SliceView::applyCamera() {
    vtkCamera* cam = renderer()->GetActiveCamera();
    const double h = std::max(1, renderWindow()->GetSize()[1]);
    const double fit = fitParallelScale();
    double scale = fit / zoom_;
    Eigen::Vector2d c = imageCentreScene() + pan_;
    if (linked()) {
        scale = link_->mmPerPixel() ? *link_->mmPerPixel() * h / 2.0 : fit;
        if (link_->centre() && model_->hasVolume()) c = patientToScene(*link_->centre());
        else c = imageCentreScene();
    }
    scale = std::max(1e-3, scale);
    shownZoom_ = fit / scale;
    shownFocal_ = c;
    cam->SetFocalPoint(c.x(), c.y(), 0.0);
    cam->SetPosition(c.x(), c.y(), 1000.0);
    cam->SetViewUp(0.0, 1.0, 0.0);
    cam->SetParallelScale(scale);
    cam->SetClippingRange(1.0, 2000.0);
}

double SliceView::mmPerPixel() const {
    const_cast<SliceView*>(this)->applyCamera();
    return worldPerPixel();
}

Eigen::Vector3d SliceView::viewCentre() const {
    const_cast<SliceView*>(this)->applyCamera();
    const tv::ImageGeometry& g = model_->volume()->geometry();
    const SliceAxes& a = pipeline_.axes();
    Eigen::Vector3d ijk = sliceImageToVoxel(g, a, shownFocal_.x() / pipeline_.spacingRight(),
                                            shownFocal_.y() / pipeline_.spacingUp(), 0);
    ijk[a.normalAxis] = (g.size[static_cast<std::size_t>(a.normalAxis)] - 1) / 2.0;
    return g.voxelToPatient(ijk);
}

void SliceView::beforeRender() {
    // Text grows with views taller than a typical screen view (high-resolution screenshots).
    annotations_.setFontScale(std::clamp(height() * devicePixelRatioF() / 800.0, 1.0, 4.0));
    pipeline_.compose();
    applyCamera();
}

void SliceView::drawSliceIntoFrame() {
    const int* sz = renderWindow()->GetSize();
    const double* f = renderer()->GetActiveCamera()->GetFocalPoint();
    ViewportMapping m;
    m.width = sz[0];
    m.height = sz[1];
    m.centreX = f[0];
    m.centreY = f[1];
    m.mmPerPixel = 2.0 * renderer()->GetActiveCamera()->GetParallelScale() / std::max(1, sz[1]);
    if (!pipeline_.drawInto(m, frame_)) resampleToViewport(nullptr, 0, 0, 1, 1, m, frame_);  // no volume: black
    // Should the copy be impossible (a multisampled framebuffer), VTK clears instead: no image,
    // but no stale pixels either.
    renderer()->SetErase(!writeFrameBackground(frame_.data()));
}

double SliceView::worldPerPixel() const {
    const double h = std::max(1.0, height() * devicePixelRatioF());
    return 2.0 * renderer()->GetActiveCamera()->GetParallelScale() / h;
}

Eigen::Vector2d SliceView::widgetToScene(const QPointF& pos) const {
    const_cast<SliceView*>(this)->applyCamera();
    vtkCamera* cam = renderer()->GetActiveCamera();
    const double dpr = devicePixelRatioF();
    const double w = width() * dpr, h = height() * dpr;
    const double px = pos.x() * dpr, py = h - pos.y() * dpr;  // VTK display: y up
    const double* f = cam->GetFocalPoint();
    const double k = worldPerPixel();
    return {f[0] + (px - w / 2.0) * k, f[1] + (py - h / 2.0) * k};
}

Eigen::Vector3d SliceView::sceneToPatient(const Eigen::Vector2d& scene) const {
    const tv::ImageGeometry& g = model_->volume()->geometry();
    const Eigen::Vector3d ijk = sliceImageToVoxel(g, pipeline_.axes(), scene.x() / pipeline_.spacingRight(),
                                                  scene.y() / pipeline_.spacingUp(), sliceIndex());
    return g.voxelToPatient(ijk);
}

std::optional<Eigen::Vector3d> SliceView::patientAt(const QPointF& pos) const {
    if (!model_->hasVolume()) return std::nullopt;
    const Eigen::Vector2d s = widgetToScene(pos);
    const double hx = pipeline_.spacingRight() / 2, hy = pipeline_.spacingUp() / 2;
    if (s.x() < -hx || s.y() < -hy || s.x() > pipeline_.widthMm() + hx || s.y() > pipeline_.heightMm() + hy)
        return std::nullopt;
    return sceneToPatient(s);
}

QPointF SliceView::widgetPosOf(const Eigen::Vector3d& lps) const {
    const tv::ImageGeometry& g = model_->volume()->geometry();
    const Eigen::Vector3d uvs = voxelToSliceImage(g, pipeline_.axes(), g.patientToVoxel(lps));
    const_cast<SliceView*>(this)->applyCamera();
    const double* f = renderer()->GetActiveCamera()->GetFocalPoint();
    const double k = worldPerPixel(), dpr = devicePixelRatioF();
    const double w = width() * dpr, h = height() * dpr;
    const double px = (uvs.x() * pipeline_.spacingRight() - f[0]) / k + w / 2.0;
    const double py = (uvs.y() * pipeline_.spacingUp() - f[1]) / k + h / 2.0;
    return {px / dpr, (h - py) / dpr};
}

void SliceView::onMousePress(QMouseEvent* e) {
    lastPos_ = e->position();
    const bool shift = e->modifiers() & Qt::ShiftModifier, ctrl = e->modifiers() & Qt::ControlModifier;
    if (e->button() == Qt::LeftButton) drag_ = shift ? Drag::Pan : ctrl ? Drag::Zoom : Drag::Cursor;
    else if (e->button() == Qt::MiddleButton) drag_ = Drag::Pan;
    else if (e->button() == Qt::RightButton) drag_ = Drag::WindowLevel;
    if (drag_ == Drag::Cursor)
        if (auto p = patientAt(e->position())) model_->setCursor(*p);
}

void SliceView::onMouseMove(QMouseEvent* e) {
    const QPointF d = e->position() - lastPos_;
    lastPos_ = e->position();
    switch (drag_) {
    case Drag::Cursor:
        if (auto p = patientAt(e->position())) model_->setCursor(*p);
        break;
    case Drag::WindowLevel: {
        WindowLevel wl = model_->windowLevel();
        const double k = std::max(1.0, wl.width / 400.0);  // finer steps in narrow windows
        wl.width = std::max(1.0, wl.width + d.x() * 2.0 * k);
        wl.level -= d.y() * 2.0 * k;
        model_->setWindowLevel(wl);
        break;
    }
    case Drag::Pan: {
        const double k = worldPerPixel() * devicePixelRatioF();
        panBy(Eigen::Vector2d(-d.x() * k, d.y() * k));
        break;
    }
    case Drag::Zoom: zoomBy(std::pow(1.01, -d.y())); break;
    case Drag::None: break;
    }
    // HU and position read-out under the mouse (from the core volume, not from screen pixels).
    QString text;
    if (auto p = patientAt(e->position())) {
        int hu = 0;
        if (model_->huAt(*p, hu))
            text = QStringLiteral("HU %1 at (%2, %3, %4) mm LPS").arg(hu).arg(p->x(), 0, 'f', 1).arg(p->y(), 0, 'f', 1).arg(p->z(), 0, 'f', 1);
    }
    if (text != hover_) {
        hover_ = text;
        updateCornerText();
        emit hoverText(text);
        requestRender();
    }
}

void SliceView::onMouseRelease(QMouseEvent*) { drag_ = Drag::None; }

void SliceView::onWheel(QWheelEvent* e) {
    const int steps = e->angleDelta().y() / 120;
    if (steps == 0) return;
    if (e->modifiers() & Qt::ControlModifier) zoomBy(std::pow(1.15, steps));
    else stepSlice(steps);
    e->accept();
}

void SliceView::onKeyPress(QKeyEvent* e) {
    switch (e->key()) {
    case Qt::Key_Up: stepSlice(1); break;
    case Qt::Key_Down: stepSlice(-1); break;
    case Qt::Key_PageUp: stepSlice(10); break;
    case Qt::Key_PageDown: stepSlice(-10); break;
    case Qt::Key_R: resetCamera(); break;
    case Qt::Key_T: setCornerTextVisible(!cornerTextVisible()); break;
    case Qt::Key_1: case Qt::Key_2: case Qt::Key_3: case Qt::Key_4: {
        const auto idx = static_cast<std::size_t>(e->key() - Qt::Key_1);
        if (idx < windowPresets().size()) model_->applyPreset(windowPresets()[idx].name);
        break;
    }
    default: e->ignore(); return;
    }
    e->accept();
}

}  // namespace tvui
