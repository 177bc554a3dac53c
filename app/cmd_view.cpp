// `thromboview [PATH]`: the viewer window. Without PATH it shows the built-in demo case (synthetic
// chest phantom with its known lesions as the overlay); with PATH it opens that study (DICOM folder
// or file, NIfTI file).
#include <iostream>
#include <string>
#include <vector>

#include "commands.h"
#include "exit_codes.h"
#include "gui_app.h"
#include "window/main_window.h"

namespace tvapp {

void registerViewCommand(CLI::App& app, CommandResult& result) {
    static std::string path;
    static std::vector<std::string> masks;
    app.add_option("PATH", path, "Study to open in the viewer (DICOM folder or file, NIfTI file); "
                                 "without it the viewer shows the built-in synthetic demo case");
    app.add_option("--mask", masks, "NIfTI label map on the study's grid, shown as an overlay layer (viewer); "
                                    "repeat for several layers, drawn in the given order")
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
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
                if (!masks.empty()) {
                    // The masks need the grid: load them once the study is in.
                    QObject::connect(&window.loader(), &tvui::StudyLoader::loaded, &window,
                                     [&window] {
                                         for (const std::string& m : masks) window.loadMask(QString::fromStdString(m));
                                     },
                                     Qt::QueuedConnection);
                }
            }
            return QApplication::exec() == 0 ? static_cast<int>(kOk) : static_cast<int>(kInternalError);
        });
    });
}

}  // namespace tvapp
