#pragma once
// Complete occlusions found from the artery side ("cut-off sign": an enhanced artery that ends
// abruptly, its unenhanced continuation filled by clot; clinical-reference.md). The lumen closings
// (candidates.cpp) bridge defects only up to about twice their radius wide, and the lung cut-off
// search needs soft tissue inside the lung hull, so a plug 10-25 mm long in a central or lobar artery
// in the mediastinum or hilum was never a candidate (README "Embolus detector validation").
//
// Method: at each centreline voxel of the arterial tree (radius R at least stumpMinRadiusMm, not lower
// than any neighbour) the vessel's axis is the ridge direction of the radius map's Hessian; along it,
// both ways, the lumen must end within stumpMaxEndDistanceRadii x R, still with a full cross-section
// just before its end (blunt, not tapering), and beyond it a disk of nearly the vessel's calibre must be
// soft tissue in the thrombus band, lung-free and lumen-free, for at least stumpMinPlugLengthRadii x R.
// The plug ends where the disk meets contrast again (an occlusion shorter than the artery) or leaves
// the band (the unenhanced artery branches or tapers): both are accepted. It must be a tube, not a
// slab: a ring beyond the artery's wall around it is not band tissue all around (stumpMaxSleeveShare).
// The plug's band voxels in a cylinder of the vessel's radius along that axis are returned.
// Optionally (EmbolismParams::stumpFaceSearch, off by default: README) the same plug tests also start
// from lumen end faces, along the face's outward normal, sized by the lumen's round section behind it:
// for plugs whose nearest centreline voxels lie in a side branch or the parent artery.
// Third (EmbolismParams gap*): from the faces of cut-off pieces (tree lumen without an arterial level,
// as the lumen beyond an occlusion is coded), along the face's normal, a gap of clot of an artery's
// calibre between two full mouths of lumen, the far one arterial.
#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include "embolism/vessel_tree.h"

namespace tv {

struct StumpPlugVoxel {
    std::size_t offset = 0;       // working-grid voxel
    std::uint8_t radiusCode = 0;  // the stump's lumen radius in 0.1 mm (as the defect map stores it)
    bool gap = false;             // from a cut-off piece's gap (third search): scored apart (candidates.cpp)
};

/// The limits of the third search's tube at the near mouth's calibre (EmbolismParams gapTube*): the artery
/// before the gap has that calibre. Runs whose far mouth is lumen the tree reaches through the heart only (the
/// artery beyond an occlusion) get the via-heart allowance when it is on. One place for the detector and the
/// stump probe.
struct MouthTubeLimits {
    bool mouthInPiece = true;          // the near mouth must lie in the cut-off piece
    double maxAxisOffsetCalibres = 0;  // the run's distance from the mouth's section centre, in calibres
    double maxWideningBehind = 0;      // the lumen's section one calibre behind the mouth, in calibres
};
MouthTubeLimits mouthTubeLimits(const EmbolismParams& p, bool farMouthViaHeart);

/// The limit a gap between two cut-off pieces fails (EmbolismParams::gapFarMouthInPiece: band radius at most
/// gapUntracedMaxRadiusMm, at least gapBetweenPiecesMinLengthRadii band radii long, its far mouth, a grid-mm point,
/// farther than gapUntracedMinHeartDistanceMm from `heart`): "pieces_too_wide", "pieces_too_short" or
/// "pieces_near_heart"; nullptr when it keeps them. One place for the detector and the stump probe.
const char* gapBetweenPiecesFails(double bandR, double lengthMm, const Mask& heart, const Eigen::Vector3d& farMouth,
                                  const EmbolismParams& p);

/// Plug voxels of blunt-ended arteries (see above). `floorHu`/`ceilHu`: the thrombus band on the
/// smoothed working grid (the same band as the lumen-completion defects). Throws Cancelled.
std::vector<StumpPlugVoxel> findStumpPlugs(const Image<float>& smoothed, const ThoraxMasks& masks, const VesselTree& tree,
                                           double floorHu, double ceilHu, const EmbolismParams& p, const CancelToken& cancel);

}  // namespace tv
