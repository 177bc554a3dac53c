#pragma once
// Native-resolution "fine pass" for filling defects in lobar and segmental arteries. On a scan with
// sub-millimetre pixels (C3N-00247: 0.56 mm) the detector works on a grid binned 2 x 2 and smoothed
// with a 1 mm Gaussian (working_grid.h, noise control); a central clot of a segmental artery
// (0.55 R = 1.2 mm radius, 2.5 mm wide) then nearly vanishes into its contrast rim and yields no
// candidate (README "Embolus detector validation", s21). At native resolution it is a hole four
// pixels across in the vessel's contrast section.
//
// Method, per axial slice (slices are not binned; vessels cross them at any angle): native HU near the
// lobar, segmental and mediastinal-branch voxels of the arterial tree on this slice or the next
// (tree.connected codes, within fineRegionMarginMm in-plane), lightly smoothed in-plane
// (fineSmoothingSigmaMm, and again at fineSecondSigmaMm: a region counts when it passes at either
// scale), thresholded at the tree's lumen threshold. Contrast components
// (8-neighbours) holding such a tree voxel are the arteries' sections. Defect regions (4-neighbours)
// are (a) holes: non-contrast regions enclosed by one artery section (central defects, polo mint),
// (b) deficits: non-contrast pixels inside the contrast closed with a disk of fineClosingRadiusMm,
// bordered mostly by one artery section (fineMinOneSectionShare; eccentric defects, whose contrast
// crescent wraps them from their own artery). A region is a defect when it is fineMinSliceAreaMm2 to
// fineMaxSliceAreaMm2, at most fineMaxDefectShare of its section, mostly not below the thrombus band
// (fineMaxLowShare: a pocket of lung or fat between two vessels), not within fineCalciumMarginMm of
// calcium (a calcified node or plaque closes tissue into a "section"), deep enough (inscribed radius
// fineMinDepthMm), and its darker quarter is darker than the section's brighter quarter by
// fineMinContrastNorm of the way to thrombusMid. Band pixels of the defects are mapped to their
// working voxels and grouped across slices (26-neighbours, one slice gap allowed); a group of at
// least fineMinVolumeMm3 and fineMinPixels becomes a RawCandidate (fromFine) scored like every other candidate, with
// its native HU, core and enclosure (candidate_scoring.cpp).
//
// Applies when the native in-plane spacing is at least fineMinBinning times finer than the working
// grid (1 since s29: unbinned scans too, where the pass still sees the HU before the working grid's
// 1 mm Gaussian; EmbolismParams::fineMinBinning) and the contrast-to-noise
// ratio (blood - thrombusMid) / paNoiseHu is at least fineMinCnr (on venous-phase contrast the lumen
// threshold lies within noise of the blood, and noise holes would be everywhere).
#include <vector>

#include "embolism/candidates.h"
#include "embolism/working_grid.h"

namespace tv {

/// Whether the fine pass runs on this scan (binning and contrast-to-noise gates above).
bool finePassApplies(const WorkingGrid& wg, const VesselTree& tree, const ContrastResult& contrast, const EmbolismParams& p);

/// Fine-pass candidates on the working grid (empty when finePassApplies is false). `ct`: the source
/// volume `wg` was built from; `aorta`: the aorta mask of the working grid (ThoraxMasks::aorta; empty or
/// null: none), which measures RawCandidate::fineAortaShare. Throws Cancelled.
std::vector<RawCandidate> findFineDefects(const CtVolume& ct, const WorkingGrid& wg, const VesselTree& tree,
                                          const ContrastResult& contrast, const EmbolismParams& p, const CancelToken& cancel,
                                          const Mask* aorta = nullptr);

}  // namespace tv
