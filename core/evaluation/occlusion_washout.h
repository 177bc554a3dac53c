#pragma once
// Contrast beyond a complete occlusion (lesion-insertion validation, embolism_validate
// --beyond-occlusion-contrast enhanced|washout).
//
// Why: an inserted occlusive clot that really closes its artery (clot_occlusion.h) changes only its own
// voxels, so the artery beyond it stays enhanced on the inserted scan. In acute PE the arteries distal
// to a complete occlusion receive no contrast: they are unopacified (clinical-reference.md "Signs of
// acute PE on CTPA": a complete occlusion, the artery is cut off). A detector that relies on an
// enhanced far side beyond the clot (the gap search, s26-cutoff's wide-occlusion rule) is tested on an
// artefact. Washout mode replaces that enhanced lumen with unopacified blood.
//
// Extent (what is washed out): each closing occlusive clot's territory on the site search's arterial
// tree (occlusion_territory.h: the blood core whose shortest route from the trunk ran through the
// clot's closing voxels, followed from the clot along the artery's continuation and its branches, out
// to OcclusionTerritoryRule::maxDepthMm, stopping where another route is as short: other supply; the
// physiology assumed, no collateral opacification, is stated there). s28: replaced the s27 measure,
// the core no longer reached from the trunk at all (RoundPlacement::beyondBy), which any core-level
// contact beyond the clot defeated (7 of 9 closing clots on pa-crop washed out nothing; a 4.5 mm
// enhanced strip stayed in the artery beyond the other two). That core is extended to the whole
// enhanced lumen it carries:
// - every voxel of the background's smoothed lumen (detector view, >= the tree's lumen threshold) takes
//   the label of its geodesically nearest blood-core voxel within the lumen (Dijkstra, face neighbours,
//   mm steps). Sources: the territory core (label of its clot) and every other voxel at least as
//   bright as the tree's core floor (label 0: the tree still supplied, other vessels: aorta, veins,
//   chambers); the clots' closing voxels are no source (their lumen goes to the nearer side, so the
//   partial-volume lumen just beyond the clot's far end is washed out, that before its near end not).
//   Bright lumen outside the site tree that joins both a clot and its territory (a pocket: the artery's
//   own lumen between the clot's end and the territory core, which the detector's tree did not hold) is
//   no source either, if it is smaller than the clot (its truth voxels; a sliver beside the clot's end,
//   not a chamber or great vessel touching both: without this bound, a first version added 22 cm3 to a
//   trunk clot's washout on pa-crop round 5): pa-crop round 1 (left PA occlusion), a 3-row, 4.5 mm strip at k 86 (s27's "bright
//   strip") was such a pocket and stayed enhanced as its own source. So thin distal arteries whose smoothed peak stays
//   under the core (partial volume) go with the cut-off artery they hang from, while a vessel merely
//   touching it through a partial-volume contact keeps its contrast (its own core is nearer);
// - plus a rim of `rimMm` outside the lumen (the artery wall's partial volume, as raiseBloodPool's 2 mm
//   rim), assigned the same way (nearest labelled lumen voxel);
// - a depth limit along the tree only far beyond what the validation's lobar and central sites hold
//   (occlusion_territory.h; on a real scan nothing opacifies the arteries beyond a complete occlusion,
//   and a short limit would leave an enhanced far segment beyond an unenhanced stretch). Limits: arteries the site tree does not hold (not connected to the
//   trunk at the detector's threshold) are not changed (they are under the lumen threshold anyway).
// Intensity: each voxel loses the contrast of its neighbourhood, new = v - max(0, median - unenhancedHu),
// with `median` the median of a box of about +-1.2 mm (insertClot's box) around it on the unchanged scan.
// Inside the artery that is unenhancedHu plus the voxel's own deviation from its neighbourhood (the scan's
// noise texture is kept, as insertClot keeps it with an additive shift); at the wall the median falls to
// the surroundings' level and the shift fades (partial-volume edge: edge-preserving, unlike a mean). Two
// first versions, both measured on pa-crop rounds 0-3, left the washed-out artery too bright: insertClot's
// own model, a shift f x (unenhancedHu - blood) with f the box MEAN's blood fraction between unenhancedHu
// and the clot site's blood (VesselSite::bloodHu), left 137-199 HU on average (the 4.5 mm box of the 1.5 mm
// grid holds lung or tissue at the centre of a thin artery); f from the box median left 95-134 HU, and
// 99 HU on voxels that held 577 HU (round 1): the site's blood is a smoothed-view median (531 HU), under
// the raw blood of the artery beyond, so f = 1 removed too little.
// Clot (truth) voxels are not changed.
// The washed-out artery is NOT truth (it is no embolus); washout_matching.h decides how a finding on it
// is scored.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "evaluation/occlusion_territory.h"
#include "evaluation/round_placement.h"

