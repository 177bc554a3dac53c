#include "embolism/working_grid.h"

#include <cmath>
#include <map>

namespace tv {

Index3 WorkingGrid::sourceBlockStart(const Index3& w) const {
    Index3 s{};
    for (int a = 0; a < 3; ++a) {
        const int src = axisOf[a];
        const int n = sourceSize[src];
        const int lo = w[a] * bin[a];
        s[src] = flip[a] ? n - lo - bin[a] : lo;
    }
    return s;
}

Index3 WorkingGrid::workingFromSource(const Index3& s) const {
    Index3 w{};
    for (int a = 0; a < 3; ++a) {
        const int src = axisOf[a];
        const int n = sourceSize[src];
        const int idx = flip[a] ? n - 1 - s[src] : s[src];
        w[a] = idx / bin[a];
    }
    return w;
}

WorkingGrid makeWorkingGrid(const CtVolume& ct, double targetInPlaneMm) {
    const ImageGeometry& g = ct.geometry();
    if (g.voxelCount() == 0) throw InvalidArgumentError("makeWorkingGrid: empty CT volume");
    WorkingGrid wg;
    wg.sourceSize = g.size;
    // Assign each patient axis (L, P, S) the source axis whose direction is most aligned with it.
    std::array<bool, 3> used{false, false, false};
    for (int a = 0; a < 3; ++a) {
        int best = -1;
        double bestDot = -1;
        for (int s = 0; s < 3; ++s) {
            if (used[s]) continue;
            const double d = std::abs(g.direction(a, s));
            if (d > bestDot) { bestDot = d; best = s; }
        }
        used[best] = true;
        wg.axisOf[a] = best;
        wg.flip[a] = g.direction(a, best) < 0;
    }
    Index3 size{};
    Eigen::Vector3d spacing;
    for (int a = 0; a < 3; ++a) {
        const int src = wg.axisOf[a];
        const double sp = g.spacing[src];
        int b = 1;
        if (a < 2 && sp < targetInPlaneMm) b = std::max(1, static_cast<int>(std::lround(targetInPlaneMm / sp)));
        wg.bin[a] = b;
        size[a] = g.size[src] / b;
        spacing[a] = sp * b;
    }
    wg.geometry.size = size;
    wg.geometry.spacing = spacing;
    wg.geometry.direction = Eigen::Matrix3d::Identity();
    // Working voxel centre = centre of its source block.
    Eigen::Vector3d srcCentre;
    const Index3 s0 = wg.sourceBlockStart({0, 0, 0});
    for (int a = 0; a < 3; ++a) {
        const int src = wg.axisOf[a];
        srcCentre[src] = s0[src] + (wg.bin[a] - 1) / 2.0;
    }
    const Eigen::Vector3d p0 = g.voxelToPatient(srcCentre);
    // Axes are only approximately aligned for oblique scans; the working grid is axis-aligned in
    // LPS, which is accurate to within the obliquity (documented limitation, CT is rarely oblique).
    wg.geometry.origin = p0;
    wg.hu = Image<float>(wg.geometry);
    for (int k = 0; k < size[2]; ++k)
        for (int j = 0; j < size[1]; ++j)
            for (int i = 0; i < size[0]; ++i) {
                const Index3 s = wg.sourceBlockStart({i, j, k});
                double sum = 0;
                int n = 0;
                Index3 d{};
                for (d[2] = 0; d[2] < wg.bin[2]; ++d[2])
                    for (d[1] = 0; d[1] < wg.bin[1]; ++d[1])
                        for (d[0] = 0; d[0] < wg.bin[0]; ++d[0]) {
                            Index3 v = s;
                            for (int a = 0; a < 3; ++a) v[wg.axisOf[a]] += d[a];
                            sum += ct.hu.at(v[0], v[1], v[2]);
                            ++n;
                        }
                wg.hu.at(i, j, k) = static_cast<float>(sum / n);
            }
    return wg;
}

LabelMap labelsToSource(const WorkingGrid& grid, const LabelMap& working, const ImageGeometry& sourceGeometry) {
    LabelMap out(sourceGeometry, 0);
    for (int k = 0; k < sourceGeometry.size[2]; ++k)
        for (int j = 0; j < sourceGeometry.size[1]; ++j)
            for (int i = 0; i < sourceGeometry.size[0]; ++i) {
                const Index3 w = grid.workingFromSource({i, j, k});
                if (grid.geometry.contains(w[0], w[1], w[2])) out.at(i, j, k) = working.at(w[0], w[1], w[2]);
            }
    return out;
}

LabelMap labelsToWorking(const WorkingGrid& grid, const LabelMap& source) {
    LabelMap out(grid.geometry, 0);
    const int blockSize = grid.bin[0] * grid.bin[1] * grid.bin[2];
    for (int k = 0; k < grid.geometry.size[2]; ++k)
        for (int j = 0; j < grid.geometry.size[1]; ++j)
            for (int i = 0; i < grid.geometry.size[0]; ++i) {
                const Index3 s = grid.sourceBlockStart({i, j, k});
                std::map<int, int> counts;
                Index3 d{};
                for (d[2] = 0; d[2] < grid.bin[2]; ++d[2])
                    for (d[1] = 0; d[1] < grid.bin[1]; ++d[1])
                        for (d[0] = 0; d[0] < grid.bin[0]; ++d[0]) {
                            Index3 v = s;
                            for (int a = 0; a < 3; ++a) v[grid.axisOf[a]] += d[a];
                            if (const int l = source.at(v[0], v[1], v[2])) ++counts[l];
                        }
                int best = 0, bestN = 0, total = 0;
                for (auto [l, n] : counts) {
                    total += n;
                    if (n > bestN) { bestN = n; best = l; }
                }
                if (2 * total >= blockSize) out.at(i, j, k) = static_cast<std::uint8_t>(best);
            }
    return out;
}

}  // namespace tv
