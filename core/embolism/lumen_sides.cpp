#include "embolism/lumen_sides.h"

#include <algorithm>
#include <cmath>

#include "image/neighbours.h"

namespace tv {

int lumenSidesTouching(const std::vector<std::size_t>& voxels, const Mask& lumen, double marginMm, int minVoxels) {
    if (voxels.empty()) return 0;
    const ImageGeometry& g = lumen.geometry();
    const auto ijk = [&](std::size_t n) {
        return Index3{static_cast<int>(n % g.size[0]), static_cast<int>((n / g.size[0]) % g.size[1]),
                      static_cast<int>(n / (static_cast<std::size_t>(g.size[0]) * g.size[1]))};
    };
    auto [lo, hi] = voxelBounds(voxels, g.size);
    for (int a = 0; a < 3; ++a) {
        const int m = static_cast<int>(std::ceil(marginMm / g.spacing[a]));
        lo[a] = std::max(0, lo[a] - m);
        hi[a] = std::min(g.size[a] - 1, hi[a] + m);
    }
    // Local state over the box: 1 = candidate, 2 = visited lumen.
    const Index3 size{hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1};
    std::vector<std::uint8_t> state(static_cast<std::size_t>(size[0]) * size[1] * size[2], 0);
    const auto local = [&](const Index3& v) {
        return (static_cast<std::size_t>(v[2] - lo[2]) * size[1] + (v[1] - lo[1])) * size[0] + (v[0] - lo[0]);
    };
    const auto inBox = [&](const Index3& v) {
        for (int a = 0; a < 3; ++a)
            if (v[a] < lo[a] || v[a] > hi[a]) return false;
        return true;
    };
    for (const std::size_t n : voxels) state[local(ijk(n))] = 1;
    int sides = 0;
    std::vector<std::size_t> stack;
    for (const std::size_t n : voxels)
        forEachFaceNeighbour(g.size, n, [&](std::size_t start) {
            const Index3 s = ijk(start);
            if (!inBox(s) || !lumen[start] || state[local(s)]) return;
            state[local(s)] = 2;
            stack.assign(1, start);
            int count = 0;
            while (!stack.empty()) {
                const std::size_t q = stack.back();
                stack.pop_back();
                ++count;
                forEachFaceNeighbour(g.size, q, [&](std::size_t r) {
                    const Index3 v = ijk(r);
                    if (!inBox(v) || !lumen[r] || state[local(v)]) return;
                    state[local(v)] = 2;
                    stack.push_back(r);
                });
            }
            if (count >= minVoxels) ++sides;
        });
    return sides;
}

}  // namespace tv
