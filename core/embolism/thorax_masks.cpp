#include "embolism/thorax_masks.h"

#include <algorithm>
#include <vector>

namespace tv {

ThoraxMasks computeThoraxMasks(const Image<float>& s, const Image<float>& raw, const ThoraxParams& p,
                               const CancelToken& cancel) {
    const ImageGeometry& g = s.geometry();
    const int nx = s.nx(), ny = s.ny(), nz = s.nz();
    Mask air(g, 0);
    for (std::size_t n = 0; n < s.voxelCount(); ++n) air[n] = s[n] < p.airHu ? 1 : 0;
    const Components cc = connectedComponents(air);
    cancel.throwIfCancelled();

    // Per component: touches the in-plane border? median HU (histogram of 10-HU bins).
    const int nc = cc.count();
    std::vector<char> touches(nc + 1, 0);
    std::vector<std::vector<int>> hist(nc + 1);
    for (int k = 0; k < nz; ++k)
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i) {
                const int l = cc.labels.at(i, j, k);
                if (!l) continue;
                if (i == 0 || j == 0 || i == nx - 1 || j == ny - 1) touches[l] = 1;
                if (cc.sizes[l] * 1.0 * g.voxelVolumeMm3() < 20000) continue;  // only large ones matter
                auto& h = hist[l];
                if (h.empty()) h.assign(80, 0);
                const int b = std::clamp(static_cast<int>((s.at(i, j, k) + 1100) / 10), 0, 79);
                ++h[b];
            }
    auto median = [&](int l) {
        const auto& h = hist[l];
        if (h.empty()) return 0.0;
        std::int64_t half = cc.sizes[l] / 2, acc = 0;
        for (int b = 0; b < 80; ++b) {
            acc += h[b];
            if (acc >= half) return b * 10.0 - 1100 + 5;
        }
        return -400.0;
    };
    std::int64_t largest = 0;
    std::vector<char> isLung(nc + 1, 0);
    for (int l = 1; l <= nc; ++l) {
        // Outside air: touches the border, or is as dark as air under the table (lungs, even with
        // their airways, have a median well above pure air).
        if ((touches[l] || hist[l].size()) && median(l) < p.outsideAirMedianHu) continue;
        largest = std::max(largest, cc.sizes[l]);
    }
    for (int l = 1; l <= nc; ++l) {
        if ((touches[l] || hist[l].size()) && median(l) < p.outsideAirMedianHu) continue;
        if (cc.sizes[l] >= p.minLungFraction * largest && cc.sizes[l] * g.voxelVolumeMm3() > 5000) isLung[l] = 1;
    }
    ThoraxMasks m;
    m.lungs = Mask(g, 0);
    double sumX = 0;
    std::int64_t cnt = 0;
    for (std::size_t n = 0; n < s.voxelCount(); ++n)
        if (isLung[cc.labels[n]]) {
            m.lungs[n] = 1;
            sumX += static_cast<double>(n % nx);
            ++cnt;
        }
    m.lungVolumeMl = cnt * g.voxelVolumeMm3() / 1000.0;
    m.midlineX = cnt ? sumX / cnt : nx / 2.0;
    cancel.throwIfCancelled();

    // Mediastinal corridor: in each row of each slice, between the last lung voxel left of the
    // midline... simpler and robust for crops: between the rightmost right-lung voxel and the
    // leftmost left-lung voxel around the midline; rows without lung on a side extend to the border.
    m.mediastinum = Mask(g, 0);
    std::vector<std::int64_t> sliceLung(nz, 0);
    for (int k = 0; k < nz; ++k)
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i) sliceLung[k] += m.lungs.at(i, j, k);
    const std::int64_t maxSlice = *std::max_element(sliceLung.begin(), sliceLung.end());
    for (int k = 0; k < nz; ++k) {
        // Apices and bases: the pulmonary trunk lies where the lungs are broad.
        if (sliceLung[k] < 0.3 * maxSlice) continue;
        int jmin = ny, jmax = -1;
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i)
                if (m.lungs.at(i, j, k)) { jmin = std::min(jmin, j); jmax = std::max(jmax, j); }
        if (jmax < 0) continue;
        const int mid = static_cast<int>(m.midlineX);
        for (int j = jmin; j <= jmax; ++j) {
            int lo = mid, hi = mid;
            while (lo > 0 && !m.lungs.at(lo, j, k)) --lo;
            while (hi < nx - 1 && !m.lungs.at(hi, j, k)) ++hi;
            for (int i = lo; i <= hi; ++i)
                if (!m.lungs.at(i, j, k)) m.mediastinum.at(i, j, k) = 1;
        }
    }
    // Lung hull: closing fills the vessels and bronchial walls surrounded by aerated lung.
    m.lungHull = closeMm(m.lungs, 6.0);
    cancel.throwIfCancelled();
    Mask dense(g, 0);
    // Cortex is thin: detect it on the unsmoothed grid, ignoring isolated noise voxels.
    for (std::size_t n = 0; n < s.voxelCount(); ++n) dense[n] = raw[n] > p.boneHu ? 1 : 0;
    {
        const Components dc = connectedComponents(dense, true);
        for (std::size_t n = 0; n < dense.voxelCount(); ++n)
            if (dense[n] && dc.sizes[dc.labels[n]] < 4) dense[n] = 0;
    }
    m.denseBone = dilateMm(dense, p.boneMarginMm);
    Mask soft(g, 0);
    for (std::size_t n = 0; n < soft.voxelCount(); ++n) soft[n] = m.mediastinum[n] && s[n] >= -30 ? 1 : 0;
    m.heart = dilateMm(erodeMm(soft, p.heartOpeningMm), p.heartOpeningMm);
    return m;
}

}  // namespace tv
