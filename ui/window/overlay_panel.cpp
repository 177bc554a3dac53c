#include "window/overlay_panel.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QLabel>
#include <QListWidget>
#include <QPixmap>
#include <QSlider>
#include <QVBoxLayout>

#include "model/overlay_model.h"

namespace tvui {

OverlayPanel::OverlayPanel(OverlayModel* overlay, QWidget* parent) : QWidget(parent), overlay_(overlay) {
    auto* layout = new QVBoxLayout(this);
    source_ = new QLabel(this);
    source_->setWordWrap(true);
    visible_ = new QCheckBox(tr("Show overlay"), this);
    visible_->setChecked(overlay_->isVisible());
    opacity_ = new QSlider(Qt::Horizontal, this);
    opacity_->setRange(0, 100);
    opacity_->setValue(static_cast<int>(overlay_->globalOpacity() * 100));
    opacity_->setToolTip(tr("Overlay opacity"));
    list_ = new QListWidget(this);
    list_->setToolTip(tr("Check to show a label; double-click to change its color"));
    layout->addWidget(source_);
    layout->addWidget(visible_);
    layout->addWidget(new QLabel(tr("Opacity"), this));
    layout->addWidget(opacity_);
    layout->addWidget(list_, 1);

    connect(visible_, &QCheckBox::toggled, overlay_, &OverlayModel::setVisible);
    connect(opacity_, &QSlider::valueChanged, this, [this](int v) { overlay_->setGlobalOpacity(v / 100.0); });
    connect(overlay_, &OverlayModel::labelsChanged, this, &OverlayPanel::rebuildList);
    connect(overlay_, &OverlayModel::styleChanged, this, [this] {
        const QSignalBlocker block(visible_);
        visible_->setChecked(overlay_->isVisible());
        rebuildList();
    });
    connect(list_, &QListWidget::itemChanged, this, &OverlayPanel::onItemChanged);
    connect(list_, &QListWidget::itemDoubleClicked, this, &OverlayPanel::onItemDoubleClicked);
    rebuildList();
}

void OverlayPanel::rebuildList() {
    updating_ = true;
    list_->clear();
    source_->setText(overlay_->hasLabels() ? tr("Labels: %1").arg(overlay_->sourceName()) : tr("No label map loaded"));
    for (int l : overlay_->presentLabels()) {
        const LabelStyle& s = overlay_->style(l);
        QPixmap swatch(14, 14);
        swatch.fill(s.color);
        auto* item = new QListWidgetItem(QIcon(swatch), QStringLiteral("%1  %2").arg(l).arg(s.name), list_);
        item->setData(Qt::UserRole, l);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(s.visible ? Qt::Checked : Qt::Unchecked);
    }
    updating_ = false;
}

void OverlayPanel::onItemChanged(QListWidgetItem* item) {
    if (updating_) return;
    overlay_->setLabelVisible(item->data(Qt::UserRole).toInt(), item->checkState() == Qt::Checked);
}

void OverlayPanel::onItemDoubleClicked(QListWidgetItem* item) {
    const int l = item->data(Qt::UserRole).toInt();
    LabelStyle s = overlay_->style(l);
    const QColor c = QColorDialog::getColor(s.color, this, tr("Color of %1").arg(s.name));
    if (!c.isValid()) return;
    s.color = c;
    overlay_->setStyle(l, s);
}

}  // namespace tvui
