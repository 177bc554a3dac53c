#include "lung/vertical_margin.h"

#include <tbb/parallel_for.h>

#include <atomic>
#include <vector>

namespace tv {

std::size_t clearNearVerticalLungSurface(LabelMap& opacity, const LabelMap& lungLabels, const AxialFrame& frame,
                                         VerticalSide side, double marginMm, const std::array<LungExtent, 2>& ext,
                                         double minHeightFraction) {
    if (marginMm <= 0) return 0;
    const int nx = lungLabels.nx(), nz = lungLabels.nz();
    const double dz = lungLabels.geometry().spacing[2];
    // Walking upwards (towards superior) measures the height above the surface below.
    const bool upwards = side == VerticalSide::kBelow;
    const bool kAscending = upwards == (frame.superiorSign > 0);
    std::atomic<std::size_t> cleared{0};
    // A row of columns at a time (slice by slice along the row: contiguous reads).
    tbb::parallel_for(0, lungLabels.ny(), [&](int j) {
        std::vector<double> since(static_cast<std::size_t>(nx), 1e9);  // mm from the last non-lung voxel
        std::size_t count = 0;
        for (int step = 0; step < nz; ++step) {
            const int k = kAscending ? step : nz - 1 - step;
            const std::uint8_t* l = &lungLabels.at(0, j, k);
            std::uint8_t* o = &opacity.at(0, j, k);
            for (int i = 0; i < nx; ++i) {
                if (l[i] != 1 && l[i] != 2) {
                    since[i] = 0;
                    continue;
                }
                since[i] += dz;
                if (since[i] > marginMm || !o[i]) continue;
                const LungExtent& e = ext[l[i] == 1 ? kLeft : kRight];
                if (minHeightFraction > 0 && !(e.valid && e.v(k) >= minHeightFraction)) continue;
                o[i] = 0, ++count;
            }
        }
        cleared += count;
    });
    return cleared;
}

}  // namespace tv
