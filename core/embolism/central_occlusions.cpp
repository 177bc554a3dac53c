#include "embolism/central_occlusions.h"

#include "embolism/artery_levels.h"
#include "embolism/vessel_tree.h"
#include "embolism/volume_ops.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <Eigen/Dense>

namespace tv {
namespace {
// The search runs in the central lumen's bounding box widened by this much (a clot filling a main
// artery lies within its length of the central lumen: the pa-crop clots reach 31 mm from their centre,
// s31-centralocc notes). Memory: the maps below are the box's, not the scan's (the detector's peak
// memory is in findCandidates, README; C3N-00247's guard test_embolism_real).
constexpr double kBoxMarginMm = 60.0;

std::uint8_t depthCode(double mm) { return static_cast<std::uint8_t>(std::clamp(std::lround(mm * 10.0), 1L, 255L)); }

// Running second moments of a core's voxel positions: its elongation is the longest semi-axis over the
// middle one (the square root of the largest over the middle eigenvalue of the covariance).
struct CoreMoments {
    double n = 0;
    Eigen::Vector3d sum = Eigen::Vector3d::Zero();
    Eigen::Matrix3d outer = Eigen::Matrix3d::Zero();
    void add(const Eigen::Vector3d& v) {
        n += 1;
        sum += v;
        outer += v * v.transpose();
    }
    double elongation() const {
        if (n < 2) return 1.0;
        const Eigen::Vector3d mean = sum / n;
        const Eigen::Matrix3d cov = outer / n - mean * mean.transpose();
        const Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> es(cov, Eigen::EigenvaluesOnly);
        const double middle = std::max(es.eigenvalues()(1), 1e-9), largest = std::max(es.eigenvalues()(2), 0.0);
        return std::sqrt(largest / middle);
    }
};

// The lumen coded a piece (a mediastinal branch) in the box that continues the central lumen at an
// artery's width (EmbolismParams::centralOcclusionWidePieceMinRadiusMm = r): the piece opened by a ball of
// radius r (its voxels within r of a piece voxel at least r from the lumen's wall: the whole section of a
// piece whose axis is that deep, not only the few deep voxels a core's reach meets), kept where the piece
// is reached from central lumen through piece lumen alone (face neighbours). A cut-off piece beyond a
// clot is not (its way to the trunk runs through the clot or other vessels), so a core's far side cannot
// be its proximal side as well. `at(i, j, k)`: the tree code at box voxel (i, j, k); `radiusAt`: its radius.
template <class CodeAt, class RadiusAt>
Mask widePieceOnCentralContinuation(const ImageGeometry& bg, CodeAt at, RadiusAt radiusAt, double r) {
    const auto piece = static_cast<std::uint8_t>(ArteryCode::MediastinalBranch);
    const auto central = static_cast<std::uint8_t>(ArteryCode::Central);
    const std::array<int, 3> n{bg.size[0], bg.size[1], bg.size[2]};
    const auto inside = [&](int i, int j, int k) { return i >= 0 && j >= 0 && k >= 0 && i < n[0] && j < n[1] && k < n[2]; };
    constexpr std::array<std::array<int, 3>, 6> kFaces{{{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}}};
    Mask fromCentral(bg, 0), centres(bg, 0);
    std::vector<std::array<int, 3>> queue;
    for (int k = 0; k < n[2]; ++k)
        for (int j = 0; j < n[1]; ++j)
            for (int i = 0; i < n[0]; ++i) {
                if (at(i, j, k) != piece) continue;
                centres.at(i, j, k) = radiusAt(i, j, k) >= r ? 1 : 0;
                for (const auto& d : kFaces)
                    if (inside(i + d[0], j + d[1], k + d[2]) && at(i + d[0], j + d[1], k + d[2]) == central) {
                        fromCentral.at(i, j, k) = 1;
                        queue.push_back({i, j, k});
                        break;
                    }
            }
    while (!queue.empty()) {
        const auto [i, j, k] = queue.back();
        queue.pop_back();
        for (const auto& d : kFaces) {
            const int a = i + d[0], b = j + d[1], c = k + d[2];
            if (!inside(a, b, c) || fromCentral.at(a, b, c) || at(a, b, c) != piece) continue;
            fromCentral.at(a, b, c) = 1;
            queue.push_back({a, b, c});
        }
    }
    Mask wide = dilateMm(centres, r);
    for (std::size_t b = 0; b < wide.voxelCount(); ++b)
        if (!fromCentral[b]) wide[b] = 0;  // fromCentral holds piece voxels only
    return wide;
}
}  // namespace

std::vector<StumpPlugVoxel> findCentralOcclusions(const Image<float>& s, const ThoraxMasks& m, const VesselTree& tree,
                                                  double floorHu, double ceilHu, const EmbolismParams& p, const CancelToken& cancel) {
    std::vector<StumpPlugVoxel> out;
    if (p.centralOcclusionCoreDepthMm <= 0) return out;
    // Like the gap search (EmbolismParams gapMinCnr): the band must part clot from lumen, i.e. the
    // contrast-to-noise ratio allows a cut at the lumen threshold (a tree without measured noise, the
    // noise-free phantoms, has no such limit).
    if (tree.noiseHu > 0 && bloodClotCnr(tree.bloodHu, tree.noiseHu, p) < p.gapMinCnr) return out;
    const ImageGeometry& g = s.geometry();
    const int nx = s.nx(), ny = s.ny(), nz = s.nz();
    const auto centralCode = static_cast<std::uint8_t>(ArteryCode::Central);
    const auto pieceCode = static_cast<std::uint8_t>(ArteryCode::MediastinalBranch);
    const auto lobarCode = static_cast<std::uint8_t>(ArteryCode::Lobar);
    // The box: the central lumen's bounding box widened by kBoxMarginMm, within the grid.
    std::array<int, 3> lo{nx, ny, nz}, hi{-1, -1, -1};
    for (int k = 0; k < nz; ++k)
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i)
                if (tree.connected.at(i, j, k) == centralCode) {
                    const std::array<int, 3> v{i, j, k};
                    for (int a = 0; a < 3; ++a) lo[a] = std::min(lo[a], v[a]), hi[a] = std::max(hi[a], v[a]);
                }
    if (hi[0] < 0) return out;
    const std::array<int, 3> size{nx, ny, nz};
    ImageGeometry bg = g;
    for (int a = 0; a < 3; ++a) {
        const int margin = static_cast<int>(std::ceil(kBoxMarginMm / g.spacing[a]));
        lo[a] = std::max(0, lo[a] - margin);
        hi[a] = std::min(size[a] - 1, hi[a] + margin);
        bg.size[a] = hi[a] - lo[a] + 1;
    }
    const auto global = [&](int i, int j, int k) { return s.offset(i + lo[0], j + lo[1], k + lo[2]); };
    const bool haveAorta = m.aorta.voxelCount() > 0;
    // Soft tissue in the thrombus band outside the lung hull (the lung cut-off search's domain; the
    // mediastinum mask is freed before the candidates: memory), not lumen, lung, heart or aorta. The
    // box's faces inside the scan are no soft tissue (depth is measured within the box; at the scan's
    // own faces distanceInsideMm does not count the border, as on the whole grid).
    const auto isSoft = [&](int i, int j, int k) {
        const bool inner = (i == 0 && lo[0] > 0) || (j == 0 && lo[1] > 0) || (k == 0 && lo[2] > 0) ||
                           (i == bg.size[0] - 1 && hi[0] < nx - 1) || (j == bg.size[1] - 1 && hi[1] < ny - 1) ||
                           (k == bg.size[2] - 1 && hi[2] < nz - 1);
        const std::size_t n = global(i, j, k);
        return !inner && !m.lungHull[n] && !m.lungs[n] && !m.heart[n] && !(haveAorta && m.aorta[n]) && !tree.lumen[n] &&
               s[n] >= floorHu && s[n] < ceilHu;
    };
    // The core, coded with its depth in 0.1 mm (as the defect map codes radii).
    Mask core(bg, 0);
    {
        Mask soft(bg, 0);
        for (int k = 0; k < bg.size[2]; ++k)
            for (int j = 0; j < bg.size[1]; ++j)
                for (int i = 0; i < bg.size[0]; ++i) soft.at(i, j, k) = isSoft(i, j, k) ? 1 : 0;
        const Image<float> depth = distanceInsideMm(soft);
        for (std::size_t b = 0; b < soft.voxelCount(); ++b)
            if (soft[b] && depth[b] >= p.centralOcclusionCoreDepthMm) core[b] = depthCode(depth[b]);
    }
    cancel.throwIfCancelled();
    // The lumen on either side: central-level arterial lumen (and lobar, EmbolismParams::
    // centralOcclusionLobarNearSide: a main PA filled beyond the bifurcation; and a wide piece continuing
    // the central lumen, centralOcclusionWidePieceMinRadiusMm: a main PA beyond clots that narrow the trunk), and cut-off pieces (lumen coded a
    // mediastinal branch: not reached by the tree from the trunk), each within the core's depth plus
    // the partial-volume shell (two voxels) of a core voxel. near: bit 1 central, bit 2 piece.
    const double reachMm = p.centralOcclusionCoreDepthMm + 2.0 * g.spacing.maxCoeff();
    // A wide piece on the central lumen's continuation counts as a proximal side (bit 1) too
    // (EmbolismParams::centralOcclusionWidePieceMinRadiusMm): a main PA beyond clots that narrow the trunk.
    const Mask widePiece = p.centralOcclusionWidePieceMinRadiusMm > 0
                               ? widePieceOnCentralContinuation(
                                     bg, [&](int i, int j, int k) { return tree.connected[global(i, j, k)]; },
                                     [&](int i, int j, int k) { return tree.radius[global(i, j, k)]; }, p.centralOcclusionWidePieceMinRadiusMm)
                               : Mask();
    Mask near(bg, 0);
    for (const auto& [code, bit] : {std::pair{centralCode, 1}, std::pair{pieceCode, 2}}) {
        Mask lumen(bg, 0);
        for (int k = 0; k < bg.size[2]; ++k)
            for (int j = 0; j < bg.size[1]; ++j)
                for (int i = 0; i < bg.size[0]; ++i) {
                    const std::uint8_t c = tree.connected[global(i, j, k)];
                    lumen.at(i, j, k) = c == code || (bit == 1 && p.centralOcclusionLobarNearSide && c == lobarCode) ||
                                                (bit == 1 && widePiece.voxelCount() > 0 && widePiece.at(i, j, k))
                                            ? 1
                                            : 0;
                }
        const Mask reach = dilateMm(lumen, reachMm);
        for (std::size_t b = 0; b < near.voxelCount(); ++b)
            if (reach[b]) near[b] |= static_cast<std::uint8_t>(bit);
    }
    cancel.throwIfCancelled();
    const Components cc = connectedComponents(core, true);
    std::vector<std::uint8_t> touches(static_cast<std::size_t>(cc.count()) + 1, 0), deepest(touches.size(), 0);
    // Second moments of each core's voxel positions (mm), for its elongation (compactCore below).
    std::vector<CoreMoments> moments(touches.size());
    for (int k = 0; k < bg.size[2]; ++k)
        for (int j = 0; j < bg.size[1]; ++j)
            for (int i = 0; i < bg.size[0]; ++i) {
                const std::size_t b = core.offset(i, j, k);
                if (const auto l = static_cast<std::size_t>(cc.labels[b])) {
                    touches[l] |= near[b];
                    deepest[l] = std::max(deepest[l], core[b]);
                    moments[l].add(Eigen::Vector3d(i * g.spacing[0], j * g.spacing[1], k * g.spacing[2]));
                }
            }
    near = Mask();
    // A core between both lumens, and at least centralOcclusionMinDepthMm deep somewhere (a clot filling
    // a trunk or main artery is about as deep as the artery's radius), or a compact core at least
    // centralOcclusionCompactMinDepthMm deep (EmbolismParams: a section-filled plug of a main or lobar
    // artery at the hilum). The artery's radius for the candidate: the deepest kept core voxel (one code
    // for all kept cores).
    std::vector<bool> kept(touches.size(), false), compact(touches.size(), false);
    for (std::size_t l = 1; l < touches.size(); ++l) {
        if (touches[l] != 3) continue;
        const double depthMm = deepest[l] / 10.0;
        kept[l] = depthMm >= p.centralOcclusionMinDepthMm;
        compact[l] = !kept[l] && p.centralOcclusionCompactMinDepthMm > 0 && depthMm >= p.centralOcclusionCompactMinDepthMm &&
                     moments[l].elongation() <= p.centralOcclusionCompactMaxElongation;
    }
    // ... and a compact core is one material: a clot, its 10th HU percentile (smoothed) within the thrombus
    // range (at least thrombusLowHu). Fat-infiltrated mediastinal tissue (thymic remnant) holds fat there.
    {
        std::vector<std::vector<float>> hu(touches.size());
        for (int k = 0; k < bg.size[2]; ++k)
            for (int j = 0; j < bg.size[1]; ++j)
                for (int i = 0; i < bg.size[0]; ++i)
                    if (const auto l = static_cast<std::size_t>(cc.labels[core.offset(i, j, k)]); l && compact[l]) hu[l].push_back(s[global(i, j, k)]);
        for (std::size_t l = 1; l < touches.size(); ++l) {
            if (!compact[l] || hu[l].empty()) continue;
            auto tenth = hu[l].begin() + static_cast<std::ptrdiff_t>(hu[l].size() / 10);
            std::nth_element(hu[l].begin(), tenth, hu[l].end());
            kept[l] = *tenth >= p.thrombusLowHu;
        }
    }
    std::uint8_t code = 0;
    for (std::size_t b = 0; b < core.voxelCount(); ++b) {
        const auto l = static_cast<std::size_t>(cc.labels[b]);
        if (l && kept[l]) code = std::max(code, core[b]);
        else core[b] = 0;
    }
    if (!code) return out;
    cancel.throwIfCancelled();
    // Back to the clot's extent: the soft tissue within the core depth of a kept core.
    const Mask grown = dilateMm(core, p.centralOcclusionCoreDepthMm + 0.1);
    for (int k = 0; k < bg.size[2]; ++k)
        for (int j = 0; j < bg.size[1]; ++j)
            for (int i = 0; i < bg.size[0]; ++i)
                if (grown.at(i, j, k) && isSoft(i, j, k)) out.push_back(StumpPlugVoxel{global(i, j, k), code, true});
    return out;
}

}  // namespace tv
