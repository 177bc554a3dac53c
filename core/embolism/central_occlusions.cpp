#include "embolism/central_occlusions.h"

#include "embolism/artery_levels.h"
#include "embolism/vessel_tree.h"
#include "embolism/volume_ops.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>

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
    // centralOcclusionLobarNearSide: a main PA filled beyond the bifurcation; and a piece of at least
    // centralOcclusionWidePieceMinRadiusMm own radius: a main PA beyond clots that narrow the trunk), and cut-off pieces (lumen coded a
    // mediastinal branch: not reached by the tree from the trunk), each within the core's depth plus
    // the partial-volume shell (two voxels) of a core voxel. near: bit 1 central, bit 2 piece.
    const double reachMm = p.centralOcclusionCoreDepthMm + 2.0 * g.spacing.maxCoeff();
    // EmbolismParams::centralOcclusionWidePieceMinRadiusMm: a piece as wide as a lobar artery is an artery
    // cut from the trunk's calibre by a clot on its way (its code reads the path, not its own width).
    const char* s36env = std::getenv("TV_S36_PIECE_R");
    const double widePieceR = s36env ? std::atof(s36env) : p.centralOcclusionWidePieceMinRadiusMm;
    const bool s36log = std::getenv("TV_S36_LOG") != nullptr;
    // The pieces' lumen as wide as `r` mm: the piece opened by a ball of radius r (its voxels within r of
    // a piece voxel at least r from the lumen's wall), i.e. the whole section of a piece whose own axis
    // is at least r deep, not the few deep voxels the core's reach meets.
    const auto widePiece = [&](double r) {
        Mask centres(bg, 0);
        for (int k = 0; k < bg.size[2]; ++k)
            for (int j = 0; j < bg.size[1]; ++j)
                for (int i = 0; i < bg.size[0]; ++i) {
                    const std::size_t gn = global(i, j, k);
                    centres.at(i, j, k) = tree.connected[gn] == pieceCode && tree.radius[gn] >= r ? 1 : 0;
                }
        Mask wide = dilateMm(centres, r);
        for (int k = 0; k < bg.size[2]; ++k)
            for (int j = 0; j < bg.size[1]; ++j)
                for (int i = 0; i < bg.size[0]; ++i)
                    if (tree.connected[global(i, j, k)] != pieceCode) wide.at(i, j, k) = 0;
        return wide;
    };
    // ... on the central lumen's own continuation: the pieces' lumen reached from central lumen through
    // piece lumen alone (face neighbours). A cut-off piece beyond a clot is not (its way to the trunk runs
    // through the clot or other arteries), so the far side of a core cannot be its proximal side as well.
    Mask fromCentral;
    if (widePieceR > 0 || s36log) {
        fromCentral = Mask(bg, 0);
        std::vector<std::size_t> queue;
        const auto code = [&](int i, int j, int k) { return tree.connected[global(i, j, k)]; };
        for (int k = 0; k < bg.size[2]; ++k)
            for (int j = 0; j < bg.size[1]; ++j)
                for (int i = 0; i < bg.size[0]; ++i) {
                    if (code(i, j, k) != pieceCode) continue;
                    bool seed = false;
                    for (const auto& d : {std::array{1, 0, 0}, std::array{-1, 0, 0}, std::array{0, 1, 0}, std::array{0, -1, 0},
                                          std::array{0, 0, 1}, std::array{0, 0, -1}}) {
                        const int a = i + d[0], b = j + d[1], c = k + d[2];
                        if (a >= 0 && b >= 0 && c >= 0 && a < bg.size[0] && b < bg.size[1] && c < bg.size[2] && code(a, b, c) == centralCode)
                            seed = true;
                    }
                    if (seed) {
                        fromCentral.at(i, j, k) = 1;
                        queue.push_back(fromCentral.offset(i, j, k));
                    }
                }
        const int sx = bg.size[0], sxy = bg.size[0] * bg.size[1];
        while (!queue.empty()) {
            const std::size_t b = queue.back();
            queue.pop_back();
            const int i = static_cast<int>(b % sx), j = static_cast<int>((b / sx) % bg.size[1]), k = static_cast<int>(b / sxy);
            for (const auto& d : {std::array{1, 0, 0}, std::array{-1, 0, 0}, std::array{0, 1, 0}, std::array{0, -1, 0},
                                  std::array{0, 0, 1}, std::array{0, 0, -1}}) {
                const int a = i + d[0], bb = j + d[1], c = k + d[2];
                if (a < 0 || bb < 0 || c < 0 || a >= bg.size[0] || bb >= bg.size[1] || c >= bg.size[2]) continue;
                if (fromCentral.at(a, bb, c) || code(a, bb, c) != pieceCode) continue;
                fromCentral.at(a, bb, c) = 1;
                queue.push_back(fromCentral.offset(a, bb, c));
            }
        }
    }
    Mask wideNear = widePieceR > 0 ? widePiece(widePieceR) : Mask();
    for (std::size_t b = 0; b < wideNear.voxelCount(); ++b)
        if (!fromCentral[b]) wideNear[b] = 0;
    Mask near(bg, 0);
    if (widePieceR > 0) {  // bit 4: a wide piece on the central lumen's continuation
        const Mask reach = dilateMm(wideNear, reachMm);
        for (std::size_t b = 0; b < near.voxelCount(); ++b)
            if (reach[b]) near[b] |= 4;
    }
    for (const auto& [code, bit] : {std::pair{centralCode, 1}, std::pair{pieceCode, 2}}) {
        Mask lumen(bg, 0);
        for (int k = 0; k < bg.size[2]; ++k)
            for (int j = 0; j < bg.size[1]; ++j)
                for (int i = 0; i < bg.size[0]; ++i) {
                    const std::uint8_t c = tree.connected[global(i, j, k)];
                    lumen.at(i, j, k) = c == code || (bit == 1 && p.centralOcclusionLobarNearSide && c == lobarCode) ? 1 : 0;
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
    std::vector<double> s36MaxPieceR(touches.size(), 0.0);
    if (s36log) {
        for (const double t : {2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 6.0, 7.0, 8.0}) {
            Mask w = widePiece(t);
            for (std::size_t b = 0; b < w.voxelCount(); ++b)
                if (!fromCentral[b]) w[b] = 0;
            const Mask reach = dilateMm(w, reachMm);
            for (std::size_t b = 0; b < reach.voxelCount(); ++b)
                if (reach[b] && cc.labels[b]) s36MaxPieceR[cc.labels[b]] = std::max(s36MaxPieceR[cc.labels[b]], t);
        }
    }
    if (s36log) {
        std::vector<std::array<double, 4>> c(touches.size(), {0, 0, 0, 0});
        for (int k = 0; k < bg.size[2]; ++k)
            for (int j = 0; j < bg.size[1]; ++j)
                for (int i = 0; i < bg.size[0]; ++i)
                    if (const auto l = static_cast<std::size_t>(cc.labels[core.offset(i, j, k)])) {
                        c[l][0] += i + lo[0]; c[l][1] += j + lo[1]; c[l][2] += k + lo[2]; c[l][3] += 1;
                    }
        for (std::size_t l = 1; l < touches.size(); ++l)
            if (deepest[l] >= 70)
                std::fprintf(stderr, "S36CORE (%.0f,%.0f,%.0f) n %.0f depth %.2f elong %.2f touches %d widePieceR %.1f\n", c[l][0] / c[l][3],
                             c[l][1] / c[l][3], c[l][2] / c[l][3], c[l][3], deepest[l] / 10.0, moments[l].elongation(), touches[l], s36MaxPieceR[l]);
    }
    // A core between both lumens, and at least centralOcclusionMinDepthMm deep somewhere (a clot filling
    // a trunk or main artery is about as deep as the artery's radius), or a compact core at least
    // centralOcclusionCompactMinDepthMm deep (EmbolismParams: a section-filled plug of a main or lobar
    // artery at the hilum). The artery's radius for the candidate: the deepest kept core voxel (one code
    // for all kept cores).
    std::vector<bool> kept(touches.size(), false), compact(touches.size(), false);
    for (std::size_t l = 1; l < touches.size(); ++l) {
        // Between a proximal side (central or lobar lumen, or a wide piece on the central lumen's
        // continuation) and a piece.
        const bool proximal = (touches[l] & 1) || (touches[l] & 4);
        if (s36log && (touches[l] & 2) && !(touches[l] & 1) && (touches[l] & 4))
            std::fprintf(stderr, "S36FLIP core %zu depth %.1f elong %.2f via wide piece\n", l, deepest[l] / 10.0, moments[l].elongation());
        if (!(touches[l] & 2) || !proximal) continue;
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
