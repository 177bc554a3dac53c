#include "window/overlay_panel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QColorDialog>
#include <QHeaderView>
#include <QLabel>
#include <QPixmap>
#include <QPushButton>
#include <QSlider>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "model/overlay_model.h"

namespace tvui {

namespace {

constexpr int kLayerRole = Qt::UserRole;
constexpr int kLabelRole = Qt::UserRole + 1;  // 0 on layer items

QIcon swatch(const QColor& c) {
    QPixmap p(14, 14);
    p.fill(c);
    return QIcon(p);
}

QSlider* percentSlider(double value, const QString& tip, QWidget* parent) {
    auto* s = new QSlider(Qt::Horizontal, parent);
    s->setRange(0, 100);
    s->setValue(static_cast<int>(value * 100 + 0.5));
    s->setToolTip(tip);
    return s;
}

}  // namespace

OverlayPanel::OverlayPanel(OverlayModel* overlay, QWidget* parent) : QWidget(parent), overlay_(overlay) {
    auto* layout = new QVBoxLayout(this);
    summary_ = new QLabel(this);
    summary_->setWordWrap(true);
    visible_ = new QCheckBox(tr("Show overlay"), this);
    visible_->setChecked(overlay_->isVisible());
    opacity_ = percentSlider(overlay_->globalOpacity(), tr("Opacity of the whole overlay"), this);
    tree_ = new QTreeWidget(this);
    tree_->setHeaderHidden(true);
    tree_->setToolTip(tr("Layers, drawn bottom to top in list order. Check to show a layer or label; "
                         "double-click a label to change its color"));
    layerOpacity_ = percentSlider(1.0, tr("Opacity of the selected layer"), this);
    remove_ = new QPushButton(tr("Remove layer"), this);
    up_ = new QPushButton(tr("Draw later"), this);
    up_->setToolTip(tr("Move the selected layer down the list: drawn later, on top of the others"));
    down_ = new QPushButton(tr("Draw earlier"), this);
    down_->setToolTip(tr("Move the selected layer up the list: drawn earlier, under the others"));
    layout->addWidget(summary_);
    layout->addWidget(visible_);
    layout->addWidget(new QLabel(tr("Overlay opacity"), this));
    layout->addWidget(opacity_);
    layout->addWidget(tree_, 1);
    layout->addWidget(new QLabel(tr("Layer opacity"), this));
    layout->addWidget(layerOpacity_);
    auto* order = new QHBoxLayout;
    order->addWidget(down_);
    order->addWidget(up_);
    layout->addLayout(order);
    layout->addWidget(remove_);

    connect(visible_, &QCheckBox::toggled, overlay_, &OverlayModel::setVisible);
    connect(opacity_, &QSlider::valueChanged, this, [this](int v) { overlay_->setGlobalOpacity(v / 100.0); });
    connect(layerOpacity_, &QSlider::valueChanged, this, [this](int v) {
        if (!updating_ && selectedLayer() >= 0) overlay_->setLayerOpacity(selectedLayer(), v / 100.0);
    });
    connect(remove_, &QPushButton::clicked, this, [this] {
        if (selectedLayer() >= 0) overlay_->removeLayer(selectedLayer());
    });
    auto move = [this](int delta) {
        const int from = selectedLayer(), to = from + delta;
        if (from < 0 || to < 0 || to >= overlay_->layerCount()) return;
        overlay_->moveLayer(from, to);
        tree_->clearSelection();
        tree_->topLevelItem(to)->setSelected(true);
    };
    connect(up_, &QPushButton::clicked, this, [move] { move(+1); });
    connect(down_, &QPushButton::clicked, this, [move] { move(-1); });
    connect(overlay_, &OverlayModel::layersChanged, this, &OverlayPanel::rebuildTree);
    connect(overlay_, &OverlayModel::styleChanged, this, &OverlayPanel::refreshStyles);
    connect(tree_, &QTreeWidget::itemChanged, this, &OverlayPanel::onItemChanged);
    connect(tree_, &QTreeWidget::itemDoubleClicked, this, &OverlayPanel::onItemDoubleClicked);
    connect(tree_, &QTreeWidget::itemSelectionChanged, this, &OverlayPanel::onSelectionChanged);
    rebuildTree();
}

int OverlayPanel::selectedLayer() const {
    const auto items = tree_->selectedItems();
    return items.isEmpty() ? -1 : items.first()->data(0, kLayerRole).toInt();
}

void OverlayPanel::rebuildTree() {
    updating_ = true;
    tree_->clear();
    const int n = overlay_->layerCount();
    summary_->setText(n == 0 ? tr("No label map loaded") : tr("%n layer(s)", nullptr, n));
    for (int i = 0; i < n; ++i) {
        const OverlayLayer& layer = overlay_->layer(i);
        auto* top = new QTreeWidgetItem(tree_, {layer.name});
        top->setData(0, kLayerRole, i);
        top->setData(0, kLabelRole, 0);
        top->setFlags(top->flags() | Qt::ItemIsUserCheckable);
        QFont bold = top->font(0);
        bold.setBold(true);
        top->setFont(0, bold);
        for (int l : layer.present) {
            auto* item = new QTreeWidgetItem(top);
            item->setData(0, kLayerRole, i);
            item->setData(0, kLabelRole, l);
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        }
        top->setExpanded(true);
    }
    updating_ = false;
    refreshStyles();
    if (n > 0 && tree_->selectedItems().isEmpty()) tree_->topLevelItem(n - 1)->setSelected(true);
    onSelectionChanged();
}

void OverlayPanel::refreshStyles() {
    updating_ = true;
    {
        const QSignalBlocker block(visible_);
        visible_->setChecked(overlay_->isVisible());
    }
    for (int i = 0; i < tree_->topLevelItemCount() && i < overlay_->layerCount(); ++i) {
        QTreeWidgetItem* top = tree_->topLevelItem(i);
        const OverlayLayer& layer = overlay_->layer(i);
        top->setCheckState(0, layer.visible ? Qt::Checked : Qt::Unchecked);
        for (int c = 0; c < top->childCount(); ++c) {
            QTreeWidgetItem* item = top->child(c);
            const LabelStyle& s = layer.styles[static_cast<std::size_t>(item->data(0, kLabelRole).toInt())];
            item->setText(0, QStringLiteral("%1  %2").arg(item->data(0, kLabelRole).toInt()).arg(s.name));
            item->setIcon(0, swatch(s.color));
            item->setCheckState(0, s.visible ? Qt::Checked : Qt::Unchecked);
        }
    }
    updating_ = false;
}

void OverlayPanel::onSelectionChanged() {
    const int layer = selectedLayer();
    remove_->setEnabled(layer >= 0);
    down_->setEnabled(layer > 0);
    up_->setEnabled(layer >= 0 && layer + 1 < overlay_->layerCount());
    layerOpacity_->setEnabled(layer >= 0);
    if (layer < 0) return;
    updating_ = true;
    layerOpacity_->setValue(static_cast<int>(overlay_->layer(layer).opacity * 100 + 0.5));
    updating_ = false;
}

void OverlayPanel::onItemChanged(QTreeWidgetItem* item) {
    if (updating_) return;
    const int layer = item->data(0, kLayerRole).toInt(), label = item->data(0, kLabelRole).toInt();
    const bool on = item->checkState(0) == Qt::Checked;
    if (label == 0) overlay_->setLayerVisible(layer, on);
    else overlay_->setLayerLabelVisible(layer, label, on);
}

void OverlayPanel::onItemDoubleClicked(QTreeWidgetItem* item) {
    const int layer = item->data(0, kLayerRole).toInt(), label = item->data(0, kLabelRole).toInt();
    if (label == 0) return;
    LabelStyle s = overlay_->layer(layer).styles[static_cast<std::size_t>(label)];
    const QColor c = QColorDialog::getColor(s.color, this, tr("Color of %1").arg(s.name));
    if (!c.isValid()) return;
    s.color = c;
    overlay_->setLayerLabelStyle(layer, label, s);
}

}  // namespace tvui
