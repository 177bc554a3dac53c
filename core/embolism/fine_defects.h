#pragma once
// Native-resolution "fine pass" for filling defects in lobar and segmental arteries. On a scan with
// sub-millimetre pixels (C3N-00247: 0.56 mm) the detector works on a grid binned 2 x 2 and smoothed
// with a 1 mm Gaussian (working_grid.h, noise control); a central clot of a segmental artery
// (0.55 R = 1.2 mm radius, 2.5 mm wide) then nearly vanishes into its contrast rim and yields no
// candidate (README "Embolus detector validation", s21). At native resolution it is a hole four
// pixels across in the vessel's contrast section.
//
// Method, per axial slice (slices are not binned; vessels cross them at any angle): native HU near the
// lobar and segmental voxels of the arterial tree (tree.connected codes, within fineRegionMarginMm
// in-plane), lightly smoothed in-plane (fineSmoothingSigmaMm), thresholded at the tree's lumen
// threshold. Contrast components (8-neighbours) holding a tree voxel are the arteries' sections.
// Defect regions (4-neighbours) are (a) holes: non-contrast regions enclosed by one artery section
// (central defects, polo mint), (b) deficits: non-contrast pixels inside the convex hull of an artery
// section (image/convex_hull_2d.h) that is no wider than an artery (eccentric defects, whose
// contrast crescent keeps the artery's outer arc). A region is a defect when its pixels are mostly
// thrombus-band tissue (not lung or fat: an enclosed pocket of lung between two vessels), it is
// deep enough (inscribed radius fineMinDepthMm: the notch beside a touching vessel is a thin wedge),
// at most fineMaxDefectShare of its section, and darker than the section's lumen by
// fineMinContrastNorm of the way to thrombus. Defect pixels are mapped to their working voxels and
// grouped across slices (26-neighbours); a group of at least fineMinVolumeMm3 becomes a RawCandidate
// scored like every other candidate.
//
// Applies only when the native in-plane spacing is at least fineMinBinning times finer than the
// working grid (no gain otherwise: pa-crop's 1.5 mm voxels are not binned) and the contrast-to-noise
// ratio (blood - thrombusMid) / paNoiseHu is at least fineMinCnr (on venous-phase contrast the lumen
// threshold lies within noise of the blood, and noise holes would be everywhere).
#include <vector>

#include "embolism/candidates.h"
#include "embolism/working_grid.h"

namespace tv {

/// Whether the fine pass runs on this scan (binning and contrast-to-noise gates above).
bool finePassApplies(const WorkingGrid& wg, const VesselTree& tree, const ContrastResult& contrast, const EmbolismParams& p);

/// Fine-pass candidates on the working grid (empty when finePassApplies is false). `ct`: the source
/// volume `wg` was built from. Throws Cancelled.
std::vector<RawCandidate> findFineDefects(const CtVolume& ct, const WorkingGrid& wg, const VesselTree& tree,
                                          const ContrastResult& contrast, const EmbolismParams& p, const CancelToken& cancel);

}  // namespace tv
