#include "embolism/hessian_axis.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <array>
#include <cmath>

namespace tv {

std::optional<Eigen::Vector3d> hessianAxis(const Image<float>& R, const Index3& c, double radius) {
    const ImageGeometry& g = R.geometry();
    int h[3];
    for (int a = 0; a < 3; ++a) h[a] = std::max(1, static_cast<int>(std::lround(0.5 * radius / g.spacing[a])));
    auto val = [&](int di, int dj, int dk) {
        const int i = std::clamp(c[0] + di, 0, g.size[0] - 1), j = std::clamp(c[1] + dj, 0, g.size[1] - 1),
                  k = std::clamp(c[2] + dk, 0, g.size[2] - 1);
        return static_cast<double>(R.at(i, j, k));
    };
    auto off = [&](int a, int s) {
        std::array<int, 3> d{0, 0, 0};
        d[a] = s * h[a];
        return d;
    };
    Eigen::Matrix3d H;
    const double f0 = val(0, 0, 0);
    for (int a = 0; a < 3; ++a) {
        const double ha = h[a] * g.spacing[a];
        const auto p = off(a, 1), m = off(a, -1);
        H(a, a) = (val(p[0], p[1], p[2]) - 2 * f0 + val(m[0], m[1], m[2])) / (ha * ha);
        for (int b = a + 1; b < 3; ++b) {
            const double hb = h[b] * g.spacing[b];
            auto at2 = [&](int sa, int sb) {
                std::array<int, 3> d{0, 0, 0};
                d[a] = sa * h[a];
                d[b] = sb * h[b];
                return val(d[0], d[1], d[2]);
            };
            H(a, b) = H(b, a) = (at2(1, 1) - at2(1, -1) - at2(-1, 1) + at2(-1, -1)) / (4 * ha * hb);
        }
    }
    Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> eig(H);
    const auto ev = eig.eigenvalues();  // ascending
    if (!(ev[1] < 0) || std::abs(ev[1]) < 1e-6) return std::nullopt;  // no ridge across the vessel
    return eig.eigenvectors().col(2).normalized();
}

}  // namespace tv
