#include "embolism/ray_geometry.h"

namespace tv::ray_geometry {

std::optional<Eigen::Vector3d> outwardNormal(const Mask& lumen, int i, int j, int k, double ballMm) {
    const ImageGeometry& g = lumen.geometry();
    int h[3];
    for (int a = 0; a < 3; ++a) h[a] = static_cast<int>(std::floor(ballMm / g.spacing[a]));
    Eigen::Vector3d sum = Eigen::Vector3d::Zero();
    int count = 0;
    for (int c = -h[2]; c <= h[2]; ++c)
        for (int b = -h[1]; b <= h[1]; ++b)
            for (int a = -h[0]; a <= h[0]; ++a) {
                const Eigen::Vector3d off(a * g.spacing[0], b * g.spacing[1], c * g.spacing[2]);
                if (off.norm() > ballMm || !g.contains(i + a, j + b, k + c) || !lumen.at(i + a, j + b, k + c)) continue;
                sum += off;
                ++count;
            }
    if (count == 0 || sum.norm() < 1e-6 * count) return std::nullopt;
    return Eigen::Vector3d(-sum.normalized());
}

double mouthCalibre(const Eigen::Vector3d& c, double reach, const Mask& lumen, const Image<float>& radius) {
    const ImageGeometry& g = lumen.geometry();
    int from[3], to[3];
    for (int a = 0; a < 3; ++a) {
        from[a] = std::max(0, static_cast<int>(std::ceil((c[a] - reach) / g.spacing[a])));
        to[a] = std::min(g.size[a] - 1, static_cast<int>(std::floor((c[a] + reach) / g.spacing[a])));
    }
    float widest = 0;
    for (int k = from[2]; k <= to[2]; ++k)
        for (int j = from[1]; j <= to[1]; ++j)
            for (int i = from[0]; i <= to[0]; ++i) {
                const Eigen::Vector3d y(i * g.spacing[0], j * g.spacing[1], k * g.spacing[2]);
                if ((y - c).norm() > reach || !lumen.at(i, j, k)) continue;
                widest = std::max(widest, radius.at(i, j, k));
            }
    return widest;
}

double lumenRunBehindMm(const Grid& grid, const Eigen::Vector3d& c, const Eigen::Vector3d& d, double r, const Mask& lumen,
                        double minRingShare, double maxMm) {
    const auto isLumen = [&](long long q) { return q >= 0 && lumen[q]; };
    double run = 0;
    for (double t = 0; t <= maxMm; t += kStepMm) {
        const Eigen::Vector3d x = c - t * d;
        if (!isLumen(grid.at(x)) || ringShareAround(grid, x, d, 0.5 * r, isLumen) < minRingShare) return run;
        run = t;
    }
    return maxMm;
}

}  // namespace tv::ray_geometry
