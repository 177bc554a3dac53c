#include "slice/slice_geometry.h"

#include <cmath>
#include <map>
#include <vector>

namespace tvui {

QString orientationName(SliceOrientation o) {
    switch (o) {
    case SliceOrientation::Axial: return QStringLiteral("Axial");
    case SliceOrientation::Coronal: return QStringLiteral("Coronal");
    case SliceOrientation::Sagittal: return QStringLiteral("Sagittal");
    }
    return {};
}

namespace {

struct Desired {
    Eigen::Vector3d right, up, normal;
};

Desired desiredFor(SliceOrientation o) {
    // LPS: +x left, +y posterior, +z superior.
    switch (o) {
    case SliceOrientation::Axial: return {{1, 0, 0}, {0, -1, 0}, {0, 0, 1}};
    case SliceOrientation::Coronal: return {{1, 0, 0}, {0, 0, 1}, {0, -1, 0}};
    case SliceOrientation::Sagittal: return {{0, 1, 0}, {0, 0, 1}, {1, 0, 0}};
    }
    return {{1, 0, 0}, {0, -1, 0}, {0, 0, 1}};
}

}  // namespace

SliceAxes sliceAxesFor(const tv::ImageGeometry& g, SliceOrientation o) {
    const Desired d = desiredFor(o);
    const Eigen::Matrix3d& D = g.direction;
    // The voxel axis most parallel to the desired slice normal is the normal axis; of the remaining
    // two, the one most parallel to the desired screen-right is the right axis.
    auto best = [&](const Eigen::Vector3d& want, int exclude1, int exclude2, int& sign) {
        int axis = -1;
        double bestDot = -1;
        for (int a = 0; a < 3; ++a) {
            if (a == exclude1 || a == exclude2) continue;
            const double dot = D.col(a).dot(want);
            if (std::abs(dot) > bestDot) {
                bestDot = std::abs(dot);
                axis = a;
                sign = dot >= 0 ? 1 : -1;
            }
        }
        return axis;
    };
    SliceAxes s;
    s.normalAxis = best(d.normal, -1, -1, s.normalSign);
    s.rightAxis = best(d.right, s.normalAxis, -1, s.rightSign);
    s.upAxis = best(d.up, s.normalAxis, s.rightAxis, s.upSign);
    s.rightLps = D.col(s.rightAxis) * s.rightSign;
    s.upLps = D.col(s.upAxis) * s.upSign;
    s.normalLps = D.col(s.normalAxis) * s.normalSign;
    return s;
}

QString orientationLetters(const Eigen::Vector3d& v) {
    const char pos[3] = {'L', 'P', 'S'};
    const char neg[3] = {'R', 'A', 'I'};
    std::vector<std::pair<double, char>> parts;
    for (int a = 0; a < 3; ++a)
        if (std::abs(v[a]) > 0.3) parts.emplace_back(std::abs(v[a]), v[a] > 0 ? pos[a] : neg[a]);
    std::sort(parts.begin(), parts.end(), [](auto& x, auto& y) { return x.first > y.first; });
    QString out;
    for (auto& p : parts) out += QChar(p.second);
    return out;
}

Eigen::Vector3d sliceImageToVoxel(const tv::ImageGeometry& g, const SliceAxes& a, double u, double v, int sliceIndex) {
    Eigen::Vector3d ijk;
    const int nr = g.size[static_cast<std::size_t>(a.rightAxis)];
    const int nu = g.size[static_cast<std::size_t>(a.upAxis)];
    ijk[a.rightAxis] = a.rightSign > 0 ? u : (nr - 1) - u;
    ijk[a.upAxis] = a.upSign > 0 ? v : (nu - 1) - v;
    ijk[a.normalAxis] = sliceIndex;
    return ijk;
}

Eigen::Vector3d voxelToSliceImage(const tv::ImageGeometry& g, const SliceAxes& a, const Eigen::Vector3d& ijk) {
    const int nr = g.size[static_cast<std::size_t>(a.rightAxis)];
    const int nu = g.size[static_cast<std::size_t>(a.upAxis)];
    const double u = a.rightSign > 0 ? ijk[a.rightAxis] : (nr - 1) - ijk[a.rightAxis];
    const double v = a.upSign > 0 ? ijk[a.upAxis] : (nu - 1) - ijk[a.upAxis];
    return {u, v, ijk[a.normalAxis]};
}

}  // namespace tvui
