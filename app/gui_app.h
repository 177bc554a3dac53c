#pragma once
// Creating the Qt application for the viewer and the screenshot command: checks that a display
// can be reached first (Qt aborts otherwise) and sets the OpenGL surface format VTK needs.
#include <QApplication>
#include <memory>

namespace tvapp {

/// Returns the application, or nullptr after printing "thromboview <command>: no display ..." to
/// stderr (the caller returns kNoDisplay).
std::unique_ptr<QApplication> makeGuiApplication(const char* command);

}  // namespace tvapp
