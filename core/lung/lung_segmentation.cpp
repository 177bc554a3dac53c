#include "lung/lung_segmentation.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "lung/airway.h"
#include "lung/binary_morphology.h"
#include "lung/lung_fill.h"
#include "lung/lung_split.h"
#include "lung/run_components.h"
#include "lung/voxel_loops.h"
#include "util/stage_clock.h"

namespace tv {
namespace {

// Per slice: 1 = air inside the body. The body is the largest 4-connected non-air region of the
// slice with its holes filled; air outside it (room air, air inside the table) is dropped.
void internalAir(const Image<std::int16_t>& hu, double threshold, LabelMap& out, const CancelToken& cancel) {
    // HU are integers: hu >= threshold exactly when hu >= ceil(threshold) (an int16 compare vectorises).
    const auto t = static_cast<std::int32_t>(std::clamp(std::ceil(threshold), -40000.0, 40000.0));
    const std::int16_t* h = hu.data();
    std::uint8_t* o = out.data();
    forVoxelBlocks(hu.voxelCount(), [h, o, t](std::size_t first, std::size_t last) {
        for (std::size_t n = first; n < last; ++n) o[n] = h[n] >= t;
    });
    keepLargestRegionSlices(out, cancel);
    fillHolesSlices(out, cancel);
    forVoxelBlocks(hu.voxelCount(), [h, o, t](std::size_t first, std::size_t last) {
        for (std::size_t n = first; n < last; ++n) o[n] = (o[n] != 0) & (h[n] < t);
    });
}

}  // namespace

LungSegmentation segmentLungs(const CtVolume& ct, const LungOpacityParams& p, ProgressSink& progress,
                              const CancelToken& cancel) {
    p.validate();
    LungSegmentation seg;
    const ImageGeometry& g = ct.geometry();
    const AxialFrame frame = axialFrame(g);
    const double voxelMl = g.voxelVolumeMm3() / 1000.0;

    StageClock t0;
    progress.report(0.0, "lungs: air inside the body");
    LabelMap air(g, 0);
    internalAir(ct.hu, p.airThresholdHu, air, cancel);
    t0.record("body_and_air", seg.timingMs, seg.cpuMs);

    // Lung candidates: the largest internal air component and any other holding at least
    // minLungComponentFraction of it (the other lung when the two are not connected). Bowel gas
    // and small pockets are smaller.
    t0.restart();
    progress.report(0.2, "lungs: connected components");
    RunComponents airComps = labelRunComponents(air, 1, cancel);
    std::size_t largest = 0;
    for (const Component& c : airComps.components) largest = std::max(largest, c.voxels);
    if (largest * voxelMl < 100.0)
        throw InvalidArgumentError(ct.info.sourcePath + ": no lung found (largest air region inside the body is " +
                                   std::to_string(largest * voxelMl) + " mL, expected at least 100 mL of aerated lung)");
    // The lung components become 2 (painted from their runs: what a flood fill from their seeds
    // gives); from now on the work is on their box (plus margin for the closing).
    VoxelBox lungBox{{g.size[0], g.size[1], g.size[2]}, {0, 0, 0}};
    for (std::size_t c = 0; c < airComps.components.size(); ++c) {
        const Component& comp = airComps.components[c];
        if (comp.voxels < p.minLungComponentFraction * largest) continue;
        paintComponent(airComps, static_cast<std::int32_t>(c), air, 2);
        for (int a = 0; a < 3; ++a) lungBox.lo[a] = std::min(lungBox.lo[a], comp.lo[a]), lungBox.hi[a] = std::max(lungBox.hi[a], comp.hi[a]);
    }
    airComps = RunComponents();
    // Keep other internal air as 1 (the trachea may be a separate component above the carina).
    t0.record("components", seg.timingMs, seg.cpuMs);

    const Index3 margin{static_cast<int>(p.closingRadiusMm / g.spacing[0]) + 3,
                        static_cast<int>(p.closingRadiusMm / g.spacing[1]) + 3, 1};
    seg.box = lungBox.grown(margin, g.size);
    const Image<std::int16_t> hu = cropImage(ct.hu, seg.box);
    LabelMap cand = cropImage(air, seg.box);
    air = LabelMap();

    t0.restart();
    progress.report(0.35, "lungs: trachea and bronchi");
    LabelMap allAir(cand.geometry(), 0);
    forVoxelBlocks(cand.voxelCount(), [from = cand.data(), to = allAir.data()](std::size_t first, std::size_t last) {
        for (std::size_t n = first; n < last; ++n) to[n] = from[n] != 0;
    });
    AirwayResult airway = segmentAirway(hu, allAir, p, cancel);
    allAir = LabelMap();
    seg.airwayFound = airway.found;
    seg.airwayLumenThresholdHu = airway.lumenThresholdHu;
    forVoxelBlocks(cand.voxelCount(), [c = cand.data(), grown = airway.grown.data()](std::size_t first, std::size_t last) {
        for (std::size_t n = first; n < last; ++n) c[n] = (c[n] == 2) & (grown[n] == 0);
    });
    airway.grown = LabelMap();
    t0.record("airway", seg.timingMs, seg.cpuMs);

    t0.restart();
    progress.report(0.5, "lungs: left/right separation");
    LungSplitResult split = splitLeftRight(cand, frame, cancel);
    seg.splitErosionMm = split.erosionMm;
    seg.lungsSeparated = split.separated;
    cand = LabelMap();
    t0.record("left_right_split", seg.timingMs, seg.cpuMs);

    t0.restart();
    progress.report(0.7, "lungs: filling vessels and consolidation");
    const LabelMap airwayRim = clearAirwayWall(split.labels, airway.central, p.airwayWallClearanceMm,
                                               seg.voxelsRemovedAtAirwayWall, cancel);
    seg.voxelsAddedByFill = fillLungs(split.labels, hu, airwayRim, p.closingRadiusMm,
                                   {p.pleuralHullMaxMeanHu, p.pleuralHullDenseMaxMeanHu, p.pleuralHullMinLungCapFraction}, cancel);
    forVoxelBlocks(split.labels.voxelCount(), [l = split.labels.data(), central = airway.central.data()](std::size_t first, std::size_t last) {
        for (std::size_t n = first; n < last; ++n) l[n] = central[n] ? static_cast<std::uint8_t>(kAirway) : l[n];
    });
    t0.record("fill", seg.timingMs, seg.cpuMs);

    seg.labels = LabelMap(g, 0);
    pasteImage(split.labels, seg.box, seg.labels);
    progress.report(1.0, "lungs: done");
    return seg;
}

}  // namespace tv
