#include "embolism/oblique_defects.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>

#include <tbb/parallel_for.h>

#include "embolism/fine_defects.h"
#include "embolism/fine_slice.h"
#include "embolism/hessian_axis.h"
#include "embolism/thorax_masks.h"

namespace tv {
namespace {


// One region that passed on one centreline voxel's cross-section.
struct ObliqueRegion {
    std::size_t centre = 0;               // the centreline voxel (working offset)
    std::vector<std::size_t> voxels;      // working voxels its samples fall in (sorted, unique)
    std::vector<float> hu;                // its samples' native HU
    int faces = 0, contrastFaces = 0;     // its outline faces, and those on contrast
    double sectionRadiusMm = 0;           // equivalent radius of its section with it
};

// The regions of the plane across `axis` through centreline voxel (i, j, k) that pass the tests.
void planeRegions(const CtVolume& ct, const WorkingGrid& wg, const VesselTree& tree, const EmbolismParams& p, const Index3& v, double radiusMm,
                  const Eigen::Vector3d& axis, std::vector<ObliqueRegion>& out) {
    Eigen::Vector3d u = axis.cross(Eigen::Vector3d::UnitZ());
    if (u.norm() < 1e-6) return;
    u.normalize();
    const Eigen::Vector3d w = axis.cross(u).normalized();
    const Eigen::Vector3d sp = wg.geometry.spacing;
    const Eigen::Vector3d c(v[0] * sp[0], v[1] * sp[1], v[2] * sp[2]);
    const double step = p.fineObliqueStepMm;
    // Wide enough for the artery, its wall and the closing beyond it.
    const double half = std::min(p.fineObliqueMaxHalfWidthMm, 2.0 * radiusMm + p.fineClosingRadiusMm + 1.0);
    const int n = static_cast<int>(std::round(2 * half / step)) + 1;
    const double thr = tree.lumenThresholdHu, calciumHu = ThoraxParams{}.boneHu;
    std::vector<double> hu(static_cast<std::size_t>(n) * n);
    std::vector<std::uint8_t> lumen(hu.size());
    std::vector<Eigen::Vector3d> at(hu.size());
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x) {
            const std::size_t s = static_cast<std::size_t>(y) * n + x;
            at[s] = c + (x * step - half) * u + (y * step - half) * w;
            hu[s] = nativeHuAt(ct, wg, at[s]);
            lumen[s] = hu[s] >= thr;
        }
    std::vector<int> section;
    label2d(lumen, n, n, false, section);
    const int own = section[static_cast<std::size_t>(n / 2) * n + n / 2];
    if (!own) return;
    std::vector<float> sectionHu;
    for (std::size_t s = 0; s < hu.size(); ++s)
        if (section[s] == own) sectionHu.push_back(static_cast<float>(hu[s]));
    const int sectionArea = static_cast<int>(sectionHu.size());
    const std::size_t q75 = static_cast<std::size_t>((1.0 - p.fineCoreQuantile) * (sectionHu.size() - 1));
    std::nth_element(sectionHu.begin(), sectionHu.begin() + static_cast<std::ptrdiff_t>(q75), sectionHu.end());
    const double blood = sectionHu[q75];
    const int rr = static_cast<int>(std::round(p.fineClosingRadiusMm / step));
    const std::vector<std::uint8_t> closed = closePlaneWithDisk(lumen, n, rr);
    std::vector<std::uint8_t> deficit(hu.size());
    for (std::size_t s = 0; s < hu.size(); ++s) deficit[s] = closed[s] && !lumen[s];
    std::vector<int> label;
    const int nd = label2d(deficit, n, n, false, label);
    std::vector<std::vector<int>> parts(nd + 1);
    for (std::size_t s = 0; s < hu.size(); ++s)
        if (label[s]) parts[label[s]].push_back(static_cast<int>(s));
    const double sampleMm2 = step * step;
    const int depthR = static_cast<int>(std::ceil(p.fineMinDepthMm / step)), calciumR = static_cast<int>(std::ceil(p.fineCalciumMarginMm / step));
    for (int l = 1; l <= nd; ++l) {
        const std::vector<int>& px = parts[l];
        const double area = px.size() * sampleMm2;
        if (area < p.fineMinSliceAreaMm2 || area > p.fineMaxSliceAreaMm2) continue;
        if (px.size() > p.fineMaxDefectShare * (px.size() + sectionArea)) continue;
        int faces = 0, contrastFaces = 0, ownFaces = 0;
        bool edge = false;
        for (const int s : px) {
            const int x = s % n, y = s / n;
            if (x == 0 || y == 0 || x == n - 1 || y == n - 1) edge = true;
            for (const int q : {x > 0 ? s - 1 : -1, x + 1 < n ? s + 1 : -1, y > 0 ? s - n : -1, y + 1 < n ? s + n : -1}) {
                if (q < 0 || label[q] == l) continue;
                ++faces;
                contrastFaces += lumen[q] != 0;
                ownFaces += section[q] == own;
            }
        }
        // Inside the plane, wrapped by the centre's own section (a gap between two vessels borders both).
        if (edge || contrastFaces == 0 || ownFaces < p.fineMinOneSectionShare * contrastFaces) continue;
        if (contrastFaces < p.fineBreachedHoleMinEnclosure * faces) continue;
        std::vector<float> rh;
        rh.reserve(px.size());
        for (const int s : px) rh.push_back(static_cast<float>(hu[s]));
        std::sort(rh.begin(), rh.end());
        const double core = rh[static_cast<std::size_t>(p.fineCoreQuantile * (rh.size() - 1))];
        if (fineContrastNorm(blood, core, p) < p.fineMinContrastNorm) continue;
        bool deep = false;  // a sample whose disk of fineMinDepthMm lies in the region
        for (std::size_t t = 0; t < px.size() && !deep; ++t) {
            const int x = px[t] % n, y = px[t] / n;
            bool all = true;
            for (int b = -depthR; b <= depthR && all; ++b)
                for (int a = -depthR; a <= depthR && all; ++a)
                    if (a * a + b * b <= depthR * depthR) {
                        const int xx = x + a, yy = y + b;
                        all = xx >= 0 && yy >= 0 && xx < n && yy < n && label[static_cast<std::size_t>(yy) * n + xx] == l;
                    }
            deep = all;
        }
        if (!deep) continue;
        bool calcium = false;  // calcium closed it, not the artery's contrast (fineCalciumMarginMm)
        for (std::size_t t = 0; t < px.size() && !calcium; ++t) {
            const int x = px[t] % n, y = px[t] / n;
            for (int b = -calciumR; b <= calciumR && !calcium; ++b)
                for (int a = -calciumR; a <= calciumR && !calcium; ++a) {
                    const int xx = x + a, yy = y + b;
                    if (xx >= 0 && yy >= 0 && xx < n && yy < n && a * a + b * b <= calciumR * calciumR)
                        calcium = hu[static_cast<std::size_t>(yy) * n + xx] > calciumHu;
                }
        }
        if (calcium) continue;
        ObliqueRegion r;
        r.centre = wg.hu.offset(v[0], v[1], v[2]);
        for (const int s : px) {
            const long long q = nearestVoxel(wg.geometry, at[s]);
            if (q >= 0) r.voxels.push_back(static_cast<std::size_t>(q));
        }
        std::sort(r.voxels.begin(), r.voxels.end());
        r.voxels.erase(std::unique(r.voxels.begin(), r.voxels.end()), r.voxels.end());
        if (r.voxels.empty()) continue;
        r.hu = std::move(rh);
        r.faces = faces;
        r.contrastFaces = contrastFaces;
        r.sectionRadiusMm = std::sqrt((sectionArea + px.size()) * sampleMm2 / fine_slice::kPi);
        out.push_back(std::move(r));
    }
}
}  // namespace

