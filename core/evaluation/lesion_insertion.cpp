#include "evaluation/lesion_insertion.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <random>

#include "embolism/carina.h"
#include "embolism/great_arteries.h"
#include "embolism/lung_smoothing.h"
#include "embolism/thorax_masks.h"
#include "embolism/working_grid.h"
#include "evaluation/blood_pool_region.h"
#include "evaluation/vessel_axis.h"
#include "evaluation/wide_lumen.h"

namespace tv {

std::string toString(ClotShape s) {
    switch (s) {
        case ClotShape::Central: return "central";
        case ClotShape::Eccentric: return "eccentric";
        case ClotShape::Occlusive: return "occlusive";
    }
    return "central";
}

std::string toString(OcclusiveFill f) { return f == OcclusiveFill::Section ? "section" : "cylinder"; }

std::optional<OcclusiveFill> occlusiveFillFromString(const std::string& s) {
    if (s == "cylinder") return OcclusiveFill::Cylinder;
    if (s == "section") return OcclusiveFill::Section;
    return std::nullopt;
}

namespace {
struct Prepared {
    WorkingGrid wg;
    Image<float> s;
    ThoraxMasks masks;
    ContrastResult contrast;
    VesselTree tree;
};

// `detectorMasks`: the great-artery carving of the detector (sites); the blood-pool raise keeps the
// uncarved masks it was validated with (its region is whole connected vessels either way).
Prepared prepare(const CtVolume& ct, const EmbolismParams& p, bool detectorMasks) {
    Prepared r{makeWorkingGrid(ct, p.workingSpacingMm), {}, {}, {}, {}};
    r.s = r.wg.hu;
    gaussianSmooth(r.s, p.smoothingSigmaMm);
    r.masks = computeThoraxMasks(r.s, r.wg.hu, ThoraxParams{}, neverCancel());
    r.contrast = checkContrast(r.s, r.wg.hu, r.masks, p, neverCancel());
    if (r.contrast.state == ContrastState::NotAssessable) throw InvalidArgumentError("lesion insertion: the scan has no arterial contrast");
    if (detectorMasks) {  // as the detector does
        r.masks.carinaK = findCarinaK(r.wg.hu, r.masks.midlineX);
        carveGreatArteries(r.masks, r.s, lumenThresholdFor(r.contrast.paEnhancementHu, p), p);
    }
    smoothLungsPartialVolume(r.s, r.wg.hu, r.masks, r.contrast, p);
    r.tree = buildVesselTree(r.s, r.masks, r.contrast, p, neverCancel());
    return r;
}

// Principal direction of the lumen voxels within a ball of 2 radii + 3 mm around c (fallback axis
// where the Hessian ridge is ill-defined, e.g. at the end of a straight segment).
std::optional<Eigen::Vector3d> principalAxis(const Mask& lumen, const Index3& c, double rad) {
    const ImageGeometry& g = lumen.geometry();
    const double ball = 2 * rad + 3;
    Eigen::Vector3d mean = Eigen::Vector3d::Zero();
    Eigen::Matrix3d cov = Eigen::Matrix3d::Zero();
    int cnt = 0;
    const int ri = static_cast<int>(ball / g.spacing[0]) + 1, rk = static_cast<int>(ball / g.spacing[2]) + 1;
    for (int k = c[2] - rk; k <= c[2] + rk; ++k)
        for (int j = c[1] - ri; j <= c[1] + ri; ++j)
            for (int i = c[0] - ri; i <= c[0] + ri; ++i) {
                if (!g.contains(i, j, k) || !lumen.at(i, j, k)) continue;
                const Eigen::Vector3d x((i - c[0]) * g.spacing[0], (j - c[1]) * g.spacing[1], (k - c[2]) * g.spacing[2]);
                if (x.norm() > ball) continue;
                mean += x;
                cov += x * x.transpose();
                ++cnt;
            }
    if (cnt < 10) return std::nullopt;
    mean /= cnt;
    cov = cov / cnt - mean * mean.transpose();
    Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> eig(cov);
    return eig.eigenvectors().col(2).normalized();
}

double boxMean(const CtVolume& ct, int i, int j, int k, int ri, int rj, int rk) {
    double sum = 0;
    int n = 0;
    for (int c = k - rk; c <= k + rk; ++c)
        for (int b = j - rj; b <= j + rj; ++b)
            for (int a = i - ri; a <= i + ri; ++a)
                if (ct.geometry().contains(a, b, c)) {
                    sum += ct.hu.at(a, b, c);
                    ++n;
                }
    return n ? sum / n : 0;
}
}  // namespace

double clotLengthMm(double vesselRadiusMm) { return std::clamp(4.0 * vesselRadiusMm, 8.0, 25.0); }

std::vector<VesselSite> findVesselSites(const CtVolume& ct, const EmbolismParams& p, double minSpacingMm, std::uint32_t seed,
                                        const LabelMap* referenceArteries, SiteFunnel* funnel, const SiteAvoidance* avoid,
                                        const std::set<VesselLevel>* levels, SiteTree* tree, const WiderBallRule& widerBall) {
    SiteFunnel localFunnel;
    SiteFunnel& count = funnel ? *funnel : localFunnel;
    const Prepared pr = prepare(ct, p, true);
    if (tree) *tree = makeSiteTree(pr.tree.connected, pr.s, pr.tree.lumenThresholdHu, pr.tree.bloodHu, pr.contrast.trunkSeed);
    const auto& g = pr.s.geometry();
    const auto& R = pr.tree.radius;
    std::vector<VesselSite> sites;
    std::vector<std::size_t> order;
    const int nx = g.size[0], ny = g.size[1], nz = g.size[2];
    for (int k = 2; k < nz - 2; ++k)
        for (int j = 2; j < ny - 2; ++j)
            for (int i = 2; i < nx - 2; ++i) {
                const std::size_t n = pr.s.offset(i, j, k);
                if (!pr.tree.connected[n] || R[n] < p.segmentalRadiusMm || pr.masks.heart[n]) continue;
                // Centreline candidates: ridge voxels of the distance map (isAxisRidge; strict 3-D
                // maxima sit at bifurcations, where the distance map is widest, and never on a
                // tapering straight segment).
                if (isAxisRidge(R, i, j, k)) order.push_back(n);
            }
    float widestRadius = 0;  // the enclosing-ball search reaches the widest lumen ball of the tree
    for (std::size_t n = 0; n < R.voxelCount(); ++n)
        if (pr.tree.connected[n]) widestRadius = std::max(widestRadius, R[n]);
    std::mt19937 rng(seed);
    std::shuffle(order.begin(), order.end(), rng);
    count["ridge"] = static_cast<int>(order.size());
    // Per-voxel rules first (cheapest first; the accepted set does not depend on their order, only
    // the spacing test depends on the sites accepted before), counted for the funnel.
    std::set<std::size_t> visited;  // a voxel reached again through the off-axis rule is tested once
    const auto voxelOf = [&](std::size_t n) {
        return Index3{static_cast<int>(n % nx), static_cast<int>((n / nx) % ny), static_cast<int>(n / (static_cast<std::size_t>(nx) * ny))};
    };
    for (const std::size_t ridge : order) {
        // Off-axis ridge voxels are moved to the centre of their widest enclosing ball (vessel_axis.h
        // WiderBallRule); every rule below applies to the voxel the site would be.
        std::size_t n = ridge;
        double offAxisRatio = 1;
        if (widerBall.maxRatio > 0) {
            const EnclosingBall ball = widestEnclosingBall(R, voxelOf(ridge), widestRadius);
            offAxisRatio = ball.radiusMm / R[ridge];
            if (offAxisRatio > widerBall.maxRatio) {
                n = pr.s.offset(ball.centre[0], ball.centre[1], ball.centre[2]);
                ++count["off_axis_ridge_moved"];
                // The ball's centre may itself lie in a wider ball (a spur of a spur): not an axis either.
                if (widestEnclosingBall(R, ball.centre, widestRadius).radiusMm > widerBall.maxRatio * R[n]) continue;
            }
        }
        if (!visited.insert(n).second) continue;
        const auto [i, j, k] = voxelOf(n);
        if (!pr.tree.connected[n] || R[n] < p.segmentalRadiusMm || pr.masks.heart[n]) continue;
        ++count["ridge_code_" + std::to_string(pr.tree.connected[n])];
        if (pr.masks.lungHull[n]) ++count["ridge_in_lung_hull"];
        // Level from the tree topology (artery_levels.h: calibre of the path from the trunk and the
        // hilar zone). Thin vessels outside the hilar zone (bronchial, pericardial, venous) and
        // vessels reached only through the heart (pulmonary veins) have no level and are no site.
        const std::optional<VesselLevel> level = levelOfCode(pr.tree.connected[n]);
        if (!level) continue;
        ++count["with_level"];
        if (levels && !levels->count(*level)) continue;
        const double rad = R[n];
        // A vessel wider than its level's calibre is reached from the trunk only through a thin
        // contact (a vein or systemic vessel touching the arterial tree): not an artery of that level.
        if (*level >= VesselLevel::Segmental && rad >= p.lobarRadiusMm) continue;
        ++count["calibre_fits_level"];
        ++count["calibre_fits_level_" + toString(*level)];
        const Eigen::Vector3d lps = g.voxelToPatient(Eigen::Vector3d(i, j, k));
        if (referenceArteries) {
            const Eigen::Vector3d v = ct.geometry().patientToVoxel(lps);
            const int a = static_cast<int>(std::lround(v[0])), b = static_cast<int>(std::lround(v[1])), c = static_cast<int>(std::lround(v[2]));
            if (!ct.geometry().contains(a, b, c) || !referenceArteries->at(a, b, c)) continue;
            ++count["in_reference_mask"];
            ++count["in_reference_mask_" + toString(*level)];
        }
        const Index3 c{i, j, k};
        // Lumen of a more central level within about two radii: a wall ridge of a main artery, not an
        // artery of this level (vessel_axis.h CentralNeighbourRule).
        if (nearMoreCentralLumen(pr.tree.connected, c, rad, *level, CentralNeighbourRule{})) continue;
        ++count["not_wall_ridge"];
        ++count["not_wall_ridge_" + toString(*level)];
        bool farEnough = true;
        for (const auto& s : sites) farEnough &= (s.centerLps - lps).norm() >= minSpacingMm;
        if (avoid)
            for (const auto& e : avoid->centresLps) farEnough &= (e - lps).norm() >= avoid->minDistanceMm;
        if (!farEnough) continue;
        ++count["spaced"];
        ++count["spaced_" + toString(*level)];
        // Axis and tubularity (README "Embolus detector validation", rule in vessel_axis.h): the
        // Hessian ridge direction of the distance map, else the principal direction of the lumen in
        // a ball of 2 radii + 3 mm; the site is kept only if a straight segment as long as the clot
        // is a tube of constant calibre along that axis.
        const double halfLength = 0.5 * clotLengthMm(rad);
        std::optional<Eigen::Vector3d> axis;
        for (int attempt = 0; attempt < 2 && !axis; ++attempt) {
            const std::optional<Eigen::Vector3d> a = attempt == 0 ? hessianAxis(R, c, rad) : principalAxis(pr.tree.lumen, c, rad);
            if (a && isTubularSegment(pr.tree.lumen, R, c, *a, rad, halfLength, TubularityRule{})) axis = a;
        }
        if (!axis) continue;
        ++count["tubular"];
        ++count["tubular_" + toString(*level)];
        std::vector<float> blood;
        const int ri = static_cast<int>(rad / g.spacing[0]) + 1, rk = static_cast<int>(rad / g.spacing[2]) + 1;
        for (int cz = k - rk; cz <= k + rk; ++cz)
            for (int b = j - ri; b <= j + ri; ++b)
                for (int a = i - ri; a <= i + ri; ++a) {
                    if (!g.contains(a, b, cz) || !pr.tree.lumen.at(a, b, cz)) continue;
                    const Eigen::Vector3d x((a - i) * g.spacing[0], (b - j) * g.spacing[1], (cz - k) * g.spacing[2]);
                    if (x.norm() <= rad) blood.push_back(pr.s.at(a, b, cz));
                }
        if (blood.empty()) continue;
        VesselSite s;
        s.centerLps = lps;
        s.axisLps = *axis;
        s.radiusMm = rad;
        std::nth_element(blood.begin(), blood.begin() + blood.size() / 2, blood.end());
        s.bloodHu = blood[blood.size() / 2];
        s.level = *level;
        s.offAxisRidgeRatio = offAxisRatio;
        s.movedFromOffAxisRidge = n != ridge;
        const double dx = (i - pr.masks.midlineX) * g.spacing[0];
        s.side = (s.level == VesselLevel::Central && std::abs(dx) < 15) ? "central" : (dx > 0 ? "left" : "right");
        sites.push_back(s);
        ++count["site_" + toString(s.level)];
    }
    return sites;
}

AxisCoordinates axisCoordinates(const Eigen::Vector3d& fromCentre, const Eigen::Vector3d& axis) {
    const double along = fromCentre.dot(axis);
    return {along, (fromCentre - along * axis).norm()};
}

double clotSizingRadiusMm(const ClotSpec& spec) { return spec.sizingRadiusMm > 0 ? spec.sizingRadiusMm : spec.site.radiusMm; }

double clotCrossRadiusMm(const ClotSpec& spec) {
    const double R = spec.site.radiusMm;
    switch (spec.shape) {
        case ClotShape::Central: return 0.55 * clotSizingRadiusMm(spec);
        case ClotShape::Eccentric: return 0.7 * clotSizingRadiusMm(spec);
        case ClotShape::Occlusive: return 1.6 * R;  // beyond the wall: every blood voxel of a round section is replaced
    }
    return 0.55 * R;
}

double clotEndReachMm(const ClotSpec& spec) {
    // On the axis insertClot's shape value is |t| / half and the ramp distance (e - 1) x min(rc, half):
    // its weight is 0 from |t| = half x (1 + edge / min(rc, half)) on.
    const double half = spec.lengthMm / 2;
    return half * (1 + spec.edgeMm / std::min(clotCrossRadiusMm(spec), half));
}

namespace {
bool fillsSection(const ClotSpec& spec) { return spec.shape == ClotShape::Occlusive && spec.occlusiveFill == OcclusiveFill::Section; }
constexpr double kSectionRimMm = 2.0;  // the rim's reach beyond the core: the box mean's 1.2 mm plus a voxel
}  // namespace

double clotRadialReachMm(const ClotSpec& spec) {
    // Across the axis the shape value is rho / rc: the weight is 0 from rho = rc (1 + edge / min(rc, half)).
    const double rc = clotCrossRadiusMm(spec);
    const double offset = spec.shape == ClotShape::Eccentric ? 0.35 * clotSizingRadiusMm(spec) : 0.0;
    return offset + rc * (1 + spec.edgeMm / std::min(rc, spec.lengthMm / 2));
}

namespace {
// The artery's section over the clot's axial reach, on the box v0..v1 (x fastest): its blood core
// (box mean in the artery's own blood band, ClotSpec) face-connected to the core within one radius of
// the axis, inside the slab |t| <= clotEndReachMm and the cap rho <= sectionCapRadii x R; plus the
// voxels within the box mean's reach (rxy, rz) of that core, not brighter than the band (the wall's
// partial volume, weighted by the blood fraction in insertClot). Face connection through the core
// only: a vessel touching the artery through partial volume is not reached.
std::vector<std::uint8_t> sectionMask(const CtVolume& ct, const ClotSpec& spec, const Index3& v0, const Index3& v1, int rxy, int rz) {
    const ImageGeometry& g = ct.geometry();
    const Eigen::Vector3d a = spec.site.axisLps.normalized();
    const Eigen::Vector3d c = spec.site.centerLps;
    const double R = spec.site.radiusMm, blood = spec.site.bloodHu;
    const double span = std::max(30.0, blood - spec.clotHu);
    const double coreMin = spec.clotHu + spec.sectionCoreShare * span, coreMax = blood + spec.sectionBrightShare * span;
    const double slab = clotEndReachMm(spec), cap = spec.sectionCapRadii * R;
    const Index3 bs{v1[0] - v0[0] + 1, v1[1] - v0[1] + 1, v1[2] - v0[2] + 1};
    const std::size_t count = static_cast<std::size_t>(bs[0]) * bs[1] * bs[2];
    const auto local = [&](int i, int j, int k) { return (static_cast<std::size_t>(k - v0[2]) * bs[1] + (j - v0[1])) * bs[0] + (i - v0[0]); };
    // A wider vessel joined to the artery (ClotSpec::sectionWiderRadii, wide_lumen.h): its core on a box
    // reaching 2 balls beyond this one, uncapped, so that the balls are judged on the whole lumen.
    const double ball = spec.sectionWiderRadii * R;
    Index3 e0 = v0, e1 = v1;
    Mask wider;
    if (ball > 0) {
        for (int d = 0; d < 3; ++d) {
            const int ext = static_cast<int>(std::ceil(2 * ball / g.spacing[d])) + 1;
            e0[d] = std::max(0, v0[d] - ext);
            e1[d] = std::min(g.size[d] - 1, v1[d] + ext);
        }
        ImageGeometry eg;
        eg.size = {e1[0] - e0[0] + 1, e1[1] - e0[1] + 1, e1[2] - e0[2] + 1};
        eg.spacing = g.spacing;
        Mask bloodCore(eg, 0), seeds(eg, 0);
        for (int k = e0[2]; k <= e1[2]; ++k)
            for (int j = e0[1]; j <= e1[1]; ++j)
                for (int i = e0[0]; i <= e1[0]; ++i) {
                    const double m = boxMean(ct, i, j, k, rxy, rxy, rz);
                    if (m < coreMin || m > coreMax) continue;
                    bloodCore.at(i - e0[0], j - e0[1], k - e0[2]) = 1;
                    const auto [t, rho] = axisCoordinates(g.voxelToPatient(Eigen::Vector3d(i, j, k)) - c, a);
                    if (std::abs(t) <= slab && rho <= kWiderAxisCoreRadii * R) seeds.at(i - e0[0], j - e0[1], k - e0[2]) = 1;
                }
        wider = widerVesselLumen(bloodCore, seeds, ball);
    }
    // 1 = inside slab and cap, not brighter than the band; 2 = also core; 3 = core connected to the axis.
    std::vector<std::uint8_t> state(count, 0), out(count, 0);
    std::vector<Index3> stack;
    for (int k = v0[2]; k <= v1[2]; ++k)
        for (int j = v0[1]; j <= v1[1]; ++j)
            for (int i = v0[0]; i <= v1[0]; ++i) {
                const Eigen::Vector3d x = g.voxelToPatient(Eigen::Vector3d(i, j, k)) - c;
                const auto [t, rho] = axisCoordinates(x, a);
                if (std::abs(t) > slab || rho > cap) continue;
                if (ball > 0 && wider.at(i - e0[0], j - e0[1], k - e0[2])) continue;  // another vessel: neither filled nor rim
                const double m = boxMean(ct, i, j, k, rxy, rxy, rz);
                if (m > coreMax) continue;
                std::uint8_t& s = state[local(i, j, k)];
                s = m >= coreMin ? 2 : 1;
                if (s == 2 && rho <= R) {
                    s = 3;
                    stack.push_back({i, j, k});
                }
            }
    std::vector<Index3> core;
    while (!stack.empty()) {
        const Index3 p = stack.back();
        stack.pop_back();
        core.push_back(p);
        for (const auto& f : std::array<Index3, 6>{{{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}}}) {
            const Index3 q{p[0] + f[0], p[1] + f[1], p[2] + f[2]};
            if (q[0] < v0[0] || q[1] < v0[1] || q[2] < v0[2] || q[0] > v1[0] || q[1] > v1[1] || q[2] > v1[2]) continue;
            std::uint8_t& s = state[local(q[0], q[1], q[2])];
            if (s != 2) continue;
            s = 3;
            stack.push_back(q);
        }
    }
    for (const Index3& p : core)
        for (int k = std::max(v0[2], p[2] - rz); k <= std::min(v1[2], p[2] + rz); ++k)
            for (int j = std::max(v0[1], p[1] - rxy); j <= std::min(v1[1], p[1] + rxy); ++j)
                for (int i = std::max(v0[0], p[0] - rxy); i <= std::min(v1[0], p[0] + rxy); ++i) {
                    const std::size_t n = local(i, j, k);
                    if (state[n] == 3 || state[n] == 1) out[n] = 1;  // not another vessel's core
                }
    return out;
}
}  // namespace

int insertClot(CtVolume& ct, LabelMap& truth, std::uint8_t label, const ClotSpec& spec) {
    const ImageGeometry& g = ct.geometry();
    const Eigen::Vector3d a = spec.site.axisLps.normalized();
    Eigen::Vector3d u = a.unitOrthogonal();
    const Eigen::Vector3d v = a.cross(u);
    u = std::cos(spec.eccentricAngle) * u + std::sin(spec.eccentricAngle) * v;
    const double R = spec.site.radiusMm;
    const double rc = clotCrossRadiusMm(spec);
    Eigen::Vector3d c = spec.site.centerLps;
    if (spec.shape == ClotShape::Eccentric) c += 0.35 * clotSizingRadiusMm(spec) * u;  // wall-adherent: reaches the wall on one side
    const double half = spec.lengthMm / 2;
    const bool section = fillsSection(spec);
    const double reach = std::max(half, section ? spec.sectionCapRadii * R + kSectionRimMm : rc) + 3;
    const Eigen::Vector3d lo = g.patientToVoxel(c) - Eigen::Vector3d::Constant(0);
    Index3 v0{}, v1{};
    for (int d = 0; d < 3; ++d) {
        const double rv = reach / g.spacing[d] + 2;
        v0[d] = std::max(0, static_cast<int>(std::floor(lo[d] - rv)));
        v1[d] = std::min(g.size[d] - 1, static_cast<int>(std::ceil(lo[d] + rv)));
    }
    const double blood = spec.site.bloodHu;
    const double span = std::max(30.0, blood - spec.clotHu);
    const int rxy = std::max(1, static_cast<int>(std::lround(1.2 / g.spacing[0])));
    const int rz = std::max(0, static_cast<int>(std::lround(1.2 / g.spacing[2])));
    // Section fill: which box voxels belong to the artery's section (ClotSpec, sectionMask below).
    const std::vector<std::uint8_t> inSection =
        section ? sectionMask(ct, spec, v0, v1, rxy, rz) : std::vector<std::uint8_t>();
    const Index3 bs{v1[0] - v0[0] + 1, v1[1] - v0[1] + 1, v1[2] - v0[2] + 1};
    // Box means from the unmodified values first (the change must not feed back).
    std::vector<std::pair<std::size_t, double>> changes;
    int truthVoxels = 0;
    for (int k = v0[2]; k <= v1[2]; ++k)
        for (int j = v0[1]; j <= v1[1]; ++j)
            for (int i = v0[0]; i <= v1[0]; ++i) {
                const Eigen::Vector3d x = g.voxelToPatient(Eigen::Vector3d(i, j, k)) - c;
                const auto [t, rho] = axisCoordinates(x, a);
                // Occlusive clots are cylinders with rounded ends; the others ellipsoids.
                double e;
                if (section) {  // the artery's own section; ramped along the axis only (f gives the wall's partial volume)
                    if (!inSection[(static_cast<std::size_t>(k - v0[2]) * bs[1] + (j - v0[1])) * bs[0] + (i - v0[0])]) continue;
                    e = std::abs(t) / half;
                } else if (spec.shape == ClotShape::Occlusive) e = std::max(rho / rc, std::abs(t) / half);
                else e = std::sqrt((rho / rc) * (rho / rc) + (t / half) * (t / half));
                const double dist = (e - 1) * std::min(rc, half);
                const double w = std::clamp(0.5 - dist / (2 * spec.edgeMm), 0.0, 1.0);
                if (w <= 0) continue;
                const double m = boxMean(ct, i, j, k, rxy, rxy, rz);
                const double f = std::clamp((m - spec.clotHu) / span, 0.0, 1.0);  // blood fraction
                if (f <= 0) continue;
                changes.emplace_back(ct.hu.offset(i, j, k), w * f * (spec.clotHu - blood));
                if (w >= 0.5 && f >= 0.5) {
                    truth.at(i, j, k) = label;
                    ++truthVoxels;
                }
            }
    for (const auto& [n, d] : changes) ct.hu[n] = static_cast<std::int16_t>(std::clamp(std::lround(ct.hu[n] + d), -1024L, 3071L));
    return truthVoxels;
}

double raiseBloodPool(CtVolume& ct, double targetHu, const EmbolismParams& p) {
    const Prepared pr = prepare(ct, p, false);
    const double blood = pr.contrast.paEnhancementHu;
    const double tissue = 40;  // unenhanced blood / soft tissue (+20..+60 HU, clinical-reference.md)
    // The region (blood_pool_region.h): enhanced lumen at the detector's own lumen threshold (bone
    // excluded), above the diaphragm, connected to the trunk and the arterial tree, as whole
    // vessels: cardiac chambers, the systemic veins feeding them and the aorta where its lumen
    // touches the pool at that threshold are raised with it (a CTPA enhances the right heart as much
    // as the pulmonary arteries, and the aorta too, less). No liver, no zone edges.
    const auto& wg = pr.s.geometry();
    Mask lumen(wg, 0), seeds(wg, 0);
    for (std::size_t n = 0; n < lumen.voxelCount(); ++n) {
        lumen[n] = pr.s[n] >= pr.tree.lumenThresholdHu && pr.s[n] <= 900 && !pr.masks.denseBone[n] ? 1 : 0;
        seeds[n] = pr.tree.connected[n] || pr.contrast.trunk[n];
    }
    // Lung bases below the heart's centroid (a crop without a heart: every slice may hold a base).
    const double maxBaseK = pr.masks.heartCentroidK >= 0 ? pr.masks.heartCentroidK : wg.size[2];
    const std::vector<double> diaphragm = diaphragmSliceMap(pr.masks.lungs, maxBaseK);
    const auto above = [&](int i, int j, int k) { return diaphragm.empty() || k >= diaphragm[static_cast<std::size_t>(j) * wg.size[0] + i]; };
    // Intrapulmonary vessels: on a venous-phase scan the smoothed lumen of vessels under about 5 mm
    // falls below the lumen threshold (partial volume with air), so they are not in the connected
    // pool (README: 5,619 lung-hull voxels >= 100 HU unsmoothed, 1,721 smoothed). In the lung hull a
    // vessel core is an unsmoothed working voxel at least midway between tissue and blood (bronchial
    // walls and interstitium are tissue, at most about 40 HU plus partial volume with air); arteries
    // and veins alike (both enhance on a CTPA, veins less).
    const double core = 0.5 * (tissue + blood);
    Mask pool = dilateMm(supradiaphragmaticBloodPool(lumen, seeds, diaphragm), 2.0);
    Mask lungCore(wg, 0);
    std::vector<float> air;
    for (int k = 0; k < wg.size[2]; ++k)
        for (int j = 0; j < wg.size[1]; ++j)
            for (int i = 0; i < wg.size[0]; ++i) {
                const std::size_t n = pr.s.offset(i, j, k);
                if (pr.masks.lungs[n] && n % 7 == 0) air.push_back(pr.wg.hu[n]);
                lungCore[n] = pr.masks.lungHull[n] && !pr.masks.heart[n] && !pr.masks.denseBone[n] && pr.wg.hu[n] >= core &&
                                      pr.wg.hu[n] <= 900 && above(i, j, k) ? 1 : 0;
            }
    // Aerated lung level for the partial-volume model of the lung vessels (about -850 HU).
    double airHu = -850;
    if (!air.empty()) {
        std::nth_element(air.begin(), air.begin() + air.size() / 2, air.end());
        airHu = std::min<double>(air[air.size() / 2], tissue - 100);
    }
    // Single-voxel cores are noise (the working grid's noise is about 50 HU on C3N-00247).
    {
        const Components cc = connectedComponents(lungCore, true);
        for (std::size_t n = 0; n < lungCore.voxelCount(); ++n) lungCore[n] = cc.labels[n] && cc.sizes[cc.labels[n]] >= 2 ? 1 : 0;
    }
    // Region codes: 1 = blood pool with its 2 mm partial-volume rim (fraction against tissue);
    // 2 = lung-hull voxels within one working voxel of a vessel (fraction against aerated lung).
    // Never below the diaphragm.
    const Mask lungRim = dilateMm(lungCore, 1.01 * std::max(wg.spacing[0], wg.spacing[2]));
    LabelMap region(wg, 0);
    for (int k = 0; k < wg.size[2]; ++k)
        for (int j = 0; j < wg.size[1]; ++j)
            for (int i = 0; i < wg.size[0]; ++i) {
                const std::size_t n = region.offset(i, j, k);
                if (!above(i, j, k)) continue;
                if (pr.masks.lungHull[n] && !pr.masks.mediastinum[n] && (pool[n] || lungRim[n])) region[n] = 2;
                else if (pool[n]) region[n] = 1;
            }
    pool = Mask();
    const LabelMap src = labelsToSource(pr.wg, region, ct.geometry());
    const auto& g = ct.geometry();
    const int rxy = std::max(1, static_cast<int>(std::lround(1.2 / g.spacing[0])));
    const int rz = std::max(0, static_cast<int>(std::lround(1.2 / g.spacing[2])));
    std::vector<std::pair<std::size_t, double>> changes;
    for (int k = 0; k < g.size[2]; ++k)
        for (int j = 0; j < g.size[1]; ++j)
            for (int i = 0; i < g.size[0]; ++i) {
                const int code = src.at(i, j, k);
                if (!code) continue;
                const double background = code == 2 ? airHu : tissue;
                const double f = std::clamp((boxMean(ct, i, j, k, rxy, rxy, rz) - background) / std::max(20.0, blood - background), 0.0, 1.0);
                if (f > 0) changes.emplace_back(ct.hu.offset(i, j, k), f * (targetHu - blood));
            }
    for (const auto& [n, d] : changes) ct.hu[n] = static_cast<std::int16_t>(std::clamp(std::lround(ct.hu[n] + d), -1024L, 3071L));
    return blood;
}

}  // namespace tv
