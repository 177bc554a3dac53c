#include "lung/slice_involvement.h"

#include <algorithm>

#include "lung/run_components.h"

namespace tv {

std::vector<double> confirmedLesionAreaPerSlice(const LabelMap& opacity, double minLargestSectionMm2,
                                                const CancelToken& cancel) {
    const auto& sp = opacity.geometry().spacing;
    const double pixelMm2 = sp[0] * sp[1];
    std::vector<double> area(static_cast<std::size_t>(opacity.nz()), 0.0);
    // 6-connected components of the non-zero voxels (in seed order), with each one's pixel count
    // per slice of its z extent.
    const RunComponents rc = labelRunComponents(opacity, 0, cancel, false);
    std::vector<std::size_t> first(rc.components.size() + 1, 0);
    for (std::size_t c = 0; c < rc.components.size(); ++c)
        first[c + 1] = first[c] + static_cast<std::size_t>(rc.components[c].hi[2] - rc.components[c].lo[2]);
    std::vector<std::size_t> perSlice(first.back(), 0);
    const auto ny = static_cast<std::uint32_t>(opacity.ny());
    for (std::size_t t = 0; t < rc.runs.size(); ++t) {
        const auto c = static_cast<std::size_t>(rc.componentOfRun[t]);
        const int k = static_cast<int>(rc.runs[t].row / ny);
        perSlice[first[c] + static_cast<std::size_t>(k - rc.components[c].lo[2])] += static_cast<std::size_t>(rc.runs[t].i1 - rc.runs[t].i0 + 1);
    }
    for (std::size_t c = 0; c < rc.components.size(); ++c) {
        const auto begin = perSlice.begin() + static_cast<std::ptrdiff_t>(first[c]);
        const auto end = perSlice.begin() + static_cast<std::ptrdiff_t>(first[c + 1]);
        const std::size_t largest = *std::max_element(begin, end);
        if (static_cast<double>(largest) * pixelMm2 < minLargestSectionMm2) continue;
        // In component order, slices ascending: the same additions as a flood fill in memory order.
        for (int k = rc.components[c].lo[2]; k < rc.components[c].hi[2]; ++k) {
            const std::size_t count = perSlice[first[c] + static_cast<std::size_t>(k - rc.components[c].lo[2])];
            if (count) area[static_cast<std::size_t>(k)] += static_cast<double>(count) * pixelMm2;
        }
    }
    return area;
}

}  // namespace tv
