#pragma once
// Cut-off pieces touched by a reported occlusion (EmbolismParams::cutPieceContactMm).
// A clot that occludes the trunk or a main PA cuts the artery beyond it from the trunk's connectivity,
// so that lumen gets no arterial level (ArteryCode::MediastinalBranch, artery_levels.h) and a second
// clot further along it is vetoed "beside no arterial-tree vessel" (candidate_scoring.cpp). The
// occlusion that cut the piece off touches the piece at its proximal end: a piece so touched is that
// artery. A vein or another mediastinal vessel has no reported occlusion touching it.
// The artery so cut off ends within a few centimetres of the clot (EmbolismParams::cutPieceMaxPathMm): the
// release reads the path along the piece, not the whole connected system a scan may code off the tree.
#include <cstddef>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "embolism/vessel_tree.h"
#include "image/image.h"

namespace tv {

/// The cut-off-piece voxels (tree.connected == ArteryCode::MediastinalBranch) of every 6-connected piece
/// with a voxel within `contactMm` (voxel centre to centre) of a voxel of `findings` whose label is
/// marked in `cutting` (cutting[label]; labels beyond its size do not count), each with its path length
/// (mm) from that contact: the contact distance, then face steps through the piece, each its axis's
/// spacing (shortest path). Only voxels within `maxPathMm` of the contact (0: the whole pieces, grown).
/// A map: the pieces are small against the scan (memory).
using PiecePaths = std::unordered_map<std::size_t, double>;
PiecePaths piecesTouchingFindings(const VesselTree& tree, const LabelMap& findings, const std::vector<bool>& cutting, double contactMm,
                                  double maxPathMm = 0);

/// The shortest path (mm) of `pieces` among the piece voxels in the box treeLevelNear reads
/// (half-width radiusMm + 1 voxel around `c`); nothing when none of them is in `pieces`.
std::optional<double> piecePathBeside(const Mask& connected, const PiecePaths& pieces, const Index3& c, double radiusMm);

/// A candidate the mediastinal off-tree veto alone held (candidate_scoring.cpp): its score with the
/// cut-off piece beside it counted as artery (CandidateFeatures::besideReportedPiece), its enclosure in
/// contrast, where to look for the piece (centroid and vessel radius: the box of treeLevelNear) and its
/// voxels.
struct HeldCandidate {
    double besidePieceScore = 0;
    double enclosure = 0;
    Index3 centroid{0, 0, 0};
    double vesselRadiusMm = 0;
    const std::vector<std::size_t>* voxels = nullptr;
};

/// A finding of the detector's first pass, by label (label - 1): whether it was reported an occlusion
/// ("complete") and its volume.
struct ReportedFinding {
    bool occlusion = false;
    double volumeMm3 = 0;
};

/// The labels (label = index into `reported` + 1) of the massive occlusions (reported complete, at least
/// p.cutPieceMinOcclusionMm3) within p.cutPieceContactMm of a cut-off piece in the box of `c`
/// (releaseBesideCutPieces' condition): the clots that cut off the artery `c` lies in. Read on the tree
/// as scored (before regradeWithDefectsFilled recodes the pieces).
std::vector<std::size_t> cuttingOcclusions(const VesselTree& tree, const LabelMap& findings, const std::vector<ReportedFinding>& reported,
                                           const HeldCandidate& c, const EmbolismParams& p);

/// Reported level of a released finding (EmbolismParams::cutPieceLevelFromOcclusion): the most central of
/// its own graded level and the reported levels of the occlusions that cut its piece off (the piece is
/// that artery beyond the clot; the tree codes it off the tree). Its own level when the rule is off.
VesselLevel releasedLevel(VesselLevel own, const std::vector<VesselLevel>& cutting, const EmbolismParams& p);

/// A candidate the second pass reports: its index into `held` and the path length (mm) along the cut-off
/// piece from the occlusion's contact to the piece beside it (piecePathBeside).
struct ReleasedCandidate {
    std::size_t held = 0;
    double piecePathMm = 0;
};

/// The detector's second pass (EmbolismParams::cutPieceContactMm): the candidates of `held` to report, by
/// descending besidePieceScore. Reported: score at least p.operatingPoint, wrapped in contrast as a polo
/// mint (enclosure at least p.poloMintMinEnclosure: inside the piece's lumen), beside a vessel of at least
/// segmental calibre (p.cutPieceNeedsSegmentalCalibre: vessel radius >= p.segmentalRadiusMm), a cut-off piece in its box
/// that lies within p.cutPieceContactMm of a finding of `findings` (labels: `reported`) reported as an
/// occlusion of at least p.cutPieceMinOcclusionMm3, within p.cutPieceMaxPathMm along the piece from that
/// contact (0: anywhere on the piece), and no voxel on a finding or on a candidate released before it (one
/// finding per defect). Nothing when the rule is off (cutPieceContactMm 0) or no such occlusion is reported.
std::vector<ReleasedCandidate> releaseBesideCutPieces(const VesselTree& tree, const LabelMap& findings, const std::vector<ReportedFinding>& reported,
                                                      const std::vector<HeldCandidate>& held, const EmbolismParams& p);

}  // namespace tv