namespace {
// Binary dilation (or erosion) of an n x n plane with a disk of r samples; outside counts as off for
// a dilation and on for an erosion (the closing then keeps the plane's edge as it is).
std::vector<std::uint8_t> diskMorph(const std::vector<std::uint8_t>& in, int n, int r, bool dilate) {
    std::vector<std::uint8_t> out(in.size(), 0);
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x) {
            bool any = false, all = true;
            for (int b = -r; b <= r && (dilate ? !any : all); ++b)
                for (int a = -r; a <= r; ++a) {
                    if (a * a + b * b > r * r) continue;
                    const int xx = x + a, yy = y + b;
                    const bool on = xx >= 0 && yy >= 0 && xx < n && yy < n ? in[static_cast<std::size_t>(yy) * n + xx] != 0 : !dilate;
                    any = any || on;
                    all = all && on;
                }
            out[static_cast<std::size_t>(y) * n + x] = dilate ? any : all;
        }
    return out;
}

}  // namespace

double nativeHuAt(const CtVolume& ct, const WorkingGrid& wg, const Eigen::Vector3d& g) {
    double f[3];
    int f0[3];
    for (int a = 0; a < 3; ++a) {
        f[a] = g[a] / wg.geometry.spacing[a] * wg.bin[a] + 0.5 * (wg.bin[a] - 1);
        f0[a] = static_cast<int>(std::floor(f[a]));
    }
    double s = 0;
    for (int c = 0; c < 2; ++c)
        for (int b = 0; b < 2; ++b)
            for (int a = 0; a < 2; ++a) {
                const int fine[3] = {f0[0] + a, f0[1] + b, f0[2] + c};
                const double w = (a ? f[0] - f0[0] : 1 - (f[0] - f0[0])) * (b ? f[1] - f0[1] : 1 - (f[1] - f0[1])) * (c ? f[2] - f0[2] : 1 - (f[2] - f0[2]));
                Index3 src{};
                for (int ax = 0; ax < 3; ++ax) {
                    const int sa = wg.axisOf[ax];
                    const int v = std::clamp(fine[ax], 0, wg.sourceSize[sa] - 1);
                    src[sa] = wg.flip[ax] ? wg.sourceSize[sa] - 1 - v : v;
                }
                s += w * ct.hu.at(src[0], src[1], src[2]);
            }
    return s;
}

