#pragma once
// The embolism detector's share of `thromboview analyze` (section "embolism", emboli.nii.gz).
#include "analysis_contribution.h"
#include "image/image.h"
#include "util/progress.h"

namespace tvapp {

AnalysisContribution runEmbolism(const tv::CtVolume& ct, tv::ProgressSink& progress, const tv::CancelToken& cancel);

}  // namespace tvapp
