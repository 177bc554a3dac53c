// `thromboview analyze PATH [--series UID] --out DIR [--lung-params FILE] [--pe-params FILE]`: runs the
// automatic analyses on one CT and writes DIR/analysis.json plus NIfTI label maps. Each analysis
// contributes its own sections, parameters, timings and label maps (analysis_contribution.h); adding
// one is one call below.
// Results are decision support for a qualified reader, not a diagnosis.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>

#include "analysis_contribution.h"
#include "analysis_embolism.h"
#include "commands.h"
#include "exit_codes.h"
#include "io/nifti_io.h"
#include "io/volume_source.h"
#include "lung/lung_analysis.h"
#include "util/console_progress.h"

namespace tvapp {
namespace {

AnalysisContribution runLungOpacity(const tv::CtVolume& ct, const std::string& paramsFile, tv::ProgressSink& progress,
                                    const tv::CancelToken& cancel) {
    tv::LungOpacityParams params;
    if (!paramsFile.empty()) {
        std::ifstream in(paramsFile);
        nlohmann::json j;
        try {
            in >> j;
        } catch (const nlohmann::json::exception& e) {
            throw tv::UnreadableFileError(paramsFile, std::string("expected a JSON object of lung_opacity parameters: ") + e.what());
        }
        params = tv::lungOpacityParamsFromJson(j);
    }
    tv::LungOpacityResult r = tv::analyzeLungOpacity(ct, params, progress, cancel);
    AnalysisContribution c;
    c.name = "lung_opacity";
    c.sections = tv::toJson(r);
    c.parameters = tv::toJson(params);
    c.timingMs = r.timingMs;
    c.labelMaps.emplace_back("lungs.nii.gz", std::move(r.lungLabels));
    c.labelMaps.emplace_back("opacity.nii.gz", std::move(r.opacityLabels));
    c.labelMaps.emplace_back("lobes.nii.gz", std::move(r.lobeLabels));
    return c;
}

nlohmann::json inputJson(const tv::CtVolume& ct, const std::string& path) {
    const auto& g = ct.geometry();
    return {{"path", path},
            {"series_uid", ct.info.seriesInstanceUid},
            {"series_description", ct.info.seriesDescription},
            {"size", {g.size[0], g.size[1], g.size[2]}},
            {"spacing_mm", {g.spacing[0], g.spacing[1], g.spacing[2]}},
            {"synthetic", ct.info.synthetic}};
}

}  // namespace

void registerAnalyzeCommand(CLI::App& app, CommandResult& result) {
    auto* cmd = app.add_subcommand("analyze", "Run the automatic analyses (lung opacity / GGO scorer, pulmonary embolus detector) and write "
                                              "DIR/analysis.json and label maps (decision support, not a diagnosis)");
    static std::string path, seriesUid, outDir, lungParams, peParams;
    static bool quiet = false;
    static std::optional<double> peOperatingPoint;
    cmd->add_option("PATH", path, "DICOM folder, DICOM file or NIfTI volume")->required();
    cmd->add_option("--series", seriesUid, "SeriesInstanceUID when PATH holds several series");
    cmd->add_option("--out", outDir, "Output folder (created when missing)")->required();
    cmd->add_option("--lung-params", lungParams,
                    "JSON file overriding lung_opacity parameters (keys as in analysis.json \"parameters\")");
    cmd->add_option("--pe-operating-point", peOperatingPoint,
                    "Embolus detector: report findings scoring at least this (0-1; wins over --pe-params; default 0.5, the documented point; "
                    "README \"Operating point\" gives sensitivity and false positives per point)")
        ->check(CLI::Range(0.0, 1.0));
    cmd->add_option("--pe-params", peParams,
                    "JSON file overriding embolus detector parameters (keys as in analysis.json parameters.embolism; "
                    "e.g. {\"lung_bridges\": true})");
    cmd->add_flag("--quiet", quiet, "No progress on stderr");
    cmd->callback([&result] {
        result.exitCode = runReportingErrors("analyze", [] {
            using Clock = std::chrono::steady_clock;
            // A bad parameter file stops the command here, before the volume is read and anything is written.
            const tv::EmbolismParams embolismParams = embolismParamsFromCommandLine(peParams, peOperatingPoint);
            tv::ConsoleProgress progress(quiet);
            const tv::CancelToken& cancel = tv::neverCancel();
            auto t0 = Clock::now();
            const tv::CtVolume ct = tv::loadVolume(path, seriesUid.empty() ? std::nullopt : std::optional(seriesUid),
                                                   progress, cancel);
            const double loadMs = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();

            // One analysis failing (e.g. no lung found in a mediastinal crop) must not take the other
            // one's results with it: its error is reported in the JSON and on stderr, the rest is kept.
            std::vector<AnalysisContribution> contributions;
            nlohmann::json failures = nlohmann::json::object();
            auto runIsolated = [&](const char* name, const std::function<AnalysisContribution()>& run) {
                try {
                    contributions.push_back(run());
                } catch (const tv::CancelledError&) {
                    throw;
                } catch (const tv::Error& e) {
                    failures[name] = e.what();
                    std::cerr << "\nthromboview analyze: " << name << " analysis failed: " << e.what() << "\n";
                }
            };
            runIsolated("lung_opacity", [&] { return runLungOpacity(ct, lungParams, progress, cancel); });
            runIsolated("embolism", [&] { return runEmbolism(ct, embolismParams, progress, cancel); });
            progress.finish();

            nlohmann::json out;
            out["disclaimer"] = "Automatic results: decision support for a qualified reader, not a diagnosis.";
            out["input"] = inputJson(ct, path);
            out["parameters"] = nlohmann::json::object();
            out["timing_ms"] = {{"load", loadMs}};
            for (const auto& c : contributions) {
                for (const auto& [key, value] : c.sections.items()) out[key] = value;
                out["parameters"][c.name] = c.parameters;
                out["timing_ms"][c.name] = c.timingMs;
            }
            if (!failures.empty()) out["analysis_errors"] = failures;
            std::error_code ec;
            std::filesystem::create_directories(outDir, ec);
            const std::filesystem::path dir(outDir);
            try {
                for (const auto& c : contributions)
                    for (const auto& [file, labels] : c.labelMaps) tv::writeNifti(labels, dir / file);
            } catch (const tv::Error& e) {
                std::cerr << "thromboview analyze: error: " << e.what() << "\n";
                return kOutputError;
            }
            std::ofstream json(dir / "analysis.json");
            json << out.dump(2) << "\n";
            if (!json) {
                std::cerr << "thromboview analyze: error: cannot write " << (dir / "analysis.json").string() << "\n";
                return kOutputError;
            }
            std::cerr << "wrote " << (dir / "analysis.json").string() << "\n";
            // Partial results are written, but the exit code says that not every analysis ran.
            return failures.empty() ? kOk : kInputError;
        });
    });
}

}  // namespace tvapp
