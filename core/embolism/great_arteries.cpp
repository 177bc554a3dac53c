#include "embolism/great_arteries.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace tv {
namespace {

// One 4-connected enhanced region of one axial slice, as found after eroding the lumen by erosionMm.
struct SliceRegion {
    int k = 0;
    std::vector<int> pixels;  // j * nx + i
    double ci = 0, cj = 0;    // centroid (voxels)
    double diameterMm = 0;
    double erosionMm = 0;
    bool disc = false;        // round: may start a tube
    bool oval = false;        // of aortic calibre but oval: may only continue a tube
};

// Centroid, calibre (extent plus the erosion on both sides) and the disc / oval tests of p.aorta*.
void measureRegion(SliceRegion& r, int nx, const Eigen::Vector3d& sp, const EmbolismParams& p) {
    int i0 = 1 << 30, i1 = -1, j0 = 1 << 30, j1 = -1;
    r.ci = r.cj = 0;
    for (const int idx : r.pixels) {
        const int i = idx % nx, j = idx / nx;
        r.ci += i;
        r.cj += j;
        i0 = std::min(i0, i), i1 = std::max(i1, i), j0 = std::min(j0, j), j1 = std::max(j1, j);
    }
    const double n = static_cast<double>(r.pixels.size());
    r.ci /= n;
    r.cj /= n;
    const double ei = (i1 - i0 + 1) * sp[0], ej = (j1 - j0 + 1) * sp[1];
    const double di = ei + 2 * r.erosionMm, dj = ej + 2 * r.erosionMm;
    r.diameterMm = 0.5 * (di + dj);
    const double fill = n * sp[0] * sp[1] / (M_PI / 4.0 * ei * ej);
    const double ratio = std::max(di, dj) / std::min(di, dj);
    const bool calibre = r.diameterMm >= p.aortaMinDiameterMm && r.diameterMm <= p.aortaMaxDiameterMm && fill >= p.aortaMinFill;
    r.disc = calibre && ratio <= p.aortaMaxAxisRatio;
    r.oval = calibre && !r.disc && ratio <= p.aortaMaxOvalRatio;
}

// 4-connected components of the pixels `inside` of the listed pixels (nx columns).
std::vector<std::vector<int>> components2d(const std::vector<int>& pixels, const std::vector<std::uint8_t>& inside, int nx, int ny) {
    std::vector<std::vector<int>> out;
    std::vector<std::uint8_t> seen(inside.size(), 0);
    std::vector<int> stack;
    for (const int start : pixels) {
        if (!inside[start] || seen[start]) continue;
        out.emplace_back();
        seen[start] = 1;
        stack.push_back(start);
        while (!stack.empty()) {
            const int idx = stack.back();
            stack.pop_back();
            out.back().push_back(idx);
            const int i = idx % nx, j = idx / nx;
            const int nb[4] = {i > 0 ? idx - 1 : -1, i + 1 < nx ? idx + 1 : -1, j > 0 ? idx - nx : -1, j + 1 < ny ? idx + nx : -1};
            for (const int q : nb)
                if (q >= 0 && inside[q] && !seen[q]) { seen[q] = 1; stack.push_back(q); }
        }
    }
    return out;
}

// In-plane distance (mm, chamfer with the true axial and diagonal steps) from each pixel of `region`
// to the nearest pixel outside it; `dist` is nx * ny, written only on the region's pixels.
void inPlaneDistance(const std::vector<int>& region, const std::vector<std::uint8_t>& inRegion, int nx, int ny,
                     const Eigen::Vector3d& sp, std::vector<float>& dist) {
    int i0 = nx, i1 = -1, j0 = ny, j1 = -1;
    for (const int idx : region) i0 = std::min(i0, idx % nx), i1 = std::max(i1, idx % nx), j0 = std::min(j0, idx / nx), j1 = std::max(j1, idx / nx);
    const float a = static_cast<float>(sp[0]), b = static_cast<float>(sp[1]), d = static_cast<float>(std::hypot(sp[0], sp[1]));
    auto at = [&](int i, int j) { return (i < 0 || j < 0 || i >= nx || j >= ny || !inRegion[j * nx + i]) ? 0.0f : dist[j * nx + i]; };
    for (const int idx : region) dist[idx] = 1e9f;
    for (int j = j0; j <= j1; ++j)
        for (int i = i0; i <= i1; ++i)
            if (inRegion[j * nx + i])
                dist[j * nx + i] = std::min({dist[j * nx + i], at(i - 1, j) + a, at(i, j - 1) + b, at(i - 1, j - 1) + d, at(i + 1, j - 1) + d});
    for (int j = j1; j >= j0; --j)
        for (int i = i1; i >= i0; --i)
            if (inRegion[j * nx + i])
                dist[j * nx + i] = std::min({dist[j * nx + i], at(i + 1, j) + a, at(i, j + 1) + b, at(i + 1, j + 1) + d, at(i - 1, j + 1) + d});
}

// Regions of `inSlice` (nx * ny, 0/1: the lumen eroded by p.aortaSeparationMm) on slice k. A region
// of aortic calibre or more that is not a disc may be the aorta merged with the trunk, the SVC or a
// chamber through a neck wider than the erosion parted: it is eroded further in-plane (steps of
// p.aortaErosionStepMm up to p.aortaMaxErosionMm in all), and the parts that are then discs or ovals
// of aortic calibre (measured with the whole erosion added back) are taken instead, each at the
// smallest erosion that parts it.
void sliceRegions(const std::vector<std::uint8_t>& inSlice, int nx, int ny, int k, const Eigen::Vector3d& sp,
                  const EmbolismParams& p, std::vector<SliceRegion>& out) {
    std::vector<int> all;
    for (int n = 0; n < nx * ny; ++n)
        if (inSlice[n]) all.push_back(n);
    std::vector<float> dist(inSlice.size(), 0.0f);
    std::vector<std::uint8_t> inside(inSlice.size(), 0), taken(inSlice.size(), 0);
    for (auto& pixels : components2d(all, inSlice, nx, ny)) {
        SliceRegion r;
        r.k = k;
        r.erosionMm = p.aortaSeparationMm;
        r.pixels = std::move(pixels);
        measureRegion(r, nx, sp, p);
        if (r.disc || r.oval || r.diameterMm < p.aortaMinDiameterMm || p.aortaErosionStepMm <= 0) {
            out.push_back(std::move(r));
            continue;
        }
        inPlaneDistance(r.pixels, inSlice, nx, ny, sp, dist);
        for (double extra = p.aortaErosionStepMm; p.aortaSeparationMm + extra <= p.aortaMaxErosionMm + 1e-9; extra += p.aortaErosionStepMm) {
            for (const int idx : r.pixels) inside[idx] = dist[idx] > extra && !taken[idx] ? 1 : 0;
            for (auto& part : components2d(r.pixels, inside, nx, ny)) {
                SliceRegion q;
                q.k = k;
                q.erosionMm = p.aortaSeparationMm + extra;
                q.pixels = std::move(part);
                measureRegion(q, nx, sp, p);
                if (!q.disc && !q.oval) continue;
                // Everything of the merged region within the part's erosion is its (the rest of
                // the region keeps being eroded for other parts).
                for (const int idx : q.pixels) taken[idx] = 1;
                out.push_back(std::move(q));
            }
        }
        for (const int idx : r.pixels) inside[idx] = taken[idx] = 0;
    }
}

int findRoot(std::vector<int>& parent, int a) {
    while (parent[a] != a) a = parent[a] = parent[parent[a]];
    return a;
}

// The ascending aorta's section on one slice (centre in voxels); diameterMm 0 where it has none.
struct AxialDisc {
    double ci = 0, cj = 0, diameterMm = 0;
    bool valid() const { return diameterMm > 0; }
};

// The ascending aorta, chosen once as a tube (not slice by slice: on a slice where its section fails
// the disc test, e.g. where the pulmonary trunk or the appendage touches it, the descending aorta
// would be taken instead, and nothing on the slices it bridges): of the tubes with discs of
// ascending calibre, the one whose such discs lie furthest anterior on average (smallest j; the
// descending aorta lies behind the heart, the SVC is thinner). Its section on every slice from its
// lowest to its highest disc, interpolated across the slices it bridges; below its lowest disc held
// down to slice 0 (the aortic root, at the valve level, merges with the chambers and the outflow
// tract and is seldom round).
std::vector<AxialDisc> ascendingAortaBySlice(const std::vector<SliceRegion>& regions, const std::vector<int>& discs,
                                             std::vector<int>& parent, const std::vector<char>& isTube, int nz,
                                             const EmbolismParams& p, int& lowestDiscK) {
    std::vector<double> sumJ(regions.size(), 0.0);
    std::vector<int> count(regions.size(), 0);
    for (const int a : discs) {
        const int root = findRoot(parent, a);
        if (!isTube[root] || !regions[a].disc || regions[a].diameterMm < p.ascendingAortaMinDiameterMm) continue;
        sumJ[root] += regions[a].cj;
        ++count[root];
    }
    int best = -1;
    for (std::size_t r = 0; r < regions.size(); ++r)
        if (count[r] && (best < 0 || sumJ[r] / count[r] < sumJ[best] / count[best])) best = static_cast<int>(r);
    std::vector<AxialDisc> asc(nz);
    lowestDiscK = -1;
    if (best < 0) return asc;
    for (const int a : discs) {
        const SliceRegion& r = regions[a];
        if (findRoot(parent, a) != best || r.diameterMm <= asc[r.k].diameterMm) continue;
        asc[r.k] = {r.ci, r.cj, r.diameterMm};  // the widest where the tube has two discs on a slice
    }
    int previous = -1;
    for (int k = 0; k < nz; ++k) {
        if (!asc[k].valid()) continue;
        if (lowestDiscK < 0) lowestDiscK = k;
        if (previous < 0)
            std::fill(asc.begin(), asc.begin() + k, asc[k]);
        else
            for (int g = previous + 1; g < k; ++g) {
                const double t = static_cast<double>(g - previous) / (k - previous);
                const AxialDisc &a = asc[previous], &b = asc[k];
                asc[g] = {a.ci + t * (b.ci - a.ci), a.cj + t * (b.cj - a.cj), a.diameterMm + t * (b.diameterMm - a.diameterMm)};
            }
        previous = k;
    }
    return asc;
}

}  // namespace

