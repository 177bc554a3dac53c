#pragma once
// JSON of the embolism analysis: the "embolism" section of analysis.json (README
// "Analysis output (analysis.json)", subsection "embolism").
#include <nlohmann/json.hpp>

#include "embolism/embolism_detector.h"

namespace tv {

/// {"contrast_state", "assessable", "reason", "pa_enhancement_hu", "pa_noise_hu",
///  "lumen_threshold_hu", "candidates": [{"label", "center_lps_mm", "center_voxel", "volume_mm3",
///  "score", "vessel_level", "side", "occlusion", "features"}], "candidates_considered",
///  "beyond_occlusion_pass": {"run", "findings_added", "contrast_state", "reason", "why"},
///  "obstruction_index": {"percent", "estimate": true, "method"}, "disclaimer"}
nlohmann::json embolismToJson(const EmbolismResult& r);

}  // namespace tv
