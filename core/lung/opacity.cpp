#include "lung/opacity.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <utility>
#include <vector>

#include "lung/binary_morphology.h"
#include "lung/lung_rows.h"
#include "util/stage_clock.h"
#include "lung/mediastinal_margin.h"
#include "lung/vertical_margin.h"
#include "lung/vesselness.h"
#include "lung/voxel_loops.h"

namespace tv {
namespace {

// Removes, slice by slice, 2-D components that are central vessels: mean HU above the limit and
// more than half of the pixels in the hilar region (medial part of their row of the lung, neither
// anterior nor posterior part of the lung's section on that slice, at the hilum's height: hilarMin/MaxHeightFraction). In 3-D these vessels connect to peripheral lesions through the vessel tree, so
// the decision is made per slice, where they are separate.
std::size_t removeHilarVessels(LabelMap& opacity, const Image<std::int16_t>& sm, const LabelMap& lungLabels,
                               const std::array<LungExtent, 2>& ext, const LungOpacityParams& p,
                               const CancelToken& cancel) {
    const int nx = opacity.nx(), ny = opacity.ny();
    std::atomic<std::size_t> removed{0};
    tbb::parallel_for(0, opacity.nz(), [&](int k) {
        if (cancel.isCancelled()) return;
        std::uint8_t* o = opacity.slice(k);
        const std::int16_t* h = sm.slice(k);
        const std::uint8_t* l = lungLabels.slice(k);
        std::vector<int> pixels, stack;
        // This slice's anterior and posterior row of each lung (same orientation as the extents),
        // and each row's medial and lateral lung column per side.
        double sliceAnterior[2] = {0, 0}, slicePosterior[2] = {0, 0};
        std::array<LungRowSpans, 2> spans;
        for (int side = 0; side < 2; ++side) {
            const LungExtent& e = ext[side];
            LungRowSpans& sp = spans[side];
            sp = lungRowSpans(l, nx, ny, side == kLeft ? 1 : 2, e.iLat > e.iMed);
            if (!e.valid || sp.empty()) continue;
            if (p.hilarWidthAlongRows == 0) {  // the slice's extreme for every row
                int lo = nx, hi = -1;
                for (int j = sp.jFirst; j <= sp.jLast; ++j)
                    if (sp.medial[j] >= 0) lo = std::min({lo, sp.medial[j], sp.lateral[j]}), hi = std::max({hi, sp.medial[j], sp.lateral[j]});
                const bool plus = e.iLat > e.iMed;
                sp.medial.assign(sp.medial.size(), plus ? lo : hi);
                sp.lateral.assign(sp.lateral.size(), plus ? hi : lo);
            }
            const bool plusJ = e.jPost > e.jAnt;  // posterior towards +j
            sliceAnterior[side] = plusJ ? sp.jFirst : sp.jLast;
            slicePosterior[side] = plusJ ? sp.jLast : sp.jFirst;
        }
        for (int s = 0; s < nx * ny; ++s) {
            if (o[s] != 1) continue;
            pixels.clear();
            o[s] = 2;
            stack.push_back(s);
            while (!stack.empty()) {
                const int n = stack.back();
                stack.pop_back();
                pixels.push_back(n);
                const int i = n % nx, j = n / nx;
                const int nb[4] = {i > 0 ? n - 1 : -1, i + 1 < nx ? n + 1 : -1, j > 0 ? n - nx : -1, j + 1 < ny ? n + nx : -1};
                for (int q : nb)
                    if (q >= 0 && o[q] == 1) o[q] = 2, stack.push_back(q);
            }
            const std::uint8_t side = l[s] == 1 ? kLeft : kRight;
            const LungExtent& e = ext[side];
            const double v = e.valid ? e.v(k) : 0.0;
            const bool hilarLevel = e.valid && v > p.hilarMinHeightFraction && v < p.hilarMaxHeightFraction;
            // Medial fraction along the pixel's own row (the slice's or the whole lung's medial
            // extreme is stretched by the anterior and posterior junction lines).
            // Posterior paravertebral lung is medial too but is a typical site of COVID-19 opacity:
            // only the central (neither anterior nor posterior) medial band counts as hilum.
            const double jAnt = sliceAnterior[side], jPost = slicePosterior[side];
            double sum = 0;
            std::size_t medial = 0;
            for (int n : pixels) {
                sum += h[n];
                const int iMed = spans[side].medial[n / nx], iLat = spans[side].lateral[n / nx];
                const double w = iLat != iMed ? static_cast<double>(n % nx - iMed) / (iLat - iMed) : 1.0;
                const double u = jPost != jAnt ? (n / nx - jAnt) / (jPost - jAnt) : 0.0;
                medial += (hilarLevel && w < p.hilarMaxMedialFraction && u > 0.15 && u < 0.75) ? 1 : 0;
            }
            const bool hilar = sum / pixels.size() > p.hilarVesselMinHu && medial * 2 > pixels.size();
            if (hilar) {
                for (int n : pixels) o[n] = 0;
                removed += pixels.size();
            }
        }
        for (int s = 0; s < nx * ny; ++s) o[s] = o[s] ? 1 : 0;
    });
    cancel.throwIfCancelled();
    return removed;
}

// Number of non-zero voxels (0/1 mask), slices in parallel.
std::size_t countSet(const LabelMap& mask) {
    std::vector<std::size_t> perSlice(static_cast<std::size_t>(mask.nz()), 0);
    const std::size_t sxy = static_cast<std::size_t>(mask.nx()) * mask.ny();
    tbb::parallel_for(0, mask.nz(), [&](int k) {
        const std::uint8_t* m = mask.slice(k);
        std::size_t c = 0;
        for (std::size_t q = 0; q < sxy; ++q) c += m[q] != 0;
        perSlice[k] = c;
    });
    std::size_t total = 0;
    for (std::size_t c : perSlice) total += c;
    return total;
}

}  // namespace

LabelMap classifyOpacity(const Image<std::int16_t>& sm, double smoothingSigmaMm, const LabelMap& lungLabels, const std::array<LungExtent, 2>& ext,
                         const LungOpacityParams& p, OpacityStats& stats, const CancelToken& cancel, ProgressSink& progress) {
    const std::size_t n = sm.voxelCount();
    progress.report(0.5, "opacity: lung core and margins");
    // Lung core: away from the pleura, where partial volume with the chest wall mimics opacity.
    LabelMap opacity(sm.geometry(), 0);
    forVoxelBlocks(n, [o = opacity.data(), l = lungLabels.data()](std::size_t first, std::size_t last) {
        for (std::size_t q = first; q < last; ++q) o[q] = (l[q] == 1) | (l[q] == 2);
    });
    // Vessels are searched away from the pleura only: there they are under 2 mm across (the
    // thin-structure opening takes them), while dense juxta-pleural consolidation meets the chest
    // wall in a ridge that the Hessian would call tubular. Both erosions from one transform.
    LabelMap deep = opacity;
    if (p.pleuralMarginMm > 0)
        erodeSlicesTwice(opacity, p.pleuralMarginMm, deep, p.vesselnessMinPleuraDistanceMm, cancel);
    else
        erodeSlices(deep, p.vesselnessMinPleuraDistanceMm, cancel);
    // Basal and apical margins: lung just above the diaphragm dome or just below the apical dome,
    // cut obliquely by the slices, has partial-volume HU in the GGO band.
    const AxialFrame frame{1, 1, (ext[0].valid ? ext[0].kSup > ext[0].kInf : ext[1].kSup > ext[1].kInf) ? 1 : -1};
    stats.diaphragmMarginVoxels = clearNearVerticalLungSurface(opacity, lungLabels, frame, VerticalSide::kBelow, p.diaphragmMarginMm);
    stats.apicalMarginVoxels = clearNearVerticalLungSurface(opacity, lungLabels, frame, VerticalSide::kAbove,
                                                            p.apicalMarginMm, ext, p.apicalMarginMinHeightFraction);
    stats.mediastinalMarginVoxels = clearNearMediastinum(opacity, lungLabels, ext, p.mediastinalMarginMm,
                                                         p.mediastinalMaxPosteriorFraction, p.mediastinalMarginMaxHeightFraction, cancel);

    // Everything denser than the GGO floor is a candidate; vessels (tubes, with their halo) go,
    // then what is too thin to hold a disk of thinStructureMaxWidthMm (walls, fissures).
    forVoxelBlocks(n, [o = opacity.data(), h = sm.data(), low = p.ggoLowHu](std::size_t first, std::size_t last) {
        for (std::size_t q = first; q < last; ++q) o[q] = (o[q] != 0) & (h[q] >= low);
    });
    const std::size_t before = countSet(opacity);
    {
        VesselnessStats vs;
        const StageClock t0;
        const LabelMap vessels = vesselMask(sm, smoothingSigmaMm, opacity, std::move(deep), p, vs, cancel, progress);
        stats.vesselVoxels = vs.vesselVoxels + vs.haloVoxels;
        stats.noduleKeptVoxels = vs.noduleKeptVoxels;
        stats.noduleBlobCells = vs.noduleBlobCells;
        stats.noduleBlobMs = vs.noduleBlobMs;
        stats.noduleBlobCpuMs = vs.noduleBlobCpuMs;
        stats.vesselnessMs = t0.wallMs();
        stats.vesselnessCpuMs = t0.cpuMs();
        forVoxelBlocks(n, [o = opacity.data(), v = vessels.data()](std::size_t first, std::size_t last) {
            for (std::size_t q = first; q < last; ++q) o[q] = v[q] ? std::uint8_t{0} : o[q];
        });
    }
    // Like the vessel halo, the width of a blurred thin structure grows with the smoothing sigma.
    const double thinWidthMm = p.thinStructureMaxWidthMm * std::max(1.0, smoothingSigmaMm / p.baseSmoothingSigmaMm);
    progress.report(0.8, "opacity: thin structures");
    if (thinWidthMm > 0) openSlices(opacity, thinWidthMm / 2.0, cancel);
    const std::size_t wide = countSet(opacity);
    stats.thinVoxels = before - wide - stats.vesselVoxels;
    progress.report(0.83, "opacity: hilar vessels");
    stats.hilarVesselVoxels = removeHilarVessels(opacity, sm, lungLabels, ext, p, cancel);

    progress.report(0.86, "opacity: specks");
    // Isolated specks (3-D components below the minimum volume).
    const auto minVoxels = static_cast<std::size_t>(std::ceil(p.minOpacityComponentMm3 / sm.geometry().voxelVolumeMm3()));
    stats.speckVoxels = removeSmallComponents(opacity, minVoxels, cancel);

    progress.report(0.88, "opacity: HU bands");
    tbb::parallel_for(std::size_t{0}, n, [&](std::size_t q) {
        if (!opacity[q]) return;
        if (sm[q] > p.consolidationHighHu)
            opacity[q] = kNoOpacity;  // calcification or contrast-filled vessel inside a lesion
        else
            opacity[q] = sm[q] < p.consolidationLowHu ? kGgo : kConsolidation;
    });
    return opacity;
}

}  // namespace tv
