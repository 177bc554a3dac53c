#include "embolism/contrast_check.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <vector>

namespace tv {
namespace {

double medianOf(std::vector<float> v) {
    if (v.empty()) return 0;
    std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
    return v[v.size() / 2];
}

double percentileOf(std::vector<float> v, double q) {
    if (v.empty()) return 0;
    const auto n = static_cast<std::size_t>(q * (v.size() - 1));
    std::nth_element(v.begin(), v.begin() + n, v.end());
    return v[n];
}

// Drops components of `core` whose surface lies mostly near dense bone: the trabecular interior
// of vertebrae, humeri and sternum is as bright as enhanced blood but is wrapped in cortex.
void dropBoneEnclosed(Mask& core, const Mask& denseBone) {
    const Components cc = connectedComponents(core);
    const Image<float> toBone = distanceToMaskMm(denseBone);
    std::vector<std::int64_t> surface(cc.count() + 1, 0), nearBone(cc.count() + 1, 0);
    const int nx = core.nx(), ny = core.ny(), nz = core.nz();
    for (int k = 0; k < nz; ++k)
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i) {
                const int l = cc.labels.at(i, j, k);
                if (!l) continue;
                const bool surf = (i > 0 && !core.at(i - 1, j, k)) || (i + 1 < nx && !core.at(i + 1, j, k)) ||
                                  (j > 0 && !core.at(i, j - 1, k)) || (j + 1 < ny && !core.at(i, j + 1, k)) ||
                                  (k > 0 && !core.at(i, j, k - 1)) || (k + 1 < nz && !core.at(i, j, k + 1));
                if (!surf) continue;
                ++surface[l];
                if (toBone.at(i, j, k) <= 6.0f) ++nearBone[l];
            }
    for (std::size_t n = 0; n < core.voxelCount(); ++n) {
        const int l = cc.labels[n];
        if (l && surface[l] > 0 && nearBone[l] > 0.25 * surface[l]) core[n] = 0;
    }
}

}  // namespace

std::string toString(ContrastState s) {
    switch (s) {
        case ContrastState::Adequate: return "adequate";
        case ContrastState::Suboptimal: return "suboptimal";
        case ContrastState::NotAssessable: return "not_assessable";
    }
    return "not_assessable";
}

