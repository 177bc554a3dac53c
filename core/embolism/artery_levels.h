#pragma once
// Branching level of every voxel of the arterial tree from the tree's topology, not from the local
// radius and the lung hull alone (README "Embolus detector validation").
//
// Anatomy (clinical-reference.md, Mastora/Qanadli): central = pulmonary trunk and main (right and
// left) pulmonary arteries; lobar = the branches after the main artery's first division, up to the
// segmental branches; segmental = the next generation; subsegmental = beyond. The main arteries are
// 20-30 mm wide, lobar 6-10 mm (to about 15 mm for the interlobar artery), segmental 3-5 mm.
//
// Definition used: the *calibre of the path from the trunk* and a *hilar zone*. For each tree voxel
// x, the widest-path calibre B(x) = max over paths inside the tree from the trunk/main arteries
// (tree lumen of radius >= centralRadiusMm outside the heart) to x
// of the smallest lumen radius on the path. A branch never has a larger B than its parent, so a
// generation is where the calibre on the way from the trunk drops below the next level's radius; a
// thick vessel reached from the trunk only through a thin contact (a vein touching an artery in the
// lung) gets the calibre of the contact, not its own. The hilar zone is where the lungs wrap around
// the vessel: aerated lung within the vessel radius + `hilarLungMarginMm` (wall, bronchus, fat) in
// at least `hilarLungShare` of the in-plane directions (the 6 mm intrapulmonary hull cannot enclose
// 8-14 mm wide lobar arteries; the main arteries touch the lung on their lateral side only), that
// leads into the lung (tree lumen inside the lung hull, or wrapped by lung in `hilarDeepShare` of the
// directions, within `hilarReachMm` along the tree: the
// brachiocephalic veins, the SVC and aortic branches also lie beside the lungs but do not enter them),
// `hilarMinLateralMm` from the midline (lateral to the trunk and heart).
// Since 2026-11-29 (s13-pe-lobar) the levels follow the division of the main arteries: the lumen of a
// vessel (down to the next level's radius from the wall) takes the level of the centre whose
// inscribed ball covers it. Codes, in this order:
//   central      covered by the ball, shrunk by lobarRadius, of a centre with B >= centralRadius: the
//                trunk and the main PAs
//                up to their first division, where the calibre drops below main-artery size (a lobar
//                artery wider than 14 mm, e.g. a dilated interlobar artery, counts as central)
//   lobar        covered by the ball, shrunk by segmentalRadius, of a centre of a *lobar branch*: a connected set (face
//                neighbours) of voxels with B >= lobarRadius outside the central cover that enters
//                the hilar zone with at least `lobarMinHilarContactMm3`. The whole branch is lobar,
//                from the division (medial to the hilar zone, where no lung wraps it) until the
//                calibre drops to segmental. B >= lobarRadius in a branch that never enters the
//                hilum: a blood-pool vessel beside the lungs (SVC, brachiocephalic veins, aortic
//                branches), coded central (the blood pool, no pulmonary-artery level of its own)
//   segmental    B >= segmentalRadius in the hilar zone; subsegmental below
//   mediastinal branch: thinner than lobar and outside the hilar zone (bronchial, pericardial or
//                venous vessels touching the blood pool): no pulmonary-artery level
//   via heart:   reached only through a cardiac chamber (pulmonary veins entering the enhanced left
//                atrium): no arterial level
#include <cstdint>

#include "embolism/embolism_params.h"
#include "embolism/volume_ops.h"

namespace tv {

/// Per-voxel codes of the level map (0 = not in the arterial tree).
enum class ArteryCode : std::uint8_t {
    None = 0, Central = 1, Lobar = 2, Segmental = 3, Subsegmental = 4, MediastinalBranch = 5, ViaHeart = 6
};

/// Hilar zone (see above) on the voxels of `tree`, from the aerated lungs and the midline column
/// `midlineI` (working grid): 1 = wrapped by lung in hilarLungShare of the directions, 2 = in
/// hilarDeepShare (deep in the hilum), 0 = neither.
/// Evaluated where the radius is at least segmentalRadiusMm outside the `heart` (0 elsewhere).
Mask hilarZone(const Mask& tree, const Image<float>& radiusMm, const Mask& heart, const Mask& lungs, double midlineI,
               const EmbolismParams& p);

/// `tree`: trunk-connected enhanced lumen; `radiusMm`: distance to the lumen wall; `heart`: cardiac
/// chambers (paths may not run through them: they join pulmonary veins and arteries); `hilar`:
/// hilarZone(); `lungHull`: the lungs with their intrapulmonary vessels. Returns ArteryCode per
/// voxel (values 0-6). `givenSeeds`: when given and not empty, the seeds of the widest-path calibre
/// (the trunk and main arteries) instead of trunkSeeds(tree, radiusMm, heart, p) (the regrading with
/// the findings filled keeps the seeds of the scan as it is, vessel_tree.h).
Image<std::uint8_t> arteryLevels(const Mask& tree, const Image<float>& radiusMm, const Mask& heart, const Mask& hilar,
                                 const Mask& lungHull, const EmbolismParams& p, const Mask* givenSeeds = nullptr);

/// Seeds of the widest-path calibre: tree lumen outside the heart at main-artery calibre
/// (centralRadiusMm), or at 0.8 of the widest lumen there when that is thinner (the trunk and main
/// arteries).
Mask trunkSeeds(const Mask& tree, const Image<float>& radiusMm, const Mask& heart, const EmbolismParams& p);

/// Widest-path calibre B from the voxels where `seeds` != 0 through `domain` (face neighbours), with
/// B(seed) = radius(seed), in tenths of a mm (1 byte per voxel: 0.1-25.5 mm; wider is 25.5 mm).
/// 0 where unreached. Exposed for the phantom tests.
Image<std::uint8_t> widestPathCalibreTenthMm(const Mask& domain, const Image<float>& radiusMm, const Mask& seeds);

/// Largest ratio of the 26-neighbour path length (as costed by coverByCentreBalls) to the straight
/// distance on a grid of this spacing (cubic voxels: about 1.12).
double ballCoverPathSlack(const Eigen::Vector3d& spacing);

/// Writes `value` where the code is still 0 (lower 6 bits) in the voxels of `domain` covered by the
/// inscribed ball, shrunk by `shrinkMm` (radius R - shrinkMm), of a voxel where `centres` != 0,
/// reached through `domain`. Used by arteryLevels; exposed for the phantom tests.
void coverByCentreBalls(const Mask& domain, const Image<float>& radiusMm, const Mask& centres, double shrinkMm,
                        Image<std::uint8_t>& code, ArteryCode value);

}  // namespace tv
