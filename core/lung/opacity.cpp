#include "lung/opacity.h"

#include <cmath>

#include "lung/binary_morphology.h"

namespace tv {

LabelMap classifyOpacity(const Image<std::int16_t>& sm, const LabelMap& lungLabels, const LungOpacityParams& p,
                         OpacityStats& stats, const CancelToken& cancel) {
    const std::size_t n = sm.voxelCount();
    // Lung core: away from the pleura, where partial volume with the chest wall mimics opacity.
    LabelMap core(sm.geometry(), 0);
    for (std::size_t q = 0; q < n; ++q) core[q] = (lungLabels[q] == 1 || lungLabels[q] == 2) ? 1 : 0;
    if (p.pleuralMarginMm > 0) erodeSlices(core, p.pleuralMarginMm, cancel);

    // Vessels and airway walls: dense structures too thin to survive an opening with a disk of the
    // largest vessel diameter, plus their partial-volume halo.
    LabelMap vessels(sm.geometry(), 0);
    for (std::size_t q = 0; q < n; ++q) vessels[q] = (core[q] && sm[q] >= p.consolidationLowHu) ? 1 : 0;
    LabelMap solid = vessels;
    openSlices(solid, p.vesselMaxDiameterMm / 2.0, cancel);
    for (std::size_t q = 0; q < n; ++q) {
        vessels[q] = (vessels[q] && !solid[q]) ? 1 : 0;
        stats.vesselVoxels += vessels[q];
    }
    solid = LabelMap();
    if (p.vesselHaloMm > 0) dilateSlices(vessels, p.vesselHaloMm, cancel);

    LabelMap opacity(sm.geometry(), 0);
    for (std::size_t q = 0; q < n; ++q)
        opacity[q] = (core[q] && !vessels[q] && sm[q] >= p.ggoLowHu && sm[q] <= p.consolidationHighHu) ? 1 : 0;
    vessels = LabelMap();
    core = LabelMap();
    if (p.minOpacityThicknessMm > 0) openSlices(opacity, p.minOpacityThicknessMm / 2.0, cancel);
    std::size_t before = 0, after = 0;
    for (auto v : opacity.voxels()) before += v;
    const auto minVoxels = static_cast<std::size_t>(std::ceil(p.minOpacityComponentMm3 / sm.geometry().voxelVolumeMm3()));
    removeSmallComponents(opacity, minVoxels, cancel);
    for (std::size_t q = 0; q < n; ++q) {
        if (!opacity[q]) continue;
        ++after;
        opacity[q] = sm[q] < p.consolidationLowHu ? kGgo : kConsolidation;
    }
    stats.speckVoxels = before - after;
    return opacity;
}

}  // namespace tv
