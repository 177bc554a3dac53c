// `thromboview evaluate PATH --truth MASK.nii.gz|POINTS.csv [--series UID] [--json] [--operating-point S] [--sweep]
// [--pe-params FILE]`: runs the embolus detector on PATH and scores it against ground truth (a NIfTI
// mask, one lesion per connected component, or a CSV of points x,y,z[,level] in LPS mm): sensitivity
// and false positives, per level when the truth names levels. For users validating on their own data
// (CAD-PE and FUMPE ship masks). --sweep adds the same figures for every operating point from 0.1 to
// 0.9 (one detector run at a floor of 0.1, operating_point_sweep.h), so users can pick their own point.
#include <cstdio>
#include <iostream>
#include <optional>

#include "analysis_embolism.h"
#include "commands.h"
#include "embolism/embolism_detector.h"
#include "evaluation/detection_matching.h"
#include "evaluation/operating_point_sweep.h"
#include "exit_codes.h"
#include "io/nifti_io.h"
#include "io/volume_source.h"
#include "util/console_progress.h"

namespace tvapp {

void registerEvaluateCommand(CLI::App& app, CommandResult& result) {
    auto* cmd = app.add_subcommand("evaluate", "Score the embolus detector against ground truth (mask or points)");
    static std::string path, truth, seriesUid, peParams;
    static bool asJson = false, labelsAreLesions = false, sweep = false;
    static double tolerance = 10.0;
    static std::optional<double> operatingPointOption;  // empty: the parameters' (--pe-params, else the default 0.5)
    cmd->add_option("PATH", path, "DICOM folder, DICOM file or NIfTI volume")->required();
    cmd->add_option("--truth", truth, "Ground truth: NIfTI mask on the CT grid, or CSV x,y,z[,level] (LPS mm)")->required();
    cmd->add_option("--series", seriesUid, "SeriesInstanceUID when PATH holds several series");
    cmd->add_option("--tolerance-mm", tolerance, "Point truth: a finding within this distance counts as a hit");
    cmd->add_flag("--labels-are-lesions", labelsAreLesions, "Mask truth: each label value is one embolus (default: each connected component)");
    cmd->add_option("--operating-point", operatingPointOption, "Report findings scoring at least this (0-1; default: operating_point of --pe-params, else 0.5, the "
                    "documented point)")
        ->check(CLI::Range(0.0, 1.0));
    cmd->add_option("--pe-params", peParams,
                    "JSON file overriding embolus detector parameters (keys as in analysis.json parameters.embolism; "
                    "e.g. {\"lung_bridges\": true})");
    cmd->add_flag("--sweep", sweep, "Also score every operating point from 0.1 to 0.9 (step 0.05)");
    cmd->add_flag("--json", asJson, "Print JSON instead of text");
    cmd->callback([&result] {
        result.exitCode = runReportingErrors("evaluate", [] {
            // A bad parameter file stops the command here, before the volume is read.
            const tv::EmbolismParams params = embolismParamsFromCommandLine(peParams, operatingPointOption);
            const double operatingPoint = params.operatingPoint;
            tv::ConsoleProgress progress(asJson);
            const tv::CtVolume ct = tv::loadVolume(path, seriesUid.empty() ? std::nullopt : std::optional(seriesUid), progress);
            std::vector<tv::TruthLesion> lesions =
                tv::isNiftiPath(truth) ? tv::truthFromMask(tv::readNiftiLabelsOnGrid(truth, ct.geometry()), labelsAreLesions)
                                       : tv::truthFromCsv(truth);
            // With --sweep one run at the sweep's floor gives every point (operating_point_sweep.h: the
            // findings at or above a point are those a run at that point reports).
            constexpr double kSweepFloor = 0.1;
            const tv::EmbolismResult all = tv::detectEmboli(ct, sweep ? tv::sweepParams(params, kSweepFloor) : params, progress, tv::neverCancel());
            progress.finish();
            const tv::EmbolismResult r = tv::keepFindingsAtOrAbove(all, operatingPoint);
            const tv::MatchResult m = tv::matchDetections(r, lesions, tolerance);
            nlohmann::json j = m.toJson(lesions);
            j["operating_point"] = operatingPoint;
            if (sweep) {
                j["sweep"] = nlohmann::json::array();
                for (int step = 0; step <= 16; ++step) {
                    const double point = kSweepFloor + 0.05 * step;
                    const tv::MatchResult at = tv::matchDetections(tv::keepFindingsAtOrAbove(all, point - 1e-9), lesions, tolerance);
                    nlohmann::json row = at.toJson(lesions);
                    row["operating_point"] = point;
                    j["sweep"].push_back(row);
                }
            }
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
                          << "false positives: " << m.falsePositives << " (findings: " << r.candidates.size() << ", operating point " << operatingPoint << ")\n";
                for (const auto& [lvl, v] : j["per_level"].items())
                    std::cout << "  " << lvl << ": " << v["detected"] << " / " << v["truth"] << "\n";
                if (sweep) {
                    std::cout << "operating point: detected / truth, false positives\n";
                    for (const auto& row : j["sweep"])
                        std::printf("  %.2f: %d / %d, %d\n", row["operating_point"].get<double>(), row["detected"].get<int>(),
                                    row["truth_lesions"].get<int>(), row["false_positives"].get<int>());
                }
            }
            return kOk;
        });
    });
}

}  // namespace tvapp
