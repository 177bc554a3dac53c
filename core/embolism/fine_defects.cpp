#include "embolism/fine_defects.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>

#include "embolism/fine_slice.h"
#include "embolism/volume_ops.h"

namespace tv {
namespace {
using fine_slice::kPi;

struct FineVoxel {
    int pixels = 0;              // fine thrombus-band defect pixels in this working voxel
    int holePixels = 0;          // ... of them in holes (SliceDefect::hole, and breached holes)
    int breachedPixels = 0;      // ... of them in breached holes only (EmbolismParams::fineBreachedHole)
    int holeRimPixels = 0;       // hole pixels above the band (partial volume with the contrast around them)
    int rimWrappedPixels = 0;    // ... of them in rim-wrapped deficits (SliceDefect::rimWrapped)
    double sectionRadiusMm = 0;  // largest equivalent radius of the artery sections they lie in
    std::vector<float> hu;       // smoothed native HU of every defect-region pixel in it (rim included)
    int faces = 0, contrastFaces = 0;  // the regions' outside face neighbours, and those that are contrast
    double bloodSum = 0;         // sum over its band pixels of their section's lumen HU (sectionBloodHu)
    int throughLungPixels = 0;   // defect-region pixels with aerated lung right above or below (FineSlice::rawNear)
    float minRawHu = std::numeric_limits<float>::infinity();  // darkest unsmoothed defect-region pixel
};

// HU cuts of the fine pass (findFineDefects).
struct FineCuts {
    double floorHu = 0;    // thrombus band floor: darker is lung or fat
    double ceilHu = 0;     // thrombus band ceiling: brighter is partial volume with contrast
    double calciumHu = 0;  // brighter is calcium or bone, not contrast
};

// Adds slice k's defect regions at the current smoothing (fs.hu) to `found`; pixels already
// `accepted` on this slice at another scale count once.
void addSliceDefects(const FineSlice& fs, const WorkingGrid& wg, const VesselTree& tree, int k, const EmbolismParams& p, const FineCuts& cuts,
                     std::vector<std::uint8_t>& accepted, std::unordered_map<std::size_t, FineVoxel>& found) {
    const double pixelMm2 = fs.sx * fs.sy;
    const double floorHu = cuts.floorHu, ceilHu = cuts.ceilHu;
    std::vector<int> sectionOf, sectionArea;
    std::vector<SliceDefect> regions = sliceRegions(fs, tree.lumenThresholdHu, p, p.fineClosingRadiusMm, sectionOf, sectionArea);
    if (p.fineBreachedHole && p.fineBreachedHoleClosingMm > p.fineClosingRadiusMm) {
        // Breached holes (EmbolismParams::fineBreachedHole): the deficits of the wider closing, judged
        // before the regular deficits so that one accepted as a breached hole counts whole (the regular
        // closing may take fragments of it). The contrast sections are the same labelling.
        std::vector<int> wideSectionOf, wideSectionArea;
        std::vector<SliceDefect> wide = sliceRegions(fs, tree.lumenThresholdHu, p, p.fineBreachedHoleClosingMm, wideSectionOf, wideSectionArea);
        std::vector<SliceDefect> ordered;
        for (SliceDefect& d : regions)
            if (d.hole) ordered.push_back(std::move(d));
        for (SliceDefect& d : wide)
            if (!d.hole) {
                d.wide = true;
                ordered.push_back(std::move(d));
            }
        for (SliceDefect& d : regions)
            if (!d.hole && !d.pixels.empty()) ordered.push_back(std::move(d));
        regions = std::move(ordered);
    }
    // The section's lumen HU (computed once per section used).
    std::unordered_map<int, double> sectionBlood;
    std::vector<std::uint8_t> inRegion(fs.hu.size(), 0);
    for (const SliceDefect& d : regions) {
        const int np = static_cast<int>(d.pixels.size());
        if (np * pixelMm2 < p.fineMinSliceAreaMm2) continue;
        if (!withinFineAreaCap(fs, wg, tree, k, d, p)) continue;
        if (np > p.fineMaxDefectShare * (np + sectionArea[d.section])) continue;  // contrast must remain around it
        // Calcium closed it, not the artery's contrast (EmbolismParams::fineCalciumMarginMm).
        if (besideCalcium(fs, d.pixels, cuts.calciumHu, p.fineCalciumMarginMm)) continue;
        int inRoi = 0, low = 0;
        for (const int s : d.pixels) {
            inRoi += fs.roi[s];
            low += fs.hu[s] < floorHu;
        }
        if (2 * inRoi < np || low > p.fineMaxLowShare * np) continue;
        auto blood = sectionBlood.find(d.section);
        if (blood == sectionBlood.end()) blood = sectionBlood.emplace(d.section, sectionBloodHu(fs, sectionOf, d.section, p)).first;
        const double contrastNorm = fineContrastNorm(blood->second, regionCoreHu(fs, d.pixels, p), p);
        if (contrastNorm < p.fineMinContrastNorm) continue;
        for (const int s : d.pixels) inRegion[s] = 1;
        const double depth = regionDepthMm(fs, d.pixels, inRegion);
        for (const int s : d.pixels) inRegion[s] = 0;
        if (depth < (d.hole ? p.fineMinHoleDepthMm : p.fineMinDepthMm)) continue;
        const double sectionR = std::sqrt((sectionArea[d.section] + np) * pixelMm2 / kPi);
        for (const int s : d.pixels) inRegion[s] = 1;
        // A deficit that contrast wraps almost all round, inside the traced artery: a breached hole
        // (EmbolismParams::fineBreachedHole). A deficit of the wider closing is taken only as one.
        bool breached = false;
        if (p.fineBreachedHole && !d.hole) {
            int seeded = 0, faces = 0, contrastFaces = 0;
            for (const int s : d.pixels) {
                seeded += fs.code[s] != 0;  // buildFineSlice: lobar, segmental or mediastinal-branch code
                const int x = s % fs.w, y = s / fs.w;
                for (const int q : {x > 0 ? s - 1 : -1, x + 1 < fs.w ? s + 1 : -1, y > 0 ? s - fs.w : -1, y + 1 < fs.h ? s + fs.w : -1})
                    if (q >= 0 && !inRegion[q]) {
                        ++faces;
                        contrastFaces += fs.hu[q] >= tree.lumenThresholdHu;
                    }
            }
            breached = seeded >= p.fineBreachedHoleMinSeedShare * np && faces > 0 && contrastFaces >= p.fineBreachedHoleMinEnclosure * faces;
        }
        if (d.wide && !breached) {
            for (const int s : d.pixels) inRegion[s] = 0;
            continue;
        }
        const bool asHole = d.hole || breached;
        for (const int s : d.pixels) {
            if (accepted[s]) continue;
            accepted[s] = 1;
            FineVoxel& v = found[fs.working(wg, s, k)];
            v.hu.push_back(fs.hu[s]);
            v.throughLungPixels += fs.rawNear[s] < ThoraxParams{}.airHu;
            v.minRawHu = std::min(v.minRawHu, fs.raw[s]);
            const int x = s % fs.w, y = s / fs.w;
            for (const int q : {x > 0 ? s - 1 : -1, x + 1 < fs.w ? s + 1 : -1, y > 0 ? s - fs.w : -1, y + 1 < fs.h ? s + fs.w : -1})
                if (q >= 0 && !inRegion[q]) {
                    ++v.faces;
                    v.contrastFaces += fs.hu[q] >= tree.lumenThresholdHu;
                }
            // A hole's rim above the band: contrast encloses it, so its partial volume is the clot's
            // (EmbolismParams::fineHoleWholeArea); counted toward the group's volume only.
            if (asHole && fs.hu[s] >= ceilHu) ++v.holeRimPixels;
            if (fs.hu[s] < floorHu || fs.hu[s] >= ceilHu) continue;  // the thrombus band only, not the rim
            ++v.pixels;
            v.bloodSum += blood->second;
            v.holePixels += asHole;
            v.breachedPixels += breached;
            v.rimWrappedPixels += d.rimWrapped && !asHole;
            v.sectionRadiusMm = std::max(v.sectionRadiusMm, sectionR);
        }
        for (const int s : d.pixels) inRegion[s] = 0;
    }
}
}  // namespace

bool finePassApplies(const WorkingGrid& wg, const VesselTree& tree, const ContrastResult& contrast, const EmbolismParams& p) {
    if (!p.fineDefectPass || wg.bin[0] < p.fineMinBinning || wg.bin[1] < p.fineMinBinning) return false;
    return contrast.paNoiseHu > 0 && bloodClotCnr(tree.bloodHu, contrast.paNoiseHu, p) >= p.fineMinCnr;
}

std::vector<RawCandidate> findFineDefects(const CtVolume& ct, const WorkingGrid& wg, const VesselTree& tree,
                                          const ContrastResult& contrast, const EmbolismParams& p, const CancelToken& cancel,
                                          const Mask* aorta) {
    std::vector<RawCandidate> out;
    if (!finePassApplies(wg, tree, contrast, p)) return out;
    const double floorHu = p.defectFloorHu();
    // The closing part's band ceiling (candidates.cpp): brighter is partial volume with contrast.
    const double ceilHu = std::min(tree.lumenThresholdHu, p.thrombusHighHu + 0.3 * std::max(0.0, tree.bloodHu - p.thrombusHighHu));
    // Above enhanced blood even on CTPA: calcium or bone cortex (thorax_masks.h), not lumen.
    const FineCuts cuts{floorHu, ceilHu, ThoraxParams{}.boneHu};
    std::unordered_map<std::size_t, FineVoxel> found;
    FineSlice fs;
    for (int k = 0; k < wg.geometry.size[2]; ++k) {
        if (!buildFineSlice(ct, wg, tree, k, p, fs)) continue;
        // Pixels already taken on this slice at an earlier scale (each counts once).
        std::vector<std::uint8_t> accepted(fs.raw.size(), 0);
        for (const double sigma : {p.fineSmoothingSigmaMm, p.fineSecondSigmaMm}) {
            if (sigma <= 0) continue;
            smoothFineSlice(fs, sigma);
            addSliceDefects(fs, wg, tree, k, p, cuts, accepted, found);
        }
        cancel.throwIfCancelled();
    }
    // Group across slices on the working grid.
    const Index3 size = wg.geometry.size;
    const double fineVoxelMm3 = wg.geometry.voxelVolumeMm3() / (wg.bin[0] * wg.bin[1]);
    const int half = (wg.bin[0] * wg.bin[1] + 1) / 2;
    std::unordered_map<std::size_t, bool> seen;
    for (const auto& [start, unused] : found) {
        if (seen.count(start)) continue;
        std::vector<std::size_t> group{start}, stack{start};
        seen[start] = true;
        while (!stack.empty()) {
            const std::size_t q = stack.back();
            stack.pop_back();
            // 26-neighbours, and across one slice: where an eccentric clot cuts the wall on its middle
            // slice, its crescent opens wider than the closing bridges there.
            const int i = static_cast<int>(q % size[0]), j = static_cast<int>((q / size[0]) % size[1]), k = static_cast<int>(q / (static_cast<std::size_t>(size[0]) * size[1]));
            for (int c = std::max(0, k - 2); c <= std::min(size[2] - 1, k + 2); ++c)
                for (int b = std::max(0, j - 1); b <= std::min(size[1] - 1, j + 1); ++b)
                    for (int a = std::max(0, i - 1); a <= std::min(size[0] - 1, i + 1); ++a) {
                        const std::size_t r = wg.hu.offset(a, b, c);
                        if (found.count(r) && !seen.count(r)) {
                            seen[r] = true;
                            group.push_back(r);
                            stack.push_back(r);
                        }
                    }
        }
        double bloodSum = 0;
        int pixels = 0, holePixels = 0, breachedPixels = 0, holeRimPixels = 0, rimWrappedPixels = 0, faces = 0, contrastFaces = 0, aortaPixels = 0;
        int throughLungPixels = 0;
        float minRawHu = std::numeric_limits<float>::infinity();
        std::vector<float> hu;
        std::size_t densest = start;
        std::map<int, std::pair<int, int>> bySlice;  // slice k -> (band pixels, unbreached-hole pixels)
        const std::size_t sliceSize = static_cast<std::size_t>(size[0]) * size[1];
        RawCandidate c;
        c.fromFine = true;
        for (const std::size_t q : group) {
            const FineVoxel& v = found.at(q);
            auto& slice = bySlice[static_cast<int>(q / sliceSize)];
            slice.first += v.pixels;
            slice.second += v.holePixels - v.breachedPixels;
            pixels += v.pixels;
            bloodSum += v.bloodSum;
            holePixels += v.holePixels;
            breachedPixels += v.breachedPixels;
            holeRimPixels += v.holeRimPixels;
            rimWrappedPixels += v.rimWrappedPixels;
            faces += v.faces;
            contrastFaces += v.contrastFaces;
            hu.insert(hu.end(), v.hu.begin(), v.hu.end());
            throughLungPixels += v.throughLungPixels;
            minRawHu = std::min(minRawHu, v.minRawHu);
            if (aorta && aorta->voxelCount() && (*aorta)[q]) aortaPixels += v.pixels;
            if (v.pixels > found.at(densest).pixels) densest = q;
            c.completedRadiusMm = std::max(c.completedRadiusMm, v.sectionRadiusMm);
            if (v.pixels >= half) c.voxels.push_back(q);
        }
        // The slice holding most unbreached-hole pixels, and their share of its band pixels
        // (RawCandidate::fineSliceHoleShare): the group may join a polo mint to other defects on the
        // slices beside it.
        int mostHoles = 0;
        for (const auto& [k, slice] : bySlice)
            if (slice.second > mostHoles) {
                mostHoles = slice.second;
                c.fineSliceHoleShare = static_cast<double>(slice.second) / slice.first;
            }
        const int groupPixels = pixels + (p.fineHoleWholeArea ? holeRimPixels : 0);
        if (groupPixels * fineVoxelMm3 < p.fineMinVolumeMm3 || groupPixels < p.fineMinPixels) continue;
        if (c.voxels.empty()) c.voxels.push_back(densest);
        std::sort(hu.begin(), hu.end());
        c.fineMedianHu = hu[hu.size() / 2];
        c.fineCoreHu = hu[static_cast<std::size_t>(p.fineCoreQuantile * (hu.size() - 1))];
        c.fineBloodHu = pixels ? bloodSum / pixels : 0.0;
        c.fineHoleShare = pixels ? static_cast<double>(holePixels) / pixels : 0.0;
        c.fineBreachedShare = pixels ? static_cast<double>(breachedPixels) / pixels : 0.0;
        c.fineRimWrappedShare = pixels ? static_cast<double>(rimWrappedPixels) / pixels : 0.0;
        c.fineEnclosure = faces ? static_cast<double>(contrastFaces) / faces : 0.0;
        c.fineAortaShare = pixels ? static_cast<double>(aortaPixels) / pixels : 0.0;
        c.fineThroughLungShare = static_cast<double>(throughLungPixels) / hu.size();
        c.fineMinRawHu = minRawHu;
        std::sort(c.voxels.begin(), c.voxels.end());
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace tv
