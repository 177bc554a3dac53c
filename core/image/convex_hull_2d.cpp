#include "image/convex_hull_2d.h"

#include <algorithm>

namespace tv {
namespace {
// 2-D cross product of (a - o) and (b - o): > 0 for a left turn.
double turn(const Eigen::Vector2d& o, const Eigen::Vector2d& a, const Eigen::Vector2d& b) {
    return (a - o).x() * (b - o).y() - (a - o).y() * (b - o).x();
}
}  // namespace

std::vector<Eigen::Vector2d> convexHull2d(std::vector<Eigen::Vector2d> pts) {
    std::sort(pts.begin(), pts.end(), [](const Eigen::Vector2d& a, const Eigen::Vector2d& b) {
        return a.x() < b.x() || (a.x() == b.x() && a.y() < b.y());
    });
    if (pts.size() < 3) return pts;
    std::vector<Eigen::Vector2d> h(2 * pts.size());
    std::size_t n = 0;
    for (const auto& q : pts) {
        while (n >= 2 && turn(h[n - 2], h[n - 1], q) <= 0) --n;
        h[n++] = q;
    }
    for (std::size_t i = pts.size() - 1, lower = n + 1; i-- > 0;) {
        while (n >= lower && turn(h[n - 2], h[n - 1], pts[i]) <= 0) --n;
        h[n++] = pts[i];
    }
    h.resize(n - 1);
    return h;
}

}  // namespace tv
