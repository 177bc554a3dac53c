#pragma once
// OverlayPanel: dock contents controlling the OverlayModel: global visibility and opacity, and per
// label visibility (check box) and color (double-click).
#include <QWidget>

class QCheckBox;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QSlider;

namespace tvui {

class OverlayModel;

class OverlayPanel : public QWidget {
    Q_OBJECT
public:
    explicit OverlayPanel(OverlayModel* overlay, QWidget* parent = nullptr);

private:
    void rebuildList();
    void onItemChanged(QListWidgetItem* item);
    void onItemDoubleClicked(QListWidgetItem* item);

    OverlayModel* overlay_;
    QCheckBox* visible_;
    QSlider* opacity_;
    QLabel* source_;
    QListWidget* list_;
    bool updating_ = false;
};

}  // namespace tvui
