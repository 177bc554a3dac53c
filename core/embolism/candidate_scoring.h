#pragma once
// Features of each filling-defect candidate and their combination into a confidence in [0, 1].
// The weights are hand-set (no clinical training data can be reached here) and documented in
// README "Embolus detector validation"; the operating point is EmbolismParams::operatingPoint.
#include <map>
#include <optional>
#include <string>

#include "embolism/candidates.h"

namespace tv {

struct CandidateFeatures {
    double volumeMm3 = 0;
    double medianHu = 0;
    double localBloodHu = 0;      // median enhanced lumen within 2 voxels of the candidate
    double contrastNorm = 0;      // (localBlood - median) / (localBlood - thrombusMid)
    double enclosure = 0;         // share of the candidate's face neighbours that are enhanced lumen
    double ownSideEnclosure = 0;  // enclosure with the faces onto its own side left out (RawCandidate::ownSide,
                                  // own_side_faces.h): the clot's wall side and its other parts; = enclosure without them
    double lungContact = 0;       // share that is aerated lung (cut-offs, eccentric defects at the wall)
    double vesselRadiusMm = 0;    // local radius of the enhanced lumen beside the candidate
    double bloodCalibreMm = 0;    // the same on the blood without the vessel zone (blood_calibre.h); measured only
                                  // for a two-sided lung occlusion wider than its lumen allows, 0 otherwise
    double sliceVesselRadiusMm = 0;  // the same on the candidate's own slices only (no through-plane reach):
                                     // the artery a fine-pass hole is cut from (fineRadiusOwnSlices)
    double completedRadiusMm = 0; // local radius of the completed lumen (RawCandidate::completedRadiusMm):
                                  // a large central clot leaves only a thin rim of contrast beside it
    double elongation = 1;        // sqrt(largest / second principal variance): along-vessel shape
    double flatness = 1;          // sqrt(smallest / second principal variance), voxels as boxes for partial
                                  // defects beside thin arteries (computeFeatures): low for sheets (the
                                  // wall between two touching vessels, partial volume along an edge)
    double mediastinalShare = 0;  // share of voxels outside the lung hull (lymph-node-like position)
    bool atScanEdge = false;      // centroid within 6 mm of the first/last slice: the closing cannot see
                                  // beyond the scan range there (distance transforms treat it as inside)
    bool belowHeartCentre = false;  // mediastinal and below the heart's centroid: the main PAs and the
                                    // trunk lie above it; below are the chambers, IVC and liver dome
    double aboveCarinaMm = 0;     // centroid height above the carina (0 when no carina in the scan range)
    double midlineOffsetMm = 0;   // |centroid - midline| along the left-right axis
    double coreHu = 0;            // mean unsmoothed HU in a ball at the centroid (solidCoreHu)
    double coreContrastNorm = 0;  // (localBlood - coreHu) / (localBlood - thrombusMid): the same contrast
                                  // as contrastNorm without the selection bias of the candidate's voxels
    bool onArterialTree = false;  // a tree voxel with an arterial level in the box of half-width radius + 1 voxel (treeLevelNear)
    double viaHeartFaceShare = 0;  // share of its face neighbours in the arterial tree that the tree reaches through the
                                   // heart only (ArteryCode::ViaHeart): the vessel it lies in is a vein or a chamber
    bool besideReportedPiece = false;  // beside a cut-off piece touched by a reported finding (set by the detector's
                                       // second pass, EmbolismParams::cutPieceContactMm): that piece counts as artery
    std::optional<VesselLevel> treeLevel;  // that most central level (looked up once: also the candidate's level)
    std::optional<VesselLevel> sectionLevel;  // fine pass, EmbolismParams::fineCentralVetoSectionLevel: the level of the
                                              // artery section enclosing it (vessel_tree.h findingLevel, on the tree as scored)
    bool ctpaContrast = false;    // adequate (CTPA-level) contrast: the tree then reaches the segmental arteries
    double minorSemiAxisMm = 0;   // sqrt(5 x smallest principal variance): the half-width of a solid ellipsoid
    double slabMinorSemiAxisMm = 0;  // the same from the voxels as boxes, for a thin-artery lung cut-off
                                     // (EmbolismParams::cutoffSlabMaxVesselRadiusMm; 0 otherwise): read by cutoffFill
    double underLungBase = 0;     // share of voxels under a lung base (underLungBaseShare)
    double oneSliceOnHeart = 0;   // one-slice candidate: share of voxels right above the heart mask (oneSliceOnHeartShare)
    bool veinLike = false;        // lumen beside it much darker than the trunk on a CTPA-quality scan
    bool cutoff = false;          // cut-off in the lung hull, or a stump plug
    bool stump = false;           // holds a plug beyond a blunt artery end (stump_occlusions.h)
    double stumpPlugShare = 0;    // share of its voxels from stump plugs, gap runs and central masses (RawCandidate::stumpPlugShare)
    bool complete = false;        // occlusion: whole cross-section (cut-off or enclosure < 0.15)
    bool fine = false;            // found by the native-resolution fine pass (fine_defects.h)
    bool fineLungAsHole = false;  // fine pass, in the lung hull, scored as a hole (EmbolismParams::fineLungScoredAsHole)
    double fineHoleShare = 0;     // fine pass: share of its pixels in holes enclosed by contrast (RawCandidate)
    double fineBreachedShare = 0; // fine pass: ... of them in breached holes only (RawCandidate)
    double fineSliceHoleShare = 0; // fine pass: unbreached-hole share on its slice with most of them (RawCandidate)
    double fineAortaShare = 0;    // fine pass: share of its pixels on the aorta mask (RawCandidate)
    double fineThroughLungShare = 0;  // fine pass: share of its pixels with lung right above or below (RawCandidate)
    double fineMinRawHu = 0;          // fine pass: darkest unsmoothed native pixel (RawCandidate)
    int lumenSides = 0;           // separate pieces of lumen touching it (lumen_sides.h; cut-offs only)
    int lumenInPlaneFaces = 0;        // its faces onto lumen along its own slice (slice_lumen_contact.h; cut-offs only)
    int lumenThroughPlaneFaces = 0;   // ... onto lumen on the slices above and below
    double lumenCoveredShare = 0;     // share of its voxels with lumen right above or below
    bool openWall = false;        // a lung "cut-off" lying along its artery's patent lumen: a wall-adherent partial
                                  // defect open to the wall, scored as a partial defect (EmbolismParams::openWallDefect)
    double roundSectionShare = 0; // share of its voxels inside an artery's fitted round section (round_sections.h)
    bool wrappedPocket = false;   // a thin pocket wrapped in contrast (RawCandidate, EmbolismParams::wrappedPocket)
    bool hilarCutoff = false;     // a cut-off of the wide hull's search only (RawCandidate, EmbolismParams::cutoffHullClosingMm)
    bool centralMass = false;     // a massive central occlusion's mass (RawCandidate, central_occlusions.h)
    Eigen::Vector3d centroidVoxel{0, 0, 0};  // working grid
};

/// `raw`: unsmoothed working-grid HU (attenuation features; smoothing would blur small defects
/// into their rim); `smoothed` for the contrast test around the candidate.
CandidateFeatures computeFeatures(const RawCandidate& c, const Image<float>& smoothed, const Image<float>& raw,
                                  const ThoraxMasks& masks,
                                  const VesselTree& tree, const ContrastResult& contrast, const EmbolismParams& p);

/// Level of the artery section enclosing a candidate: findingLevel, except for a defect of the fine pass across
/// arteries, which lies inside the cross-sections of lobar centreline voxels, one artery section round it
/// (oblique_defects.h), so its section is a lobar artery's by construction (ObliquePassParams::
/// obliqueSectionLevelFromSeeds; findingLevel's widest ball near a lobar origin may be the main PA's). The
/// central-level veto and the reported level both read it.
std::optional<VesselLevel> enclosingSectionLevel(const RawCandidate& c, const VesselTree& tree, const Index3& centre, double radiusMm,
                                                 const EmbolismParams& p);

/// Confidence in [0, 1] (logistic of a weighted feature sum).
double scoreCandidate(const CandidateFeatures& f, const EmbolismParams& p);

/// Smallest solid-core ball radius for a candidate in a vessel of radius R: min(coreMinRadiusMm,
/// coreVesselRadiusFraction x R), at least half the voxel diagonal, so that the ball always holds the
/// voxel nearest to its centre (R <= 0: coreMinRadiusMm).
double coreBallMinRadiusMm(double vesselRadiusMm, double halfVoxelDiagonalMm, const EmbolismParams& p);

/// Volume at which the volume term is zero: min(volumeScoreReferenceMm3, volumeScoreVesselShare x 2 pi R^3).
double volumeScoreReferenceMm3(double vesselRadiusMm, const EmbolismParams& p);

/// Half-width of the candidate relative to its vessel radius (1 when the radius is unknown).
double cutoffFill(const CandidateFeatures& f);

std::map<std::string, double> featureMap(const CandidateFeatures& f);

}  // namespace tv
