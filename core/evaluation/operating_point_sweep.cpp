#include "evaluation/operating_point_sweep.h"

#include <algorithm>
#include <set>

namespace tv {

EmbolismParams sweepParams(const EmbolismParams& p, double floor) {
    EmbolismParams out = p;
    out.operatingPoint = std::min(p.operatingPoint, floor);
    out.maxCandidates = 255;
    return out;
}

EmbolismResult keepFindingsAtOrAbove(const EmbolismResult& all, double operatingPoint) {
    EmbolismResult out = all;
    out.candidates.clear();
    std::vector<std::uint8_t> newLabel(all.candidates.size() + 1, 0);
    for (std::size_t c = 0; c < all.candidates.size(); ++c)
        if (all.candidates[c].score >= operatingPoint) {
            out.candidates.push_back(all.candidates[c]);
            newLabel[c + 1] = static_cast<std::uint8_t>(out.candidates.size());
        }
    for (std::size_t n = 0; n < out.emboli.voxelCount(); ++n) {
        const int l = out.emboli[n];
        out.emboli[n] = l > 0 && l < static_cast<int>(newLabel.size()) ? newLabel[l] : 0;
    }
    // The floor run's index counted every finding down to the floor (a clean background's four sweep
    // findings at 0.27-0.39 read 55 % with none reported): the index is of the kept findings.
    out.obstructionIndexPercent = obstructionIndexOf(out.candidates);
    return out;
}

nlohmann::json sweepFindings(const EmbolismResult& all, const std::vector<TruthLesion>& truth) {
    std::vector<std::set<int>> overlaps(all.candidates.size());
    for (std::size_t t = 0; t < truth.size(); ++t)
        for (const std::size_t n : truth[t].voxels) {
            const int l = all.emboli.voxelCount() ? all.emboli[n] : 0;
            if (l > 0 && l <= static_cast<int>(all.candidates.size())) overlaps[l - 1].insert(static_cast<int>(t));
        }
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t c = 0; c < all.candidates.size(); ++c) {
        const EmbolusCandidate& f = all.candidates[c];
        out.push_back({{"score", f.score}, {"level", toString(f.level)}, {"occlusion", f.occlusion},
                       {"volume_mm3", f.volumeMm3}, {"truth", std::vector<int>(overlaps[c].begin(), overlaps[c].end())},
                       {"center_voxel", f.centerVoxel}});
        // Released beside a cut-off piece (EmbolismParams::cutPieceMaxPathMm): its path along the piece.
        if (const auto it = f.features.find("cut_piece_path_mm"); it != f.features.end()) out.back()["cut_piece_path_mm"] = it->second;
        // Every scoring feature, so that a validation run's true and false findings can be compared
        // feature by feature without re-running the detector on the round volumes.
        out.back()["features"] = f.features;
    }
    return out;
}

}  // namespace tv
