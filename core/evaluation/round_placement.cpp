#include "evaluation/round_placement.h"

#include <map>
#include <utility>

#include "embolism/lung_smoothing.h"
#include "evaluation/clot_occlusion.h"

namespace tv {

std::string toString(SkipReason r) { return r == SkipReason::WouldCutOff ? "would_cut_off_placed_clot" : "beyond_occlusive_clot"; }

namespace {
// Whether the placed occlusive clot `c` would lie beyond a trial clot whose closing makes `removed`.
// Why a second reach: `c`'s own site voxel is among its closing voxels (it closes its artery there), and
// cutOffBeyond never lists removed voxels, so the plain test (its site voxel in the cut) cannot see it
// cut off. The site is asked as before its own clot: with its closing voxels put back (pa-crop seed 32000
// round 0: a left lower lobe occlusive clot placed, then a left PA occlusion that cut it off was kept,
// and the lobar clot, reached only through the heart, was counted as missed). Reachability mode only:
// with beyondIsTerritory a site in the territory of a closing clot is judged by occlusionTerritories.
bool occlusiveSiteCutOff(const SiteTree& tree, const Mask& removed, const LabelMap& closedBy, const PlacedClot& c,
                         const RoundPlacementConfig& cfg) {
    if (cfg.beyondIsTerritory || c.spec.shape != ClotShape::Occlusive) return false;
    const Index3 sv = siteVoxel(tree, c.spec.site.centerLps);
    if (sv[0] < 0) return false;
    const std::size_t site = tree.connected.offset(sv[0], sv[1], sv[2]);
    if (closedBy[site] != c.label) return false;
    Mask withSite = removed;
    for (std::size_t n = 0; n < withSite.voxelCount(); ++n)
        if (closedBy[n] == c.label) withSite[n] = 0;
    return cutOffBeyond(tree, withSite)[site] != 0;
}
}  // namespace

RoundPlacement placeRoundClots(const CtVolume& background, const std::vector<VesselSite>& sites, const SiteTree& tree,
                               const RoundPlacementConfig& cfg, const EmbolismParams& p) {
    RoundPlacement out{background, LabelMap(background.geometry(), 0), {}, {}, {}, {}};
    const bool rule = cfg.skipBeyondOcclusions && tree.connected.voxelCount() > 0;
    // Removed: the placed occlusive clots' closing voxels; beyondBy: per tree voxel cut off from the
    // trunk, the label of the clot whose placement cut it off (removal only grows, so a voxel once
    // beyond stays beyond).
    Mask removed;
    LabelMap beyondBy, closedBy;
    if (rule) {
        removed = Mask(tree.connected.geometry(), 0);
        beyondBy = LabelMap(tree.connected.geometry(), 0);
        closedBy = LabelMap(tree.connected.geometry(), 0);
    }
    const auto at = [&](const Image<std::uint8_t>& m, const Index3& v) -> std::uint8_t { return v[0] < 0 ? 0 : m.at(v[0], v[1], v[2]); };
    // Clot sizing (clot_sizing.h): the background's smoothed view, at the site tree's threshold (the
    // detector's, for the blood of the site search).
    const bool sizeBySection = cfg.clotSizing == ClotSizing::Section;
    const Image<float> sizingView = sizeBySection ? detectorSmoothedView(background, p) : Image<float>();
    std::map<VesselLevel, int> used;
    int shapeIdx = cfg.shapeOffset;
    for (std::size_t si = 0; si < sites.size(); ++si) {
        const VesselSite& s = sites[si];
        if (!cfg.levels.count(s.level) || used[s.level] >= cfg.clotsPerLevel) continue;
        if (static_cast<int>(out.clots.size()) >= cfg.maxClots) break;
        const Index3 sv = rule ? siteVoxel(tree, s.centerLps) : Index3{-1, -1, -1};
        if (rule) {
            if (const std::uint8_t by = at(beyondBy, sv)) {  // the clot goes to the next site (shapeIdx kept)
                out.skipped.push_back({si, SkipReason::BeyondOcclusion, by, static_cast<ClotShape>(shapeIdx % 3)});
                continue;
            }
        }
        ClotSpec spec;
        spec.site = s;
        spec.shape = static_cast<ClotShape>(shapeIdx++ % 3);
        spec.lengthMm = clotLengthMm(s.radiusMm);
        spec.clotHu = 45 + 10 * (shapeIdx % 3);  // 45-65 HU, inside the +20..+100 HU band
        spec.eccentricAngle = 1.3 * shapeIdx;
        spec.occlusiveFill = cfg.occlusiveFill;
        std::optional<SiteSectionSize> sectionSize;
        if (sizeBySection && spec.shape != ClotShape::Occlusive) {
            const double threshold = tree.lumenThresholdHu > 0 ? tree.lumenThresholdHu : lumenThresholdFor(s.bloodHu, p);
            sectionSize = measureSiteSectionSize(sizingView, s, threshold, cfg.sizingRule);
            spec.sizingRadiusMm = sectionSize->sizingRadiusMm;
        }
        const auto label = static_cast<std::uint8_t>(out.clots.size() + 1);
        PlacedClot placed{spec, label, 0, si, -1, sectionSize};
        if (rule && spec.shape == ClotShape::Occlusive) {
            // Inserted on a copy: whether it closes its artery, and what it cuts off, is measured on
            // the scan with it (beyond_occlusion.h), before it is kept.
            CtVolume trialCt = out.ct;
            LabelMap trialTruth = out.truth;
            placed.truthVoxels = insertClot(trialCt, trialTruth, label, spec);
            if (placed.truthVoxels == 0) continue;
            // Only a clot that closes its artery by clot_occlusion.h's measure (no enhanced channel past
            // it at the threshold, lumen beyond both ends) takes its voxels out of the tree: a thin rim
            // channel (pa-crop round 0 clot 3 with the default cylinder: bottleneck 288 HU, threshold
            // 269) still carries contrast beyond, although the tree's blood core is cut there.
            const Image<float> beforeView = detectorSmoothedView(out.ct, p), afterView = detectorSmoothedView(trialCt, p);
            const bool closes = measureClotOcclusion(beforeView, afterView, spec, tree.lumenThresholdHu).occludes;
            const std::vector<std::size_t> closing = closes ? closingVoxels(tree, beforeView, afterView) : std::vector<std::size_t>();
            Mask removedNext = removed;
            for (const std::size_t n : closing) removedNext[n] = 1;
            Mask cut;
            if (cfg.beyondIsTerritory) {  // the trial clot's supply territory (round_placement.h)
                LabelMap closedNext = closedBy;
                for (const std::size_t n : closing)
                    if (!closedNext[n]) closedNext[n] = label;
                const OcclusionTerritory ter = occlusionTerritories(tree, closedNext, {}, cfg.territoryInflow ? &*cfg.territoryInflow : nullptr);
                cut = Mask(tree.connected.geometry(), 0);
                for (std::size_t n = 0; n < cut.voxelCount(); ++n) cut[n] = ter.label[n] == label ? 1 : 0;
            } else {
                cut = cutOffBeyond(tree, removedNext);
            }
            std::uint8_t victim = 0;
            for (const PlacedClot& c : out.clots)
                if (at(cut, siteVoxel(tree, c.spec.site.centerLps)) || occlusiveSiteCutOff(tree, removedNext, closedBy, c, cfg)) {
                    victim = c.label;
                    break;
                }
            if (victim) {  // the occlusive clot goes to the next site
                --shapeIdx;
                out.skipped.push_back({si, SkipReason::WouldCutOff, victim, spec.shape});
                continue;
            }
            long newly = 0;
            for (std::size_t n = 0; n < cut.voxelCount(); ++n)
                if (cut[n] && !beyondBy[n]) {
                    beyondBy[n] = label;
                    ++newly;
                }
            placed.cutOffTreeVoxels = newly;
            for (const std::size_t n : closing)
                if (!removed[n]) closedBy[n] = label;
            removed = std::move(removedNext);
            out.ct = std::move(trialCt);
            out.truth = std::move(trialTruth);
        } else {
            placed.truthVoxels = insertClot(out.ct, out.truth, label, spec);
            if (placed.truthVoxels == 0) continue;
        }
        ++used[s.level];
        out.clots.push_back(placed);
    }
    out.beyondBy = std::move(beyondBy);
    out.closedBy = std::move(closedBy);
    return out;
}

}  // namespace tv
