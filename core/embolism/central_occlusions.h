#pragma once
// Massive occlusions of the central arteries (trunk and main pulmonary arteries; clinically the most
// important PE). Such a clot fills its artery 15-30 mm across over several centimetres: the lumen
// closings bridge defects only about twice their radius wide (9 mm at most), the lung cut-off search
// needs soft tissue inside the lung hull, and the stump and gap searches (stump_occlusions.h) look for
// a plug of one artery's calibre along one axis, which a clot filling the trunk and both main arteries
// at their bifurcation is not (s29-wideocc, s31-centralocc notes).
//
// Method: mediastinal soft tissue (outside the lung hull) in the thrombus band, not lumen, lung, heart
// or aorta; its thick core (at least centralOcclusionCoreDepthMm from anything else); a connected
// core that comes within reach of central-level arterial lumen (the tree traced from the trunk, on the
// proximal side) AND of a cut-off piece (enhanced lumen the tree no longer reaches: the artery beyond
// the clot, fed around it or keeping inserted contrast) lies between enhanced lumen on both sides, as
// the clot in the occluded artery does; it is grown back by the core depth within the soft tissue.
// Returned as gap-like plug voxels: scored apart from the other defects (candidates.cpp). Only on scans
// whose blood-clot contrast-to-noise ratio is at least the gap search's (EmbolismParams gapMinCnr).
#include "embolism/stump_occlusions.h"

namespace tv {

/// Voxels of massive central occlusions (see above). `floorHu`/`ceilHu`: the thrombus band on the
/// smoothed working grid. Empty when EmbolismParams::centralOcclusionCoreDepthMm is 0. Throws Cancelled.
std::vector<StumpPlugVoxel> findCentralOcclusions(const Image<float>& smoothed, const ThoraxMasks& masks, const VesselTree& tree,
                                                  double floorHu, double ceilHu, const EmbolismParams& p, const CancelToken& cancel);

}  // namespace tv