ContrastResult checkContrast(const Image<float>& s, const Image<float>& raw, const ThoraxMasks& m,
                             const EmbolismParams& p, const CancelToken& cancel) {
    ContrastResult r;
    const ImageGeometry& g = s.geometry();
    r.trunk = Mask(g, 0);
    if (m.lungVolumeMl < 50) {
        r.reason = "no lungs found (air-density regions inside the body under 50 mL): cannot locate the pulmonary arteries";
        return r;
    }
    // 1. Thick soft-tissue/blood core in the mediastinum (ignores partial volume at edges).
    Mask base(g, 0);
    for (std::size_t n = 0; n < base.voxelCount(); ++n)
        base[n] = m.mediastinum[n] && !m.denseBone[n] && s[n] >= -30 && s[n] <= 800 ? 1 : 0;
    Mask core(g, 0);
    {
        const Image<float> thick = distanceInsideMm(base);  // scoped: memory (README)
        for (std::size_t n = 0; n < core.voxelCount(); ++n) core[n] = thick[n] >= p.bloodCoreRadiusMm ? 1 : 0;
    }
    dropBoneEnclosed(core, m.denseBone);
    cancel.throwIfCancelled();
    // The heart and great vessels form by far the largest thick soft-tissue body between the lungs;
    // without contrast its blood is as dense as myocardium (+20..+60 HU).
    std::vector<float> coreHu;
    const Mask thickCore = core;  // all thick blood/tissue cores (bone-filtered), for per-structure medians
    {
        const Components coreCc = connectedComponents(core);  // scoped: memory (README)
        int heartLabel = 0;
        for (int l = 1; l <= coreCc.count(); ++l)
            if (!heartLabel || coreCc.sizes[l] > coreCc.sizes[heartLabel]) heartLabel = l;
        for (std::size_t n = 0; n < core.voxelCount(); ++n) {
            core[n] = heartLabel && coreCc.labels[n] == heartLabel ? 1 : 0;
            if (core[n]) coreHu.push_back(s[n]);
        }
    }
    if (coreHu.size() < 50) {
        r.reason = "no mediastinal blood pool found between the lungs (scan range or crop too small)";
        return r;
    }
    // 2. Bright level of the blood pool; half-way to unenhanced tissue separates enhanced lumen.
    // 75th percentile: robust to bone interiors that merge with the heart in some scans.
    const double bright = percentileOf(coreHu, 0.75);
    const double tHalf = std::max(60.0, 0.5 * (bright + 40.0));
    if (bright < p.assessableHu) {
        r.paEnhancementHu = medianOf(coreHu);
        r.coreVoxels = static_cast<int>(coreHu.size());
        for (std::size_t n = 0; n < core.voxelCount(); ++n) r.trunk[n] = core[n];
        r.state = ContrastState::NotAssessable;
        std::ostringstream why;
        why.precision(0);
        why << std::fixed << "no enhanced blood pool: heart and great vessels measure " << r.paEnhancementHu
            << " HU (75th percentile " << bright << " HU, below " << p.assessableHu
            << " HU); no arterial contrast, not assessable for pulmonary embolism (this is not a negative result)";
        r.reason = why.str();
        return r;
    }
    Mask enhanced(g, 0);
    // Enhanced lumen in the mediastinum and inside the lungs: the pulmonary arteries (and veins) are
    // the only bright structures that continue into both lungs; bone and the aorta do not.
    for (std::size_t n = 0; n < enhanced.voxelCount(); ++n)
        enhanced[n] = (base[n] || (m.nearLung[n] && !m.denseBone[n])) && s[n] >= tHalf && s[n] <= 800 ? 1 : 0;
    // Memory (README): base and enhanced have no use past the labelling; freed before the
    // component's depth map below, where this stage peaks.
    base = Mask();
    const Components cc = connectedComponents(enhanced);
    enhanced = Mask();
    cancel.throwIfCancelled();
    // 3. Per component: contact with the left and the right lung (the main PAs run into both hila),
    //    and the median HU of its thick core.
    const int nc = cc.count();
    std::vector<std::int64_t> touchL(nc + 1, 0), touchR(nc + 1, 0);
    std::vector<std::vector<float>> coreVals(nc + 1);
    const double sideMargin = 10.0 / g.spacing[0];
    // The trunk is one of the components of at least kTrunkComponentMinMm3; pieces may be smaller
    // (EmbolismParams::trunkPieceMinMm3).
    constexpr double kTrunkComponentMinMm3 = 1000.0;
    const double minComponentMm3 = p.zoneFromTrunkPieces ? std::min(kTrunkComponentMinMm3, p.trunkPieceMinMm3) : kTrunkComponentMinMm3;
    const int nx = s.nx(), ny = s.ny(), nz = s.nz();
    for (int k = 0; k < nz; ++k)
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i) {
                const int l = cc.labels.at(i, j, k);
                const double mm3 = l ? cc.sizes[l] * g.voxelVolumeMm3() : 0.0;
                if (!l || mm3 < minComponentMm3) continue;
                if (mm3 >= kTrunkComponentMinMm3 && thickCore.at(i, j, k)) coreVals[l].push_back(s.at(i, j, k));
                if (!m.nearLung.at(i, j, k) || m.mediastinum.at(i, j, k)) continue;  // intrapulmonary part
                if (i > m.midlineX + sideMargin) ++touchL[l];
                if (i < m.midlineX - sideMargin) ++touchR[l];
            }
    int best = 0;
    double bestScore = 0;
    for (int l = 1; l <= nc; ++l) {
        if (coreVals[l].size() < 20) continue;
        // Vessels continuing into the lungs (bone and the aorta have none); both sides preferred.
        const double score = std::sqrt(static_cast<double>(touchL[l] + touchR[l] + 4 * std::min(touchL[l], touchR[l])) + 1.0) * medianOf(coreVals[l]);
        if (score > bestScore) { bestScore = score; best = l; }
    }
    if (!best) {
        // No structure stands out: report the blood pool level itself (unenhanced scans).
        r.paEnhancementHu = medianOf(coreHu);
        r.coreVoxels = static_cast<int>(coreHu.size());
        for (std::size_t n = 0; n < core.voxelCount(); ++n) r.trunk[n] = core[n];
    } else {
        std::vector<float> rawVals;
        float bestThick = -1;
        // The component's depth, on its bounding box grown by one voxel (memory, README: not a
        // full-grid float map): the grown box's border is outside the component, so every voxel's
        // nearest outside voxel lies in the box and the depths are those of the full grid.
        int lo[3] = {nx, ny, nz}, hi[3] = {-1, -1, -1};
        for (int k = 0; k < nz; ++k)
            for (int j = 0; j < ny; ++j)
                for (int i = 0; i < nx; ++i) {
                    if (cc.labels.at(i, j, k) != best) continue;
                    const int v[3] = {i, j, k};
                    for (int a = 0; a < 3; ++a) lo[a] = std::min(lo[a], v[a]), hi[a] = std::max(hi[a], v[a]);
                }
        ImageGeometry box = g;
        for (int a = 0; a < 3; ++a) {
            lo[a] = std::max(0, lo[a] - 1);
            hi[a] = std::min(g.size[a] - 1, hi[a] + 1);
            box.size[a] = hi[a] - lo[a] + 1;
        }
        const Image<float> compThick = [&] {
            Mask comp(box, 0);
            for (int k = 0; k < box.size[2]; ++k)
                for (int j = 0; j < box.size[1]; ++j)
                    for (int i = 0; i < box.size[0]; ++i) comp.at(i, j, k) = cc.labels.at(i + lo[0], j + lo[1], k + lo[2]) == best ? 1 : 0;
            return distanceInsideMm(comp);
        }();
        for (int k = 0; k < nz; ++k)
            for (int j = 0; j < ny; ++j)
                for (int i = 0; i < nx; ++i) {
                    if (cc.labels.at(i, j, k) != best) continue;
                    r.trunk.at(i, j, k) = 1;
                    if (!thickCore.at(i, j, k)) continue;
                    rawVals.push_back(raw.at(i, j, k));
                    const float depth = compThick.at(i - lo[0], j - lo[1], k - lo[2]);
                    if (depth > bestThick) { bestThick = depth; r.trunkSeed = {i, j, k}; }
                }
        r.paEnhancementHu = medianOf(coreVals[best]);
        r.coreVoxels = static_cast<int>(coreVals[best].size());
        if (p.zoneFromTrunkPieces) {
            // The other components that continue into a lung, as the trunk's does (the score's contact count):
            // bone and the aorta have no intrapulmonary part, a pulmonary artery cut by a clot does.
            std::vector<char> piece(nc + 1, 0);
            for (int l = 1; l <= nc; ++l)
                if (l != best && touchL[l] + touchR[l] > 0) { piece[l] = 1; ++r.trunkPieceCount; }
            if (r.trunkPieceCount)
                for (std::size_t n = 0; n < r.trunk.voxelCount(); ++n)
                    if (piece[cc.labels[n]]) r.trunkPieceVoxels.push_back(n);
        }
        const double med = medianOf(rawVals);
        for (auto& v : rawVals) v = static_cast<float>(std::abs(v - med));
        r.paNoiseHu = 1.4826 * medianOf(rawVals);
    }
    std::ostringstream why;
    why.precision(0);
    why << std::fixed << "pulmonary artery enhancement " << r.paEnhancementHu << " HU; ";
    if (r.paEnhancementHu >= p.adequateHu) {
        r.state = ContrastState::Adequate;
        why << "at least " << p.adequateHu << " HU: CTPA quality";
    } else if (r.paEnhancementHu >= p.assessableHu) {
        r.state = ContrastState::Suboptimal;
        why << "below " << p.adequateHu << " HU (CTPA quality): small and peripheral emboli may be missed";
    } else {
        r.state = ContrastState::NotAssessable;
        why << "below " << p.assessableHu << " HU: no arterial contrast, not assessable for pulmonary embolism (this is not a negative result)";
    }
    r.reason = why.str();
    return r;
}

}  // namespace tv
