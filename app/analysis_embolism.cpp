#include "analysis_embolism.h"

#include "embolism/embolism_detector.h"
#include "embolism/embolism_json.h"

namespace tvapp {

AnalysisContribution runEmbolism(const tv::CtVolume& ct, std::optional<double> operatingPoint, tv::ProgressSink& progress,
                                 const tv::CancelToken& cancel) {
    tv::EmbolismParams params;
    if (operatingPoint) params.operatingPoint = *operatingPoint;
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
