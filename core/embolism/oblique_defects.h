#pragma once
// The fine pass across in-plane arteries (s33-leftlower). The axial fine pass (fine_defects.h) sees an
// artery's section where the artery crosses the slice; where a lobar artery runs in the axial plane
// the slice cuts it lengthwise: an eccentric clot against its wall is a long strip over the area cap
// whose open side (the tissue under the wall) runs its whole length. On the plane ACROSS the artery
// the same clot is a compact defect that the artery's contrast wraps almost all round.
//
// Method: at every lobar centreline voxel of the tree (VesselTree::connected code Lobar, an axis ridge
// of the distance-to-wall map) whose Hessian axis lies within fineObliqueMaxAxisZ of the axial plane,
// the plane across that axis is sampled from the native HU (trilinear, fineObliqueStepMm), thresholded
// at the lumen threshold, and the fine pass's deficit test runs on it: dark samples inside the closing
// of the contrast (fineClosingRadiusMm) bordered by the section holding the centre (fineMinOneSectionShare),
// fineMinSliceAreaMm2..fineMaxSliceAreaMm2, at most fineMaxDefectShare of the section, the core contrast
// (fineMinContrastNorm), the depth (fineMinDepthMm), no calcium within fineCalciumMarginMm, and the
// breached-hole enclosure (fineBreachedHoleMinEnclosure). Regions that share working voxels are one
// defect; it becomes a fine candidate when the cross-sections of at least fineObliqueMinSupport centreline
// voxels see it (a clot is 4 R long along its artery; a groove that one section catches is not).
// Runs where the fine pass runs (finePassApplies) and the native pixels are binned at least
// fineObliqueMinBinning x into the working grid (sub-millimetre pixels for the plane's closing).
#include <cstdint>
#include <vector>

#include "embolism/candidates.h"
#include "embolism/working_grid.h"

namespace tv {

// The closing (dilation, then erosion) of an n x n plane of 0/1 samples with a disk of r samples.
// Outside the plane counts as off for the dilation and on for the erosion, so the closing keeps the
// plane's edge as it is. Shared by the pass and its probes (oblique_deficit_probe, oblique_section_probe).
std::vector<std::uint8_t> closePlaneWithDisk(const std::vector<std::uint8_t>& plane, int n, int r);

// Native HU at a working-grid point (grid mm: working voxel (i, j, k) at (i sx, j sy, k sz)),
// trilinear over the source voxels (working_grid.h: axisOf, flip, bin). Shared with oblique_deficit_probe.
double nativeHuAt(const CtVolume& ct, const WorkingGrid& wg, const Eigen::Vector3d& g);

// One defect of the pass (regions that share working voxels) and its support: the number of centreline
// voxels whose cross-sections see it.
struct ObliqueDefect {
    RawCandidate candidate;
    int support = 0;
};

// Every defect of the pass seen from at least minSupport centreline voxels (findObliqueDefects:
// fineObliqueMinSupport; the probes: 1, to list them all). Groups under minSupport are left before their
// features are measured (most groups have support 1).
std::vector<ObliqueDefect> findObliqueDefectGroups(const CtVolume& ct, const WorkingGrid& wg, const VesselTree& tree, const ContrastResult& contrast,
                                                   const EmbolismParams& p, int minSupport, const CancelToken& cancel,
                                                   const Mask* aorta = nullptr);

std::vector<RawCandidate> findObliqueDefects(const CtVolume& ct, const WorkingGrid& wg, const VesselTree& tree, const ContrastResult& contrast,
                                             const EmbolismParams& p, const CancelToken& cancel, const Mask* aorta = nullptr);

}  // namespace tv
