// `thromboview info PATH [--json]`: lists the series found under PATH (DICOM folder or NIfTI file).
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "dicom/dicom_scan.h"
#include "exit_codes.h"
#include "io/nifti_io.h"
#include "io/series_info_json.h"

namespace tvapp {

void registerInfoCommand(CLI::App& app, CommandResult& result) {
    auto* cmd = app.add_subcommand("info", "List the image series found in a folder or file");
    static std::string path;
    static bool asJson = false;
    cmd->add_option("PATH", path, "DICOM folder (searched recursively), DICOM file or NIfTI file")->required();
    cmd->add_flag("--json", asJson, "Machine-readable output (JSON on stdout)");
    cmd->callback([&result] {
        result.exitCode = runReportingErrors("info", [] {
            const nlohmann::json info = tv::describeSeriesAt(path);
            if (asJson) {
                std::cout << info.dump(2) << "\n";
            } else {
                std::cout << tv::formatSeriesTable(info);
            }
            return info["series"].empty() ? kInputError : kOk;
        });
    });
}

}  // namespace tvapp
