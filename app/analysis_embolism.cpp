#include "analysis_embolism.h"

#include "embolism/embolism_detector.h"
#include "embolism/embolism_json.h"
#include "embolism/embolism_params_reader.h"

namespace tvapp {

tv::EmbolismParams embolismParamsFromCommandLine(const std::string& paramsFile, std::optional<double> operatingPoint) {
    tv::EmbolismParams params = paramsFile.empty() ? tv::EmbolismParams{} : tv::readEmbolismParamsFile(paramsFile);
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
