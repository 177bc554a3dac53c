#include "lung/lung_segmentation.h"

#include <algorithm>
#include <chrono>
#include <vector>

#include "lung/airway.h"
#include "lung/binary_morphology.h"
#include "lung/lung_fill.h"
#include "lung/lung_split.h"

namespace tv {
namespace {

using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// Per slice: 1 = air inside the body. The body is the largest 4-connected non-air region of the
// slice with its holes filled; air outside it (room air, air inside the table) is dropped.
void internalAir(const Image<std::int16_t>& hu, double threshold, LabelMap& out, const CancelToken& cancel) {
    for (std::size_t n = 0; n < hu.voxelCount(); ++n) out[n] = hu[n] >= threshold ? 1 : 0;
    keepLargestRegionSlices(out, cancel);
    fillHolesSlices(out, cancel);
    for (std::size_t n = 0; n < hu.voxelCount(); ++n) out[n] = (out[n] && hu[n] < threshold) ? 1 : 0;
}

}  // namespace

LungSegmentation segmentLungs(const CtVolume& ct, const LungOpacityParams& p, ProgressSink& progress,
                              const CancelToken& cancel) {
    p.validate();
    LungSegmentation seg;
    const ImageGeometry& g = ct.geometry();
    const AxialFrame frame = axialFrame(g);
    const double voxelMl = g.voxelVolumeMm3() / 1000.0;

    auto t0 = Clock::now();
    progress.report(0.0, "lungs: air inside the body");
    LabelMap air(g, 0);
    internalAir(ct.hu, p.airThresholdHu, air, cancel);
    seg.timingMs["body_and_air"] = msSince(t0);

    // Lung candidates: the largest internal air component and any other holding at least
    // minLungComponentFraction of it (the other lung when the two are not connected). Bowel gas
    // and small pockets are smaller.
    t0 = Clock::now();
    progress.report(0.2, "lungs: connected components");
    auto comps = findComponents(air, 1, cancel);
    std::sort(comps.begin(), comps.end(), [](const Component& a, const Component& b) { return a.voxels > b.voxels; });
    if (comps.empty() || comps[0].voxels * voxelMl < 100.0)
        throw InvalidArgumentError(ct.info.sourcePath + ": no lung found (largest air region inside the body is " +
                                   std::to_string(comps.empty() ? 0.0 : comps[0].voxels * voxelMl) +
                                   " mL, expected at least 100 mL of aerated lung)");
    for (const Component& c : comps) {
        if (c.voxels < p.minLungComponentFraction * comps[0].voxels) break;
        floodFill(air, c.seed, 1, 2);
    }
    // Keep other internal air as 1 (the trachea may be a separate component above the carina).
    seg.timingMs["components"] = msSince(t0);

    // Work on the box around the lungs (plus margin for the closing) from now on.
    VoxelBox lungBox{{g.size[0], g.size[1], g.size[2]}, {0, 0, 0}};
    for (const Component& c : comps) {
        if (c.voxels < p.minLungComponentFraction * comps[0].voxels) break;
        for (int a = 0; a < 3; ++a) lungBox.lo[a] = std::min(lungBox.lo[a], c.lo[a]), lungBox.hi[a] = std::max(lungBox.hi[a], c.hi[a]);
    }
    const Index3 margin{static_cast<int>(p.closingRadiusMm / g.spacing[0]) + 3,
                        static_cast<int>(p.closingRadiusMm / g.spacing[1]) + 3, 1};
    seg.box = lungBox.grown(margin, g.size);
    const Image<std::int16_t> hu = cropImage(ct.hu, seg.box);
    LabelMap cand = cropImage(air, seg.box);
    air = LabelMap();

    t0 = Clock::now();
    progress.report(0.35, "lungs: trachea and bronchi");
    LabelMap allAir(cand.geometry(), 0);
    for (std::size_t n = 0; n < cand.voxelCount(); ++n) allAir[n] = cand[n] != 0;
    AirwayResult airway = segmentAirway(hu, allAir, p, cancel);
    allAir = LabelMap();
    seg.airwayFound = airway.found;
    seg.airwayLumenThresholdHu = airway.lumenThresholdHu;
    for (std::size_t n = 0; n < cand.voxelCount(); ++n) cand[n] = (cand[n] == 2 && !airway.grown[n]) ? 1 : 0;
    airway.grown = LabelMap();
    seg.timingMs["airway"] = msSince(t0);

    t0 = Clock::now();
    progress.report(0.5, "lungs: left/right separation");
    LungSplitResult split = splitLeftRight(cand, frame, cancel);
    seg.splitErosionMm = split.erosionMm;
    seg.lungsSeparated = split.separated;
    cand = LabelMap();
    seg.timingMs["left_right_split"] = msSince(t0);

    t0 = Clock::now();
    progress.report(0.7, "lungs: filling vessels and consolidation");
    seg.voxelsAddedByFill = fillLungs(split.labels, hu, airway.central, p.closingRadiusMm, cancel);
    for (std::size_t n = 0; n < split.labels.voxelCount(); ++n)
        if (airway.central[n]) split.labels[n] = kAirway;
    seg.timingMs["fill"] = msSince(t0);

    seg.labels = LabelMap(g, 0);
    pasteImage(split.labels, seg.box, seg.labels);
    progress.report(1.0, "lungs: done");
    return seg;
}

}  // namespace tv
