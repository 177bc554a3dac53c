// `thromboview convert PATH [--series UID] -o out.nii.gz`: writes one CT series as NIfTI (HU, LPS
// geometry stored as the NIfTI RAS sform/qform).
#include <iostream>

#include "commands.h"
#include "exit_codes.h"
#include "io/nifti_io.h"
#include "io/volume_source.h"
#include "util/console_progress.h"

namespace tvapp {

void registerConvertCommand(CLI::App& app, CommandResult& result) {
    auto* cmd = app.add_subcommand("convert", "Convert a CT series to NIfTI (.nii or .nii.gz)");
    static std::string path, output, seriesUid;
    static bool quiet = false;
    cmd->add_option("PATH", path, "DICOM folder or file, or NIfTI file")->required();
    cmd->add_option("--series", seriesUid, "SeriesInstanceUID to convert when PATH holds several");
    cmd->add_option("-o,--output", output, "Output file (.nii or .nii.gz)")->required();
    cmd->add_flag("-q,--quiet", quiet, "No progress on stderr");
    cmd->callback([&result] {
        result.exitCode = runReportingErrors("convert", [] {
            if (!tv::isNiftiPath(output)) {
                std::cerr << "thromboview convert: error: output " << output
                          << " must end in .nii or .nii.gz\n";
                return kUsage;
            }
            tv::ConsoleProgress progress(quiet);
            tv::SeriesLoadReport report;
            std::optional<std::string> uid;
            if (!seriesUid.empty()) uid = seriesUid;
            const tv::CtVolume ct = tv::loadVolume(path, uid, progress, tv::neverCancel(), &report);
            progress.finish();
            for (const auto& s : report.skipped)
                std::cerr << "thromboview convert: skipped " << s.path.string() << ": " << s.reason << "\n";
            for (const auto& w : report.warnings) std::cerr << "thromboview convert: warning: " << w << "\n";
            try {
                tv::writeNifti(ct, output);
            } catch (const tv::Error& e) {
                std::cerr << "thromboview convert: error: " << e.what() << "\n";
                return kOutputError;
            }
            if (!quiet)
                std::cerr << "wrote " << output << " (" << ct.hu.nx() << "x" << ct.hu.ny() << "x" << ct.hu.nz()
                          << ")\n";
            return kOk;
        });
    });
}

}  // namespace tvapp
