#pragma once
// One lesion-insertion experiment: pick arterial sites of the requested levels, insert clots of
// rotating shapes (central, eccentric, occlusive), run the detector, match against the truth.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <vector>

#include "evaluation/detection_matching.h"
#include "evaluation/lesion_insertion.h"

namespace tv {

struct ValidationConfig {
    std::set<VesselLevel> levels{VesselLevel::Lobar, VesselLevel::Segmental};
    int clotsPerLevel = 6;
    double minSpacingMm = 30;   // sites far apart so that clots do not merge
    std::uint32_t seed = 7;
    std::optional<std::filesystem::path> writeDir;  // writes inserted.nii.gz and truth.nii.gz
    std::optional<LabelMap> referenceArteries;      // sites only inside this pulmonary-artery mask (pa-crop)
    std::vector<Eigen::Vector3d> excludedSitesLps;  // clot centres of earlier rounds: a new round keeps
                                                    // minSpacingMm from them (independent sites, no overlap)
};

struct ValidationOutcome {
    nlohmann::json metrics;  // matchDetections JSON + "clots": [{level, shape, side, radius_mm, detected}]
    int falsePositives = 0;
    std::map<std::string, std::pair<int, int>> perLevel;  // level -> (truth, detected)
    std::vector<Eigen::Vector3d> usedSitesLps;            // clot centres of this round
};

ValidationOutcome runInsertionExperiment(const CtVolume& background, const EmbolismParams& p, const ValidationConfig& cfg);

}  // namespace tv
