#pragma once
// Enhanced lumen that leads from the arterial tree into the lung across the gap of the vessel zone.
// The tree is traced only inside the vessel zone (vessel_tree.cpp: masks.nearLung, or 3 mm around the
// trunk region), which is built for thin vessels: intrapulmonary voxels inside the 6 mm-closed lung hull
// with aerated lung on both sides along two axes within 10 mm, plus the hilum (20 mm from the
// mediastinal corridor, inside the lung hull). A lobar artery 15-25 mm wide that runs beside the lung
// rather than inside it is in neither: the 6 mm closing cannot fill it, so it is outside the hull, and
// it lies outside the mediastinal corridor (the corridor ends at the first lung voxel of each row).
// Raised C3N-00247: the left lower lobe artery descends for about 4 cm (working slices 51-62) behind
// the left bronchus, lateral to the descending aorta, bordered by lung medially and laterally but
// 20-26 mm wide; it is blood (about 400 HU) outside the zone, so none of the left lower lobe's
// intrapulmonary arteries beyond it joined the tree (tree_side_census: left lung hull tree 157
// voxels, enhanced lumen 1575).
// Rule: enhanced blood outside the zone (the lumen threshold on the smoothed grid, not above the bone
// threshold, not aorta, dense bone, heart or mediastinal corridor, within the zone's own hilum:
// ThoraxParams::hilumMm of the corridor) that the lung wraps as it wraps a hilar artery (the hilar
// zone's test, artery_levels.h: aerated lung within the blood body's half-width + hilarLungMarginMm in
// at least hilarLungShare of hilarDirections in-plane directions, hilarMinLateralMm from the midline,
// on slices with hilarMinLungSliceShare of the broadest lung area) joins the lumen in the 6-connected
// components that touch both the tree (the trunk-connected lumen) and intrapulmonary lumen that the
// tree does not reach (lumen inside the lung hull, not connected to the trunk): the vessel that
// carries blood from the one into the other. Physical reason: the systemic vessels beside the lungs
// (SVC, brachiocephalic and azygos veins, the aorta and its arch, chest-wall vessels) do not lead into
// the lung's vessels, and where the aorta mask misses the aortic arch (raised C3N-00247, working
// slices 64-78: the arch is not a vertical tube) the lung does not wrap it (without the wrapping test
// the arch joined through its contact with the lower lobe artery: 57,000 voxels). No threshold of
// its own: the blood test is the lumen's, the wrapping test the hilar zone's.
// Veins: a pulmonary vein leads from intrapulmonary lumen to the left atrium. The heart's voxels are
// excluded, but above the pulmonary valve level the heart mask is ended (great_arteries.h) and the
// atrium there is tree; so a vein beside the lung that joins the atrium there is bridged too (raised
// C3N-00247: about 600 voxels at working slices 45-52, most likely the left inferior pulmonary vein;
// the right lung's veins join the tree the same way through the zone already). The level codes give
// it the calibre of its path from the trunk (artery_levels.h), as for veins touching arteries in the lung.
// Junction (s39-bridges): a bridge component joins only where it meets the tree over a junction as wide as
// the vessels the rule is for: the faces it shares with the tree add up to at least
// EmbolismParams::lungBridgeJunctionMinAreaMm2. A wide artery beside the lung continues its parent over its
// own cross-section; the rule is needed only for vessels the 6 mm lung-hull closing cannot fill (wider than
// 12 mm, cross-section >= pi x 6^2 = 113 mm2). Raised C3N-00247 (tree_gap_probe --bridge-diff): the left lower
// lobe artery meets the tree over 267 mm2 (130 faces, 48 of them on lobar-coded tree); the vessel from the
// atrium side (most likely the left inferior pulmonary vein) over 69 mm2 (23 faces), all of them on a
// mediastinal-branch vessel (code 5, a thin vessel touching it), not on the arterial tree's lobar lumen (C3N as
// is, by faces: artery 77 faces, vein 21).
// Neither the wall distance at the junction nor the parent's calibre near it separates the two: the thin
// vessel the vein touches lies within 4 mm of lumen 4.5 mm from its wall.
#include <cstddef>
#include <vector>

#include "embolism/embolism_params.h"
#include "embolism/thorax_masks.h"

namespace tv {

/// The voxels of `outsideBlood` (0/1: enhanced blood outside the zone, the rule's voxel test above)
/// that the lung wraps (the hilar zone's test above; `lumen`: the zone's lumen, which with
/// `outsideBlood` makes the blood body whose half-width sets the reach; `midlineI`: working-grid column).
Mask lungWrappedBlood(const Mask& outsideBlood, const Mask& lumen, const Mask& lungs, double midlineI, const EmbolismParams& p);

/// One component (face neighbours) of the bridge blood that touches both the trunk-connected lumen and
/// orphan lung lumen: its size, faces on each, and the area (mm2) of the faces it shares with the tree.
/// `joined`: it passed the junction test.
struct LungBridge {
    std::size_t voxels = 0;
    std::size_t treeFaces = 0, orphanFaces = 0;
    double junctionMm2 = 0;
    int k0 = 0, k1 = 0;  // slice range
    bool joined = false;
};

/// `candidate`: the lumen of the zone (0/1, vessel_tree.cpp); `bridgeBlood`: lungWrappedBlood;
/// `trunk`: the trunk region (ContrastResult::trunk). Sets `candidate` to 1 on every component of
/// `bridgeBlood` that touches (face neighbour) both the lumen connected to the trunk and lumen inside
/// `lungHull` not connected to it, over faces shared with the tree of at least p.lungBridgeJunctionMinAreaMm2.
/// Returns every component that touches both.
std::vector<LungBridge> addLungBridges(Mask& candidate, const Mask& bridgeBlood, const Mask& trunk, const Mask& lungHull,
                                       const EmbolismParams& p);

}  // namespace tv
