#pragma once
// Enhanced pulmonary arterial tree on the working grid: lumen above a threshold set from the
// measured PA enhancement, grown from the trunk region into the lungs; local radius; branching
// level from the tree's topology (artery_levels.h); side. Artery/vein separation is limited to what connectivity
// and enhancement allow (see README): vessels are kept when connected to the trunk region, and on
// CTPA-quality scans a candidate whose lumen is clearly darker than the trunk is scored vein-like
// (candidate_scoring).
#include <optional>
#include <string>
#include <vector>

#include "embolism/artery_levels.h"
#include "embolism/contrast_check.h"
#include "embolism/lung_bridges.h"

namespace tv {

enum class VesselLevel { Central, Lobar, Segmental, Subsegmental };
std::string toString(VesselLevel l);

struct VesselTree {
    double lumenThresholdHu = 0;
    double bloodHu = 0;   // measured PA enhancement
    double noiseHu = 0;   // its noise (ContrastResult::paNoiseHu); 0: not measured (noise-free phantoms)
    Mask connected;       // enhanced lumen connected to the trunk region (the arterial tree); the value
                          // is the voxel's ArteryCode (1-6, artery_levels.h), 0 outside the tree
    Mask lumen;           // all enhanced lumen in the vessel zone (used for lumen completion)
    Image<float> radius;  // distance to the lumen border (mm) of the 2.5 mm-closed lumen
    std::vector<LungBridge> bridges;  // lung bridge components met (EmbolismParams::lungBridges, lung_bridges.h): review
};

/// The vessel zone's mediastinal part: 3 mm around the contrast check's trunk component and, with
/// EmbolismParams::zoneFromTrunkPieces (contrast.trunkPieceVoxels non-empty), around the enhanced pieces a
/// clot split from it. The tree's lumen lies in this zone or in masks.nearLung. One place for the
/// detector and its review tools (tree_gap_probe).
Mask trunkVesselZone(const ContrastResult& contrast);

/// `raw`: the unsmoothed working grid; when given, thin intrapulmonary arteries whose smoothed peak
/// fell under the lumen threshold join the lumen (thin_vessel_lumen.h). Null: smoothed lumen only.
VesselTree buildVesselTree(const Image<float>& smoothed, const ThoraxMasks& masks, const ContrastResult& contrast,
                           const EmbolismParams& p, const CancelToken& cancel, const Image<float>* raw = nullptr);

/// buildVesselTree in two steps, for a caller that releases masks in between (the detector's
/// memory, README): traceVesselLumen sets the thresholds, `connected` (0/1) and `lumen` from
/// masks.nearLung, denseBone, aorta, contrast.trunk (and, with `raw`,
/// lungHull, heart and contrast.paNoiseHu; with EmbolismParams::lungBridges, mediastinum, heart,
/// lungs, lungHull and midlineX, lung_bridges.h); gradeVesselTree then sets `radius` and the
/// level codes of `connected` from masks.heart, lungs, lungHull and midlineX only.
VesselTree traceVesselLumen(const Image<float>& smoothed, const ThoraxMasks& masks, const ContrastResult& contrast,
                            const EmbolismParams& p, const CancelToken& cancel, const Image<float>* raw = nullptr);
void gradeVesselTree(VesselTree& tree, const ThoraxMasks& masks, const EmbolismParams& p, const CancelToken& cancel);

/// The tree as it would be without the filling defects `defects` (working-grid offsets: the reported
/// findings), for their levels. A clot inside an artery leaves only a rim of contrast around it, and
/// the rim's own calibre lowers the level of the artery around and beyond the clot (artery_levels.h:
/// the widest-path calibre; pa-crop: a central clot of a 6.2 mm main artery was reported segmental).
/// The defect voxels join the lumen and the tree, and radius and levels are graded again
/// (gradeVesselTree: masks.heart, lungs, lungHull, midlineX), so the artery has the level it has on
/// the scan without the clot. The defect voxels stay in `connected` with their new codes (callers read
/// the levels there); clearTreeVoxels removes them again. With EmbolismParams::regradeKeepsTrunkSeeds
/// the widest-path calibre is seeded with the trunk seeds of the tree before the filling.
void regradeWithDefectsFilled(VesselTree& tree, const ThoraxMasks& masks, const std::vector<std::size_t>& defects,
                              const EmbolismParams& p, const CancelToken& cancel);

/// Contrast-to-noise ratio of enhanced blood against thrombus, (bloodHu - thrombusMidHu) / noiseHu: how
/// far the lumen threshold, midway between them, lies from each in noise SDs (the fine pass and the
/// gap search need it; EmbolismParams fineMinCnr, gapMinCnr). 0 where the noise was not measured.
double bloodClotCnr(double bloodHu, double noiseHu, const EmbolismParams& p);
/// Sets `connected` to 0 (not in the tree) at `voxels`.
void clearTreeVoxels(VesselTree& tree, const std::vector<std::size_t>& voxels);

/// Level of a tree voxel's code; nullopt for codes without an arterial level (none, mediastinal
/// branch, via heart).
std::optional<VesselLevel> levelOfCode(std::uint8_t code);

/// Most central arterial level among the tree voxels within radius + 1 voxel of `c` (nullopt: no
/// tree voxel with an arterial level that close).
std::optional<VesselLevel> treeLevelNear(const VesselTree& tree, const Index3& c, double radiusMm);

/// Reported level of a finding (`voxels`: working-grid offsets, in the tree after
/// regradeWithDefectsFilled): the level of the artery section that encloses it. Its deepest voxels in
/// the filled lumen (radius within half the smallest voxel spacing of the deepest: the distance map
/// is quantised by the voxel) lie towards its artery's axis; the level is that of the centre of the
/// widest inscribed ball on the lumen's axis (isRadiusRidge) holding one of them (ties: the most
/// central). An eccentric clot's own voxels lie in the rim, which keeps its own calibre (pa-crop:
/// clots of a central and a lobar artery read subsegmental and segmental there), and off the axis a
/// thick artery's balls reach into a thin one touching it. When no axis ball holds them (a thin
/// artery merged into a thick one's lumen has no axis of its own there): the most central level
/// among those deepest voxels; then the box of treeLevelNear around the centroid `c` (half-width the
/// candidate's vessel radius `radiusMm`, the largest radius within 2 voxels of it, + 1 voxel), the
/// rule before s22, which on 3 mm slices reached a thicker artery beside a thin one (raised
/// C3N-00247: fine-pass finds in segmental arteries reported central or lobar).
std::optional<VesselLevel> findingLevel(const VesselTree& tree, const std::vector<std::size_t>& voxels, const Index3& c, double radiusMm);

/// findingLevel's step (1): the widest inscribed ball on the lumen's axis (isRadiusRidge) within 16 mm
/// holding one of the voxels' deepest lumen voxels (ties: the most central level at its centre).
/// radiusMm -1 and no level when none holds them.
struct EnclosingAxisBall {
    float radiusMm = -1;
    std::optional<VesselLevel> level;
};
EnclosingAxisBall enclosingAxisBall(const VesselTree& tree, const std::vector<std::size_t>& voxels);

/// Reported level of a complete occlusion whose enclosing-section level (findingLevel) is `level`
/// (`voxels`: working-grid offsets, in the tree after regradeWithDefectsFilled): with
/// EmbolismParams::occlusionLevelFromCalibre, the more central of `level` and the level of the clot's
/// own calibre, levelFromRadius of the deepest radius among its voxels (the clot fills the artery's
/// cross-section, so the filled section has the artery's calibre where the path from the trunk, through
/// a cut-off piece or the heart, is thinner). Without it, or with no filled voxel, `level`.
VesselLevel occlusionLevel(const VesselTree& tree, const std::vector<std::size_t>& voxels, VesselLevel level, const EmbolismParams& p);

/// Reported level of a partial finding whose enclosing-section level (findingLevel) is `level`: with
/// EmbolismParams::partialLevelFromCalibre, likewise the more central of `level` and the level of its
/// own filled calibre (the artery around a filling defect is at least as wide as the filled finding's
/// deepest ball; the path to it can be narrowed by the part of the clot the detector did not find).
VesselLevel partialLevel(const VesselTree& tree, const std::vector<std::size_t>& voxels, VesselLevel level, const EmbolismParams& p);

/// Level of the vessel at working voxel `c` whose local radius is `radiusMm`: the most central
/// level among the tree voxels within radius + 1 voxel (a voxel near the wall, or a filling defect,
/// lies off the centreline that carries the vessel's calibre). Falls back to the radius alone
/// (lobar/segmental/subsegmental thresholds) when no tree voxel is that close.
VesselLevel levelNear(const VesselTree& tree, const Index3& c, double radiusMm, const EmbolismParams& p);

/// The fallback of levelNear: the level from the local radius alone.
VesselLevel levelFromRadius(double radiusMm, const EmbolismParams& p);

}  // namespace tv