namespace tv {

enum class BeyondContrast { Enhanced, Washout };
std::string toString(BeyondContrast c);
std::optional<BeyondContrast> beyondContrastFromString(const std::string& s);

struct WashoutRule {
    // Unopacified blood: clinical-reference.md "soft tissue, unenhanced blood +20 to +60 HU", its
    // midpoint; the same 40 HU the validation's blood-pool raise uses for unenhanced blood/tissue
    // (lesion_insertion.cpp raiseBloodPool). Under the thrombus band's 45-65 HU inserted clots, as
    // unopacified blood is on a real scan (clot 55 HU vs. blood 40 HU: barely separable).
    double unenhancedHu = 40.0;
    double rimMm = 2.0;  // partial-volume rim outside the lumen (raiseBloodPool's 2 mm dilation)
    double blurMm = 1.2;  // half-width of the box whose median gives the blood fraction (insertClot's 1.2 mm box)
    double labelMinBloodShare = 0.5;  // a voxel is in the washout label map when it held at least this
                                      // blood fraction ((median - unenhancedHu) / (site blood - unenhancedHu);
                                      // insertClot's truth rule: at least half blood)
    OcclusionTerritoryRule territory;  // the extent's core (occlusion_territory.h)
};

struct WashoutClot {
    std::uint8_t label = 0;       // the closing clot
    long treeCoreVoxels = 0;      // territory blood-core voxels (working grid; occlusion_territory.h)
    long reachabilityCutVoxels = 0;  // s27's measure for comparison: core no longer reached at all (beyondBy)
    TerritoryClot territory;
    long lumenVoxels = 0;         // working lumen voxels assigned to it (core included)
    long changedVoxels = 0;       // source voxels shifted
    long labelVoxels = 0;         // source voxels in the washout label map
    double labelVolumeMm3 = 0;
};

struct WashoutResult {
    long inflowVoxels = 0;  // supply source voxels (0: the tree's trunk seed; occlusion_territory.h)
    LabelMap region;  // source grid: label of the closing clot where a voxel held >= labelMinBloodShare blood
    std::vector<WashoutClot> clots;
};

/// Washes out the lumen beyond the round's closing clots (above) in `ct` (the background with the
/// round's clots, source grid). `background`: the scan before the clots (its smoothed lumen gives the
/// extent); `placed`: placeRoundClots' result for that round (its closedBy, beyondBy and clots; placed.ct is not
/// read); `tree`: the site tree placeRoundClots used; `truth`: the round's clot labels (not changed);
/// `referenceArteries` (optional, source grid): gives the supply inflow (inflowFromReference).
WashoutResult washOutBeyondOcclusions(CtVolume& ct, const CtVolume& background, const RoundPlacement& placed, const SiteTree& tree,
                                      const LabelMap& truth, const EmbolismParams& p, const WashoutRule& rule = {},
                                      const LabelMap* referenceArteries = nullptr);

/// The supply inflow (occlusion_territory.h) from a reference pulmonary-artery mask on the source grid:
/// its voxels within rule.inflowSlabMm of its lowest slice, on the working grid of `tree`.
Mask inflowFromReference(const CtVolume& background, const LabelMap& referenceArteries, const EmbolismParams& p,
                         const OcclusionTerritoryRule& rule = {});

}  // namespace tv
