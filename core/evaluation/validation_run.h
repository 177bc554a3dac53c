#pragma once
// One lesion-insertion experiment: pick arterial sites of the requested levels, insert clots of
// rotating shapes (central, eccentric, occlusive), run the detector, match against the truth.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <vector>

#include "evaluation/clot_sizing.h"
#include "evaluation/clot_visibility.h"
#include "evaluation/detection_matching.h"
#include "evaluation/lesion_insertion.h"
#include "evaluation/occlusion_washout.h"

namespace tv {

struct ValidationConfig {
    std::set<VesselLevel> levels{VesselLevel::Lobar, VesselLevel::Segmental};
    int clotsPerLevel = 6;
    double minSpacingMm = 30;   // sites far apart so that clots do not merge
    std::uint32_t seed = 7;
    std::optional<std::filesystem::path> writeDir;  // writes inserted.nii.gz and truth.nii.gz
    std::optional<LabelMap> referenceArteries;      // sites only inside this pulmonary-artery mask (pa-crop)
    std::vector<Eigen::Vector3d> excludedSitesLps;  // clot centres of earlier rounds: a new round keeps
                                                    // excludedSpacingMm from them
    double excludedSpacingMm = 30;  // each round is its own scan, so clots of different rounds never
                                    // overlap; a spacing below minSpacingMm lets a later round use
                                    // another segment of an artery already used (not an independent
                                    // artery: the README reports how many clots re-use one)
    // Sites from the arterial tree with the lung bridges on (EmbolismParams::lungBridges, lung_bridges.h)
    // while the detector runs with the parameters given: clots also in the arteries the detector's own
    // tree does not reach (C3N-00247: the left lower lobe's basal arteries), so the figures say what the
    // detector misses there (embolism_validate --site-lung-bridges 1; off: sites from the detector's tree).
    bool siteLungBridges = false;
    WiderBallRule widerBall;        // wall-spur site rejection (vessel_axis.h; embolism_validate
                                    // --site-wider-ball-ratio, 0 = off: the placements before stop 23)
    int shapeOffset = 0;            // first clot shape of the round (rotates central/eccentric/occlusive
                                    // between rounds, so a re-used artery gets another shape)
    OcclusiveFill occlusiveFill = OcclusiveFill::Cylinder;  // how occlusive clots fill their artery
                                    // (lesion_insertion.h; embolism_validate --occlusive-fill)
    bool skipBeyondOcclusions = true;  // beyond-occlusion site rule (round_placement.h; embolism_validate
                                       // --beyond-occlusion skip|keep)
    BeyondContrast beyondContrast = BeyondContrast::Enhanced;  // the lumen beyond closing clots
    // Sites beyond a closing clot by its supply territory (round_placement.h beyondIsTerritory): always
    // in washout mode; set in enhanced mode it gives the washout run's placement with the enhanced far
    // side (embolism_validate --beyond-sites territory: the same clots, to compare clot by clot).
    bool beyondSitesTerritory = false;
                                       // (occlusion_washout.h; --beyond-occlusion-contrast); washout
                                       // needs skipBeyondOcclusions (its cut-off measure)
    bool recordRoutes = false;  // per detected clot, which search the finding came from (its features:
                                // fine pass, stump/gap/wide occlusion, lung cut-off, else the lumen
                                // closing) and its score; --record-routes (off: JSON as before)
    ClotSizing clotSizing = ClotSizing::Section;  // central/eccentric clot size (clot_sizing.h; embolism_validate
                                                  // --clot-sizing site|section)
    ClotSizingRule sizingRule;
    // Operating-point sweep (operating_point_sweep.h; embolism_validate --sweep-floor): below 0 off; else
    // the detector runs with its operating point lowered to this floor, the round's JSON gets
    // "sweep_findings" (every finding down to the floor, its score and the truth it overlaps), and the
    // round's metrics are those of the findings at or above the documented operating point.
    double sweepFloor = -1;
    ClotVisibilityRule visibilityRule;  // truth-quality guard (clot_visibility.h): clots that are no visible
                                        // defect are reported apart, not counted per level
};

struct ValidationOutcome {
    nlohmann::json metrics;  // matchDetections JSON + "clots": [{level, shape, side, radius_mm, detected,
                             // reported_level, reported_occlusion, reported_volume_mm3 (when detected),
                             // occludes_section, patent_share, ... (clot_occlusion.h)}]
    int falsePositives = 0;
    std::map<std::string, std::pair<int, int>> perLevel;  // level -> (truth, detected), visible defects only
    std::map<std::string, std::pair<int, int>> notVisiblePerLevel;  // level -> (clots, detected) that are no
                                                                    // visible defect (clot_visibility.h)
    std::vector<Eigen::Vector3d> usedSitesLps;            // clot centres of this round
    int sitesSkippedBeyondOcclusion = 0;                  // sites not used (round_placement.h), both reasons
};

ValidationOutcome runInsertionExperiment(const CtVolume& background, const EmbolismParams& p, const ValidationConfig& cfg);

// Round `round` of a series that began with seed `seed0` (embolism_validate --rounds; the real-data tests
// that replay one round use the same rule): each round has its own seed and its first clot shape rotated,
// so a re-used artery gets another shape. The clots of the rounds before go into cfg.excludedSitesLps.
inline void setValidationRound(ValidationConfig& cfg, std::uint32_t seed0, int round) {
    cfg.seed = seed0 + static_cast<std::uint32_t>(round);
    cfg.shapeOffset = round;
}

}  // namespace tv
