#include "lung/lung_analysis.h"

#include <tbb/parallel_for.h>

#include "lung/binary_morphology.h"
#include "lung/lung_scores.h"
#include "lung/lung_segmentation.h"
#include "lung/opacity.h"
#include "lung/slice_involvement.h"
#include "lung/smoothing.h"
#include "util/stage_clock.h"

namespace tv {
namespace {

std::string combinedMethod(const std::vector<const FissureSurface*>& bounds) {
    bool anyFissure = false, anyGeometric = false;
    for (const auto* b : bounds) (b->method == "fissure" ? anyFissure : anyGeometric) = true;
    return anyFissure && anyGeometric ? "mixed" : (anyFissure ? "fissure" : "geometric");
}

}  // namespace

LungOpacityResult analyzeLungOpacity(const CtVolume& ct, const LungOpacityParams& p, ProgressSink& progress,
                                     const CancelToken& cancel) {
    p.validate();
    LungOpacityResult r;
    const StageClock tAll;
    const ImageGeometry& g = ct.geometry();
    const AxialFrame frame = axialFrame(g);

    // 1. Lungs and airway.
    StageClock t0;
    LungSegmentation seg = segmentLungs(ct, p, progress, cancel);
    for (const auto& [k, v] : seg.timingMs) r.timingMs["lungs." + k] = v;
    for (const auto& [k, v] : seg.cpuMs) r.cpuMs["lungs." + k] = v;
    t0.record("lungs", r.timingMs, r.cpuMs);
    r.airwayFound = seg.airwayFound;
    r.lungsSeparated = seg.lungsSeparated;
    r.splitErosionMm = seg.splitErosionMm;
    r.airwayLumenThresholdHu = seg.airwayLumenThresholdHu;
    const VoxelBox box = seg.box;
    // The work is on the lungs' box. The full-grid labels (zero outside the box) are pasted back at
    // the end: holding them through the opacity stage raised its memory peak by half a volume.
    LabelMap lungs = cropImage(seg.labels, box);
    seg.labels = LabelMap();

    // 2. Noise-adapted smoothing (shared by the fissure filter and the opacity bands).
    t0.restart();
    progress.report(0.0, "opacity: smoothing");
    // The unsmoothed crop is needed only here (freed before the vesselness scales are allocated).
    Image<std::int16_t> sm = [&] {
        const Image<std::int16_t> hu = cropImage(ct.hu, box);
        {
            LabelMap parenchyma(hu.geometry(), 0);
            tbb::parallel_for(std::size_t{0}, hu.voxelCount(), [&](std::size_t n) {
                parenchyma[n] = (lungs[n] == kLeftLung || lungs[n] == kRightLung) && hu[n] < -750;
            });
            r.noiseHu = estimateNoiseHu(hu, parenchyma);
        }
        r.smoothingSigmaMm = std::clamp(p.baseSmoothingSigmaMm * r.noiseHu / p.referenceNoiseHu,
                                        p.minSmoothingSigmaMm, p.maxSmoothingSigmaMm);
        return gaussianSmooth(hu, r.smoothingSigmaMm, cancel);
    }();
    t0.record("smoothing", r.timingMs, r.cpuMs);

    // 3. Regions: extents, fissures (the lobe labels follow the opacity stage).
    t0.restart();
    progress.report(0.3, "regions: fissures");
    const std::array<LungExtent, 2> ext{lungExtent(lungs, kLeftLung, frame), lungExtent(lungs, kRightLung, frame)};
    r.fissures = detectFissures(sm, lungs, ext, p, cancel);
    t0.record("regions", r.timingMs, r.cpuMs);

    // 4. Opacity.
    LabelMap opacity = classifyOpacity(sm, r.smoothingSigmaMm, lungs, ext, p, r.opacityStats, cancel, progress);
    t0.record("opacity", r.timingMs, r.cpuMs);
    r.timingMs["opacity.vesselness"] = r.opacityStats.vesselnessMs;
    r.cpuMs["opacity.vesselness"] = r.opacityStats.vesselnessCpuMs;
    r.timingMs["opacity.vesselness.nodule_blobs"] = r.opacityStats.noduleBlobMs;
    r.cpuMs["opacity.vesselness.nodule_blobs"] = r.opacityStats.noduleBlobCpuMs;
    sm = Image<std::int16_t>();  // not needed by the scores

    // The lobe of each lung voxel (part of the regions stage; painted after the opacity stage, so
    // that it does not add to that stage's memory peak).
    progress.report(0.9, "regions: lobe labels");
    LabelMap lobes(lungs.geometry(), 0);
    tbb::parallel_for(0, lungs.nz(), [&](int k) {
        for (int j = 0; j < lungs.ny(); ++j)
            for (int i = 0; i < lungs.nx(); ++i) {
                const std::uint8_t l = lungs.at(i, j, k);
                if (l != kLeftLung && l != kRightLung) continue;
                const int side = l == kLeftLung ? kLeft : kRight;
                const LungExtent& e = ext[side];
                const int lobe = lobeAt(side, e.u(j), e.v(k), e.w(i), r.fissures, p.middleLobePosteriorLimit);
                lobes.at(i, j, k) = static_cast<std::uint8_t>(1 + lobe);
            }
    });
    r.timingMs["regions"] += t0.wallMs();
    r.cpuMs["regions"] += t0.cpuMs();

    // 5. Volumes, scores, slices.
    t0.restart();
    progress.report(0.92, "scores");
    const double voxelMl = g.voxelVolumeMm3() / 1000.0;
    const double pixelMm2 = g.spacing[0] * g.spacing[1];
    const std::vector<double> lesionArea = confirmedLesionAreaPerSlice(opacity, p.sliceMinOpacityAreaMm2, cancel);
    r.slices.resize(static_cast<std::size_t>(g.size[2]));
    for (int k = 0; k < g.size[2]; ++k) r.slices[k].k = k, r.slices[k].zMm = sliceZ(g, k);
    // Voxel counts per slice (slices in parallel), summed in slice order and converted to mL once.
    struct Counts {
        std::size_t lung = 0, ggo = 0, consolidation = 0;
    };
    struct SliceCounts {
        std::size_t airway = 0;
        Counts total, side[2], zone[2][3], lobe[kLobeCount];
    };
    std::vector<SliceCounts> counts(static_cast<std::size_t>(lungs.nz()));
    tbb::parallel_for(0, lungs.nz(), [&](int kc) {
        SliceResult& s = r.slices[static_cast<std::size_t>(kc + box.lo[2])];
        SliceCounts& c = counts[static_cast<std::size_t>(kc)];
        std::array<std::size_t, kLobeCount> lobeOpacity{};
        std::size_t lungPixels = 0, opacityPixels = 0;
        for (int j = 0; j < lungs.ny(); ++j)
            for (int i = 0; i < lungs.nx(); ++i) {
                const std::uint8_t l = lungs.at(i, j, kc);
                if (l == kAirway) {
                    ++c.airway;
                    continue;
                }
                if (l != kLeftLung && l != kRightLung) continue;
                const int side = l == kLeftLung ? kLeft : kRight;
                const std::uint8_t o = opacity.at(i, j, kc);
                const int lobe = lobes.at(i, j, kc) - 1;
                const int zone = zoneOf(ext[side], kc);
                for (Counts* st : {&c.total, &c.side[side], &c.zone[side][zone], &c.lobe[lobe]}) {
                    ++st->lung;
                    if (o == kGgo) ++st->ggo;
                    if (o == kConsolidation) ++st->consolidation;
                }
                ++lungPixels;
                if (o) {
                    ++opacityPixels;
                    ++lobeOpacity[lobe];
                }
            }
        s.lungAreaMm2 = static_cast<double>(lungPixels) * pixelMm2;
        s.opacityAreaMm2 = static_cast<double>(opacityPixels) * pixelMm2;
        s.involvedFraction = s.lungAreaMm2 > 0 ? s.opacityAreaMm2 / s.lungAreaMm2 : 0.0;
        s.confirmedLesionAreaMm2 = lesionArea[static_cast<std::size_t>(kc)];
        s.involved = (s.opacityAreaMm2 >= p.sliceMinOpacityAreaMm2 && s.involvedFraction >= p.sliceMinOpacityFraction) ||
                     s.confirmedLesionAreaMm2 >= p.sliceLesionEndMinAreaMm2;
        for (int lobe = 0; lobe < kLobeCount; ++lobe)
            if (static_cast<double>(lobeOpacity[lobe]) * pixelMm2 >= p.lobeMinOpacityAreaMm2) s.lobesInvolved.push_back(lobeName(lobe));
    });
    auto add = [&](RegionStats& st, const Counts& c) {
        st.lungMl += static_cast<double>(c.lung) * voxelMl;
        st.ggoMl += static_cast<double>(c.ggo) * voxelMl;
        st.consolidationMl += static_cast<double>(c.consolidation) * voxelMl;
    };
    {
        SliceCounts sum;
        auto acc = [](Counts& a, const Counts& b) { a.lung += b.lung, a.ggo += b.ggo, a.consolidation += b.consolidation; };
        for (const SliceCounts& c : counts) {
            sum.airway += c.airway;
            acc(sum.total, c.total);
            for (int side = 0; side < 2; ++side) {
                acc(sum.side[side], c.side[side]);
                for (int zone = 0; zone < 3; ++zone) acc(sum.zone[side][zone], c.zone[side][zone]);
            }
            for (int lobe = 0; lobe < kLobeCount; ++lobe) acc(sum.lobe[lobe], c.lobe[lobe]);
        }
        r.airwayMl = static_cast<double>(sum.airway) * voxelMl;
        add(r.total, sum.total);
        add(r.left, sum.side[kLeft]);
        add(r.right, sum.side[kRight]);
        for (int side = 0; side < 2; ++side)
            for (int zone = 0; zone < 3; ++zone) add(r.zones[side][zone], sum.zone[side][zone]);
        for (int lobe = 0; lobe < kLobeCount; ++lobe) add(r.lobes[lobe].stats, sum.lobe[lobe]);
    }
    for (int lobe = 0; lobe < kLobeCount; ++lobe) {
        LobeResult& lr = r.lobes[lobe];
        lr.stats.score = ctSeverityLobeScore(lr.stats.involvementPercent(), p.scoreNoneBelowPercent);
        r.ctSeverityScore += lr.stats.score;
        std::vector<const FissureSurface*> bounds;
        if (lobe == kLUL || lobe == kLLL) bounds = {&r.fissures.leftOblique};
        else if (lobe == kRLL) bounds = {&r.fissures.rightOblique};
        else bounds = {&r.fissures.rightOblique, &r.fissures.rightHorizontal};
        for (const auto* b : bounds) lr.boundaries.push_back(b->name), lr.boundaryShapes.push_back(b->shape);
        if (lobe == kRUL || lobe == kRML) lr.posteriorLimitU = p.middleLobePosteriorLimit;
        lr.boundaryMethod = combinedMethod(bounds);
    }
    for (int side = 0; side < 2; ++side)
        for (auto& z : r.zones[side]) {
            z.score = sixZoneScore(z.involvementPercent(), p.scoreNoneBelowPercent);
            r.sixZoneScore += z.score;
        }
    // Each box map onto the full grid (zero outside the box), freed as soon as it is pasted.
    auto toFullGrid = [&](LabelMap& boxed, LabelMap& full) {
        full = LabelMap(g, 0);
        pasteImage(boxed, box, full);
        boxed = LabelMap();
    };
    toFullGrid(lungs, r.lungLabels);
    toFullGrid(opacity, r.opacityLabels);
    toFullGrid(lobes, r.lobeLabels);
    t0.record("scores", r.timingMs, r.cpuMs);
    r.timingMs["total"] = tAll.wallMs();
    r.cpuMs["total"] = tAll.cpuMs();
    progress.report(1.0, "lung analysis done");
    return r;
}

}  // namespace tv
