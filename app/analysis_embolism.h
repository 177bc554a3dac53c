#pragma once
// The embolism detector's share of `thromboview analyze` (section "embolism", emboli.nii.gz).
#include <optional>

#include "analysis_contribution.h"
#include "image/image.h"
#include "util/progress.h"

namespace tvapp {

/// `operatingPoint`: findings with score >= this are reported (EmbolismParams::operatingPoint when
/// empty; README "Operating point" tabulates sensitivity and false positives per point).
AnalysisContribution runEmbolism(const tv::CtVolume& ct, std::optional<double> operatingPoint, tv::ProgressSink& progress,
                                 const tv::CancelToken& cancel);

}  // namespace tvapp
