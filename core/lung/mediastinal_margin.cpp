#include "lung/mediastinal_margin.h"

#include <tbb/parallel_for.h>

#include <atomic>
#include <vector>

#include "lung/binary_morphology.h"

namespace tv {

std::size_t clearNearMediastinum(LabelMap& opacity, const LabelMap& lungLabels, const std::array<LungExtent, 2>& ext,
                                 double marginMm, double maxPosteriorFraction, const CancelToken& cancel) {
    if (marginMm <= 0 || !ext[kLeft].valid || !ext[kRight].valid) return 0;
    const int nx = lungLabels.nx(), ny = lungLabels.ny();
    const double sx = lungLabels.geometry().spacing[0], sy = lungLabels.geometry().spacing[1];
    const bool leftPlus = ext[kLeft].iLat > ext[kLeft].iMed;  // the left lung's lateral side is +i
    const bool posteriorPlus = ext[kLeft].jPost > ext[kLeft].jAnt;
    const double maxMm2 = marginMm * marginMm;
    std::atomic<std::size_t> cleared{0};
    tbb::parallel_for(0, lungLabels.nz(), [&](int k) {
        if (cancel.isCancelled()) return;
        const std::uint8_t* l = lungLabels.slice(k);
        std::uint8_t* o = opacity.slice(k);
        // Each row's innermost left- and right-lung column, and the rows holding lung.
        std::vector<int> leftMedial(static_cast<std::size_t>(ny), -1), rightMedial(static_cast<std::size_t>(ny), -1);
        int jFirst = ny, jLast = -1;
        bool anyOpacity = false;
        for (int j = 0; j < ny; ++j) {
            const std::uint8_t* row = l + static_cast<std::size_t>(j) * nx;
            for (int i = 0; i < nx; ++i) {
                if (row[i] != 1 && row[i] != 2) continue;
                anyOpacity = anyOpacity || o[static_cast<std::size_t>(j) * nx + i] != 0;
                jFirst = std::min(jFirst, j), jLast = j;
                int& m = row[i] == 1 ? leftMedial[j] : rightMedial[j];
                // The left lung's medial side is towards -i when its lateral side is +i; the
                // right lung's medial side is the opposite way.
                const bool towardsMinus = (row[i] == 1) == leftPlus;
                if (m < 0 || (towardsMinus ? i < m : i > m)) m = i;
            }
        }
        if (!anyOpacity || jLast < 0) return;
        std::vector<std::uint8_t> mediastinum(static_cast<std::size_t>(nx) * ny, 0);
        bool any = false;
        for (int j = jFirst; j <= jLast; ++j) {
            if (leftMedial[j] < 0 || rightMedial[j] < 0) continue;
            const double u = jLast > jFirst ? static_cast<double>(posteriorPlus ? j - jFirst : jLast - j) / (jLast - jFirst) : 0.0;
            if (u > maxPosteriorFraction) continue;
            const int a = std::min(leftMedial[j], rightMedial[j]) + 1, b = std::max(leftMedial[j], rightMedial[j]);
            for (int i = a; i < b; ++i) {
                const std::size_t q = static_cast<std::size_t>(j) * nx + i;
                if (l[q] != 1 && l[q] != 2) mediastinum[q] = 1, any = true;
            }
        }
        if (!any) return;
        std::vector<float> d2(static_cast<std::size_t>(nx) * ny);
        squaredDistance2d(mediastinum.data(), nx, ny, sx, sy, true, d2.data(), maxMm2 * 1.01);
        std::size_t count = 0;
        for (std::size_t q = 0; q < d2.size(); ++q)
            if (o[q] && d2[q] <= maxMm2) o[q] = 0, ++count;
        cleared += count;
    });
    cancel.throwIfCancelled();
    return cleared;
}

}  // namespace tv
