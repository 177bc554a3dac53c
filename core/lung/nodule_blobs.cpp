#include "lung/nodule_blobs.h"

#include <tbb/parallel_for.h>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <atomic>
#include <cmath>

#include "image/bin_in_plane.h"
#include "image/hessian.h"
#include "lung/scale_cascade.h"
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

// A cell is set when any cell within `r` cells along each axis was set in `m` (box dilation,
// separable: each pass ORs whole slices, rows or neighbouring bytes, which vectorises).
LabelMap dilateBox(const LabelMap& m, const std::array<int, 3>& r) {
    const int nx = m.nx(), ny = m.ny(), nz = m.nz();
    const std::size_t sxy = static_cast<std::size_t>(nx) * ny;
    LabelMap a(m.geometry(), 0), b = m;
    // Along k: OR of the slices within r[2].
    tbb::parallel_for(0, nz, [&](int k) {
        std::uint8_t* o = a.slice(k);
        for (int kk = std::max(0, k - r[2]); kk <= std::min(nz - 1, k + r[2]); ++kk) {
            const std::uint8_t* s = b.slice(kk);
            for (std::size_t q = 0; q < sxy; ++q) o[q] |= s[q];
        }
    });
    // Along j, then along i, within each slice.
    tbb::parallel_for(0, nz, [&](int k) {
        const std::uint8_t* s = a.slice(k);
        std::uint8_t* o = b.slice(k);
        std::fill(o, o + sxy, std::uint8_t{0});
        for (int j = 0; j < ny; ++j)
            for (int jj = std::max(0, j - r[1]); jj <= std::min(ny - 1, j + r[1]); ++jj) {
                const std::uint8_t* src = s + static_cast<std::size_t>(jj) * nx;
                std::uint8_t* dst = o + static_cast<std::size_t>(j) * nx;
                for (int i = 0; i < nx; ++i) dst[i] |= src[i];
            }
        std::uint8_t* out = a.slice(k);
        std::fill(out, out + sxy, std::uint8_t{0});
        for (int j = 0; j < ny; ++j) {
            const std::uint8_t* src = o + static_cast<std::size_t>(j) * nx;
            std::uint8_t* dst = out + static_cast<std::size_t>(j) * nx;
            for (int d = -r[0]; d <= r[0]; ++d)
                for (int i = std::max(0, -d); i < std::min(nx, nx - d); ++i) dst[i] |= src[i + d];
        }
    });
    return a;
}

// Of the voxels in the opacity band (smoothed HU >= ggoLowHu) around (ci, cj, k), Gaussian-weighted
// with sigmaMm (to 2.5 sigma), the fraction denser than noduleBlobClipHu: ground glass and a
// part-solid nodule are mostly below it, a knot of vessels (blood at about 40 HU, with a thin
// partial-volume rim) mostly above.
double denseFraction(const Image<std::int16_t>& sm, double ci, double cj, int k, double sigmaMm, const LungOpacityParams& p) {
    const auto& sp = sm.geometry().spacing;
    const double reach = 2.5 * sigmaMm;
    const int ri = static_cast<int>(reach / sp[0]), rj = static_cast<int>(reach / sp[1]), rk = static_cast<int>(reach / sp[2]);
    const int i0 = static_cast<int>(std::lround(ci)), j0 = static_cast<int>(std::lround(cj));
    const double inv2s2 = 1.0 / (2 * sigmaMm * sigmaMm);
    double dense = 0, band = 0;
    for (int kk = std::max(0, k - rk); kk <= std::min(sm.nz() - 1, k + rk); ++kk)
        for (int j = std::max(0, j0 - rj); j <= std::min(sm.ny() - 1, j0 + rj); ++j)
            for (int i = std::max(0, i0 - ri); i <= std::min(sm.nx() - 1, i0 + ri); ++i) {
                const double hu = sm.at(i, j, kk);
                if (hu < p.ggoLowHu) continue;
                const double dx = (i - ci) * sp[0], dy = (j - cj) * sp[1], dz = (kk - k) * sp[2];
                const double w = std::exp(-(dx * dx + dy * dy + dz * dz) * inv2s2);
                band += w;
                if (hu > p.noduleBlobClipHu) dense += w;
            }
    return band > 0 ? dense / band : 0.0;
}

}  // namespace

