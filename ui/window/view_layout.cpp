#include "window/view_layout.h"

#include <QApplication>
#include <QGridLayout>
#include <QLabel>

#include "slice/slice_view.h"
#include "window/view3d_factory.h"

namespace tvui {

bool parseViewId(const QString& name, ViewId& out) {
    const QString n = name.trimmed().toLower();
    if (n == "axial") out = ViewId::Axial;
    else if (n == "coronal") out = ViewId::Coronal;
    else if (n == "sagittal") out = ViewId::Sagittal;
    else if (n == "3d") out = ViewId::ThreeD;
    else return false;
    return true;
}

QString viewIdName(ViewId id) {
    static const char* names[] = {"axial", "coronal", "sagittal", "3d"};
    return names[static_cast<int>(id)];
}

ViewLayout::ViewLayout(ViewerModel* model, OverlayModel* overlay, QWidget* parent, bool with3d) : QWidget(parent) {
    grid_ = new QGridLayout(this);
    grid_->setContentsMargins(0, 0, 0, 0);
    grid_->setSpacing(2);
    setStyleSheet("background-color: #202020;");
    views_[0] = new SliceView(SliceOrientation::Axial, model, overlay, this);
    views_[1] = new SliceView(SliceOrientation::Coronal, model, overlay, this);
    views_[2] = new SliceView(SliceOrientation::Sagittal, model, overlay, this);
    views_[3] = with3d ? createView3d(model, overlay, this) : nullptr;
    if (!views_[3]) {
        auto* empty = new QLabel(tr("3D view off"), this);
        empty->setAlignment(Qt::AlignCenter);
        views_[3] = empty;
    }
    for (QWidget* v : views_) v->setMinimumSize(64, 64);
    for (int i = 0; i < 3; ++i) static_cast<SliceView*>(views_[static_cast<std::size_t>(i)])->setViewLink(&link_);
    rebuild();
}

SliceView* ViewLayout::sliceView(SliceOrientation o) const {
    return static_cast<SliceView*>(views_[static_cast<std::size_t>(o)]);
}

SliceView* ViewLayout::activeSliceView() const {
    for (int i = 0; i < 3; ++i)
        if (views_[static_cast<std::size_t>(i)]->hasFocus()) return static_cast<SliceView*>(views_[static_cast<std::size_t>(i)]);
    if (main_ != ViewId::ThreeD) return static_cast<SliceView*>(view(main_));
    return sliceView(SliceOrientation::Axial);
}

void ViewLayout::setLayoutKind(LayoutKind kind) {
    kind_ = kind;
    rebuild();
}

void ViewLayout::setMainView(ViewId id) {
    main_ = id;
    rebuild();
}

void ViewLayout::rebuild() {
    for (QWidget* v : views_) {
        grid_->removeWidget(v);
        v->hide();
    }
    for (int r = 0; r < 3; ++r) grid_->setRowStretch(r, 0);
    for (int c = 0; c < 2; ++c) grid_->setColumnStretch(c, 0);
    switch (kind_) {
    case LayoutKind::Single:
        grid_->addWidget(view(main_), 0, 0);
        grid_->setRowStretch(0, 1);
        grid_->setColumnStretch(0, 1);
        view(main_)->show();
        break;
    case LayoutKind::Grid2x2:
        for (int i = 0; i < 4; ++i) {
            grid_->addWidget(views_[static_cast<std::size_t>(i)], i / 2, i % 2);
            views_[static_cast<std::size_t>(i)]->show();
        }
        grid_->setRowStretch(0, 1);
        grid_->setRowStretch(1, 1);
        grid_->setColumnStretch(0, 1);
        grid_->setColumnStretch(1, 1);
        break;
    case LayoutKind::OneLargeThreeSmall: {
        grid_->addWidget(view(main_), 0, 0, 3, 1);
        view(main_)->show();
        int row = 0;
        for (int i = 0; i < 4; ++i) {
            if (static_cast<ViewId>(i) == main_) continue;
            grid_->addWidget(views_[static_cast<std::size_t>(i)], row, 1);
            grid_->setRowStretch(row, 1);
            views_[static_cast<std::size_t>(i)]->show();
            ++row;
        }
        grid_->setColumnStretch(0, 3);
        grid_->setColumnStretch(1, 1);
        break;
    }
    }
}

void ViewLayout::resetViews() {
    for (int i = 0; i < 3; ++i) static_cast<SliceView*>(views_[static_cast<std::size_t>(i)])->resetCamera();
}

void ViewLayout::setZoomPanLinked(bool linked) {
    if (linked == link_.isEnabled()) return;
    if (linked) {
        SliceView* active = activeSliceView();
        if (active->isVisible()) {
            link_.setMmPerPixel(active->mmPerPixel());
            link_.setCentre(active->viewCentre());
        } else {
            link_.reset();
        }
    } else {
        for (int i = 0; i < 3; ++i) static_cast<SliceView*>(views_[static_cast<std::size_t>(i)])->adoptLinkedCamera();
    }
    link_.setEnabled(linked);
}

void ViewLayout::setCornerTextVisible(bool visible) {
    for (int i = 0; i < 3; ++i) static_cast<SliceView*>(views_[static_cast<std::size_t>(i)])->setCornerTextVisible(visible);
}

void ViewLayout::setCrosshairVisible(bool visible) {
    for (int i = 0; i < 3; ++i) static_cast<SliceView*>(views_[static_cast<std::size_t>(i)])->setCrosshairVisible(visible);
}

}  // namespace tvui
