#include "evaluation/clot_occlusion.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <deque>
#include <limits>
#include <vector>

#include "embolism/volume_ops.h"
#include "embolism/working_grid.h"
#include "evaluation/wide_lumen.h"

namespace tv {

double trilinear(const Image<float>& img, const Eigen::Vector3d& x) {
    const Index3& n = img.size();
    std::array<int, 3> i0{};
    std::array<double, 3> f{};
    for (int d = 0; d < 3; ++d) {
        if (x[d] < 0 || x[d] > n[d] - 1) return std::nan("");
        i0[d] = std::min(static_cast<int>(std::floor(x[d])), std::max(0, n[d] - 2));
        f[d] = n[d] > 1 ? x[d] - i0[d] : 0.0;
    }
    double v = 0;
    for (int c = 0; c < 8; ++c) {
        double w = 1;
        std::array<int, 3> q{};
        for (int d = 0; d < 3; ++d) {
            const int bit = (c >> d) & 1;
            q[d] = std::min(i0[d] + bit, n[d] - 1);
            w *= bit ? f[d] : 1 - f[d];
        }
        if (w > 0) v += w * img.at(q[0], q[1], q[2]);
    }
    return v;
}

namespace {

// Brightest smoothed value (before the insertion) still counted as the artery's own blood: as far
// above the site's blood level as the lumen threshold is below it (x rule.sameBloodBand). Brighter
// lumen is another vessel touching the artery without a wall the smoothed view resolves (pa-crop:
// the superior vena cava's undiluted contrast, 900-1700 HU, against the right PA's 500-600 HU).
double sameBloodMaxHu(const ClotSpec& spec, double threshold, const ClotOcclusionRule& rule) {
    return spec.site.bloodHu + rule.sameBloodBand * std::max(0.0, spec.site.bloodHu - threshold);
}

// Darkest smoothed value (before the insertion) of the artery's blood, as opposed to the partial
// volume at its wall or at a contact with another vessel (pa-crop round 2 clot 4: a path left the
// right PA through a 298 HU contact into the aorta, 430-450 HU, and came back beyond the clot).
double bloodCoreMinHu(const ClotSpec& spec, double threshold, const ClotOcclusionRule& rule) {
    return threshold + rule.bloodCoreShare * std::max(0.0, spec.site.bloodHu - threshold);
}

// The artery's blood core before the insertion (see the header).
bool arteryBlood(double before, const ClotSpec& spec, double threshold, const ClotOcclusionRule& rule) {
    return before >= bloodCoreMinHu(spec, threshold, rule) && before <= sameBloodMaxHu(spec, threshold, rule);
}

// The wider vessel's lumen within the clot's axial reach (header; wide_lumen.h), on a box of the view.
struct WiderCut {
    Index3 lo{0, 0, 0};
    Mask m;
    bool at(int i, int j, int k) const {
        const Index3& n = m.size();
        i -= lo[0], j -= lo[1], k -= lo[2];
        return i >= 0 && j >= 0 && k >= 0 && i < n[0] && j < n[1] && k < n[2] && m.at(i, j, k);
    }
};

WiderCut widerCut(const Image<float>& before, const ClotSpec& spec, double threshold, const ClotOcclusionRule& rule) {
    WiderCut out;
    const double R = spec.site.radiusMm, ball = rule.widerRadii * R;
    if (ball <= 0) return out;
    const ImageGeometry& g = before.geometry();
    const Eigen::Affine3d toLps = g.voxelToPatient();
    const Eigen::Vector3d a = spec.site.axisLps.normalized();
    const Eigen::Vector3d c = spec.site.centerLps;
    const double end = clotEndReachMm(spec);
    // Everything the bypass and section measures look at, plus two balls (wide_lumen.h).
    const double depth = std::max(rule.sideDepthRadii * R, rule.sideMinDepthVoxels * g.spacing.maxCoeff());
    const double reach = std::hypot(end + depth, clotRadialReachMm(spec) + rule.marginMm) + 2 * ball;
    const Eigen::Vector3d cv = g.patientToVoxel(c);
    Index3 hi{};
    for (int d = 0; d < 3; ++d) {
        const double r = reach / g.spacing[d] + 1;
        out.lo[d] = std::max(0, static_cast<int>(std::floor(cv[d] - r)));
        hi[d] = std::min(g.size[d] - 1, static_cast<int>(std::ceil(cv[d] + r)));
        if (out.lo[d] > hi[d]) return out;
    }
    ImageGeometry eg;
    eg.size = {hi[0] - out.lo[0] + 1, hi[1] - out.lo[1] + 1, hi[2] - out.lo[2] + 1};
    eg.spacing = g.spacing;
    Mask core(eg, 0), seeds(eg, 0);
    for (int k = out.lo[2]; k <= hi[2]; ++k)
        for (int j = out.lo[1]; j <= hi[1]; ++j)
            for (int i = out.lo[0]; i <= hi[0]; ++i) {
                if (!arteryBlood(before.at(i, j, k), spec, threshold, rule)) continue;
                core.at(i - out.lo[0], j - out.lo[1], k - out.lo[2]) = 1;
                const auto [t, rho] = axisCoordinates(toLps * Eigen::Vector3d(i, j, k) - c, a);
                if (std::abs(t) <= end && rho <= kWiderAxisCoreRadii * R) seeds.at(i - out.lo[0], j - out.lo[1], k - out.lo[2]) = 1;
            }
    out.m = widerVesselLumen(core, seeds, ball);
    return out;
}

// Enhanced lumen beyond both clot ends on the axis, and whether the enhanced voxels inside the
// neighbourhood cylinder join them (face neighbours).
void measureBypass(const Image<float>& before, const Image<float>& after, const ClotSpec& spec, double threshold,
                   const ClotOcclusionRule& rule, const WiderCut& wider, ClotOcclusion& out) {
    const ImageGeometry& g = after.geometry();
    const Eigen::Affine3d toLps = g.voxelToPatient();
    const Eigen::Vector3d a = spec.site.axisLps.normalized();
    const Eigen::Vector3d c = spec.site.centerLps;
    const double R = spec.site.radiusMm;
    const double hood = clotRadialReachMm(spec) + rule.marginMm;
    const double end = clotEndReachMm(spec);
    const double depth = std::max(rule.sideDepthRadii * R, rule.sideMinDepthVoxels * g.spacing.maxCoeff());
    const double reach = end + depth;
    // Bounding box of the cylinder |t| <= reach, rho <= hood (a sphere of its half-diagonal suffices).
    const double ball = std::hypot(reach, hood);
    const Eigen::Vector3d cv = g.patientToVoxel(c);
    Index3 lo{}, hi{};
    for (int d = 0; d < 3; ++d) {
        const double r = ball / g.spacing[d] + 1;
        lo[d] = std::max(0, static_cast<int>(std::floor(cv[d] - r)));
        hi[d] = std::min(g.size[d] - 1, static_cast<int>(std::ceil(cv[d] + r)));
        if (lo[d] > hi[d]) return;
    }
    const Index3 bs{hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1};
    const auto local = [&](int i, int j, int k) {
        return (static_cast<std::size_t>(k - lo[2]) * bs[1] + (j - lo[1])) * bs[0] + (i - lo[0]);
    };
    static constexpr std::array<std::array<int, 3>, 6> kFaces{{{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}}};
    const auto fromLocal = [&](std::size_t n) {
        return Index3{lo[0] + static_cast<int>(n % bs[0]), lo[1] + static_cast<int>((n / bs[0]) % bs[1]),
                      lo[2] + static_cast<int>(n / (static_cast<std::size_t>(bs[0]) * bs[1]))};
    };
    const auto inBox = [&](const Index3& q) {
        return q[0] >= lo[0] && q[1] >= lo[1] && q[2] >= lo[2] && q[0] <= hi[0] && q[1] <= hi[1] && q[2] <= hi[2];
    };
    // Per box voxel inside the neighbourhood: 1 = lumen before the insertion (threshold .. the
    // artery's brightest blood), 2 = also the artery's blood core (header); its side (1 before the
    // clot, 2 after it, 0 neither).
    const std::size_t count = static_cast<std::size_t>(bs[0]) * bs[1] * bs[2];
    std::vector<std::uint8_t> lumen(count, 0), side(count, 0), artery(count, 0);
    std::vector<std::size_t> stack;
    for (int k = lo[2]; k <= hi[2]; ++k)
        for (int j = lo[1]; j <= hi[1]; ++j)
            for (int i = lo[0]; i <= hi[0]; ++i) {
                const float b = before.at(i, j, k);
                if (b < threshold || b > sameBloodMaxHu(spec, threshold, rule)) continue;
                const Eigen::Vector3d x = toLps * Eigen::Vector3d(i, j, k) - c;
                const auto [t, rho] = axisCoordinates(x, a);
                if (rho > hood || std::abs(t) > reach) continue;
                if (std::abs(t) <= end && wider.at(i, j, k)) continue;  // a wider vessel beside the clot
                const std::size_t n = local(i, j, k);
                lumen[n] = b >= bloodCoreMinHu(spec, threshold, rule) ? 2 : 1;
                if (rho <= rule.sideRadii * R) {
                    if (std::abs(t) >= end) side[n] = t < 0 ? 1 : 2;
                    if (lumen[n] == 2) {  // the artery's core on its own axis
                        artery[n] = 1;
                        stack.push_back(n);
                    }
                }
            }
    // The artery: its blood core connected to the core on its axis, plus the lumen face-adjacent to
    // that core (its own partial-volume rim, where a thin artery's lumen beside a central clot lies).
    while (!stack.empty()) {
        const std::size_t v = stack.back();
        stack.pop_back();
        const Index3 p = fromLocal(v);
        for (const auto& f : kFaces) {
            const Index3 q{p[0] + f[0], p[1] + f[1], p[2] + f[2]};
            if (!inBox(q)) continue;
            const std::size_t lq = local(q[0], q[1], q[2]);
            if (artery[lq] || lumen[lq] != 2) continue;
            artery[lq] = 1;
            stack.push_back(lq);
        }
    }
    std::vector<float> value(count, -std::numeric_limits<float>::infinity());
    float brightest = static_cast<float>(threshold);
    for (std::size_t n = 0; n < count; ++n) {
        bool in = artery[n] != 0;
        if (!in && lumen[n]) {
            const Index3 p = fromLocal(n);
            for (const auto& f : kFaces) {
                const Index3 q{p[0] + f[0], p[1] + f[1], p[2] + f[2]};
                if (inBox(q) && artery[local(q[0], q[1], q[2])]) in = true;
            }
        }
        if (!in) continue;
        const Index3 p = fromLocal(n);
        value[n] = after.at(p[0], p[1], p[2]);
        brightest = std::max(brightest, value[n]);
    }
    // Breadth-first from the seeds before the clot over voxels >= level; a bypass reaches a seed after
    // it (the first one reached ends the shortest channel). -1: a side has no seed at that level.
    std::vector<std::uint32_t> parent(count);
    const auto channel = [&](double level, std::vector<Index3>* path) {
        std::fill(parent.begin(), parent.end(), UINT32_MAX);
        std::vector<std::uint8_t> seen(count, 0);
        std::deque<std::size_t> queue;
        bool seedAfter = false;
        for (std::size_t n = 0; n < count; ++n) {
            if (value[n] < level) continue;
            seedAfter |= side[n] == 2;
            if (side[n] == 1) {
                seen[n] = 1;
                queue.push_back(n);
            }
        }
        if (queue.empty() || !seedAfter) return -1;
        while (!queue.empty()) {
            const std::size_t v = queue.front();
            queue.pop_front();
            const Index3 p = fromLocal(v);
            for (const auto& f : kFaces) {
                const Index3 q{p[0] + f[0], p[1] + f[1], p[2] + f[2]};
                if (q[0] < lo[0] || q[1] < lo[1] || q[2] < lo[2] || q[0] > hi[0] || q[1] > hi[1] || q[2] > hi[2]) continue;
                const std::size_t lq = local(q[0], q[1], q[2]);
                if (seen[lq] || value[lq] < level) continue;
                seen[lq] = 1;
                parent[lq] = static_cast<std::uint32_t>(v);
                if (side[lq] == 2) {
                    if (path)
                        for (std::size_t n = lq; n != UINT32_MAX; n = parent[n]) path->push_back(fromLocal(n));
                    return 1;
                }
                queue.push_back(lq);
            }
        }
        return 0;
    };
    const int atThreshold = channel(threshold, &out.bypassPath);
    out.sidesFound = atThreshold >= 0;
    out.bypass = atThreshold == 1;
    if (!out.bypass) return;
    // The channel's bottleneck: the highest level at which both sides are still joined (bisection;
    // joined at `low`, not at `high`).
    double low = threshold, high = brightest + 1.0;
    while (high - low > 1.0) {
        const double mid = 0.5 * (low + high);
        (channel(mid, nullptr) == 1 ? low : high) = mid;
    }
    out.channelHu = low;
}

// The original section in the mid-plane (the artery's blood core before the insertion, connected in
// the plane to the centre) and the part of it still enhanced after the insertion.
void measureSection(const Image<float>& before, const Image<float>& after, const ClotSpec& spec, double threshold,
                    const ClotOcclusionRule& rule, const WiderCut& wider, ClotOcclusion& out) {
    const ImageGeometry& g = before.geometry();
    const Eigen::Affine3d toVoxel = g.patientToVoxel();
    const Eigen::Vector3d a = spec.site.axisLps.normalized();
    const Eigen::Vector3d u = a.unitOrthogonal(), w = a.cross(u);
    const Eigen::Vector3d c = spec.site.centerLps;
    const double R = spec.site.radiusMm;
    const double hood = clotRadialReachMm(spec) + rule.marginMm;
    const double step = rule.sectionStepMm;
    const int half = static_cast<int>(std::ceil(hood / step));
    const int side = 2 * half + 1;
    // 0 = outside or not enhanced before; 1 = enhanced before; bit 2 = in the section.
    std::vector<std::uint8_t> inside(static_cast<std::size_t>(side) * side, 0);
    std::vector<std::uint8_t> patent(inside.size(), 0);
    const auto at = [&](int p, int q) { return static_cast<std::size_t>(q + half) * side + (p + half); };
    for (int q = -half; q <= half; ++q)
        for (int p = -half; p <= half; ++p) {
            if (std::hypot(p * step, q * step) > hood) continue;
            const Eigen::Vector3d x = toVoxel * (c + p * step * u + q * step * w);
            const double b = trilinear(before, x);
            if (!(b >= threshold) || !arteryBlood(b, spec, threshold, rule)) continue;
            if (wider.at(static_cast<int>(std::lround(x[0])), static_cast<int>(std::lround(x[1])), static_cast<int>(std::lround(x[2])))) continue;
            inside[at(p, q)] = 1;
            patent[at(p, q)] = trilinear(after, x) >= threshold;
        }
    // Start: the enhanced sample nearest the centre within one radius (the site is a ridge voxel of
    // the lumen, so normally the centre itself).
    int sp = 0, sq = 0;
    double best = R + step;
    for (int q = -half; q <= half; ++q)
        for (int p = -half; p <= half; ++p)
            if (inside[at(p, q)] && std::hypot(p, q) * step < best) {
                best = std::hypot(p, q) * step;
                sp = p;
                sq = q;
            }
    if (best > R) return;
    std::vector<std::pair<int, int>> stack{{sp, sq}};
    inside[at(sp, sq)] |= 2;
    int section = 0, open = 0;
    while (!stack.empty()) {
        const auto [p, q] = stack.back();
        stack.pop_back();
        ++section;
        open += patent[at(p, q)];
        for (const auto& [dp, dq] : std::array<std::pair<int, int>, 4>{{{1, 0}, {-1, 0}, {0, 1}, {0, -1}}}) {
            const int np = p + dp, nq = q + dq;
            if (np < -half || np > half || nq < -half || nq > half) continue;
            std::uint8_t& s = inside[at(np, nq)];
            if (s != 1) continue;
            s |= 2;
            stack.emplace_back(np, nq);
        }
    }
    out.sectionAreaMm2 = section * step * step;
    out.patentAreaMm2 = open * step * step;
    out.patentShare = section ? static_cast<double>(open) / section : 0.0;
}
}  // namespace

Image<float> detectorSmoothedView(const CtVolume& ct, const EmbolismParams& p) {
    Image<float> s = makeWorkingGrid(ct, p.workingSpacingMm).hu;
    gaussianSmooth(s, p.smoothingSigmaMm);
    return s;
}

ClotOcclusion measureClotOcclusion(const Image<float>& before, const Image<float>& after, const ClotSpec& spec,
                                   double lumenThresholdHu, const ClotOcclusionRule& rule) {
    if (!before.geometry().sameGrid(after.geometry()))
        throw InvalidArgumentError("measureClotOcclusion: the views before and after the insertion differ in grid");
    ClotOcclusion out;
    const WiderCut wider = widerCut(before, spec, lumenThresholdHu, rule);
    measureBypass(before, after, spec, lumenThresholdHu, rule, wider, out);
    measureSection(before, after, spec, lumenThresholdHu, rule, wider, out);
    out.occludes = out.sidesFound && !out.bypass;
    return out;
}

}  // namespace tv
