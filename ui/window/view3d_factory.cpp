#include "window/view3d_factory.h"

#include <QLabel>

namespace tvui {

QWidget* createView3d(ViewerModel*, OverlayModel*, QWidget* parent) {
    auto* placeholder = new QLabel(QObject::tr("3D view"), parent);
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setStyleSheet("color: #888; background-color: black;");
    return placeholder;
}

}  // namespace tvui