GreatArteryResult carveGreatArteries(ThoraxMasks& m, const Image<float>& s, double lumenThresholdHu, const EmbolismParams& p) {
    GreatArteryResult res;
    const ImageGeometry& g = s.geometry();
    const int nx = s.nx(), ny = s.ny(), nz = s.nz();
    const Eigen::Vector3d sp = g.spacing;
    // 1. The aorta: per slice, round enhanced regions of aortic calibre; linked into vertical tubes.
    //    On CTPA the aorta touches the trunk and the chambers at the lumen threshold (thin walls,
    //    smoothed): the regions are taken on the lumen eroded by p.aortaSeparationMm, which parts
    //    them (and further in-plane where it does not, sliceRegions), and grown back by as much when
    //    painted.
    Mask enhanced(g, 0);
    for (std::size_t n = 0; n < enhanced.voxelCount(); ++n)
        enhanced[n] = m.mediastinum[n] && !m.denseBone[n] && s[n] >= lumenThresholdHu ? 1 : 0;
    std::vector<SliceRegion> regions;
    {
        const Mask parted = erodeMm(enhanced, p.aortaSeparationMm);
        std::vector<std::uint8_t> inSlice(static_cast<std::size_t>(nx) * ny);
        for (int k = 0; k < nz; ++k) {
            std::copy(parted.slice(k), parted.slice(k) + nx * ny, inSlice.begin());
            sliceRegions(inSlice, nx, ny, k, sp, p, regions);
        }
    }
    std::vector<int> discs;
    for (int r = 0; r < static_cast<int>(regions.size()); ++r)
        if (regions[r].disc || regions[r].oval) discs.push_back(r);
    std::vector<int> parent(regions.size());
    std::iota(parent.begin(), parent.end(), 0);
    // A disc continues in the next slice when its centre moves by at most the tilt allowance (plus
    // half an in-plane voxel of centroid quantisation) and its calibre stays within the same share.
    std::vector<std::pair<int, int>> gaps;  // links over slices where the aorta merged with a neighbour
    const double maxShiftMm = std::tan(p.aortaMaxTiltDeg * M_PI / 180.0) * sp[2] + 0.5 * std::max(sp[0], sp[1]);
    for (const int a : discs)
        for (const int b : discs) {
            const SliceRegion &ra = regions[a], &rb = regions[b];
            const int dk = rb.k - ra.k;
            if (dk < 1 || (dk - 1) * sp[2] > p.aortaMaxGapMm) continue;
            const double shift = std::hypot((ra.ci - rb.ci) * sp[0], (ra.cj - rb.cj) * sp[1]) - (dk - 1) * maxShiftMm;
            const double calibre = std::max(ra.diameterMm, rb.diameterMm) / std::min(ra.diameterMm, rb.diameterMm);
            if (shift <= maxShiftMm && calibre <= p.aortaMaxAxisRatio) {
                parent[findRoot(parent, a)] = findRoot(parent, b);
                if (dk > 1) gaps.emplace_back(a, b);
            }
        }
    // Tubes long enough, and straight overall (not a chain of small steps along an oblique vessel),
    // measured on their round sections (ovals continue a tube, they do not make one).
    struct Extent {
        int k0 = 1 << 30, k1 = -1;
        double ci0 = 0, cj0 = 0, ci1 = 0, cj1 = 0;
    };
    std::vector<Extent> ext(regions.size());
    for (const int a : discs) {
        if (!regions[a].disc) continue;
        Extent& e = ext[findRoot(parent, a)];
        const SliceRegion& r = regions[a];
        if (r.k < e.k0) { e.k0 = r.k; e.ci0 = r.ci; e.cj0 = r.cj; }
        if (r.k > e.k1) { e.k1 = r.k; e.ci1 = r.ci; e.cj1 = r.cj; }
    }
    std::vector<char> isTube(regions.size(), 0);
    for (const int a : discs) {
        const int root = findRoot(parent, a);
        if (isTube[root] || ext[root].k1 < 0) continue;
        const Extent& e = ext[root];
        const double height = (e.k1 - e.k0 + 1) * sp[2];
        const double drift = std::hypot((e.ci1 - e.ci0) * sp[0], (e.cj1 - e.cj0) * sp[1]);
        if (height >= p.aortaMinLengthMm && drift <= std::tan(p.aortaMaxTiltDeg * M_PI / 180.0) * height) {
            isTube[root] = 1;
            ++res.aortaTubes;
        }
    }
    int lowestAscendingK = -1;
    const std::vector<AxialDisc> ascending = ascendingAortaBySlice(regions, discs, parent, isTube, nz, p, lowestAscendingK);
    if (m.carinaK >= 0) res.valveK = m.carinaK - p.valveBelowCarinaMm / sp[2];
    // The lumen: per tube slice, the enhanced voxels within the disc's radius (the region's area
    // equivalent radius plus the erosion) of its centre; across a gap, the disc interpolated between
    // its ends. A disc, not the region grown back: where the eroded region bulges towards a touching
    // trunk, growing it back would take the trunk's lumen too.
    Mask lumen(g, 0);
    auto paintDisc = [&](int k, double ci, double cj, double radiusMm) {
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i)
                if (enhanced.at(i, j, k) && std::hypot((i - ci) * sp[0], (j - cj) * sp[1]) <= radiusMm) lumen.at(i, j, k) = 1;
    };
    auto discRadiusMm = [&](const SliceRegion& r) {
        return std::sqrt(static_cast<double>(r.pixels.size()) * sp[0] * sp[1] / M_PI) + r.erosionMm;
    };
    for (const int a : discs)
        if (isTube[findRoot(parent, a)]) paintDisc(regions[a].k, regions[a].ci, regions[a].cj, discRadiusMm(regions[a]));
    for (const auto& [a, b] : gaps) {
        if (!isTube[findRoot(parent, a)]) continue;
        const SliceRegion &ra = regions[a], &rb = regions[b];
        for (int k = ra.k + 1; k < rb.k; ++k) {
            const double t = static_cast<double>(k - ra.k) / (rb.k - ra.k);
            paintDisc(k, ra.ci + t * (rb.ci - ra.ci), ra.cj + t * (rb.cj - ra.cj), discRadiusMm(ra) + t * (discRadiusMm(rb) - discRadiusMm(ra)));
        }
    }
    // The aortic root, from the ascending aorta's lowest disc down to the (pulmonary) valve level:
    // it merges with the outflow tracts there and is seldom round, but above the valve it must not
    // become arterial tree (the aortic valve lies at or below the pulmonary valve). Its lowest disc
    // held, as the heart mask's carving below holds it.
    if (m.carinaK >= 0 && lowestAscendingK >= 0)
        for (int k = std::max(0, static_cast<int>(std::floor(res.valveK)) + 1); k < lowestAscendingK; ++k)
            paintDisc(k, ascending[k].ci, ascending[k].cj, 0.5 * ascending[k].diameterMm);
    // Then the wall and its partial-volume rim, but never the enhanced lumen of a touching vessel.
    m.aorta = dilateMm(lumen, p.aortaWallMm);
    for (std::size_t n = 0; n < m.aorta.voxelCount(); ++n) {
        if (m.aorta[n] && !lumen[n] && s[n] >= lumenThresholdHu) m.aorta[n] = 0;
        res.aortaVoxels += m.aorta[n];
    }
    // 2. The heart mask ends at the pulmonary valve: above it lie the trunk, the main PAs and the
    //    aortic root, where central emboli are searched.
    if (m.carinaK >= 0 && m.heart.voxelCount()) {
        const int first = std::max(0, static_cast<int>(std::floor(res.valveK)) + 1);
        for (int k = first; k < nz; ++k) {
            // Right of the ascending aorta and in front of its centre lie the right atrium, its
            // appendage and the SVC junction (mixing artefacts), not a pulmonary artery: the right
            // PA runs behind the aorta. They stay heart.
            const AxialDisc& asc = ascending[k];
            for (int j = 0; j < ny; ++j)
                for (int i = 0; i < nx; ++i) {
                    std::uint8_t& h = m.heart.at(i, j, k);
                    if (!h) continue;
                    if (asc.valid() && j < asc.cj && (asc.ci - i) * sp[0] > 0.5 * asc.diameterMm) continue;
                    ++res.heartVoxelsFreed;
                    h = 0;
                }
        }
    }
    return res;
}

}  // namespace tv
