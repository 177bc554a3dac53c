#include "embolism/beyond_occlusion_pass.h"

#include <algorithm>
#include <string>

#include "embolism/volume_ops.h"

namespace tv {

SparseLabels SparseLabels::of(const LabelMap& map) {
    SparseLabels out;
    for (std::size_t n = 0; n < map.voxelCount(); ++n)
        if (map[n]) {
            out.offsets.push_back(n);
            out.labels.push_back(map[n]);
        }
    return out;
}

LabelMap SparseLabels::toMap(const ImageGeometry& geometry) const {
    LabelMap map(geometry, 0);
    for (std::size_t v = 0; v < offsets.size(); ++v) map[offsets[v]] = labels[v];
    return map;
}

bool needsBeyondOcclusionPass(const std::vector<EmbolusCandidate>& findings, const EmbolismParams& p) {
    if (!p.beyondOcclusionPass) return false;
    return std::any_of(findings.begin(), findings.end(), [&](const EmbolusCandidate& c) {
        return c.score >= p.beyondOcclusionTriggerScore && c.occlusion == "complete" && c.level == VesselLevel::Central &&
               c.volumeMm3 >= p.beyondOcclusionMinMm3;
    });
}

FilledFindings fillAroundFindings(const LabelMap& work, const std::vector<EmbolusCandidate>& findings, double fillHu,
                                  const EmbolismParams& p) {
    FilledFindings fill;
    fill.fillHu = fillHu;
    fill.minHu = p.beyondOcclusionFillMinHu;
    Mask kept(work.geometry(), 0);
    for (std::size_t n = 0; n < work.voxelCount(); ++n) {
        const int label = work[n];
        if (label > 0 && label <= static_cast<int>(findings.size()) && findings[label - 1].score >= p.beyondOcclusionTriggerScore) kept[n] = 1;
    }
    fill.filled = SparseLabels::of(p.beyondOcclusionFillMarginMm > 0 ? dilateMm(kept, p.beyondOcclusionFillMarginMm) : kept).offsets;
    fill.repeats = SparseLabels::of(p.beyondOcclusionRepeatMarginMm > 0 ? dilateMm(kept, p.beyondOcclusionRepeatMarginMm) : kept).offsets;
    return fill;
}

void applyFill(Image<float>& hu, const FilledFindings& fill) {
    const auto value = static_cast<float>(fill.fillHu);
    for (const std::size_t n : fill.filled)
        if (hu[n] >= fill.minHu) hu[n] = std::max(hu[n], value);
}

int mergeBeyondOcclusionPass(EmbolismResult& result, LabelMap& work, const std::vector<EmbolusCandidate>& again, const LabelMap& againWork,
                             const FilledFindings& fill, const EmbolismParams& p) {
    std::vector<bool> repeats(again.size() + 1, false);
    for (const std::size_t n : fill.repeats)
        if (againWork[n] > 0 && againWork[n] <= again.size()) repeats[againWork[n]] = true;
    std::vector<std::uint8_t> newLabel(again.size() + 1, 0);
    int added = 0;
    for (std::size_t c = 0; c < again.size(); ++c) {
        if (repeats[c + 1]) continue;
        if (static_cast<int>(result.candidates.size()) >= std::min(p.maxCandidates, 255)) break;
        EmbolusCandidate found = again[c];
        found.features["beyond_occlusion_pass"] = 1.0;
        result.candidates.push_back(std::move(found));
        newLabel[c + 1] = static_cast<std::uint8_t>(result.candidates.size());
        ++added;
    }
    for (std::size_t n = 0; n < againWork.voxelCount(); ++n) {
        const std::uint8_t label = againWork[n] <= again.size() ? newLabel[againWork[n]] : 0;
        if (label && !work[n]) work[n] = label;
    }
    return added;
}

}  // namespace tv
