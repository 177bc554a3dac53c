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
// connected) reached from the trunk seed (ContrastResult::trunkSeed, the trunk's thickest voxel)
// through the tree by face neighbours (as reconstruct builds VesselTree::connected) that are no longer
// reached once the occlusive clots' closing voxels are taken out. Closing voxels: tree voxels that the
// insertion takes under the threshold in the detector's smoothed view (clot_occlusion.h
// detectorSmoothedView, before and after the insertion). A clot that leaves an enhanced channel
// closes nothing: the tree stays connected through the channel. Removed voxels are the clot, not
// "beyond" it. If the trunk seed itself is closed (a clot closing the trunk at its thickest point),
// nothing is reached and the whole tree counts as beyond (a trunk occlusion cuts off both lungs).
#include <cstddef>
#include <vector>

#include "embolism/volume_ops.h"

namespace tv {

struct SiteTree {
    Mask connected;               // 0/1: the site search's arterial tree (working grid)
    double lumenThresholdHu = 0;  // its lumen threshold (smoothed working grid)
    Index3 trunkSeed{-1, -1, -1};
    Mask reached;                 // 0/1: tree voxels reached from trunkSeed (makeSiteTree)
};

/// The tree, its threshold and seed, with `reached` computed (an empty `reached` when the seed lies
/// outside the tree: then nothing is ever beyond).
SiteTree makeSiteTree(Mask connected, double lumenThresholdHu, const Index3& trunkSeed);

/// Offsets of the tree voxels an insertion takes out of the lumen: >= the threshold in `before`,
/// under it in `after` (the detector's smoothed views of the scan before and after the insertion).
std::vector<std::size_t> closingVoxels(const SiteTree& tree, const Image<float>& before, const Image<float>& after);

/// 0/1 mask of the tree voxels beyond the removed voxels: reached from the trunk seed before, not
/// reached once `removed` (0/1, same grid) are taken out, and not removed themselves.
Mask cutOffBeyond(const SiteTree& tree, const Mask& removed);

/// Working voxel of `tree` nearest the patient position `lps` (nullopt-like: {-1,-1,-1} outside).
Index3 siteVoxel(const SiteTree& tree, const Eigen::Vector3d& lps);

}  // namespace tv
