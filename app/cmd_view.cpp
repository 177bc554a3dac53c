// `thromboview [PATH]`: the viewer window. Without PATH it shows the built-in demo case (synthetic
// chest phantom with its known lesions as the overlay); with PATH it opens that study (DICOM folder
// or file, NIfTI file).
#include <iostream>

#include "commands.h"
#include "exit_codes.h"
#include "gui_app.h"
#include "window/main_window.h"

namespace tvapp {

void registerViewCommand(CLI::App& app, CommandResult& result) {
    static std::string path;
    static std::string mask;
    app.add_option("PATH", path, "Study to open in the viewer (DICOM folder or file, NIfTI file); "
                                 "without it the viewer shows the built-in synthetic demo case");
    app.add_option("--mask", mask, "NIfTI label map on the study's grid to show as the overlay (viewer)");
    app.callback([&app, &result] {
        if (!app.get_subcommands().empty()) return;
        result.exitCode = runReportingErrors("viewer", [] {
            auto qapp = makeGuiApplication("viewer");
            if (!qapp) return static_cast<int>(kNoDisplay);
            tvui::MainWindow window;
            window.show();
            if (path.empty()) {
                window.openDemo();
            } else {
                window.openPath(QString::fromStdString(path));
                if (!mask.empty()) {
                    // The mask needs the grid: load it once the study is in.
                    QObject::connect(&window.loader(), &tvui::StudyLoader::loaded, &window,
                                     [&window] { window.loadMask(QString::fromStdString(mask)); },
                                     Qt::QueuedConnection);
                }
            }
            return QApplication::exec() == 0 ? static_cast<int>(kOk) : static_cast<int>(kInternalError);
        });
    });
}

}  // namespace tvapp
