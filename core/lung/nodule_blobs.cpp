#include "lung/nodule_blobs.h"

#include <tbb/parallel_for.h>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <atomic>
#include <cmath>

#include "image/bin_in_plane.h"
#include "image/hessian.h"
#include "lung/smoothing.h"
#include "lung/vesselness.h"

namespace tv {

std::vector<double> noduleBlobScales(const LungOpacityParams& p) {
    return geometricScales(p.noduleBlobMinSigmaMm, p.noduleBlobMaxSigmaMm, p.noduleBlobScaleCount);
}

bool isNoduleBlob(double l0, double l1, double l2, double sigmaMm, const LungOpacityParams& p) {
    if (l0 >= 0 || l1 >= 0 || l2 >= 0) return false;
    const double weakest = std::min({-l0, -l1, -l2}), strongest = std::max({-l0, -l1, -l2});
    return weakest >= p.noduleBlobMinEigenRatio * strongest && sigmaMm * sigmaMm * weakest >= p.noduleBlobMinContrastHu;
}

namespace {

// Negative definite (all eigenvalues negative) by Sylvester's criterion on -h: a cheap test that
// rejects most cells before the eigen-decomposition.
bool negativeDefinite(const Eigen::Matrix3d& h) {
    const Eigen::Matrix3d a = -h;
    return a(0, 0) > 0 && a(0, 0) * a(1, 1) - a(0, 1) * a(1, 0) > 0 && a.determinant() > 0;
}

// In place: a cell is set when any cell within `r` cells along each axis was set (separable box
// dilation; one pass per axis).
void dilateBox(LabelMap& m, const std::array<int, 3>& r) {
    const int n[3] = {m.nx(), m.ny(), m.nz()};
    for (int axis = 0; axis < 3; ++axis) {
        if (r[axis] <= 0) continue;
        const LabelMap src = m;
        const int a1 = axis == 0 ? 1 : 0, a2 = axis == 2 ? 1 : 2;
        tbb::parallel_for(0, n[a2], [&](int u2) {
            int idx[3];
            idx[a2] = u2;
            for (int u1 = 0; u1 < n[a1]; ++u1) {
                idx[a1] = u1;
                int last = -1'000'000;  // index of the last set cell along the line
                // Forward: distance to the previous set cell; backward: to the next one.
                for (int t = 0; t < n[axis]; ++t) {
                    idx[axis] = t;
                    if (src.at(idx[0], idx[1], idx[2])) last = t;
                    if (t - last <= r[axis]) m.at(idx[0], idx[1], idx[2]) = 1;
                }
                last = 1'000'000;
                for (int t = n[axis] - 1; t >= 0; --t) {
                    idx[axis] = t;
                    if (src.at(idx[0], idx[1], idx[2])) last = t;
                    if (last - t <= r[axis]) m.at(idx[0], idx[1], idx[2]) = 1;
                }
            }
        });
    }
}

}  // namespace

LabelMap noduleBlobMask(const Image<std::int16_t>& smoothed, double smoothedSigmaMm, const LabelMap& tubes,
                        const LungOpacityParams& p, NoduleBlobStats& stats, const CancelToken& cancel) {
    LabelMap protect(smoothed.geometry(), 0);
    const auto scales = noduleBlobScales(p);
    if (scales.empty()) return protect;
    const auto& sp = smoothed.geometry().spacing;
    const int step = std::max(1, static_cast<int>(std::lround(p.noduleBlobGridMm / sp[0])));
    // Clipped at noduleBlobClipHu: a vessel (blood, about 40 HU) would otherwise dominate the
    // Hessian of a fainter nodule it runs into, and a thin clipped vessel blurs to a weak response.
    const Image<std::int16_t> coarse = binInPlane(smoothed, step, static_cast<std::int16_t>(p.noduleBlobClipHu));
    const int cx = coarse.nx(), cy = coarse.ny(), cz = coarse.nz();
    if (cx < 3 || cy < 3 || cz < 3) return protect;
    const auto& csp = coarse.geometry().spacing;

    // Cells where a blob centre would protect a tube voxel: those holding tube voxels, grown by
    // the protection radius.
    LabelMap near(coarse.geometry(), 0);
    std::atomic<bool> any{false};
    tbb::parallel_for(0, cz, [&](int k) {
        const std::uint8_t* t = tubes.slice(k);
        std::uint8_t* c = near.slice(k);
        bool found = false;
        for (int j = 0; j < smoothed.ny(); ++j)
            for (int i = 0; i < smoothed.nx(); ++i)
                if (t[static_cast<std::size_t>(j) * smoothed.nx() + i]) c[(j / step) * cx + i / step] = 1, found = true;
        if (found) any = true;
    });
    if (!any) return protect;
    const double rMm = p.noduleBlobProtectRadiusMm;
    dilateBox(near, {static_cast<int>(std::ceil(rMm / csp[0])), static_cast<int>(std::ceil(rMm / csp[1])),
                     static_cast<int>(std::ceil(rMm / csp[2]))});

    std::vector<std::vector<std::uint32_t>> perSlice(static_cast<std::size_t>(cz));
    tbb::parallel_for(1, cz - 1, [&](int k) {
        const std::uint8_t* c = near.slice(k);
        for (int j = 1; j < cy - 1; ++j)
            for (int i = 1; i < cx - 1; ++i)
                if (c[j * cx + i]) perSlice[k].push_back(static_cast<std::uint32_t>(j * cx + i));
    });
    for (const auto& s : perSlice) stats.searchedCells += s.size();

    // Scales in a cascade from the binned smoothed CT (binning adds a variance of about
    // (step * spacing)^2 / 12 in-plane, small beside sigma^2 and ignored).
    LabelMap blob(coarse.geometry(), 0);
    Image<std::int16_t> g;
    double gSigma = smoothedSigmaMm;
    for (double sigma : scales) {
        cancel.throwIfCancelled();
        if (sigma > gSigma) {
            g = gaussianSmooth(g.empty() ? coarse : g, std::sqrt(sigma * sigma - gSigma * gSigma), cancel);
            gSigma = sigma;
        }
        const Image<std::int16_t>& img = g.empty() ? coarse : g;
        tbb::parallel_for(1, cz - 1, [&](int k) {
            std::uint8_t* b = blob.slice(k);
            Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> es;
            for (std::uint32_t q : perSlice[k]) {
                if (b[q]) continue;
                const Eigen::Matrix3d h = hessianAt(img, static_cast<int>(q % cx), static_cast<int>(q / cx), k);
                if (!negativeDefinite(h)) continue;
                es.computeDirect(h, Eigen::EigenvaluesOnly);
                const auto& l = es.eigenvalues();
                if (isNoduleBlob(l[0], l[1], l[2], std::max(sigma, smoothedSigmaMm), p)) b[q] = 1;
            }
        });
    }
    cancel.throwIfCancelled();

    // Protect the fine voxels within the radius of each blob cell's centre (few cells: serial).
    const int ri = static_cast<int>(std::floor(rMm / sp[0])), rj = static_cast<int>(std::floor(rMm / sp[1])),
              rk = static_cast<int>(std::floor(rMm / sp[2]));
    const double half = (step - 1) / 2.0;
    for (int k = 1; k < cz - 1; ++k)
        for (std::uint32_t q : perSlice[k]) {
            if (!blob.slice(k)[q]) continue;
            ++stats.blobCells;
            const double ci = (q % cx) * step + half, cj = (q / cx) * step + half;
            for (int kk = std::max(0, k - rk); kk <= std::min(smoothed.nz() - 1, k + rk); ++kk)
                for (int j = std::max(0, static_cast<int>(std::ceil(cj - rj))); j <= std::min(smoothed.ny() - 1, static_cast<int>(cj + rj)); ++j)
                    for (int i = std::max(0, static_cast<int>(std::ceil(ci - ri))); i <= std::min(smoothed.nx() - 1, static_cast<int>(ci + ri)); ++i) {
                        const double dx = (i - ci) * sp[0], dy = (j - cj) * sp[1], dz = (kk - k) * sp[2];
                        if (dx * dx + dy * dy + dz * dz <= rMm * rMm) protect.at(i, j, kk) = 1;
                    }
        }
    return protect;
}

}  // namespace tv
