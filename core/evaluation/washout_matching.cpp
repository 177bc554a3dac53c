#include "evaluation/washout_matching.h"

#include <map>

namespace tv {

WashoutMatch matchWashoutFindings(MatchResult& m, const EmbolismResult& r, const std::vector<TruthLesion>& truth,
                                  const LabelMap& washout, const WashoutMatchRule& rule) {
    WashoutMatch out;
    out.truthViaWashout.assign(truth.size(), false);
    if (washout.voxelCount() == 0 || r.emboli.voxelCount() != washout.voxelCount()) return out;
    std::map<int, std::size_t> truthIndex;  // label -> index in truth
    for (std::size_t t = 0; t < truth.size(); ++t) truthIndex[truth[t].id] = t;
    // Per finding: its voxels, and per clot label those on the clot or on its washed-out continuation.
    const std::size_t nc = r.candidates.size();
    std::vector<long> size(nc, 0);
    std::vector<std::map<int, long>> on(nc);
    for (const auto& [id, t] : truthIndex)
        for (const std::size_t n : truth[t].voxels) {
            const int c = r.emboli[n];
            if (c > 0 && c <= static_cast<int>(nc)) ++on[c - 1][id];
        }
    for (std::size_t n = 0; n < washout.voxelCount(); ++n) {
        const int c = r.emboli[n];
        if (c <= 0 || c > static_cast<int>(nc)) continue;
        ++size[c - 1];
        if (washout[n]) ++on[c - 1][washout[n]];
    }
    for (std::size_t c = 0; c < nc; ++c) {
        if (m.candidateHit[c] || size[c] == 0) continue;
        for (const auto& [id, cnt] : on[c]) {
            const auto it = truthIndex.find(id);
            if (it == truthIndex.end() || cnt < rule.minShare * static_cast<double>(size[c])) continue;
            const std::size_t t = it->second;
            m.candidateHit[c] = true;
            --m.falsePositives;
            ++out.candidatesOnWashout;
            if (!m.truthHit[t]) {
                m.truthHit[t] = true;
                ++m.detected;
                m.truthCandidate[t] = static_cast<int>(c);
                out.truthViaWashout[t] = true;
            }
            break;
        }
    }
    return out;
}

std::vector<FindingOnWashout> findingsOnWashout(const EmbolismResult& r, const LabelMap& washout, const LabelMap& truth) {
    std::vector<FindingOnWashout> out;
    if (washout.voxelCount() == 0 || r.emboli.voxelCount() != washout.voxelCount()) return out;
    const std::size_t nc = r.candidates.size();
    std::vector<long> size(nc, 0);
    std::vector<std::map<int, std::pair<long, long>>> on(nc);  // clot label -> (on washout, on clot)
    for (std::size_t n = 0; n < washout.voxelCount(); ++n) {
        const int c = r.emboli[n];
        if (c <= 0 || c > static_cast<int>(nc)) continue;
        ++size[c - 1];
        if (washout[n]) ++on[c - 1][washout[n]].first;
        if (truth[n]) ++on[c - 1][truth[n]].second;
    }
    for (std::size_t c = 0; c < nc; ++c)
        for (const auto& [l, v] : on[c])
            if (v.first > 0) out.push_back({static_cast<int>(c), l, v.first, v.second, size[c]});
    return out;
}

}  // namespace tv
