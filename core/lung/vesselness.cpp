#include "lung/vesselness.h"

#include <tbb/parallel_for.h>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <string>
#include <vector>

#include "image/hessian.h"
#include "lung/binary_morphology.h"
#include "lung/nodule_blobs.h"
#include "lung/scale_cascade.h"
#include "util/stage_clock.h"

namespace tv {

std::vector<double> geometricScales(double minSigma, double maxSigma, double count) {
    const int n = static_cast<int>(std::lround(count));
    std::vector<double> s;
    if (n <= 0) return s;
    if (n == 1) return {minSigma};
    for (int t = 0; t < n; ++t) s.push_back(minSigma * std::pow(maxSigma / minSigma, double(t) / (n - 1)));
    return s;
}

std::vector<double> vesselnessScales(const LungOpacityParams& p) {
    return geometricScales(p.vesselnessMinSigmaMm, p.vesselnessMaxSigmaMm, p.vesselnessScaleCount);
}

double frangiBrightTube(double l0, double l1, double l2, double sigmaMm, const LungOpacityParams& p) {
    // Sort by magnitude: |a| <= |b| <= |c|. A bright tube has a ~ 0 (along the axis), b, c < 0.
    double e[3] = {l0, l1, l2};
    std::sort(e, e + 3, [](double x, double y) { return std::abs(x) < std::abs(y); });
    const double a = e[0], b = e[1], c = e[2];
    if (b >= 0 || c >= 0) return 0.0;
    const double ra = std::abs(b) / std::abs(c);              // plate (0) vs tube (1)
    const double rb = std::abs(a) / std::sqrt(b * c);         // blob (1) vs tube (0)
    const double s = sigmaMm * sigmaMm * std::sqrt(a * a + b * b + c * c);  // scale-normalised contrast, HU
    const double alpha = p.vesselnessAlpha, beta = p.vesselnessBeta, cc = p.vesselnessContrastHu;
    return (1.0 - std::exp(-ra * ra / (2 * alpha * alpha))) * std::exp(-rb * rb / (2 * beta * beta)) *
           (1.0 - std::exp(-s * s / (2 * cc * cc)));
}

namespace {

// Necessary conditions for frangiBrightTube >= vesselnessThreshold, from invariants of the Hessian
// (no eigen-decomposition): a bright tube has its two largest-magnitude eigenvalues negative and
// the smallest no larger in magnitude, so the trace is negative; and the vesselness is at most its
// contrast factor, which depends only on the Frobenius norm (sqrt of the sum of squared
// eigenvalues). Most candidates (ground glass, parenchyma) fail one of them; the margin keeps
// rounding from ever rejecting a voxel the full test would accept.
bool mayBeBrightTube(const Eigen::Matrix3d& h, double sigmaMm, const LungOpacityParams& p) {
    if (h.trace() >= 0) return false;
    const double s = sigmaMm * sigmaMm * h.norm();
    const double cc = p.vesselnessContrastHu;
    return (1.0 - std::exp(-s * s / (2 * cc * cc))) >= p.vesselnessThreshold * (1.0 - 1e-9);
}

}  // namespace

LabelMap vesselMask(const Image<std::int16_t>& smoothed, double smoothedSigmaMm, const LabelMap& candidates,
                    LabelMap searchRegion, const LungOpacityParams& p, VesselnessStats& stats,
                    const CancelToken& cancel, ProgressSink& progress) {
    const int nx = smoothed.nx(), ny = smoothed.ny(), nz = smoothed.nz();
    const std::size_t sxy = static_cast<std::size_t>(nx) * ny;
    const auto scales = vesselnessScales(p);
    if (scales.empty() || nx < 3 || ny < 3 || nz < 3) return LabelMap(smoothed.geometry(), 0);
    progress.report(0.55, "opacity: vessel candidates");
    // Voxels that may be a vessel's lumen: candidates denser than ground glass usually is (the
    // filter runs per scale on these only; the halo step below takes the rim).
    std::vector<std::vector<std::uint32_t>> perSlice(static_cast<std::size_t>(nz));
    tbb::parallel_for(1, nz - 1, [&](int k) {
        const std::uint8_t* c = candidates.slice(k);
        const std::uint8_t* region = searchRegion.slice(k);
        const std::int16_t* h = smoothed.slice(k);
        for (int j = 1; j < ny - 1; ++j)
            for (int i = 1; i < nx - 1; ++i) {
                const std::size_t q = static_cast<std::size_t>(j) * nx + i;
                if (c[q] && region[q] && h[q] >= p.vesselCoreMinHu) perSlice[k].push_back(static_cast<std::uint32_t>(q));
            }
    });
    searchRegion = LabelMap();
    // Scales in a cascade from the analysis' smoothed CT; a scale at or below the smoothing sigma
    // uses the smoothed CT. The Gaussians are computed only around the candidates.
    const std::vector<SliceRect> read = hessianReadRects(perSlice, nx, ny);
    // While the scales run, the result is one flag per listed voxel (the vessel mask is allocated
    // after them: the cascade's two smoothed images are the memory peak of the lung analysis).
    std::vector<std::vector<std::uint8_t>> tube(perSlice.size());
    for (std::size_t k = 0; k < perSlice.size(); ++k) tube[k].assign(perSlice[k].size(), 0);
    int scaleIndex = 0;
    forEachScale(smoothed, smoothedSigmaMm, scales, cancel, [&](const Image<std::int16_t>& img, double sigma) {
        ++scaleIndex;
        progress.report(0.55 + 0.2 * scaleIndex / static_cast<double>(scales.size()),
                        "opacity: vesselness scale " + std::to_string(scaleIndex) + " of " + std::to_string(scales.size()));
        tbb::parallel_for(1, nz - 1, [&](int k) {
            std::vector<std::uint8_t>& v = tube[k];
            Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> es;
            for (std::size_t t = 0; t < perSlice[k].size(); ++t) {
                if (v[t]) continue;
                const std::uint32_t q = perSlice[k][t];
                const Eigen::Matrix3d h = hessianAt(img, static_cast<int>(q % nx), static_cast<int>(q / nx), k);
                if (!mayBeBrightTube(h, std::max(sigma, smoothedSigmaMm), p)) continue;
                es.computeDirect(h, Eigen::EigenvaluesOnly);
                const auto& l = es.eigenvalues();
                if (frangiBrightTube(l[0], l[1], l[2], std::max(sigma, smoothedSigmaMm), p) >= p.vesselnessThreshold) v[t] = 1;
            }
        });
    }, &read);
    cancel.throwIfCancelled();
    LabelMap vessel(smoothed.geometry(), 0);
    tbb::parallel_for(0, nz, [&](int k) {
        std::uint8_t* v = vessel.slice(k);
        for (std::size_t t = 0; t < perSlice[k].size(); ++t) v[perSlice[k][t]] = tube[k][t];
    });
    tube = {};
    // Nodules that a vessel runs into: their tube-like voxels are given back (marked 2 for now),
    // and the halo does not reach into them.
    progress.report(0.75, "opacity: nodule blobs");
    NoduleBlobStats bs;
    const StageClock blobClock;
    protectNoduleBlobs(smoothed, smoothedSigmaMm, perSlice, vessel, p, bs, cancel);
    stats.noduleBlobCells = bs.blobCells;
    stats.noduleKeptVoxels = bs.keptTubeVoxels;
    stats.noduleBlobMs = blobClock.wallMs();
    stats.noduleBlobCpuMs = blobClock.cpuMs();
    progress.report(0.78, "opacity: vessel halo");
    // Halo: candidates close to a vessel voxel in the same slice.
    std::atomic<std::size_t> core{0}, halo{0};
    const auto& sp = smoothed.geometry().spacing;
    // The halo is as wide as the blur: vesselHaloMm holds up to the base smoothing and grows with
    // the sigma used on noisier scans.
    const double haloMm = p.vesselHaloMm * std::max(1.0, smoothedSigmaMm / p.baseSmoothingSigmaMm);
    const float halo2 = static_cast<float>(haloMm * haloMm);
    // Through-plane halo: a vessel core in the slice above or below blurs into this slice's voxel at
    // the same in-plane position (slice profile); the cores before any halo was added.
    const bool zHalo = p.vesselHaloThroughPlane != 0;
    const LabelMap cores = zHalo ? vessel : LabelMap();
    tbb::parallel_for(0, nz, [&](int k) {
        std::uint8_t* v = vessel.slice(k);
        std::size_t c = 0, h = 0;
        std::vector<std::size_t> kept;  // protected voxels (2): not vessels, and no halo in them
        for (std::size_t q = 0; q < sxy; ++q) {
            if (v[q] == 2) kept.push_back(q), v[q] = 0;
            c += v[q];
        }
        if (c && p.vesselHaloMm > 0) {
            // Only the vessel voxels' rectangle grown beyond the halo is transformed: it holds every
            // vessel voxel (so its distances are the whole slice's), and the pixels outside are
            // farther than the halo.
            SliceRect rect;
            setPixelRect(v, nx, ny, static_cast<int>(std::ceil(haloMm / sp[0])) + 1, static_cast<int>(std::ceil(haloMm / sp[1])) + 1, rect);
            std::vector<std::uint8_t> near;
            nearSetPixelsRect(v, nx, rect, sp[0], sp[1], halo2, near);
            for (std::size_t q : kept) v[q] = 2;
            const std::uint8_t* cand = candidates.slice(k);
            for (int j = rect.j0; j <= rect.j1; ++j)
                for (int i = rect.i0; i <= rect.i1; ++i) {
                    const std::size_t q = static_cast<std::size_t>(j) * nx + i;
                    if (!v[q] && cand[q] && near[static_cast<std::size_t>(j - rect.j0) * rect.width() + (i - rect.i0)]) v[q] = 1, ++h;
                }
        }
        if (zHalo) {
            for (std::size_t q : kept) v[q] = 2;
            const std::uint8_t* cand0 = candidates.slice(k);
            const auto* sm = &smoothed[static_cast<std::size_t>(k) * sxy];  // GGO band only: a blurred rim
            for (int dk : {-1, 1}) {
                if (k + dk < 0 || k + dk >= nz) continue;
                const std::uint8_t* o = cores.slice(k + dk);
                for (std::size_t q = 0; q < sxy; ++q)
                    if (o[q] == 1 && v[q] == 0 && cand0[q] && sm[q] < p.consolidationLowHu) v[q] = 1, ++h;
            }
        }
        for (std::size_t q : kept) v[q] = 0;
        core += c;
        halo += h;
    });
    stats.vesselVoxels = core;
    stats.haloVoxels = halo;
    return vessel;
}

}  // namespace tv
