#pragma once
// Sites beyond a complete occlusion of the same insertion round (lesion-insertion validation).
//
// Why: a round inserts several clots into one scan. When an occlusive clot really closes its
// artery, the arteries beyond it are, on a real scan, not opacified (no contrast reaches them), so a
// clot placed there in the same round is no realistic test; on the inserted scan their lumen stays
// enhanced (the insertion changes only the clot's own voxels) but is cut off from the trunk, and the
// detector, whose tree grows from the trunk, has no lumen there (pa-crop round 1 with
// --occlusive-fill section: the lobar eccentric clot beyond the closed left PA was lost although its
// own truth had not changed). The validation therefore does not use such a site (round_placement.h).
//
// What "beyond" is, on the site search's own tree (findVesselSites, lesion_insertion.h): the tree
// voxels (enhanced smoothed lumen >= the lumen threshold, connected to the trunk: VesselTree::
// connected) that hold the arteries' blood core, as clot_occlusion.h defines it (smoothed value at
// least ClotOcclusionRule::bloodCoreShare of the way from the threshold to the measured PA blood, and
// at most sameBloodBand x (blood - threshold) above it), reached from the trunk seed
// (ContrastResult::trunkSeed, the trunk's thickest voxel) through such voxels by face neighbours (as
// reconstruct builds VesselTree::connected), that are no longer reached once the occlusive clots'
// closing voxels are taken out. Why the blood core and not the whole lumen: at the threshold, vessels
// touch through partial volume (pa-crop round 1, section fill: past the closed left PA the whole-lumen
// tree still reached the lobar site along a path through contacts of 280-292 HU, threshold 269, blood
// 480-590, which the detector's own tree on the inserted scan did not hold); such a contact is no flow
// path, and on a real scan the artery beyond the occlusion would be dark. Thin arteries whose smoothed
// peak stays under the core are not reached even before the insertion, so they are never "beyond"
// (the rule errs on the side of keeping a site). Closing voxels: core voxels that the insertion takes
// under the threshold in the detector's smoothed view (clot_occlusion.h detectorSmoothedView, before
// and after the insertion): a clot that leaves an enhanced channel through its artery's core closes
// nothing. Removed voxels are the clot, not "beyond" it. If the trunk seed itself is closed (a clot
// closing the trunk at its thickest point), nothing is reached and the whole tree counts as beyond (a
// trunk occlusion cuts off both lungs).
#include <cstddef>
#include <vector>

#include "embolism/volume_ops.h"

namespace tv {

struct SiteTree {
    Mask connected;               // 0/1: the site search's arterial tree (working grid), blood core only
    double lumenThresholdHu = 0;  // its lumen threshold (smoothed working grid)
    Index3 trunkSeed{-1, -1, -1};
    Mask reached;                 // 0/1: tree voxels reached from trunkSeed (makeSiteTree)
    // 0/1: core voxels whose detector code has an arterial level (vessel_tree.h levelOfCode: central ..
    // subsegmental; not the mediastinal branches or what the tree reached through the heart: chambers,
    // veins joined at the atrium), and not in a chamber: lumen where a ball of kChamberRadiusMm fits
    // (the detector's codes call the left atrium "arterial" on pa-crop: a left PA occlusion washed out
    // half of it). occlusion_territory.h keeps its territories in it. Empty: all.
    Mask arterial;
};
// A ball of this radius (32 mm diameter) fits in the cardiac chambers (left atrium 35-45 mm AP) but not in
// a pulmonary artery (main PA diameter normally under about 29 mm, a common CT upper limit of normal; main
// branches smaller). Not from the repository's clinical reference: a general anatomical figure.
inline constexpr double kChamberRadiusMm = 16.0;

/// The tree (`connected`: VesselTree::connected, any non-zero code) reduced to its blood core on the
/// smoothed working grid `smoothed` (blood `bloodHu`, threshold `lumenThresholdHu`; above), with the
/// seed and `reached` computed (nothing reached when the seed lies outside: then nothing is beyond).
SiteTree makeSiteTree(const Mask& connected, const Image<float>& smoothed, double lumenThresholdHu, double bloodHu,
                      const Index3& trunkSeed);

/// Offsets of the tree voxels an insertion takes out of the lumen: >= the threshold in `before`,
/// under it in `after` (the detector's smoothed views of the scan before and after the insertion).
std::vector<std::size_t> closingVoxels(const SiteTree& tree, const Image<float>& before, const Image<float>& after);

/// 0/1 mask of the tree voxels beyond the removed voxels: reached from the trunk seed before, not
/// reached once `removed` (0/1, same grid) are taken out, and not removed themselves.
Mask cutOffBeyond(const SiteTree& tree, const Mask& removed);

/// Working voxel of `tree` nearest the patient position `lps` (nullopt-like: {-1,-1,-1} outside).
Index3 siteVoxel(const SiteTree& tree, const Eigen::Vector3d& lps);

}  // namespace tv
