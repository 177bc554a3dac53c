#pragma once
// Branching level of every voxel of the arterial tree from the tree's topology, not from the local
// radius and the lung hull alone (README "Embolus detector validation").
//
// Anatomy (clinical-reference.md, Mastora/Qanadli): central = pulmonary trunk and main (right and
// left) pulmonary arteries; lobar = the branches after the main artery's first division, up to the
// segmental branches; segmental = the next generation; subsegmental = beyond. The main arteries are
// 20-30 mm wide, lobar 6-10 mm (to about 15 mm for the interlobar artery), segmental 3-5 mm.
//
// Definition used: the *calibre of the path from the trunk*. For each tree voxel x, the widest-path
// calibre B(x) = max over paths inside the tree from the central arteries to x of the smallest lumen
// radius on the path. A branch never has a larger B than its parent, so a generation is where the
// calibre on the way from the trunk drops below the next level's radius: central = B >= central
// radius (reached from the trunk through main-artery calibre), lobar = B >= lobar radius, etc. A
// thick vessel reached from the trunk only through a thin contact (a vein touching an artery in the
// lung) gets the calibre of the contact, not its own. Lobar additionally requires that the vessel
// enters the lung within `hilarReachMm` along the tree (lobar arteries run from the hilum into the
// lobes; mediastinal branches that never reach the lung, such as aortic branches, the azygos arch or
// SVC tributaries connected to the blood pool, are coded MediastinalBranch and reported central).
// Tree voxels reached only through a cardiac chamber (pulmonary veins entering the left atrium,
// when the whole blood pool is enhanced) are coded ViaHeart: they have no arterial level.
#include <cstdint>

#include "embolism/embolism_params.h"
#include "embolism/volume_ops.h"

namespace tv {

/// Per-voxel codes of the level map (0 = not in the arterial tree).
enum class ArteryCode : std::uint8_t {
    None = 0, Central = 1, Lobar = 2, Segmental = 3, Subsegmental = 4, MediastinalBranch = 5, ViaHeart = 6
};

/// `tree`: trunk-connected enhanced lumen; `radiusMm`: distance to the lumen wall; `heart`: cardiac
/// chambers (paths may not run through them: they join pulmonary veins and arteries); `lungHull`:
/// the lungs with their intrapulmonary vessels. Returns ArteryCode per voxel (values 0-6).
Image<std::uint8_t> arteryLevels(const Mask& tree, const Image<float>& radiusMm, const Mask& heart, const Mask& lungHull,
                                 const EmbolismParams& p);

/// Widest-path calibre B from the voxels where `seeds` != 0 through `domain` (face neighbours), with
/// B(seed) = radius(seed), in tenths of a mm (1 byte per voxel: 0.1-25.5 mm; wider is 25.5 mm).
/// 0 where unreached. Exposed for the phantom tests.
Image<std::uint8_t> widestPathCalibreTenthMm(const Mask& domain, const Image<float>& radiusMm, const Mask& seeds);

}  // namespace tv
