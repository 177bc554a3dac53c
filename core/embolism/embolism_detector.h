#pragma once
// Pulmonary embolus detector: contrast check -> arterial tree -> filling-defect candidates ->
// scoring -> findings at the operating point. Decision support, not a diagnosis.
#include <map>
#include <string>
#include <vector>

#include "embolism/contrast_check.h"
#include "embolism/vessel_tree.h"

namespace tv {

struct EmbolusCandidate {
    Eigen::Vector3d centerLpsMm{0, 0, 0};
    Index3 centerVoxel{0, 0, 0};     // on the input CT grid
    double volumeMm3 = 0;
    double score = 0;
    VesselLevel level = VesselLevel::Subsegmental;
    std::string side;                // "left", "right", "central"
    std::string occlusion;           // "partial", "complete"
    std::map<std::string, double> features;
};

struct EmbolismResult {
    std::string contrastState;       // adequate / suboptimal / not_assessable
    bool assessable = false;
    std::string reason;
    double paEnhancementHu = 0;
    double paNoiseHu = 0;
    double lumenThresholdHu = 0;
    double lungSmoothingSigmaMm = 0;               // Gaussian sigma used inside the lungs (lung_smoothing.h)
    std::vector<EmbolusCandidate> candidates;     // at the operating point, best first
    int candidatesConsidered = 0;                  // before the operating point
    double obstructionIndexPercent = 0;            // estimate (see obstruction_index.h)
    bool beyondOcclusionPassRun = false;           // the beyond-occlusion pass ran (beyond_occlusion_pass.h)
    int beyondOcclusionFindings = 0;               // findings it added (feature "beyond_occlusion_pass" = 1)
    std::string beyondOcclusionContrastState;      // its contrast check on the filled scan (empty: not run)
    std::string beyondOcclusionReason;             // ... and that check's reason
    LabelMap emboli;                               // input grid: label n = candidates[n-1]
    LabelMap arteries;                             // input grid: enhanced arterial lumen (1)
    std::map<std::string, double> timingMs;
    std::string disclaimer = "Decision support, not a diagnosis: automatic findings must be confirmed by a qualified reader.";
};

/// The obstruction index estimate (obstruction_index.h) of these findings, each with its reported level,
/// side and occlusion: the detector's result and a sweep run filtered to an operating point
/// (operating_point_sweep.h) both take it from here, so the index counts exactly the findings reported.
double obstructionIndexOf(const std::vector<EmbolusCandidate>& findings);

/// Runs the detector on `ct`. Throws CancelledError, InvalidArgumentError (empty volume).
EmbolismResult detectEmboli(const CtVolume& ct, const EmbolismParams& params, ProgressSink& progress,
                            const CancelToken& cancel);

}  // namespace tv
