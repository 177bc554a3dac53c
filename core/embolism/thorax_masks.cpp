#include "embolism/thorax_masks.h"

#include <algorithm>
#include <vector>

#include "image/outside_air.h"

namespace tv {

namespace {
// Per axial slice, regions enclosed by dense bone (vertebral bodies, rib and sternal marrow) and
// smaller than `maxAreaMm2` become bone too: their marrow is as bright as enhanced blood.
void fillBoneInteriors(Mask& bone, double maxAreaMm2) {
    const int nx = bone.nx(), ny = bone.ny(), nz = bone.nz();
    const double pix = bone.geometry().spacing[0] * bone.geometry().spacing[1];
    std::vector<std::uint8_t> outside(static_cast<std::size_t>(nx) * ny);
    std::vector<int> stack, comp;
    for (int k = 0; k < nz; ++k) {
        std::uint8_t* sl = bone.slice(k);
        std::fill(outside.begin(), outside.end(), 0);
        auto push = [&](int idx) {
            if (!sl[idx] && !outside[idx]) { outside[idx] = 1; stack.push_back(idx); }
        };
        for (int i = 0; i < nx; ++i) { push(i); push((ny - 1) * nx + i); }
        for (int j = 0; j < ny; ++j) { push(j * nx); push(j * nx + nx - 1); }
        while (!stack.empty()) {
            const int idx = stack.back();
            stack.pop_back();
            const int i = idx % nx, j = idx / nx;
            if (i > 0) push(idx - 1);
            if (i + 1 < nx) push(idx + 1);
            if (j > 0) push(idx - nx);
            if (j + 1 < ny) push(idx + nx);
        }
        // Enclosed regions: fill the small ones.
        std::vector<std::uint8_t> seen(outside);
        for (int start = 0; start < nx * ny; ++start) {
            if (sl[start] || seen[start]) continue;
            comp.clear();
            stack.push_back(start);
            seen[start] = 1;
            while (!stack.empty()) {
                const int idx = stack.back();
                stack.pop_back();
                comp.push_back(idx);
                const int i = idx % nx, j = idx / nx;
                const int nb[4] = {i > 0 ? idx - 1 : -1, i + 1 < nx ? idx + 1 : -1, j > 0 ? idx - nx : -1, j + 1 < ny ? idx + nx : -1};
                for (const int q : nb)
                    if (q >= 0 && !sl[q] && !seen[q]) { seen[q] = 1; stack.push_back(q); }
            }
            if (comp.size() * pix <= maxAreaMm2)
                for (const int idx : comp) sl[idx] = 1;
        }
    }
}
}  // namespace

Mask mediastinalCorridor(const Mask& lungs, double midlineX) {
    // In each row of each slice: between the rightmost right-lung voxel and the leftmost left-lung
    // voxel around the midline (robust for crops); rows without lung on a side extend to the border.
    const ImageGeometry& g = lungs.geometry();
    const int nx = lungs.nx(), ny = lungs.ny(), nz = lungs.nz();
    Mask corridor(g, 0);
    std::vector<std::int64_t> sliceLung(nz, 0);
    for (int k = 0; k < nz; ++k)
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i) sliceLung[k] += lungs.at(i, j, k);
    const std::int64_t maxSlice = *std::max_element(sliceLung.begin(), sliceLung.end());
    for (int k = 0; k < nz; ++k) {
        // Apices and bases: the pulmonary trunk lies where the lungs are broad.
        if (sliceLung[k] < 0.3 * maxSlice) continue;
        int jmin = ny, jmax = -1;
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i)
                if (lungs.at(i, j, k)) { jmin = std::min(jmin, j); jmax = std::max(jmax, j); }
        if (jmax < 0) continue;
        const int mid = static_cast<int>(midlineX);
        for (int j = jmin; j <= jmax; ++j) {
            int lo = mid, hi = mid;
            while (lo > 0 && !lungs.at(lo, j, k)) --lo;
            while (hi < nx - 1 && !lungs.at(hi, j, k)) ++hi;
            // No lung on a side (crops, or the chest wall in front of the lungs): at most 60 mm.
            const int maxHalf = static_cast<int>(60.0 / g.spacing[0]);
            if (!lungs.at(lo, j, k)) lo = std::max(lo, mid - maxHalf);
            if (!lungs.at(hi, j, k)) hi = std::min(hi, mid + maxHalf);
            if (!lungs.at(lo, j, k) && !lungs.at(hi, j, k)) continue;  // no lung on either side
            for (int i = lo; i <= hi; ++i)
                if (!lungs.at(i, j, k)) corridor.at(i, j, k) = 1;
        }
    }
    return corridor;
}

