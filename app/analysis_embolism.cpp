#include "analysis_embolism.h"

#include <fstream>

#include "embolism/embolism_detector.h"
#include "embolism/embolism_json.h"
#include "embolism/embolism_params_reader.h"
#include "util/errors.h"

namespace tvapp {

tv::EmbolismParams embolismParamsFromCommandLine(const std::string& paramsFile, std::optional<double> operatingPoint) {
    tv::EmbolismParams params;
    if (!paramsFile.empty()) {
        std::ifstream in(paramsFile);
        if (!in) throw tv::UnreadableFileError(paramsFile, "cannot open the embolus detector parameter file");
        nlohmann::json j;
        try {
            in >> j;
        } catch (const nlohmann::json::exception& e) {
            throw tv::UnreadableFileError(paramsFile,
                                          std::string("expected a JSON object of embolism parameters: ") + e.what());
        }
        try {
            params = tv::embolismParamsFromJson(j);
        } catch (const tv::InvalidArgumentError& e) {
            throw tv::InvalidArgumentError(paramsFile + ": " + e.what());
        }
    }
    if (operatingPoint) params.operatingPoint = *operatingPoint;
    return params;
}

AnalysisContribution runEmbolism(const tv::CtVolume& ct, const tv::EmbolismParams& params, tv::ProgressSink& progress,
                                 const tv::CancelToken& cancel) {
    tv::EmbolismResult r = tv::detectEmboli(ct, params, progress, cancel);
    AnalysisContribution c;
    c.name = "embolism";
    c.sections = {{"embolism", tv::embolismToJson(r)}};
    c.parameters = params;
    c.timingMs = r.timingMs;
    c.labelMaps.emplace_back("emboli.nii.gz", std::move(r.emboli));
    return c;
}

}  // namespace tvapp
