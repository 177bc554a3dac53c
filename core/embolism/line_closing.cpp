#include "embolism/line_closing.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>

namespace tv {

LocalVessel localVessel(const Mask& lumen, const Image<float>& radius, int i, int j, int k, double ballMm) {
    LocalVessel v;
    const auto& sp = lumen.geometry().spacing;
    const int ri = static_cast<int>(ballMm / sp[0]), rj = static_cast<int>(ballMm / sp[1]), rk = static_cast<int>(ballMm / sp[2]);
    Eigen::Vector3d mean = Eigen::Vector3d::Zero();
    Eigen::Matrix3d cov = Eigen::Matrix3d::Zero();
    double count = 0;
    for (int c = std::max(0, k - rk); c <= std::min(lumen.nz() - 1, k + rk); ++c)
        for (int b = std::max(0, j - rj); b <= std::min(lumen.ny() - 1, j + rj); ++b)
            for (int a = std::max(0, i - ri); a <= std::min(lumen.nx() - 1, i + ri); ++a) {
                if (!lumen.at(a, b, c)) continue;
                const Eigen::Vector3d x((a - i) * sp[0], (b - j) * sp[1], (c - k) * sp[2]);
                if (x.squaredNorm() > ballMm * ballMm) continue;
                mean += x;
                cov += x * x.transpose();
                ++count;
                v.maxRadiusMm = std::max(v.maxRadiusMm, static_cast<double>(radius.at(a, b, c)));
            }
    if (count < 10) return v;
    mean /= count;
    cov = cov / count - mean * mean.transpose();
    const Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> eig(cov);
    v.elongation = std::sqrt(std::max(eig.eigenvalues()[2], 1e-9) / std::max(eig.eigenvalues()[1], 1e-9));
    v.axis = eig.eigenvectors().col(2).normalized();
    v.centroidMm = mean;
    return v;
}

Mask lineClosedGaps(const Mask& lumen, const Mask& zone, double minGapMm, double maxGapMm,
                    const std::function<bool(std::size_t, const Eigen::Vector3d&)>& accept) {
    const ImageGeometry& g = lumen.geometry();
    const int nx = lumen.nx(), ny = lumen.ny(), nz = lumen.nz();
    Mask out(g, 0);
    // Steps from the nearest lumen voxel behind (fwd) and ahead (bwd) along the direction, capped:
    // kNone = no lumen within reach on that side.
    constexpr std::uint8_t kNone = 255;
    Image<std::uint8_t> fwd(g, kNone), bwd(g, kNone);
    // The 13 lattice directions that precede in raster order (k, then j, then i): v - d is
    // visited before v in a forward raster scan.
    for (int dk = 0; dk <= 1; ++dk)
        for (int dj = -1; dj <= 1; ++dj)
            for (int di = -1; di <= 1; ++di) {
                if (dk == 0 && (dj < 0 || (dj == 0 && di <= 0))) continue;
                const Eigen::Vector3d dirMm(di * g.spacing[0], dj * g.spacing[1], dk * g.spacing[2]);
                const double stepMm = dirMm.norm();
                const Eigen::Vector3d unit = dirMm / stepMm;
                const int maxSteps = std::min(254, static_cast<int>(std::floor(maxGapMm / stepMm)) + 1);
                auto step = [&](Image<std::uint8_t>& c, int i, int j, int k, int si) {
                    const int a = i - si * di, b = j - si * dj, e = k - si * dk;
                    std::uint8_t v = kNone;
                    if (lumen.at(i, j, k)) v = 0;
                    else if (a >= 0 && b >= 0 && e >= 0 && a < nx && b < ny && e < nz) {
                        const std::uint8_t prev = c.at(a, b, e);
                        v = prev >= maxSteps ? kNone : static_cast<std::uint8_t>(prev + 1);
                    }
                    c.at(i, j, k) = v;
                };
                for (int k = 0; k < nz; ++k)
                    for (int j = 0; j < ny; ++j)
                        for (int i = 0; i < nx; ++i) step(fwd, i, j, k, 1);
                for (int k = nz - 1; k >= 0; --k)
                    for (int j = ny - 1; j >= 0; --j)
                        for (int i = nx - 1; i >= 0; --i) {
                            step(bwd, i, j, k, -1);
                            const std::uint8_t f = fwd.at(i, j, k), b = bwd.at(i, j, k);
                            if (f == kNone || b == kNone || f == 0 || !zone.at(i, j, k) || out.at(i, j, k)) continue;
                            const double gapMm = (f + b - 1) * stepMm;
                            if (gapMm >= minGapMm && gapMm <= maxGapMm && accept(lumen.offset(i, j, k), unit)) out.at(i, j, k) = 1;
                        }
            }
    return out;
}

}  // namespace tv
