#include "embolism/occlusion_bridge.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <vector>

#include "embolism/artery_levels.h"

namespace tv {
namespace {

// Line directions: primitive integer vectors with components in -2..2, one of each +- pair (49),
// taken as directions in millimetres; neighbouring directions are at most about 20 degrees apart,
// and a line within that of a plug's axis stays inside a plug of 2 or more radii length.
std::vector<Eigen::Vector3d> lineDirections() {
    std::vector<Eigen::Vector3d> dirs;
    for (int c = -2; c <= 2; ++c)
        for (int b = -2; b <= 2; ++b)
            for (int a = -2; a <= 2; ++a) {
                if (std::gcd(std::gcd(std::abs(a), std::abs(b)), std::abs(c)) != 1) continue;
                const int first = a != 0 ? a : (b != 0 ? b : c);
                if (first < 0) continue;
                dirs.push_back(Eigen::Vector3d(a, b, c).normalized());
            }
    return dirs;
}

struct Walker {
    const BridgeInputs& in;
    const ImageGeometry& g;
    const Mask& band;
    double stepMm;

    // Voxel at `t` mm from working voxel `x` along unit direction `d` (mm); false outside the grid.
    bool at(const Eigen::Vector3d& x, const Eigen::Vector3d& d, double t, std::size_t& n) const {
        Index3 v;
        for (int a = 0; a < 3; ++a) {
            v[a] = static_cast<int>(std::lround(x[a] + t * d[a] / g.spacing[a]));
            if (v[a] < 0 || v[a] >= g.size[a]) return false;
        }
        n = in.smoothed->offset(v[0], v[1], v[2]);
        return true;
    }
};

struct Stump {
    bool ok = false;
    bool arterial = false;  // central or lobar tree voxel on the run
    double radiusMm = 0;    // largest radius on the run
};

}  // namespace

Mask findOcclusionBridges(const BridgeInputs& in, const EmbolismParams& p, const CancelToken& cancel) {
    const Image<float>& s = *in.smoothed;
    const ImageGeometry& g = s.geometry();
    Mask band(g, 0);
    for (std::size_t n = 0; n < band.voxelCount(); ++n)
        band[n] = !(*in.lumen)[n] && !(*in.lungs)[n] && s[n] >= in.floorHu && s[n] < in.lumenThresholdHu ? 1 : 0;
    const Image<float> fill = distanceInsideMm(band);
    // Enhanced blood anywhere (not only the tree's lumen zone): the continuation beyond a plug is cut
    // off from the tree, and on CTPA the trunk lies inside the cardiac-chamber mask (pa-crop). Its
    // own radius map measures the stumps.
    Mask enhanced(g, 0);
    for (std::size_t n = 0; n < enhanced.voxelCount(); ++n) enhanced[n] = s[n] >= in.lumenThresholdHu && s[n] <= 900 ? 1 : 0;
    const Image<float> eRadius = distanceInsideMm(enhanced);
    const Walker w{in, g, band, 0.5 * g.spacing.minCoeff()};
    const std::vector<Eigen::Vector3d> dirs = lineDirections();

    // Along direction d from the plug voxel x: soft tissue up to the first non-band voxel, which must
    // be enhanced blood; then the blood must run on for occlusionLumenRunToRadius x its
    // largest radius so far (a line across a vessel leaves it after one diameter).
    auto walk = [&](const Eigen::Vector3d& x, const Eigen::Vector3d& d, double& gapMm) -> Stump {
        Stump st;
        std::size_t n = 0;
        double t = w.stepMm;
        for (; t <= p.occlusionMaxGapMm; t += w.stepMm) {
            if (!w.at(x, d, t, n)) return st;
            if (!band[n]) break;
        }
        if (t > p.occlusionMaxGapMm || !enhanced[n]) return st;
        gapMm = t;
        const double entry = t;
        for (; w.at(x, d, t, n) && enhanced[n]; t += w.stepMm) {
            st.radiusMm = std::max(st.radiusMm, static_cast<double>(eRadius[n]));
            const auto code = static_cast<ArteryCode>((*in.arteryCodes)[n]);
            st.arterial = st.arterial || code == ArteryCode::Central || code == ArteryCode::Lobar;
            if (t - entry >= p.occlusionLumenRunToRadius * st.radiusMm && st.radiusMm >= p.occlusionMinRadiusMm) {
                st.ok = true;
                return st;
            }
        }
        return st;
    };

    std::vector<std::pair<std::size_t, float>> plug;  // accepted voxel, smaller stump radius
    const int nx = s.nx(), ny = s.ny();
    for (std::size_t n = 0; n < band.voxelCount(); ++n) {
        if (n % (static_cast<std::size_t>(nx) * ny) == 0) cancel.throwIfCancelled();
        if (!band[n] || (*in.heart)[n] || fill[n] < p.minOcclusionRadiusMm) continue;
        const int i = static_cast<int>(n % nx), j = static_cast<int>((n / nx) % ny), k = static_cast<int>(n / (static_cast<std::size_t>(nx) * ny));
        // Start only on the plug's medial axis: the fill distance is not lower than both neighbours
        // along at least two of the three axes (the balls grown below cover the rest of the plug).
        const int c[3] = {i, j, k};
        int ridgeAxes = 0;
        for (int a = 0; a < 3; ++a) {
            int lo[3] = {i, j, k}, hi[3] = {i, j, k};
            --lo[a];
            ++hi[a];
            if (c[a] == 0 || c[a] == g.size[a] - 1) continue;
            const float f0 = fill.at(lo[0], lo[1], lo[2]), f1 = fill.at(hi[0], hi[1], hi[2]);
            if (fill[n] >= f0 && fill[n] >= f1) ++ridgeAxes;
        }
        if (ridgeAxes < 2) continue;
        const Eigen::Vector3d x(i, j, k);
        for (const auto& d : dirs) {
            double g1 = 0, g2 = 0;
            const Stump a = walk(x, d, g1);
            if (!a.ok) continue;
            const Stump b = walk(x, -d, g2);
            if (!b.ok || !(a.arterial || b.arterial)) continue;
            const double stumpR = std::min(a.radiusMm, b.radiusMm);
            if (g1 + g2 < p.occlusionMinGapToRadius * stumpR) continue;  // a wall between touching vessels
            if (fill[n] < p.occlusionMinFillToRadius * stumpR) continue;  // the plug must fill the vessel
            plug.emplace_back(n, static_cast<float>(stumpR));
            break;
        }
    }
    // The plug: the union of the soft-tissue balls around the accepted voxels (each lies in the band
    // by construction of the fill distance), no wider than the stumps (the vessel's calibre: soft
    // tissue beside the artery is not clot), outside the heart.
    Mask out(g, 0);
    const int nz = s.nz();
    for (const auto& [n, stumpR] : plug) {
        const int i = static_cast<int>(n % nx), j = static_cast<int>((n / nx) % ny), k = static_cast<int>(n / (static_cast<std::size_t>(nx) * ny));
        const double r = std::min(static_cast<double>(fill[n]), static_cast<double>(stumpR));
        std::array<int, 3> h{};
        for (int a = 0; a < 3; ++a) h[a] = static_cast<int>(std::floor(r / g.spacing[a]));
        for (int c = std::max(0, k - h[2]); c <= std::min(nz - 1, k + h[2]); ++c)
            for (int b = std::max(0, j - h[1]); b <= std::min(ny - 1, j + h[1]); ++b)
                for (int a = std::max(0, i - h[0]); a <= std::min(nx - 1, i + h[0]); ++a) {
                    const double dx = (a - i) * g.spacing[0], dy = (b - j) * g.spacing[1], dz = (c - k) * g.spacing[2];
                    if (dx * dx + dy * dy + dz * dz >= r * r) continue;
                    const std::size_t q = s.offset(a, b, c);
                    if (band[q] && !(*in.heart)[q]) out[q] = 1;
                }
    }
    return out;
}

}  // namespace tv
