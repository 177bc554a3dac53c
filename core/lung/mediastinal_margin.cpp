#include "lung/mediastinal_margin.h"

#include <tbb/parallel_for.h>

#include <atomic>
#include <cmath>
#include <vector>

#include "lung/binary_morphology.h"
#include "lung/lung_rows.h"

namespace tv {

std::size_t clearNearMediastinum(LabelMap& opacity, const LabelMap& lungLabels, const std::array<LungExtent, 2>& ext,
                                 double marginMm, double maxPosteriorFraction, double maxHeightFraction,
                                 const CancelToken& cancel) {
    if (marginMm <= 0 || !ext[kLeft].valid || !ext[kRight].valid) return 0;
    const int nx = lungLabels.nx(), ny = lungLabels.ny();
    const double sx = lungLabels.geometry().spacing[0], sy = lungLabels.geometry().spacing[1];
    const bool leftPlus = ext[kLeft].iLat > ext[kLeft].iMed;  // the left lung's lateral side is +i
    const bool posteriorPlus = ext[kLeft].jPost > ext[kLeft].jAnt;
    const double maxMm2 = marginMm * marginMm;
    // The transform's distances are floats: "at most maxMm2" is "at most the largest float not above it".
    float nearMm2 = static_cast<float>(maxMm2);
    if (double(nearMm2) > maxMm2) nearMm2 = std::nextafter(nearMm2, 0.0f);
    // The distance transform covers the mediastinum's rectangle grown by the margin: lung farther
    // out is beyond the margin anyway.
    const int mi = static_cast<int>(std::ceil(marginMm / sx)) + 1, mj = static_cast<int>(std::ceil(marginMm / sy)) + 1;
    std::atomic<std::size_t> cleared{0};
    tbb::parallel_for(0, lungLabels.nz(), [&](int k) {
        if (cancel.isCancelled()) return;
        // Each lung is searched beside the heart only: at or below maxHeightFraction of its height
        // (1: every slice).
        const bool inHeart[2] = {maxHeightFraction >= 1 || ext[kLeft].v(k) <= maxHeightFraction,
                                 maxHeightFraction >= 1 || ext[kRight].v(k) <= maxHeightFraction};
        if (!inHeart[kLeft] && !inHeart[kRight]) return;
        const std::uint8_t* l = lungLabels.slice(k);
        std::uint8_t* o = opacity.slice(k);
        const LungRowSpans left = lungRowSpans(l, nx, ny, 1, leftPlus), right = lungRowSpans(l, nx, ny, 2, !leftPlus);
        if (left.empty() || right.empty()) return;
        const int jFirst = std::min(left.jFirst, right.jFirst), jLast = std::max(left.jLast, right.jLast);
        std::vector<std::uint8_t> mediastinum(static_cast<std::size_t>(nx) * ny, 0);
        bool any = false;
        for (int j = jFirst; j <= jLast; ++j) {
            if (left.medial[j] < 0 || right.medial[j] < 0) continue;
            const double u = jLast > jFirst ? static_cast<double>(posteriorPlus ? j - jFirst : jLast - j) / (jLast - jFirst) : 0.0;
            if (u > maxPosteriorFraction) continue;
            const int a = std::min(left.medial[j], right.medial[j]) + 1, b = std::max(left.medial[j], right.medial[j]);
            for (int i = a; i < b; ++i) {
                const std::size_t q = static_cast<std::size_t>(j) * nx + i;
                if (l[q] != 1 && l[q] != 2) mediastinum[q] = 1, any = true;
            }
        }
        SliceRect rect;
        if (!any || !setPixelRect(mediastinum.data(), nx, ny, mi, mj, rect)) return;
        std::vector<std::uint8_t> near;
        nearSetPixelsRect(mediastinum.data(), nx, rect, sx, sy, nearMm2, near);
        std::size_t count = 0;
        for (int j = rect.j0; j <= rect.j1; ++j)
            for (int i = rect.i0; i <= rect.i1; ++i) {
                const std::size_t q = static_cast<std::size_t>(j) * nx + i;
                if (!o[q] || !near[static_cast<std::size_t>(j - rect.j0) * rect.width() + (i - rect.i0)]) continue;
                if (!inHeart[l[q] == 1 ? kLeft : kRight]) continue;
                o[q] = 0, ++count;
            }
        cleared += count;
    });
    cancel.throwIfCancelled();
    return cleared;
}

}  // namespace tv