ThoraxMasks computeThoraxMasks(const Image<float>& s, const Image<float>& raw, const ThoraxParams& p,
                               const CancelToken& cancel) {
    const ImageGeometry& g = s.geometry();
    const int nx = s.nx(), ny = s.ny(), nz = s.nz();
    Mask air(g, 0);
    for (std::size_t n = 0; n < s.voxelCount(); ++n) air[n] = s[n] < p.airHu ? 1 : 0;
    Components cc = connectedComponents(air);
    cancel.throwIfCancelled();

    // Per component: touches the in-plane border? median HU (histogram of 10-HU bins).
    const int nc = cc.count();
    std::vector<char> touches(nc + 1, 0), touchesLeftEdge(nc + 1, 0), touchesRightEdge(nc + 1, 0);
    std::vector<std::vector<int>> hist(nc + 1);
    for (int k = 0; k < nz; ++k)
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i) {
                const int l = cc.labels.at(i, j, k);
                if (!l) continue;
                if (i == 0 || j == 0 || i == nx - 1 || j == ny - 1) touches[l] = 1;
                if (i == 0) touchesRightEdge[l] = 1;
                if (i == nx - 1) touchesLeftEdge[l] = 1;
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
    // Outside air: as dark as pure air (also air under the table), or reaching both lateral edges of
    // the field of view (a lung never crosses the midline; sharp kernels lift the median of air).
    auto isOutside = [&](int l) {
        if (!touches[l] && hist[l].empty()) return false;
        return isOutsideAir(OutsideAirRule{p.outsideAirMedianHu, p.outsideAirWideMedianHu}, median(l),
                            touchesLeftEdge[l] && touchesRightEdge[l]);
    };
    std::int64_t largest = 0;
    std::vector<char> isLung(nc + 1, 0);
    for (int l = 1; l <= nc; ++l) {
        // Outside air: touches the border, or is as dark as air under the table (lungs, even with
        // their airways, have a median well above pure air).
        if (isOutside(l)) continue;
        largest = std::max(largest, cc.sizes[l]);
    }
    for (int l = 1; l <= nc; ++l) {
        if (isOutside(l)) continue;
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
    cc = Components{};  // memory: the label image is the largest buffer of this stage
    air = Mask();
    m.lungVolumeMl = cnt * g.voxelVolumeMm3() / 1000.0;
    m.midlineX = cnt ? sumX / cnt : nx / 2.0;
    cancel.throwIfCancelled();

    m.mediastinum = mediastinalCorridor(m.lungs, m.midlineX);
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
    fillBoneInteriors(m.denseBone, p.maxBoneHoleMm2);
    // Intrapulmonary: not aerated, inside the lung hull, with aerated lung on both sides along at
    // least two of the three axes within intrapulmonaryMm (a vessel or bronchus crossing the lung).
    // Excludes the liver dome, the chest wall and mediastinal fat that border the lungs.
    m.nearLung = Mask(g, 0);
    {
        const int steps[3] = {std::max(1, static_cast<int>(p.intrapulmonaryMm / g.spacing[0])),
                              std::max(1, static_cast<int>(p.intrapulmonaryMm / g.spacing[1])),
                              std::max(1, static_cast<int>(p.intrapulmonaryMm / g.spacing[2]))};
        for (int k = 0; k < nz; ++k)
            for (int j = 0; j < ny; ++j)
                for (int i = 0; i < nx; ++i) {
                    if (!m.lungHull.at(i, j, k) || m.lungs.at(i, j, k)) continue;
                    int axes = 0;
                    for (int a = 0; a < 3; ++a) {
                        bool both = true;
                        for (int dir = -1; dir <= 1 && both; dir += 2) {
                            bool found = false;
                            for (int t = 1; t <= steps[a] && !found; ++t) {
                                int q[3] = {i, j, k};
                                q[a] += dir * t;
                                if (q[0] < 0 || q[1] < 0 || q[2] < 0 || q[0] >= nx || q[1] >= ny || q[2] >= nz) break;
                                found = m.lungs.at(q[0], q[1], q[2]) != 0;
                            }
                            both = found;
                        }
                        axes += both;
                    }
                    if (axes >= 2) m.nearLung.at(i, j, k) = 1;
                }
        // Hilum: where the main and lobar arteries leave the mediastinal corridor; they are
        // surrounded by lung on one side only, so the test above misses them.
        const Mask hilum = dilateMm(m.mediastinum, p.hilumMm);
        for (std::size_t n = 0; n < s.voxelCount(); ++n)
            if (hilum[n] && m.lungHull[n] && !m.lungs[n] && !m.mediastinum[n]) m.nearLung[n] = 1;
    }
    Mask soft(g, 0);
    for (std::size_t n = 0; n < soft.voxelCount(); ++n) soft[n] = m.mediastinum[n] && s[n] >= -30 ? 1 : 0;
    m.heart = dilateMm(erodeMm(soft, p.heartOpeningMm), p.heartOpeningMm);
    // Not bone: a vertebral body between the lungs (cancellous interior 150-300 HU, above the
    // soft-tissue floor, as thick as a chamber) survives the opening. Removed after the opening, not
    // before it: bone left out of `soft` would also shrink the heart mask where the chambers lie
    // against the sternum's margin (measured on pa-crop: fewer central clots found).
    for (std::size_t n = 0; n < m.heart.voxelCount(); ++n)
        if (m.denseBone[n]) m.heart[n] = 0;
    {
        double sumK = 0;
        std::int64_t cntH = 0;
        for (std::size_t n = 0; n < m.heart.voxelCount(); ++n)
            if (m.heart[n]) {
                sumK += static_cast<double>(n / (static_cast<std::size_t>(nx) * ny));
                ++cntH;
            }
        m.heartCentroidK = cntH ? sumK / cntH : -1;
    }
    return m;
}

}  // namespace tv
