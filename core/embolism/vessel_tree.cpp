#include "embolism/vessel_tree.h"

#include "embolism/hessian_axis.h"
#include "embolism/lung_bridges.h"
#include "embolism/lung_smoothing.h"
#include "embolism/radius_update.h"
#include "embolism/thin_vessel_lumen.h"
#include "image/neighbours.h"

#include <algorithm>
#include <cmath>

namespace tv {

namespace {
// Search reach of findingLevel's enclosing ball: the main pulmonary arteries are under 16 mm in
// radius (EmbolismParams::gapMaxSectionRadiusMm); a wider ball is a cardiac chamber.
constexpr double kMaxEnclosingRadiusMm = 16.0;
}  // namespace

std::string toString(VesselLevel l) {
    switch (l) {
        case VesselLevel::Central: return "central";
        case VesselLevel::Lobar: return "lobar";
        case VesselLevel::Segmental: return "segmental";
        case VesselLevel::Subsegmental: return "subsegmental";
    }
    return "subsegmental";
}

std::optional<VesselLevel> levelOfCode(std::uint8_t code) {
    switch (static_cast<ArteryCode>(code)) {
        case ArteryCode::Central: return VesselLevel::Central;
        case ArteryCode::Lobar: return VesselLevel::Lobar;
        case ArteryCode::Segmental: return VesselLevel::Segmental;
        case ArteryCode::Subsegmental: return VesselLevel::Subsegmental;
        case ArteryCode::None:
        case ArteryCode::MediastinalBranch:
        case ArteryCode::ViaHeart: break;
    }
    return std::nullopt;
}

std::optional<VesselLevel> treeLevelNear(const VesselTree& t, const Index3& c, double radiusMm) {
    const ImageGeometry& g = t.connected.geometry();
    std::optional<VesselLevel> best;
    int h[3];
    for (int a = 0; a < 3; ++a) h[a] = static_cast<int>(std::ceil(radiusMm / g.spacing[a])) + 1;
    for (int k = std::max(0, c[2] - h[2]); k <= std::min(g.size[2] - 1, c[2] + h[2]); ++k)
        for (int j = std::max(0, c[1] - h[1]); j <= std::min(g.size[1] - 1, c[1] + h[1]); ++j)
            for (int i = std::max(0, c[0] - h[0]); i <= std::min(g.size[0] - 1, c[0] + h[0]); ++i)
                if (const auto l = levelOfCode(t.connected.at(i, j, k)); l && (!best || *l < *best)) best = l;
    return best;
}

namespace {
// Tolerance for "as deep" / "as wide": half the finest voxel side.
float halfFinestSpacing(const ImageGeometry& g) { return static_cast<float>(0.5 * std::min({g.spacing[0], g.spacing[1], g.spacing[2]})); }

// The finding's deepest voxels in the filled lumen: towards its artery's axis.
float deepestRadius(const VesselTree& t, const std::vector<std::size_t>& voxels) {
    float deepest = -1;
    for (const std::size_t n : voxels)
        if (t.connected[n]) deepest = std::max(deepest, t.radius[n]);
    return deepest;
}
}  // namespace

EnclosingAxisBall enclosingAxisBall(const VesselTree& t, const std::vector<std::size_t>& voxels) {
    const ImageGeometry& g = t.connected.geometry();
    const float tolerance = halfFinestSpacing(g);
    const float deepest = deepestRadius(t, voxels);
    // Balls off the axis are not taken: a thick artery's reach into a thin one touching it.
    EnclosingAxisBall ball;
    int h[3];
    for (int a = 0; a < 3; ++a) h[a] = static_cast<int>(std::ceil(kMaxEnclosingRadiusMm / g.spacing[a]));
    for (const std::size_t n : voxels) {
        if (!t.connected[n] || t.radius[n] < deepest - tolerance) continue;
        const int i = static_cast<int>(n % g.size[0]), j = static_cast<int>((n / g.size[0]) % g.size[1]),
                  k = static_cast<int>(n / (static_cast<std::size_t>(g.size[0]) * g.size[1]));
        for (int z = std::max(0, k - h[2]); z <= std::min(g.size[2] - 1, k + h[2]); ++z)
            for (int y = std::max(0, j - h[1]); y <= std::min(g.size[1] - 1, j + h[1]); ++y)
                for (int x = std::max(0, i - h[0]); x <= std::min(g.size[0] - 1, i + h[0]); ++x) {
                    const std::size_t q = t.connected.offset(x, y, z);
                    const auto l = levelOfCode(t.connected[q]);
                    const float r = t.radius[q];
                    if (!l || r < ball.radiusMm - tolerance) continue;
                    const double dx = (x - i) * g.spacing[0], dy = (y - j) * g.spacing[1], dz = (z - k) * g.spacing[2];
                    if (dx * dx + dy * dy + dz * dz > static_cast<double>(r) * r || !isRadiusRidge(t.radius, x, y, z)) continue;
                    if (r > ball.radiusMm + tolerance || !ball.level || *l < *ball.level) ball.level = l;  // wider, or as wide and more central
                    ball.radiusMm = std::max(ball.radiusMm, r);
                }
    }
    return ball;
}

std::optional<VesselLevel> findingLevel(const VesselTree& t, const std::vector<std::size_t>& voxels, const Index3& c, double radiusMm) {
    // (1) The widest inscribed ball centred on the lumen's axis (isRadiusRidge: no 26-neighbour
    // wider) that holds one of the deepest voxels: the artery section enclosing the finding, whose
    // centre carries its level.
    std::optional<VesselLevel> best = enclosingAxisBall(t, voxels).level;
    if (best) return best;
    // (2) No axis ball holds them (a thin artery merged into a thick one's lumen has no axis of its
    // own there): their own codes, most central first; (3) the box of treeLevelNear.
    const float tolerance = halfFinestSpacing(t.connected.geometry());
    const float deepest = deepestRadius(t, voxels);
    for (const std::size_t n : voxels)
        if (const auto l = levelOfCode(t.connected[n]); l && t.connected[n] && t.radius[n] >= deepest - tolerance && (!best || *l < *best)) best = l;
    return best ? best : treeLevelNear(t, c, radiusMm);
}

namespace {
// Deepest radius among the finding's voxels in the (filled) lumen: its own calibre; -1 if none.
float filledCalibreMm(const VesselTree& t, const std::vector<std::size_t>& voxels) {
    float calibre = -1;
    for (const std::size_t n : voxels)
        if (t.lumen[n]) calibre = std::max(calibre, t.radius[n]);
    return calibre;
}
}  // namespace

VesselLevel occlusionLevel(const VesselTree& t, const std::vector<std::size_t>& voxels, VesselLevel level, const EmbolismParams& p) {
    if (!p.occlusionLevelFromCalibre) return level;
    const float calibre = filledCalibreMm(t, voxels);
    return calibre > 0 ? std::min(level, levelFromRadius(calibre, p)) : level;  // min: the more central
}

VesselLevel partialLevel(const VesselTree& t, const std::vector<std::size_t>& voxels, VesselLevel level, const EmbolismParams& p) {
    if (!p.partialLevelFromCalibre) return level;
    const float calibre = filledCalibreMm(t, voxels);
    return calibre > 0 ? std::min(level, levelFromRadius(calibre, p)) : level;  // min: the more central
}

double bloodClotCnr(double bloodHu, double noiseHu, const EmbolismParams& p) {
    return noiseHu > 0 ? (bloodHu - p.thrombusMidHu) / noiseHu : 0.0;
}

VesselLevel levelNear(const VesselTree& t, const Index3& c, double radiusMm, const EmbolismParams& p) {
    if (const auto best = treeLevelNear(t, c, radiusMm)) return *best;
    return levelFromRadius(radiusMm, p);
}

VesselLevel levelFromRadius(double radiusMm, const EmbolismParams& p) {
    if (radiusMm >= p.lobarRadiusMm) return VesselLevel::Lobar;
    return radiusMm >= p.segmentalRadiusMm ? VesselLevel::Segmental : VesselLevel::Subsegmental;
}

Mask trunkVesselZone(const ContrastResult& c) {
    const ImageGeometry& g = c.trunk.geometry();
    Mask zone = dilateMm(c.trunk, 3.0);
    // The pieces' balls one by one: a few hundred voxels, no second full-grid distance map (memory, README).
    for (const std::size_t n : c.trunkPieceVoxels) forEachInBallMm(g, n, 3.0, [&](std::size_t q, double) { zone[q] = 1; });
    return zone;
}

VesselTree buildVesselTree(const Image<float>& s, const ThoraxMasks& m, const ContrastResult& c,
                           const EmbolismParams& p, const CancelToken& cancel, const Image<float>* raw) {
    VesselTree t = traceVesselLumen(s, m, c, p, cancel, raw);
    gradeVesselTree(t, m, p, cancel);
    return t;
}

VesselTree traceVesselLumen(const Image<float>& s, const ThoraxMasks& m, const ContrastResult& c,
                            const EmbolismParams& p, const CancelToken& cancel, const Image<float>* raw) {
    const ImageGeometry& g = s.geometry();
    VesselTree t;
    t.bloodHu = c.paEnhancementHu;
    t.noiseHu = c.paNoiseHu;
    t.lumenThresholdHu = lumenThresholdFor(c.paEnhancementHu, p);
    // Where pulmonary arteries can be: inside the lung hull, or the trunk region and its surroundings.
    // Memory (goal under 4x the volume, README): the masks of this block are gone before the radius
    // and level maps are built.
    {
        Mask candidate(g, 0);
        // Enhanced blood outside the zone, within the hilum (ThoraxParams::hilumMm of the mediastinal
        // corridor, as the zone's own hilum), off the heart and the corridor (lung_bridges.h).
        // Callers without these masks (phantom tests of other stages) get no bridges.
        const std::size_t voxels = g.size[0] * static_cast<std::size_t>(g.size[1]) * g.size[2];
        const bool bridges = p.lungBridges && m.mediastinum.voxelCount() == voxels && m.lungs.voxelCount() == voxels &&
                             m.lungHull.voxelCount() == voxels && m.heart.voxelCount() == voxels;
        Mask outsideBlood = bridges ? Mask(g, 0) : Mask();
        {
            // The trunk region and, with EmbolismParams::zoneFromTrunkPieces, the enhanced pieces a clot split from it.
            const Mask trunkZone = trunkVesselZone(c);
            const Mask hilum = bridges ? dilateMm(m.mediastinum, ThoraxParams{}.hilumMm) : Mask();
            for (std::size_t n = 0; n < candidate.voxelCount(); ++n) {
                const bool zone = m.nearLung[n] || trunkZone[n];
                const bool aorta = m.aorta.voxelCount() && m.aorta[n];  // great_arteries.h: not a pulmonary artery
                const bool blood = !aorta && !m.denseBone[n] && s[n] >= t.lumenThresholdHu && s[n] <= ThoraxParams{}.boneHu;  // above: cortex or calcium
                candidate[n] = zone && blood ? 1 : 0;
                if (bridges) outsideBlood[n] = !zone && blood && hilum[n] && !m.heart[n] && !m.mediastinum[n] ? 1 : 0;
            }
        }
        // Thin lung arteries whose peak the Gaussian pulled under the threshold (thin_vessel_lumen.h).
        if (raw) addThinVesselLumen(candidate, *raw, m, t.lumenThresholdHu, c, p);
        // Wide arteries beside the lung, outside the zone, that lead from the tree into it (lung_bridges.h):
        // the outside blood the lung wraps (the hilar zone's test), in components touching both.
        if (bridges) {
            outsideBlood = lungWrappedBlood(outsideBlood, candidate, m.lungs, m.midlineX, p);
            t.bridges = addLungBridges(candidate, outsideBlood, c.trunk, m.lungHull, p);
        }
        outsideBlood = Mask();
        t.connected = reconstruct(candidate, c.trunk);
        // Lumen for completion: every enhanced vessel in the zone, not only the part still connected
        // to the trunk (a defect whose thin contrast rim is lost to partial volume disconnects the
        // distal artery, which must still bound the defect). Specks under 10 voxels are noise.
        const Components cc = connectedComponents(candidate);
        t.lumen = Mask(g, 0);
        for (std::size_t n = 0; n < candidate.voxelCount(); ++n)
            t.lumen[n] = cc.labels[n] && (t.connected[n] || cc.sizes[cc.labels[n]] >= 10) ? 1 : 0;
    }
    cancel.throwIfCancelled();
    return t;
}

namespace {
// The lumen is closed by this ball before its wall distance is taken: partial volume and noise
// leave pinholes and notches in the thresholded lumen that would lower the local radius.
constexpr double kLumenClosingMm = 2.5;

// Hilar zone and levels from `connected` and `radius` (gradeVesselTree's second half).
void gradeLevels(VesselTree& t, const ThoraxMasks& m, const EmbolismParams& p, const Mask* seeds = nullptr) {
    const Mask hilar = hilarZone(t.connected, t.radius, m.heart, m.lungs, m.midlineX, p);
    t.connected = arteryLevels(t.connected, t.radius, m.heart, hilar, m.lungHull, p, seeds);
}
}  // namespace

void gradeVesselTree(VesselTree& t, const ThoraxMasks& m, const EmbolismParams& p, const CancelToken& cancel) {
    t.radius = distanceInsideMm(closeMm(t.lumen, kLumenClosingMm));
    cancel.throwIfCancelled();
    gradeLevels(t, m, p);
}

void regradeWithDefectsFilled(VesselTree& t, const ThoraxMasks& m, const std::vector<std::size_t>& defects, const EmbolismParams& p,
                              const CancelToken& cancel) {
    // The trunk and main arteries as the scan shows them (EmbolismParams::regradeKeepsTrunkSeeds): a
    // filled finding restores calibre along the path from them, it does not become one of them.
    const Mask seeds = p.regradeKeepsTrunkSeeds ? trunkSeeds(t.connected, t.radius, m.heart, p) : Mask();
    for (const std::size_t n : defects) t.lumen[n] = 1;
    // Any non-zero code is "in the tree" for arteryLevels.
    for (const std::size_t n : defects) t.connected[n] = 1;
    // The radius map changes only near the filled voxels (radius_update.h): recomputed there, the
    // same map as the whole grid's three distance transforms give, at a fraction of their cost.
    // Otherwise the old map is released before the new one is built (memory, README: goal under
    // 4x the volume). The levels are graded on the whole tree: the widest-path calibre is global.
    if (!updateRadiusForAddedLumen(t.radius, t.lumen, defects, kLumenClosingMm)) {
        t.radius = Image<float>();
        t.radius = distanceInsideMm(closeMm(t.lumen, kLumenClosingMm));
    }
    cancel.throwIfCancelled();
    gradeLevels(t, m, p, p.regradeKeepsTrunkSeeds ? &seeds : nullptr);
}

void clearTreeVoxels(VesselTree& t, const std::vector<std::size_t>& voxels) {
    for (const std::size_t n : voxels) t.connected[n] = 0;
}

}  // namespace tv
