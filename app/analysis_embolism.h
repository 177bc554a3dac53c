#pragma once
// The embolism detector's share of `thromboview analyze` (section "embolism", emboli.nii.gz), and the
// detector's parameters as the command line sets them (analyze and evaluate).
#include <optional>
#include <string>

#include "analysis_contribution.h"
#include "embolism/embolism_params.h"
#include "image/image.h"
#include "util/progress.h"

namespace tvapp {

/// The defaults, with the keys of the JSON file `paramsFile` over them when it is not empty (--pe-params;
/// keys as analysis.json "parameters" / "embolism" writes them), and `operatingPoint` over those when given
/// (the operating-point option wins over the file). Read before any work is done, so that a bad file
/// stops the command with nothing written. Throws UnreadableFileError when the file is missing or not
/// JSON, InvalidArgumentError naming the file and the key for an unknown key, a wrong type or a value
/// out of range.
tv::EmbolismParams embolismParamsFromCommandLine(const std::string& paramsFile, std::optional<double> operatingPoint);

/// Runs the detector with `params` (README "Operating point" tabulates sensitivity and false positives
/// per operating point).
AnalysisContribution runEmbolism(const tv::CtVolume& ct, const tv::EmbolismParams& params, tv::ProgressSink& progress,
                                 const tv::CancelToken& cancel);

}  // namespace tvapp
