#include "embolism/embolism_json.h"

namespace tv {

nlohmann::json embolismToJson(const EmbolismResult& r) {
    nlohmann::json cands = nlohmann::json::array();
    int label = 0;
    for (const auto& c : r.candidates) {
        cands.push_back({{"label", ++label},
                         {"center_lps_mm", {c.centerLpsMm[0], c.centerLpsMm[1], c.centerLpsMm[2]}},
                         {"center_voxel", {c.centerVoxel[0], c.centerVoxel[1], c.centerVoxel[2]}},
                         {"volume_mm3", c.volumeMm3},
                         {"score", c.score},
                         {"vessel_level", toString(c.level)},
                         {"side", c.side},
                         {"occlusion", c.occlusion},
                         {"features", c.features}});
    }
    return {{"contrast_state", r.contrastState},
            {"assessable", r.assessable},
            {"reason", r.reason},
            {"pa_enhancement_hu", r.paEnhancementHu},
            {"pa_noise_hu", r.paNoiseHu},
            {"lumen_threshold_hu", r.lumenThresholdHu},
            {"lung_smoothing_sigma_mm", r.lungSmoothingSigmaMm},
            {"candidates", cands},
            {"candidates_considered", r.candidatesConsidered},
            {"beyond_occlusion_pass",
             {{"run", r.beyondOcclusionPassRun},
              {"findings_added", r.beyondOcclusionFindings},
              {"contrast_state", r.beyondOcclusionPassRun ? nlohmann::json(r.beyondOcclusionContrastState) : nlohmann::json(nullptr)},
              {"reason", r.beyondOcclusionPassRun ? nlohmann::json(r.beyondOcclusionReason) : nlohmann::json(nullptr)},
              {"why", "run when a finding is a massive central occlusion: the arteries beyond it are searched again with the "
                      "first run's findings filled with contrast (the findings it adds carry the feature "
                      "beyond_occlusion_pass = 1)"}}},
            {"obstruction_index",
             {{"percent", r.assessable ? nlohmann::json(r.obstructionIndexPercent) : nlohmann::json(nullptr)},
              {"estimate", true},
              {"method", "Qanadli-style estimate: n segmental arteries distal to each finding estimated from its level "
                         "(central 10 per side, 20 for the trunk; lobar 3; segmental 1), d = 1 partial / 2 complete, "
                         "sum(n x d) / 40 x 100%"}}},
            {"emboli_labels", "emboli.nii.gz: label n = candidates[n-1]"},
            {"disclaimer", r.disclaimer}};
}

}  // namespace tv
