#pragma once
// The arterial territory a closing occlusive clot cuts from antegrade supply (lesion-insertion
// validation, washout mode: occlusion_washout.h).
//
// Physiology (the assumption this models): the pulmonary arteries are end arteries: beyond a complete
// occlusion no antegrade contrast reaches the artery's own continuation, its branches included, so on
// a CTPA the distal artery is unopacified (clinical-reference.md "Signs of acute PE on CTPA": complete
// occlusion, the vessel is cut off). Collateral supply exists (bronchial (systemic) to pulmonary
// anastomoses at the precapillary level, and via the pulmonary veins retrogradely), but in an acute
// occlusion it does not opacify the arteries the CT resolves during the pulmonary-arterial phase of
// the bolus: assumed NONE here. The only other supply counted is another pulmonary-artery route that
// the site tree holds: where the artery beyond the clot is reached from the trunk by a route not
// through the clot that is SHORTER than the route through it, that part keeps its contrast ("rejoins
// other supply").
//
// Why not reachability (s27-washout, RoundPlacement::beyondBy): the site tree (beyond_occlusion.h,
// the blood core) joins vessels also where they touch without a wall the smoothed view resolves
// (artery against artery, vein or aorta, at core level); any such contact anywhere beyond the clot
// keeps the whole artery "reached", so 7 of 9 closing clots on pa-crop (seed 7, section fill) cut
// nothing off and kept an enhanced artery beyond them, and part of the artery beyond the other two
// stayed enhanced (a 4.5 mm strip, s27-washout notes).
//
// Supply source: the pulmonary trunk's root at the pulmonary valve, where contrast enters the tree.
// Given by the caller (`inflow`): on pa-crop the lowest slab of the reference pulmonary-artery mask
// (validation_run.cpp; the mask begins at the trunk's root: its lowest slice, k 67, holds 15 voxels at
// the trunk). Without it, the tree's trunk seed (ContrastResult::trunkSeed, the thickest enhanced
// voxel): NOT the trunk's root in general (on pa-crop it lies in the left atrium, k 59, and routes from
// it reach the arteries through the veins: a first version of this measure washed the main
// pulmonary artery UPSTREAM of central clots from it), so it is only the fallback.
// What is measured, on the site tree's blood core (SiteTree::connected, working grid, face neighbours,
// steps of the grid's mm spacing): d_before = geodesic distance from the source with the round's
// earlier closing clots taken out, d_after = the same with this clot's closing voxels taken out too
// (round_placement.h RoundPlacement::closedBy). A tree voxel is supplied through the clot when its
// shortest route from the trunk lengthens (d_after > d_before + tolerance; unreachable counts as
// infinitely long): every shortest route ran through the closed section. The territory is the part of
// those voxels face-connected to the clot's closing voxels (the artery's continuation from the clot's
// far end, branches included), out to `maxDepthMm` along it from the closing voxels, through voxels
// the detector codes as arterial (SiteTree::arterial): a first version without this washed out half of
// the left atrium beyond a left PA occlusion on pa-crop (round 1, k 64: the atrium's shortest route
// from the trunk ran through the left lung's arteries and a vein contact). Lung veins the detector
// codes as arteries (it cannot tell them apart) can still be washed out where they are supplied only
// through the territory: physiologically they drain the occluded lung's capillaries, so they carry
// no contrast either.
// A vessel joined to the artery beyond the clot through a core-level contact (a vein, say) is
// supplied through the clot only up to where its own route from the trunk (through the contact
// elsewhere, or its own tree) is as short: the measure cannot tell an artery's branch from a vessel
// touching it; `maxDepthMm` bounds how far such a leak can go (risk noted in docs/history/notes/s28-washout.md).
#include <cstdint>
#include <vector>

#include "evaluation/beyond_occlusion.h"
#include "image/image.h"

namespace tv {

struct OcclusionTerritoryRule {
    // Depth of the washout along the artery beyond the clot (geodesic, from its closing voxels). The
    // pulmonary arterial path from a lobar artery to the subsegmental arteries the CT still resolves
    // is about 60-100 mm long (lung height 20-25 cm, hilum at mid-height); 120 mm lets a lobar or
    // central occlusion wash out everything the tree holds beyond it and bounds how far the measure
    // can leak along a vessel joined through a contact (header).
    double maxDepthMm = 120.0;
    // d_after must exceed d_before by more than this (mm): float rounding only; a route of equal
    // length that avoids the clot is other supply.
    double toleranceMm = 0.01;
    // Thickness of the inflow slab taken from the bottom of a reference pulmonary-artery mask
    // (validation_run.cpp): about the trunk's root below the valve plane's obliquity; pa-crop: 3 slices.
    double inflowSlabMm = 4.5;
};

struct TerritoryClot {
    std::uint8_t label = 0;
    long closingVoxels = 0;       // the clot's closing voxels (working grid)
    long lengthenedVoxels = 0;    // tree voxels whose shortest route lengthened (before the connection/depth limits)
    long territoryVoxels = 0;     // labelled territory (working grid)
    long cutByDepthVoxels = 0;    // connected, lengthened, but deeper than maxDepthMm
    long nonArterialVoxels = 0;   // lengthened but not arterial by the detector's codes (SiteTree::arterial)
    double maxDepthMm = 0;        // deepest territory voxel from the closing voxels
};

struct OcclusionTerritory {
    long sourceVoxels = 0;  // tree voxels used as the supply source (0: the trunk seed)
    LabelMap label;  // working grid: tree voxels in the territory of clot L (0 elsewhere)
    std::vector<TerritoryClot> clots;  // in label order, closing clots only
};

/// Territories (header) of the closing clots in `closedBy` (working grid of `tree`: per tree voxel the
/// label of the closing clot whose insertion took it under the threshold), in label order (the
/// placement's order: earlier clots' closing voxels stay out for the later ones; a voxel already in an
/// earlier clot's territory keeps that label).
/// `inflow` (optional, 0/1 on the tree's grid): the supply source (header); tree voxels in it are the
/// sources; without it (or with none of its voxels in the tree) the tree's trunk seed.
OcclusionTerritory occlusionTerritories(const SiteTree& tree, const LabelMap& closedBy, const OcclusionTerritoryRule& rule = {},
                                        const Mask* inflow = nullptr);

}  // namespace tv
