#pragma once
// Scores detector findings against ground truth: a label map (each label one embolus; CAD-PE and
// FUMPE masks can be relabelled by connected component) or a list of points in LPS mm.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "embolism/embolism_detector.h"

namespace tv {

struct TruthLesion {
    int id = 0;
    Eigen::Vector3d centerLps{0, 0, 0};
    std::string level;           // optional ("central", "lobar", ...), "" when unknown
    std::vector<std::size_t> voxels;  // on the CT grid (empty for point truth)
};

struct MatchResult {
    int truthCount = 0;
    int detected = 0;
    int falsePositives = 0;
    std::vector<bool> truthHit;      // per truth lesion
    std::vector<int> truthCandidate; // per truth lesion: index of the candidate that reports it (most
                                     // overlapping voxels; point truth: nearest centre), -1 when missed.
                                     // Its level and occlusion are what the reader sees for that clot.
    std::vector<bool> candidateHit;  // per candidate
    nlohmann::json toJson(const std::vector<TruthLesion>& truth) const;
};

/// Each connected component (26-neighbour) of a non-zero mask becomes one lesion; the label value
/// is ignored unless `labelsAreLesions` (then each label value is one lesion).
std::vector<TruthLesion> truthFromMask(const LabelMap& mask, bool labelsAreLesions);

/// CSV with header; columns x,y,z (LPS mm) and optionally level. Throws UnreadableFileError.
std::vector<TruthLesion> truthFromCsv(const std::filesystem::path& csv);

/// A candidate detects a lesion when its voxels overlap the lesion's voxels, or (point truth) its
/// centre lies within `pointToleranceMm` of the point.
MatchResult matchDetections(const EmbolismResult& result, const std::vector<TruthLesion>& truth,
                            double pointToleranceMm = 10.0);

}  // namespace tv
