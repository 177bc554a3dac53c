#include "embolism/radius_update.h"

#include <algorithm>
#include <cmath>

namespace tv {
namespace {
struct Box {
    Index3 lo, hi;  // inclusive voxel bounds
    bool overlaps(const Box& o) const {
        for (int a = 0; a < 3; ++a)
            if (hi[a] < o.lo[a] || o.hi[a] < lo[a]) return false;
        return true;
    }
    void join(const Box& o) {
        for (int a = 0; a < 3; ++a) {
            lo[a] = std::min(lo[a], o.lo[a]);
            hi[a] = std::max(hi[a], o.hi[a]);
        }
    }
    Box grown(const Index3& by, const Index3& size) const {
        Box b;
        for (int a = 0; a < 3; ++a) {
            b.lo[a] = std::max(0, lo[a] - by[a]);
            b.hi[a] = std::min(size[a] - 1, hi[a] + by[a]);
        }
        return b;
    }
    std::size_t voxels() const {
        return static_cast<std::size_t>(hi[0] - lo[0] + 1) * static_cast<std::size_t>(hi[1] - lo[1] + 1) *
               static_cast<std::size_t>(hi[2] - lo[2] + 1);
    }
};

// Whole voxels covering `mm` along each axis, plus one (centres off the axis by up to half a voxel).
Index3 voxelsFor(double mm, const Eigen::Vector3d& spacing) {
    Index3 v;
    for (int a = 0; a < 3; ++a) v[a] = static_cast<int>(std::ceil(mm / spacing[a])) + 1;
    return v;
}

// Recomputes the box `write` from the crop `crop` of the lumen, whose closing equals the whole
// grid's inside `exact`. False when a written voxel's wall distance in the crop is not shorter than
// its distance to the outside of `exact` (a face on the grid's border does not count: beyond the
// grid is lumen for the whole map and for the crop alike).
bool updateBox(Image<float>& radius, const Mask& lumen, double closingMm, const Box& write, const Box& exact, const Box& crop) {
    const ImageGeometry& g = lumen.geometry();
    ImageGeometry cg = g;
    for (int a = 0; a < 3; ++a) cg.size[a] = crop.hi[a] - crop.lo[a] + 1;
    Mask part(cg, 0);
    for (int k = 0; k < cg.size[2]; ++k)
        for (int j = 0; j < cg.size[1]; ++j)
            for (int i = 0; i < cg.size[0]; ++i) part.at(i, j, k) = lumen.at(crop.lo[0] + i, crop.lo[1] + j, crop.lo[2] + k);
    const Image<float> r = distanceInsideMm(closeMm(part, closingMm));
    for (int k = write.lo[2]; k <= write.hi[2]; ++k)
        for (int j = write.lo[1]; j <= write.hi[1]; ++j)
            for (int i = write.lo[0]; i <= write.hi[0]; ++i) {
                const Index3 x{i, j, k};
                double outside = 1e9;
                for (int a = 0; a < 3; ++a) {
                    if (exact.lo[a] > 0) outside = std::min(outside, (x[a] - exact.lo[a] + 1) * g.spacing[a]);
                    if (exact.hi[a] < g.size[a] - 1) outside = std::min(outside, (exact.hi[a] - x[a] + 1) * g.spacing[a]);
                }
                const float v = r.at(i - crop.lo[0], j - crop.lo[1], k - crop.lo[2]);
                if (!(v < outside)) return false;
                radius.at(i, j, k) = v;
            }
    return true;
}

// Largest value of `radius` in box `b`.
float maxIn(const Image<float>& radius, const Box& b) {
    float m = 0;
    for (int k = b.lo[2]; k <= b.hi[2]; ++k)
        for (int j = b.lo[1]; j <= b.hi[1]; ++j)
            for (int i = b.lo[0]; i <= b.hi[0]; ++i) m = std::max(m, radius.at(i, j, k));
    return m;
}
}  // namespace

bool updateRadiusForAddedLumen(Image<float>& radius, const Mask& lumen, const std::vector<std::size_t>& added, double closingMm) {
    if (added.empty()) return true;
    const ImageGeometry& g = lumen.geometry();
    const float rMax = *std::max_element(radius.data(), radius.data() + radius.voxelCount());
    if (rMax >= 1e5f) return false;  // no wall in the whole grid (distanceInsideMm's cap)
    // Clusters of added voxels near each other (bounding boxes within the closing's reach). Crops of
    // different clusters may overlap: each computes the exact final map where it writes.
    const Index3 clusterMargin = voxelsFor(2 * closingMm, g.spacing);
    std::vector<Box> clusters;
    for (const std::size_t n : added) {
        const Index3 v{static_cast<int>(n % g.size[0]), static_cast<int>((n / g.size[0]) % g.size[1]),
                       static_cast<int>(n / (static_cast<std::size_t>(g.size[0]) * g.size[1]))};
        clusters.push_back(Box{v, v});
        for (bool joined = true; joined;) {
            joined = false;
            for (std::size_t b = 0; b + 1 < clusters.size(); ++b)
                if (clusters[b].grown(clusterMargin, g.size).overlaps(clusters.back())) {
                    clusters[b].join(clusters.back());
                    clusters.pop_back();
                    std::swap(clusters[b], clusters.back());
                    joined = true;
                    break;
                }
        }
    }
    const Index3& closingMargin = clusterMargin;
    struct Plan {
        Box write, exact, crop;
    };
    std::vector<Plan> plans;
    std::size_t cropVoxels = 0;
    for (const Box& c : clusters) {
        // A voxel changes only within its old radius of the changed closing (within 2r of the added
        // voxels), so within rho of it, rho the largest old radius there: shrink rho while the
        // largest old radius within rho is smaller (the heart's chambers, 27 mm on C3N-00247, set
        // the global maximum; a lung artery's surroundings do not reach them).
        float rho = rMax;
        for (;;) {
            const float inside = maxIn(radius, c.grown(voxelsFor(2 * closingMm + rho, g.spacing), g.size));
            if (inside >= rho) break;
            rho = inside;
        }
        Plan pl;
        pl.write = c.grown(voxelsFor(2 * closingMm + rho, g.spacing), g.size);
        // The new radius of a written voxel is at most about rho plus the closing's reach; the
        // per-voxel check in updateBox catches a longer one.
        pl.exact = pl.write.grown(voxelsFor(rho + 2 * closingMm, g.spacing), g.size);
        pl.crop = pl.exact.grown(closingMargin, g.size);
        cropVoxels += pl.crop.voxels();
        plans.push_back(pl);
    }
    if (2 * cropVoxels > g.voxelCount()) return false;
    for (const Plan& pl : plans)
        if (!updateBox(radius, lumen, closingMm, pl.write, pl.exact, pl.crop)) return false;
    return true;
}

}  // namespace tv
