// `thromboview evaluate PATH --truth MASK.nii.gz|POINTS.csv [--series UID] [--json]`: runs the
// embolus detector on PATH and scores it against ground truth (a NIfTI mask, one lesion per
// connected component, or a CSV of points x,y,z[,level] in LPS mm): sensitivity and false
// positives, per level when the truth names levels. For users validating on their own data
// (CAD-PE and FUMPE ship masks).
#include <iostream>
#include <optional>

#include "commands.h"
#include "embolism/embolism_detector.h"
#include "evaluation/detection_matching.h"
#include "exit_codes.h"
#include "io/nifti_io.h"
#include "io/volume_source.h"
#include "util/console_progress.h"

namespace tvapp {

void registerEvaluateCommand(CLI::App& app, CommandResult& result) {
    auto* cmd = app.add_subcommand("evaluate", "Score the embolus detector against ground truth (mask or points)");
    static std::string path, truth, seriesUid;
    static bool asJson = false, labelsAreLesions = false;
    static double tolerance = 10.0;
    cmd->add_option("PATH", path, "DICOM folder, DICOM file or NIfTI volume")->required();
    cmd->add_option("--truth", truth, "Ground truth: NIfTI mask on the CT grid, or CSV x,y,z[,level] (LPS mm)")->required();
    cmd->add_option("--series", seriesUid, "SeriesInstanceUID when PATH holds several series");
    cmd->add_option("--tolerance-mm", tolerance, "Point truth: a finding within this distance counts as a hit");
    cmd->add_flag("--labels-are-lesions", labelsAreLesions, "Mask truth: each label value is one embolus (default: each connected component)");
    cmd->add_flag("--json", asJson, "Print JSON instead of text");
    cmd->callback([&result] {
        result.exitCode = runReportingErrors("evaluate", [] {
            tv::ConsoleProgress progress(asJson);
            const tv::CtVolume ct = tv::loadVolume(path, seriesUid.empty() ? std::nullopt : std::optional(seriesUid), progress);
            std::vector<tv::TruthLesion> lesions =
                tv::isNiftiPath(truth) ? tv::truthFromMask(tv::readNiftiLabelsOnGrid(truth, ct.geometry()), labelsAreLesions)
                                       : tv::truthFromCsv(truth);
            const tv::EmbolismResult r = tv::detectEmboli(ct, tv::EmbolismParams{}, progress, tv::neverCancel());
            progress.finish();
            const tv::MatchResult m = tv::matchDetections(r, lesions, tolerance);
            nlohmann::json j = m.toJson(lesions);
            j["contrast_state"] = r.contrastState;
            j["pa_enhancement_hu"] = r.paEnhancementHu;
            j["findings"] = static_cast<int>(r.candidates.size());
            j["note"] = "Detector figures on your data; decision support, not a diagnosis.";
            if (asJson) {
                std::cout << j.dump(2) << "\n";
            } else {
                std::cout << "contrast: " << r.contrastState << " (" << r.paEnhancementHu << " HU)\n"
                          << "truth emboli: " << m.truthCount << ", detected: " << m.detected << ", sensitivity: "
                          << (m.truthCount ? 100.0 * m.detected / m.truthCount : 0.0) << "%\n"
                          << "false positives: " << m.falsePositives << " (findings: " << r.candidates.size() << ")\n";
                for (const auto& [lvl, v] : j["per_level"].items())
                    std::cout << "  " << lvl << ": " << v["detected"] << " / " << v["truth"] << "\n";
            }
            return kOk;
        });
    });
}

}  // namespace tvapp
