#pragma once
// OverlayPanel: dock contents controlling the OverlayModel: global visibility and opacity; a tree
// of layers (check box = layer visibility) with their labels (check box = label visibility,
// double-click = color); the selected layer's opacity; moving a layer up or down the drawing
// order; removing a layer.
#include <QWidget>

class QCheckBox;
class QLabel;
class QPushButton;
class QSlider;
class QTreeWidget;
class QTreeWidgetItem;

namespace tvui {

class OverlayModel;

class OverlayPanel : public QWidget {
    Q_OBJECT
public:
    explicit OverlayPanel(OverlayModel* overlay, QWidget* parent = nullptr);

    QTreeWidget* tree() const { return tree_; }
    /// Layer of the selected tree item (a layer or one of its labels), -1 when none.
    int selectedLayer() const;

private:
    void rebuildTree();
    void refreshStyles();
    void onItemChanged(QTreeWidgetItem* item);
    void onItemDoubleClicked(QTreeWidgetItem* item);
    void onSelectionChanged();

    OverlayModel* overlay_;
    QCheckBox* visible_;
    QSlider* opacity_;
    QLabel* summary_;
    QTreeWidget* tree_;
    QSlider* layerOpacity_;
    QPushButton* remove_;
    QPushButton* up_;
    QPushButton* down_;
    bool updating_ = false;
};

}  // namespace tvui