void protectNoduleBlobs(const Image<std::int16_t>& smoothed, double smoothedSigmaMm,
                        const std::vector<std::vector<std::uint32_t>>& tubeVoxels, LabelMap& vessel,
                        const LungOpacityParams& p, NoduleBlobStats& stats, const CancelToken& cancel) {
    const auto scales = noduleBlobScales(p);
    if (scales.empty()) return;
    const int nx = smoothed.nx(), ny = smoothed.ny(), nz = smoothed.nz();
    const auto& sp = smoothed.geometry().spacing;
    const int step = std::max(1, static_cast<int>(std::lround(p.noduleBlobGridMm / sp[0])));
    const int cx = (nx + step - 1) / step, cy = (ny + step - 1) / step, cz = nz;
    if (cx < 3 || cy < 3 || cz < 3) return;

    // Cells where a blob centre would protect a tube voxel: those holding tube voxels, grown by
    // the protection radius.
    ImageGeometry cg = smoothed.geometry();
    cg.size = {cx, cy, cz};
    cg.spacing[0] *= step;
    cg.spacing[1] *= step;
    LabelMap near(cg, 0);
    std::atomic<bool> any{false};
    tbb::parallel_for(0, nz, [&](int k) {
        std::uint8_t* c = near.slice(k);
        const std::uint8_t* v = vessel.slice(k);
        bool found = false;
        for (std::uint32_t q : tubeVoxels[k])
            if (v[q] == 1) c[(q / nx / step) * cx + (q % nx) / step] = 1, found = true;
        if (found) any = true;
    });
    if (!any) return;
    const double rMm = p.noduleBlobProtectRadiusMm;
    const auto& csp = cg.spacing;
    near = dilateBox(near, {static_cast<int>(std::ceil(rMm / csp[0])), static_cast<int>(std::ceil(rMm / csp[1])),
                     static_cast<int>(std::ceil(rMm / csp[2]))});

    std::vector<std::vector<std::uint32_t>> perSlice(static_cast<std::size_t>(cz));
    tbb::parallel_for(1, cz - 1, [&](int k) {
        const std::uint8_t* c = near.slice(k);
        for (int j = 1; j < cy - 1; ++j)
            for (int i = 1; i < cx - 1; ++i)
                if (c[j * cx + i]) perSlice[k].push_back(static_cast<std::uint32_t>(j * cx + i));
    });

    // Clipped at noduleBlobClipHu: a vessel (blood, about 40 HU) would otherwise dominate the
    // Hessian of a fainter nodule it runs into, and a thin clipped vessel blurs to a weak response.
    const Image<std::int16_t> coarse = binInPlane(smoothed, step, static_cast<std::int16_t>(p.noduleBlobClipHu));
    // Scales in a cascade from the binned smoothed CT (binning adds a variance of about
    // (step * spacing)^2 / 12 in-plane, small beside sigma^2 and ignored).
    // The coarse Gaussians are computed only around the searched cells.
    LabelMap blob(cg, 0);
    const std::vector<SliceRect> read = hessianReadRects(perSlice, cx, cy);
    forEachScale(coarse, smoothedSigmaMm, scales, cancel, [&](const Image<std::int16_t>& img, double sigma) {
        tbb::parallel_for(1, cz - 1, [&](int k) {
            std::uint8_t* b = blob.slice(k);
            Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> es;
            for (std::uint32_t q : perSlice[k]) {
                if (b[q]) continue;
                const Eigen::Matrix3d h = hessianAt(img, static_cast<int>(q % cx), static_cast<int>(q / cx), k);
                if (!negativeDefinite(h)) continue;
                es.computeDirect(h, Eigen::EigenvaluesOnly);
                const auto& l = es.eigenvalues();
                if (!isNoduleBlob(l[0], l[1], l[2], std::max(sigma, smoothedSigmaMm), p)) continue;
                const double ci = (q % cx) * step + (step - 1) / 2.0, cj = (q / cx) * step + (step - 1) / 2.0;
                if (denseFraction(smoothed, ci, cj, k, sigma, p) <= p.noduleBlobMaxDenseFraction) b[q] = 1;
            }
        });
    }, &read);
    cancel.throwIfCancelled();

    // Mark the voxels within the radius of each blob cell's centre: tube voxels become 2 (kept),
    // and so do the others, which keeps the halo out. Few cells: serial.
    const int ri = static_cast<int>(std::floor(rMm / sp[0])), rj = static_cast<int>(std::floor(rMm / sp[1])),
              rk = static_cast<int>(std::floor(rMm / sp[2]));
    const double half = (step - 1) / 2.0;
    for (int k = 1; k < cz - 1; ++k)
        for (std::uint32_t q : perSlice[k]) {
            if (!blob.slice(k)[q]) continue;
            ++stats.blobCells;
            const double ci = (q % cx) * step + half, cj = (q / cx) * step + half;
            for (int kk = std::max(0, k - rk); kk <= std::min(nz - 1, k + rk); ++kk)
                for (int j = std::max(0, static_cast<int>(std::ceil(cj - rj))); j <= std::min(ny - 1, static_cast<int>(cj + rj)); ++j)
                    for (int i = std::max(0, static_cast<int>(std::ceil(ci - ri))); i <= std::min(nx - 1, static_cast<int>(ci + ri)); ++i) {
                        const double dx = (i - ci) * sp[0], dy = (j - cj) * sp[1], dz = (kk - k) * sp[2];
                        if (dx * dx + dy * dy + dz * dz > rMm * rMm) continue;
                        std::uint8_t& v = vessel.at(i, j, kk);
                        if (v == 1) ++stats.keptTubeVoxels;
                        v = 2;
                    }
        }
}

}  // namespace tv
