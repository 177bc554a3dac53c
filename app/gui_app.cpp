#include "gui_app.h"

#include <iostream>

#include "screenshot/screenshot_renderer.h"
#include "vtkhost/vtk_view_widget.h"

namespace tvapp {

std::unique_ptr<QApplication> makeGuiApplication(const char* command) {
    QString why;
    if (!tvui::displayAvailable(&why)) {
        std::cerr << "thromboview " << command << ": " << why.toStdString() << "\n";
        return nullptr;
    }
    tvui::installVtkSurfaceFormat();  // before the QApplication exists
    QCoreApplication::setOrganizationName("ThromboView");
    QCoreApplication::setApplicationName("ThromboView");
    static int argc = 1;
    static char name[] = "thromboview";
    static char* argv[] = {name, nullptr};
    return std::make_unique<QApplication>(argc, argv);
}

}  // namespace tvapp
