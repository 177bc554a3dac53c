#include "lung/slice_involvement.h"

#include <algorithm>
#include <map>

#include "image/neighbours.h"

namespace tv {

std::vector<double> confirmedLesionAreaPerSlice(const LabelMap& opacity, double minLargestSectionMm2,
                                                const CancelToken& cancel) {
    const auto& sp = opacity.geometry().spacing;
    const double pixelMm2 = sp[0] * sp[1];
    const std::size_t sxy = static_cast<std::size_t>(opacity.nx()) * opacity.ny();
    std::vector<double> area(static_cast<std::size_t>(opacity.nz()), 0.0);
    std::vector<std::uint8_t> seen(opacity.voxelCount(), 0);
    std::vector<std::size_t> stack;
    std::map<int, std::size_t> perSlice;  // pixels of the current component on each slice
    for (std::size_t start = 0; start < opacity.voxelCount(); ++start) {
        if (!opacity[start] || seen[start]) continue;
        if ((start & 0xFFFFF) == 0) cancel.throwIfCancelled();
        perSlice.clear();
        seen[start] = 1;
        stack.push_back(start);
        while (!stack.empty()) {
            const std::size_t n = stack.back();
            stack.pop_back();
            ++perSlice[static_cast<int>(n / sxy)];
            forEachFaceNeighbour(opacity.size(), n, [&](std::size_t q) {
                if (opacity[q] && !seen[q]) seen[q] = 1, stack.push_back(q);
            });
        }
        std::size_t largest = 0;
        for (const auto& [k, count] : perSlice) largest = std::max(largest, count);
        if (static_cast<double>(largest) * pixelMm2 < minLargestSectionMm2) continue;
        for (const auto& [k, count] : perSlice) area[static_cast<std::size_t>(k)] += static_cast<double>(count) * pixelMm2;
    }
    return area;
}

}  // namespace tv