std::vector<std::uint8_t> closePlaneWithDisk(const std::vector<std::uint8_t>& plane, int n, int r) {
    return diskMorph(diskMorph(plane, n, r, true), n, r, false);
}

std::vector<ObliqueDefect> findObliqueDefectGroups(const CtVolume& ct, const WorkingGrid& wg, const VesselTree& tree, const ContrastResult& contrast,
                                                   const EmbolismParams& p, int minSupport, const CancelToken& cancel, const Mask* aorta) {
    std::vector<ObliqueDefect> out;
    if (!p.fineObliquePass || wg.bin[0] < p.fineObliqueMinBinning || wg.bin[1] < p.fineObliqueMinBinning || !finePassApplies(wg, tree, contrast, p)) return out;
    const Index3 size = wg.geometry.size;
    // Slices in parallel, each into its own list (joined in slice order: the result does not depend on
    // the scheduling).
    std::vector<std::vector<ObliqueRegion>> perSlice(static_cast<std::size_t>(size[2]));
    tbb::parallel_for(1, size[2] - 1, [&](int k) {
        if (cancel.isCancelled()) return;
        for (int j = 1; j < size[1] - 1; ++j)
            for (int i = 1; i < size[0] - 1; ++i) {
                if (tree.connected.at(i, j, k) != static_cast<std::uint8_t>(ArteryCode::Lobar) || !isAxisRidge(tree.radius, i, j, k)) continue;
                const double r = tree.radius.at(i, j, k);
                if (r <= 0) continue;
                const auto axis = hessianAxis(tree.radius, Index3{i, j, k}, r);
                if (!axis || std::abs(axis->z()) > p.fineObliqueMaxAxisZ) continue;
                planeRegions(ct, wg, tree, p, Index3{i, j, k}, r, *axis, perSlice[static_cast<std::size_t>(k)]);
            }
    });
    cancel.throwIfCancelled();
    std::vector<ObliqueRegion> regions;
    for (auto& slice : perSlice)
        for (ObliqueRegion& r : slice) regions.push_back(std::move(r));
    // Regions that share a working voxel are one defect seen from several centreline voxels.
    std::vector<std::size_t> parent(regions.size());
    std::iota(parent.begin(), parent.end(), 0);
    const auto find = [&](std::size_t a) {
        while (parent[a] != a) a = parent[a] = parent[parent[a]];
        return a;
    };
    std::map<std::size_t, std::size_t> firstAt;
    for (std::size_t r = 0; r < regions.size(); ++r)
        for (const std::size_t q : regions[r].voxels) {
            const auto [it, fresh] = firstAt.emplace(q, r);
            if (!fresh) parent[find(r)] = find(it->second);
        }
    std::map<std::size_t, std::vector<std::size_t>> groups;
    for (std::size_t r = 0; r < regions.size(); ++r) groups[find(r)].push_back(r);
    for (const auto& [root, members] : groups) {
        std::set<std::size_t> centres;
        for (const std::size_t r : members) centres.insert(regions[r].centre);
        if (static_cast<int>(centres.size()) < minSupport) continue;
        RawCandidate c;
        c.fromFine = true;
        c.fromCrossSections = true;
        std::vector<float> hu;
        int faces = 0, contrastFaces = 0, aortaVoxels = 0;
        for (const std::size_t r : members) {
            const ObliqueRegion& g = regions[r];
            c.voxels.insert(c.voxels.end(), g.voxels.begin(), g.voxels.end());
            hu.insert(hu.end(), g.hu.begin(), g.hu.end());
            faces += g.faces;
            contrastFaces += g.contrastFaces;
            c.completedRadiusMm = std::max(c.completedRadiusMm, g.sectionRadiusMm);
        }
        std::sort(c.voxels.begin(), c.voxels.end());
        c.voxels.erase(std::unique(c.voxels.begin(), c.voxels.end()), c.voxels.end());
        if (aorta && aorta->voxelCount())
            for (const std::size_t q : c.voxels) aortaVoxels += (*aorta)[q] != 0;
        std::sort(hu.begin(), hu.end());
        c.fineMedianHu = hu[hu.size() / 2];
        c.fineCoreHu = hu[static_cast<std::size_t>(p.fineCoreQuantile * (hu.size() - 1))];
        // Its artery's contrast wraps it on every cross-section that sees it (the breached-hole
        // enclosure): scored as a breached hole is.
        c.fineHoleShare = 1.0;
        c.fineBreachedShare = 1.0;
        c.fineSliceHoleShare = 0.0;  // its holes are breached ones, which the slice share leaves out
        c.fineEnclosure = faces ? static_cast<double>(contrastFaces) / faces : 0.0;
        c.fineAortaShare = static_cast<double>(aortaVoxels) / c.voxels.size();
        out.push_back(ObliqueDefect{std::move(c), static_cast<int>(centres.size())});
    }
    return out;
}

std::vector<RawCandidate> findObliqueDefects(const CtVolume& ct, const WorkingGrid& wg, const VesselTree& tree, const ContrastResult& contrast,
                                             const EmbolismParams& p, const CancelToken& cancel, const Mask* aorta) {
    std::vector<RawCandidate> out;
    for (ObliqueDefect& d : findObliqueDefectGroups(ct, wg, tree, contrast, p, p.fineObliqueMinSupport, cancel, aorta))
        out.push_back(std::move(d.candidate));
    return out;
}

}  // namespace tv
