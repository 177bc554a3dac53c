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

bool isRadiusRidge(const Image<float>& radius, int i, int j, int k) {
    const float r = radius.at(i, j, k);
    for (int c = -1; c <= 1; ++c)
        for (int b = -1; b <= 1; ++b)
            for (int a = -1; a <= 1; ++a) {
                if (!a && !b && !c) continue;
                if (!radius.geometry().contains(i + a, j + b, k + c)) continue;
                if (radius.at(i + a, j + b, k + c) > r) return false;
            }
    return true;
}

bool isAxisRidge(const Image<float>& R, int i, int j, int k) {
    const std::size_t n = R.offset(i, j, k);
    const std::size_t stride[3] = {1, static_cast<std::size_t>(R.nx()), static_cast<std::size_t>(R.nx()) * R.ny()};
    int ridgeAxes = 0;
    for (int a = 0; a < 3; ++a) ridgeAxes += R[n] >= R[n - stride[a]] && R[n] >= R[n + stride[a]];
    return ridgeAxes >= 2;
}

long long nearestVoxel(const ImageGeometry& g, const Eigen::Vector3d& x) {
    const int i = static_cast<int>(std::lround(x[0] / g.spacing[0])), j = static_cast<int>(std::lround(x[1] / g.spacing[1])),
              k = static_cast<int>(std::lround(x[2] / g.spacing[2]));
    if (i < 0 || j < 0 || k < 0 || i >= g.size[0] || j >= g.size[1] || k >= g.size[2]) return -1;
    return static_cast<long long>((static_cast<std::size_t>(k) * g.size[1] + j) * g.size[0] + i);
}

}  // namespace tv
