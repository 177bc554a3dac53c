#pragma once
// Face (6-) and full (26-) neighbourhood of a voxel given by its linear index (i fastest, then j, then k), the
// traversal every flood fill and region growing in core uses, and the ball of a radius in mm around it. Kept in one place so bounds handling
// is written once.
#include <cmath>
#include <cstddef>

#include "image/geometry.h"

namespace tv {

/// Calls visit(q) for each face neighbour q of voxel n that lies inside a grid of `size`.
template <typename Visit>
inline void forEachFaceNeighbour(const Index3& size, std::size_t n, Visit&& visit) {
    const std::size_t nx = static_cast<std::size_t>(size[0]);
    const std::size_t sxy = nx * static_cast<std::size_t>(size[1]);
    const std::size_t i = n % nx, j = (n / nx) % static_cast<std::size_t>(size[1]), k = n / sxy;
    if (i > 0) visit(n - 1);
    if (i + 1 < nx) visit(n + 1);
    if (j > 0) visit(n - nx);
    if (j + 1 < static_cast<std::size_t>(size[1])) visit(n + nx);
    if (k > 0) visit(n - sxy);
    if (k + 1 < static_cast<std::size_t>(size[2])) visit(n + sxy);
}

/// Calls visit(q) for each of the 26 neighbours q (faces, edges, corners) of voxel n that lies
/// inside a grid of `size`.
template <typename Visit>
inline void forEachNeighbour26(const Index3& size, std::size_t n, Visit&& visit) {
    const std::size_t nx = static_cast<std::size_t>(size[0]), ny = static_cast<std::size_t>(size[1]);
    const int i = static_cast<int>(n % nx), j = static_cast<int>((n / nx) % ny), k = static_cast<int>(n / (nx * ny));
    for (int c = k - 1; c <= k + 1; ++c)
        for (int b = j - 1; b <= j + 1; ++b)
            for (int a = i - 1; a <= i + 1; ++a) {
                if ((a == i && b == j && c == k) || a < 0 || b < 0 || c < 0 || a >= size[0] || b >= size[1] || c >= size[2]) continue;
                visit(static_cast<std::size_t>(a) + nx * (static_cast<std::size_t>(b) + ny * static_cast<std::size_t>(c)));
            }
}

/// Calls visit(q, distanceMm) for every voxel q of a grid of `geometry` whose centre lies within reachMm of the
/// centre of voxel n (n itself included, at distance 0).
template <typename Visit>
inline void forEachInBallMm(const ImageGeometry& geometry, std::size_t n, double reachMm, Visit&& visit) {
    const int nx = geometry.size[0], ny = geometry.size[1], nz = geometry.size[2];
    int r[3];
    for (int a = 0; a < 3; ++a) r[a] = static_cast<int>(std::floor(reachMm / geometry.spacing[a]));
    const std::size_t sx = static_cast<std::size_t>(nx), sxy = sx * static_cast<std::size_t>(ny);
    const int i = static_cast<int>(n % sx), j = static_cast<int>((n / sx) % static_cast<std::size_t>(ny)), k = static_cast<int>(n / sxy);
    for (int dk = -r[2]; dk <= r[2]; ++dk) {
        const int c = k + dk;
        if (c < 0 || c >= nz) continue;
        for (int dj = -r[1]; dj <= r[1]; ++dj) {
            const int b = j + dj;
            if (b < 0 || b >= ny) continue;
            for (int di = -r[0]; di <= r[0]; ++di) {
                const int a = i + di;
                if (a < 0 || a >= nx) continue;
                const double x = di * geometry.spacing[0], y = dj * geometry.spacing[1], z = dk * geometry.spacing[2];
                const double d = std::sqrt(x * x + y * y + z * z);
                if (d <= reachMm) visit(static_cast<std::size_t>(a) + sx * static_cast<std::size_t>(b) + sxy * static_cast<std::size_t>(c), d);
            }
        }
    }
}

}  // namespace tv
