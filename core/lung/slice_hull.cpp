#include "lung/slice_hull.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "image/convex_hull_2d.h"

namespace tv {

void convexHullSlice(std::uint8_t* s, int nx, int ny) {
    // The hull of a pixel set is the hull of each row's first and last set pixel.
    std::vector<Eigen::Vector2d> pts;  // (x, y) = (column, row), in increasing rows
    for (int j = 0; j < ny; ++j) {
        const std::uint8_t* row = s + static_cast<std::size_t>(j) * nx;
        int lo = 0, hi = nx - 1;
        while (lo < nx && !row[lo]) ++lo;
        if (lo == nx) continue;
        while (!row[hi]) --hi;
        pts.emplace_back(lo, j);
        if (hi != lo) pts.emplace_back(hi, j);
    }
    if (pts.size() < 2) return;  // a single pixel is its own hull
    const std::vector<Eigen::Vector2d> hull = convexHull2d(pts);
    // Rasterise: per row, the x-range where the row's centre line crosses the polygon.
    const int j0 = static_cast<int>(pts.front().y()), j1 = static_cast<int>(pts.back().y());
    const double eps = 1e-9;
    for (int j = j0; j <= j1; ++j) {
        double xmin = nx, xmax = -1;
        for (std::size_t e = 0; e < hull.size(); ++e) {
            const Eigen::Vector2d& a = hull[e];
            const Eigen::Vector2d& b = hull[(e + 1) % hull.size()];
            if ((j < std::min(a.y(), b.y())) || (j > std::max(a.y(), b.y()))) continue;
            if (a.y() == b.y()) {
                xmin = std::min({xmin, a.x(), b.x()});
                xmax = std::max({xmax, a.x(), b.x()});
            } else {
                const double x = a.x() + (b.x() - a.x()) * (j - a.y()) / (b.y() - a.y());
                xmin = std::min(xmin, x);
                xmax = std::max(xmax, x);
            }
        }
        if (xmax < xmin) continue;
        const int i0 = std::max(0, static_cast<int>(std::ceil(xmin - eps)));
        const int i1 = std::min(nx - 1, static_cast<int>(std::floor(xmax + eps)));
        std::uint8_t* row = s + static_cast<std::size_t>(j) * nx;
        for (int i = i0; i <= i1; ++i) row[i] = 1;
    }
}

}  // namespace tv
