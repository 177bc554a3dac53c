#include "lung/fissures.h"

#include <tbb/parallel_for.h>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <functional>
#include <set>
#include <vector>

#include "image/hessian.h"

namespace tv {
namespace {

struct Point {
    double u, v, w;
};

// Unit normal (mm frame of the voxel axes) of the surface v = a + b u + c w of extent e.
Eigen::Vector3d surfaceNormal(const FissureSurface& s, const LungExtent& e, const Eigen::Vector3d& sp) {
    // F(i,j,k) = v(k) - a - b u(j) - c w(i); gradient per mm.
    Eigen::Vector3d g(-s.c / (e.iLat - e.iMed) / sp[0], -s.b / (e.jPost - e.jAnt) / sp[1], 1.0 / (e.kSup - e.kInf) / sp[2]);
    return g.normalized();
}

// Weighted least squares fit of v = a + b u + c w to points; false when degenerate.
bool fitPlane(const std::vector<Point>& pts, FissureSurface& s) {
    if (pts.size() < 30) return false;
    Eigen::Matrix3d A = Eigen::Matrix3d::Zero();
    Eigen::Vector3d y = Eigen::Vector3d::Zero();
    for (const Point& p : pts) {
        const Eigen::Vector3d x(1.0, p.u, p.w);
        A += x * x.transpose();
        y += x * p.v;
    }
    const Eigen::Vector3d sol = A.ldlt().solve(y);
    if (!sol.allFinite()) return false;
    s.a = sol[0], s.b = sol[1], s.c = sol[2];
    return true;
}

// Robust least-squares fit of the quadratic height map v = a + b u + c w + d u^2 + e u w + f w^2,
// started from `start`: iteratively reweighted with Tukey's biweight on the residual (weight
// (1 - (r / halfWidth)^2)^2 inside the band, 0 outside; Beaton & Tukey, Technometrics 16:147-185,
// 1974), so that the plate voxels of vessel walls and noise, spread evenly around the fissure,
// pull the surface little and those far from it not at all. False when degenerate.
bool fitQuadratic(const std::vector<Point>& pts, const FissureSurface& start, double halfWidth, FissureSurface& out) {
    FissureSurface s = start;
    constexpr int kIterations = 8;
    for (int it = 0; it < kIterations; ++it) {
        Eigen::Matrix<double, 6, 6> A = Eigen::Matrix<double, 6, 6>::Zero();
        Eigen::Matrix<double, 6, 1> y = Eigen::Matrix<double, 6, 1>::Zero();
        std::size_t used = 0;
        for (const Point& p : pts) {
            const double r = (p.v - s.v(p.u, p.w)) / halfWidth;
            if (std::abs(r) >= 1.0) continue;
            const double wt = (1.0 - r * r) * (1.0 - r * r);
            Eigen::Matrix<double, 6, 1> x;
            x << 1.0, p.u, p.w, p.u * p.u, p.u * p.w, p.w * p.w;
            A += wt * x * x.transpose();
            y += wt * x * p.v;
            ++used;
        }
        if (used < 60) return false;
        const Eigen::Matrix<double, 6, 1> sol = A.ldlt().solve(y);
        if (!sol.allFinite()) return false;
        s.a = sol[0], s.b = sol[1], s.c = sol[2], s.d = sol[3], s.e = sol[4], s.f = sol[5];
    }
    out = s;
    return true;
}

// A bright plate: one eigenvalue l0 <= -fissureMinCurvature, the other two within kPlateMaxRatio
// of |l0| in magnitude.
constexpr double kPlateMaxRatio = 0.35;

// Necessary conditions for the plate test, from invariants of the Hessian (no eigen-decomposition):
// with |l1|, |l2| <= r |l0|, the Frobenius norm F satisfies F^2 <= (1 + 2 r^2) l0^2, and the trace
// is at most l0 + 2 r |l0| = -(1 - 2 r) |l0|. Most lung voxels fail one of them. The 1e-9 margins
// keep rounding from rejecting a voxel the full test would accept.
bool mayBePlate(const Eigen::Matrix3d& h, const LungOpacityParams& p) {
    const double f = h.norm();
    if (f < p.fissureMinCurvature * (1.0 - 1e-9)) return false;
    const double minAbsL0 = std::max(p.fissureMinCurvature, f / std::sqrt(1.0 + 2.0 * kPlateMaxRatio * kPlateMaxRatio));
    return h.trace() <= -(1.0 - 2.0 * kPlateMaxRatio) * minAbsL0 * (1.0 - 1e-9);
}

// Plate-like voxels of one lung near the prior surface `prior`.
std::vector<Point> plateVoxels(const Image<std::int16_t>& sm, const LabelMap& labels, std::uint8_t label,
                               const LungExtent& e, const FissureSurface& prior, const LungOpacityParams& p,
                               const std::function<bool(double u, double v, double w)>& inRegion) {
    const auto& sp = sm.geometry().spacing;
    const Eigen::Vector3d n0 = surfaceNormal(prior, e, sp);
    const int nx = sm.nx(), ny = sm.ny(), nz = sm.nz();
    // Per slice, joined in slice order: the fits sum over the points, so a fixed order makes them
    // repeatable from run to run (the curved fit's accept/reject cut-offs depend on those sums).
    std::vector<std::vector<Point>> perSlice(static_cast<std::size_t>(std::max(nz, 0)));
    tbb::parallel_for(2, nz - 2, [&](int k) {
        std::vector<Point>& local = perSlice[static_cast<std::size_t>(k)];
        const double v = e.v(k);
        for (int j = 2; j < ny - 2; ++j)
            for (int i = 2; i < nx - 2; ++i) {
                if (labels.at(i, j, k) != label) continue;
                const double u = e.u(j), w = e.w(i);
                if (std::abs(v - prior.v(u, w)) > p.fissureBandFraction || !inRegion(u, v, w)) continue;
                const int h0 = sm.at(i, j, k);
                if (h0 < -900 || h0 > -400) continue;  // fissures are brighter than lung, darker than vessels
                // Stay clear of the lung surface (pleura is a plate too).
                if (labels.at(i - 2, j, k) != label || labels.at(i + 2, j, k) != label ||
                    labels.at(i, j - 2, k) != label || labels.at(i, j + 2, k) != label ||
                    labels.at(i, j, k - 1) != label || labels.at(i, j, k + 1) != label)
                    continue;
                const Eigen::Matrix3d hm = hessianAt(sm, i, j, k);
                if (!mayBePlate(hm, p)) continue;
                Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> es;
                es.computeDirect(hm, Eigen::EigenvaluesOnly);
                const Eigen::Vector3d l = es.eigenvalues();  // ascending: l[0] most negative
                if (l[0] > -p.fissureMinCurvature) continue;
                if (std::abs(l[1]) > kPlateMaxRatio * -l[0] || std::abs(l[2]) > kPlateMaxRatio * -l[0]) continue;
                es.computeDirect(hm);  // the same eigenvalues, now with the vectors
                const Eigen::Vector3d normal = es.eigenvectors().col(0);
                if (std::abs(normal.dot(n0)) < 0.7) continue;  // within about 45 degrees of the prior
                local.push_back({u, v, w});
            }
    });
    std::vector<Point> out;
    for (const auto& slice : perSlice) out.insert(out.end(), slice.begin(), slice.end());
    return out;
}

constexpr int kSurfaceCells = 12;

// Calls fn(cell index, u, v, w) for each cell of a 12 x 12 u-w grid whose point on the surface s
// lies in the lung region (inside the lung label and inRegion).
void forEachSurfaceCellInLung(const FissureSurface& s, const LabelMap& labels, std::uint8_t label, const LungExtent& e,
                              const std::function<bool(double, double, double)>& inRegion,
                              const std::function<void(int, double, double, double)>& fn) {
    for (int a = 0; a < kSurfaceCells; ++a)
        for (int b = 0; b < kSurfaceCells; ++b) {
            const double u = (a + 0.5) / kSurfaceCells, w = (b + 0.5) / kSurfaceCells, v = s.v(u, w);
            if (v < 0 || v > 1 || !inRegion(u, v, w)) continue;
            const int i = int(std::lround(e.iMed + w * (e.iLat - e.iMed)));
            const int j = int(std::lround(e.jAnt + u * (e.jPost - e.jAnt)));
            const int k = int(std::lround(e.kInf + v * (e.kSup - e.kInf)));
            if (!labels.geometry().contains(i, j, k) || labels.at(i, j, k) != label) continue;
            fn(a * kSurfaceCells + b, u, v, w);
        }
}

// Fraction of the surface's cells in the lung region that hold at least one inlier.
double support(const std::vector<Point>& inliers, const FissureSurface& s, const LabelMap& labels, std::uint8_t label,
               const LungExtent& e, const std::function<bool(double, double, double)>& inRegion) {
    std::set<int> filled;
    for (const Point& p : inliers)
        filled.insert(std::clamp(int(p.u * kSurfaceCells), 0, kSurfaceCells - 1) * kSurfaceCells +
                      std::clamp(int(p.w * kSurfaceCells), 0, kSurfaceCells - 1));
    int total = 0, hit = 0;
    forEachSurfaceCellInLung(s, labels, label, e, inRegion, [&](int cell, double, double, double) {
        ++total;
        hit += filled.count(cell) ? 1 : 0;
    });
    return total ? double(hit) / total : 0.0;
}

// Largest |s.v - ref.v| over the cells where s cuts the lung region (where the lobes are decided;
// beyond the plate voxels a quadratic can swing far off).
double maxDeviationInLung(const FissureSurface& s, const FissureSurface& ref, const LabelMap& labels, std::uint8_t label,
                          const LungExtent& e, const std::function<bool(double, double, double)>& inRegion) {
    // Over the cells where either surface cuts the lung: where only the plane does, the curved
    // surface has left the lung and would put that whole column into one lobe.
    double worst = 0;
    forEachSurfaceCellInLung(s, labels, label, e, inRegion, [&](int, double u, double v, double w) {
        worst = std::max(worst, std::abs(v - ref.v(u, w)));
    });
    forEachSurfaceCellInLung(ref, labels, label, e, inRegion, [&](int, double u, double v, double w) {
        worst = std::max(worst, std::abs(v - s.v(u, w)));
    });
    return worst;
}

void fitFissure(FissureSurface& s, const Image<std::int16_t>& sm, const LabelMap& labels, std::uint8_t label,
                const LungExtent& e, const LungOpacityParams& p,
                const std::function<bool(double, double, double)>& inRegion) {
    if (!e.valid) return;
    const FissureSurface prior = s;
    const std::vector<Point> pts = plateVoxels(sm, labels, label, e, prior, p, inRegion);
    s.candidatePoints = pts.size();
    if (pts.size() < 100) return;
    // Hough-like search over offset and antero-posterior slope: the fissure is the thin surface
    // holding far more plate voxels than its neighbours (vessel walls and noise spread evenly).
    constexpr double kHalfWidth = 0.02;
    // The candidates are listed in scan order and counted in parallel; the best is the first
    // with the largest count in that order.
    std::vector<FissureSurface> cands;
    for (double da = -p.fissureBandFraction; da <= p.fissureBandFraction + 1e-9; da += 0.01)
        for (double db = -0.3; db <= 0.3 + 1e-9; db += 0.05) {
            FissureSurface cand = prior;
            cand.a += da - db * 0.5;  // slope change pivots about the middle (u = 0.5)
            cand.b += db;
            cands.push_back(cand);
        }
    std::vector<std::size_t> counts(cands.size(), 0);
    tbb::parallel_for(std::size_t{0}, cands.size(), [&](std::size_t c) {
        std::size_t count = 0;
        for (const Point& q : pts) count += std::abs(q.v - cands[c].v(q.u, q.w)) <= kHalfWidth;
        counts[c] = count;
    });
    FissureSurface best = prior;
    std::size_t bestCount = 0;
    for (std::size_t c = 0; c < cands.size(); ++c)
        if (counts[c] > bestCount) bestCount = counts[c], best = cands[c];
    std::nth_element(counts.begin(), counts.begin() + counts.size() / 2, counts.end());
    const double background = std::max<double>(1.0, counts[counts.size() / 2]);
    std::vector<Point> inliers;
    for (const Point& q : pts)
        if (std::abs(q.v - best.v(q.u, q.w)) <= kHalfWidth) inliers.push_back(q);
    FissureSurface fit = best;
    if (!fitPlane(inliers, fit)) return;
    inliers.clear();
    for (const Point& q : pts)
        if (std::abs(q.v - fit.v(q.u, q.w)) <= kHalfWidth) inliers.push_back(q);
    for (double u : {0.0, 1.0})
        for (double w : {0.0, 1.0})
            if (std::abs(fit.v(u, w) - prior.v(u, w)) > p.fissureBandFraction + 0.15) return;
    s.inlierPoints = inliers.size();
    s.support = support(inliers, fit, labels, label, e, inRegion);
    s.peakContrast = bestCount / background;
    if (s.support < p.fissureMinSupport || s.peakContrast < 1.5) return;
    s.a = fit.a, s.b = fit.b, s.c = fit.c;
    s.method = "fissure";
    // Real fissures are curved (the oblique fissure is concave forwards, the horizontal one bends
    // down to meet it); a quadratic height map replaces the plane when it holds clearly more of the
    // plate voxels and stays near the plane wherever it cuts the lung.
    FissureSurface curved;
    if (p.fissureCurvedMinInlierGain <= 0 || !fitQuadratic(pts, fit, p.fissureCurvedHalfWidth, curved)) return;
    std::vector<Point> curvedInliers;
    for (const Point& q : pts)
        if (std::abs(q.v - curved.v(q.u, q.w)) <= kHalfWidth) curvedInliers.push_back(q);
    const double deviation = maxDeviationInLung(curved, fit, labels, label, e, inRegion);
    if (double(curvedInliers.size()) < p.fissureCurvedMinInlierGain * double(inliers.size()) ||
        deviation > p.fissureCurvedMaxDeviation)
        return;
    const double curvedSupport = support(curvedInliers, curved, labels, label, e, inRegion);
    if (curvedSupport < p.fissureMinSupport) return;
    s.d = curved.d, s.e = curved.e, s.f = curved.f;
    s.a = curved.a, s.b = curved.b, s.c = curved.c;
    s.shape = "quadratic";
    s.inlierPoints = curvedInliers.size();
    s.support = curvedSupport;
}

}  // namespace

int lobeAt(int side, double u, double v, double w, const FissureSet& f, double middleLobePosteriorLimit) {
    if (side == kLeft) return v > f.leftOblique.v(u, w) ? kLUL : kLLL;
    if (v <= f.rightOblique.v(u, w)) return kRLL;
    return v > f.rightHorizontal.v(u, w) || u > middleLobePosteriorLimit ? kRUL : kRML;
}

FissureSet geometricFissures() {
    FissureSet f;
    f.leftOblique = {"left_oblique", 0.05, 0.60, 0.0};
    f.rightOblique = {"right_oblique", 0.05, 0.60, 0.0};
    f.rightHorizontal = {"right_horizontal", 0.55, 0.0, 0.0};
    return f;
}

FissureSet detectFissures(const Image<std::int16_t>& smoothed, const LabelMap& labels,
                          const std::array<LungExtent, 2>& ext, const LungOpacityParams& p,
                          const CancelToken& cancel) {
    FissureSet f = geometricFissures();
    auto anywhere = [](double, double, double) { return true; };
    fitFissure(f.leftOblique, smoothed, labels, 1, ext[kLeft], p, anywhere);
    cancel.throwIfCancelled();
    fitFissure(f.rightOblique, smoothed, labels, 2, ext[kRight], p, anywhere);
    cancel.throwIfCancelled();
    // The horizontal fissure exists only in front of (above) the right oblique fissure.
    const FissureSurface oblique = f.rightOblique;
    auto aboveOblique = [oblique](double u, double v, double w) { return v > oblique.v(u, w) + 0.03; };
    fitFissure(f.rightHorizontal, smoothed, labels, 2, ext[kRight], p, aboveOblique);
    cancel.throwIfCancelled();
    return f;
}

}  // namespace tv
