#pragma once
// Parameters of the pulmonary embolus detector, with the source of every clinical number
// (../shared/notes/clinical-reference.md unless stated). Defaults are the documented operating point.
#include <nlohmann/json.hpp>

#include "central_occlusion_params.h"
#include "fine_pass_params.h"
#include "oblique_pass_params.h"
#include "occlusion_search_params.h"
#include "wide_occlusion_params.h"

namespace tv {

// The occlusion searches' parameters (stumps, faces, gaps) are in OcclusionSearchParams, the wide
// arteries' complete cut-off in WideOcclusionParams, the native-resolution fine pass in FinePassParams (its
// oblique planes in ObliquePassParams), the massive central occlusions in CentralOcclusionParams.
struct EmbolismParams : OcclusionSearchParams, WideOcclusionParams, FinePassParams, ObliquePassParams, CentralOcclusionParams {
    // Working grid and noise control.
    double workingSpacingMm = 1.25;  // in-plane binning target (segmental arteries 3-5 mm stay >= 2 voxels)
    double smoothingSigmaMm = 1.0;   // Gaussian; halves sharp-kernel noise again (C3N-00247: ~55 HU raw)
    // Inside the lungs on CTPA-quality contrast (lung_smoothing.h): sigma such that a vessel of this
    // radius keeps its smoothed peak at the lumen threshold against the measured lung background
    // (a cylinder of radius R smoothed in-plane with sigma peaks at b + (blood - b)(1 - exp(-R^2/2 sigma^2))).
    // 0 = off, the default: at 1.5 mm (sigma 0.75 mm on raised C3N-00247: 408 HU blood, -866 HU lung,
    // 234 HU threshold) lung vessel cores in the tree rose from 29% to 39%, but the validation's
    // clots were already in the tree and occlusive small-vessel clots were found less often (README).
    // With the radius-scaled candidate limits (s12) it still cost pa-crop a background finding and
    // raised-C3N segmental clots (5 of 16 -> 3 of 19): the small clots are lost at the working grid's
    // resolution, not in the tree (README). Never under the minimum sigma (in-plane noise grows as 1/sigma).
    double lungVesselMinRadiusMm = 0.0;
    double lungSmoothingMinSigmaMm = 0.5;
    // Thin-vessel lumen (thin_vessel_lumen.h): intrapulmonary voxels join the lumen when unsmoothed
    // >= max(lumen threshold, thrombusMidHu + thinLumenNoiseSd x the measured noise (ContrastResult::
    // paNoiseHu, unsmoothed working grid)); 3 SD: a soft-tissue voxel passes by noise with probability
    // about 0.13% (one-sided normal). Voxels away from the smoothed lumen count in 6-connected clusters
    // of at least thinLumenMinClusterVoxels (a 2 mm-radius artery holds several voxels per 3 mm slice;
    // a cluster of 4 noise voxels at 0.13% each is improbable). 0 = off.
    double thinLumenNoiseSd = 3.0;
    int thinLumenMinClusterVoxels = 4;
    // Lung bridges (lung_bridges.h): enhanced blood outside the vessel zone (not aorta, dense bone, heart
    // or mediastinal corridor, within the zone's hilum) that the lung wraps (the hilar zone's test and
    // parameters below) joins the lumen where a component of it touches both the tree and
    // intrapulmonary lumen the tree does not reach: a wide artery beside the lung (raised C3N-00247: the
    // left lower lobe artery, 20-26 mm wide, outside the 6 mm lung hull; left lung hull tree 157 ->
    // 1311 voxels). No threshold of its own. OFF by default (s37-lefttree): on raised C3N-00247 it exposes the
    // left lower lobe but adds 4 background findings there (0 before), FP per round 2-5, +14 % detector CPU,
    // and it also bridges a likely pulmonary vein (docs/history/notes/s37-lefttree.md).
    // s39-bridges: with the junction test below the vein bridge and its background finding are gone, but
    // 3 background findings in the exposed left hilum remain ([324,314,47], [321,338,53], [330,271,63];
    // seed 7 FP per round 3,3,3,3): still OFF.
    // Stop 43's fine core floor (fineMinCoreHu) removed the first, stop 44's lung-pocket rule (fineLungPocketShare) the
    // second. ON by default since stop 44 (docs/history/notes/s53-pocket.md): held-out seeds 114000-117000 with left-lung
    // sites, left segmental 12/16 with the bridges (stops 42-43: 4/16 and 11/48 without), central and lobar as without;
    // false findings 0.39 per scan (raised C3N alone 0.74: the stump [330,271,63], the one clean-background finding,
    // removed at stop 45 by stump.ridge_upstream_radii: raised C3N 0.03 per scan on seeds 65000-72000).
    bool lungBridges = true;
    // Junction of a lung bridge (lung_bridges.h, s39-bridges): a bridge component joins only where the faces it
    // shares with the tree add up to at least this area (mm2): it continues the tree over a cross-section as wide
    // as the vessels the rule is for (wider than 12 mm, which the 6 mm hull closing cannot fill: pi x 6^2 = 113
    // mm2). Raised C3N-00247: the left lower lobe artery 267 mm2, the likely left inferior pulmonary vein 69 mm2
    // (all on a thin mediastinal-branch vessel).
    double lungBridgeJunctionMinAreaMm2 = 113.0;
    // Vessel zone around the trunk's pieces (contrast_check.h ContrastResult::trunkPieceVoxels, stop 39): the zone holds
    // 3 mm around the trunk region, the enhanced component of the contrast check that continues into the lungs.
    // A clot in a main or lobar artery splits that component, and the artery beyond it, out of the lung hull and
    // outside the mediastinal corridor's reach of the trunk, drops out of the zone: no lumen, no tree, no
    // candidate there (raised C3N-00247 seed 58000 round 1: the right interlobar artery below a segmental occlusion
    // at [169,257,60] left the zone, and the lobar occlusion [167,243,52] found in the same place on seeds 30000 and
    // 46000 had no lumen before it; pa-crop seed 57000 round 0: the left lower lobe artery beyond a left PA clot).
    // With this on, every other enhanced component of the same test that continues into a lung (bone and
    // the aorta do not) is zone too. ON since stop 39 (README "Stop 39", docs/history/notes/s48-trunkpieces.md):
    // on 23 seed-modes against the same placements without it, 8 clots more (1 central, 4 lobar, 3 segmental), none
    // lost once central masses were spared the via-heart veto (candidate_scoring.cpp), false findings unchanged;
    // the clean scans keep their findings. false: the trunk region alone, as before.
    bool zoneFromTrunkPieces = true;
    // The smallest piece (mm3). The contrast check weighs only components of 1,000 mm3 or more for the trunk, and the
    // pieces had that floor too (stop 39). A piece between two clots of one artery can be smaller: pa-crop seed 47000
    // round 0, the left lower lobe artery between a left PA occlusion and its own lobar clot [78,88,80], 786 mm3 (24
    // voxels intrapulmonary; tree_gap_probe --piece). Measured at stop 40 with 300: that artery becomes lumen (347
    // voxels) but stays off the tree (two blood voxels between it and the tree lie outside the zone: neither the
    // mediastinal corridor nor the lung hull covers the artery there), and the clot is still missed; the clean
    // pa-crop gains a piece of 89 voxels, the clean raised C3N-00247 5 pieces (1,144 voxels) against 2 (654).
    // Not lowered: 1,000, the trunk's own floor.
    double trunkPieceMinMm3 = 1000.0;

    // Contrast adequacy (clinical-reference.md: enhanced PA on CTPA +250..+600 HU; under about
    // 200-250 HU the study is non-diagnostic for PE; unenhanced blood +20..+60 HU).
    double adequateHu = 250;        // >= : CTPA quality
    double assessableHu = 100;      // <  : no arterial contrast (blood ~40 HU + 3 noise SD margin): not assessable
    double bloodCoreRadiusMm = 4.0; // thick blood-pool core used for the measurement (ignores partial volume)

    // Thrombus attenuation (clinical-reference.md: acute thrombus about +20..+100 HU).
    double thrombusLowHu = 20;
    double thrombusHighHu = 100;
    double thrombusMidHu = 60;
    double defectFloorMarginHu = 60;  // accept down to thrombusLow - margin (noise, partial volume)
    // The thrombus band's floor the defect searches and the lung-pocket rule use: darker is lung or fat.
    double defectFloorHu() const { return thrombusLowHu - defectFloorMarginHu; }

    // Vessel tree. Lumen threshold = midpoint of blood and thrombusMid, never below thrombusHigh.
    // Levels (artery_levels.h) use the calibre of the path from the trunk: the smallest radius on
    // the widest path through the tree from the trunk/main arteries to the point.
    double minVesselRadiusMm = 1.0;
    double centralRadiusMm = 7.0;    // path calibre >= : central (trunk and main PAs 20-30 mm wide; lobar
                                     // arteries mostly under 14 mm); such lumen seeds the paths
    double lobarRadiusMm = 4.0;      // >= : lobar (lobar PAs 6-10 mm diameter)
    double segmentalRadiusMm = 2.0;  // >= : segmental (3-5 mm); below: subsegmental
    double hilarLungMarginMm = 12.0; // hilar zone: aerated lung within radius + this (wall, bronchus,
    double hilarLungShare = 0.25;    //   hilar fat) in at least this share of the in-plane directions:
    int hilarDirections = 16;        //   lobar arteries are wrapped by the lung, main PAs touch it on one
                                     //   side (artery_levels.h)
    double hilarReachMm = 40.0;      // ... that reaches tree lumen inside the lung hull, or wrapped by
    double hilarDeepShare = 0.5;      // lung in this share of the directions, within this distance
                                     // along the tree (hilum to lobe)
    double hilarMinLungSliceShare = 0.6;  // ... on slices where the lungs are broad (at least this share
                                          // of the broadest slice's lung area): the hila, not the apices
    double hilarMinLateralMm = 25.0; // ... and at least this far from the midline (lateral to the trunk,
                                     // whose bifurcation lies within about 2 cm of the midline)
    // --- Level boundary at the main arteries' division (s13-pe-lobar, artery_levels.h) ---
    // Central = the trunk and main PAs up to their first division (lumen covered by inscribed balls
    // of path calibre >= centralRadiusMm); lobar = a branch of path calibre >= lobarRadiusMm beyond it
    // that enters the hilar zone with at least this volume (Mastora/Qanadli: lobar arteries run from
    // the main artery's division at the hilum into the lobes; a blood-pool vessel beside the lungs
    // does not enter the hilum). 20 mm3 = about 10 working voxels: more than a touching wall.
    double lobarMinHilarContactMm3 = 20.0;
    // Reported level of a complete occlusion (vessel_tree.h occlusionLevel): at least the level of the
    // clot's own calibre (levelFromRadius of the deepest radius among its voxels with the findings filled
    // in), not only of the path calibre from the trunk. An occlusive clot fills its artery's whole
    // cross-section (complete occlusion, clinical-reference.md), so once filled its section has the
    // artery's calibre; the path to it can be thinner than the artery itself where the artery above the
    // clot is a cut-off piece reached through a thinner branch or through the heart. pa-crop round 0
    // clot 3 (lobar, R 4.2 mm: the artery above a piece, below it ViaHeart lumen) and raised C3N-00247
    // round 1 clot 2 (lobar, R 3.2 mm, far side untraced) read segmental along their paths, 4.5 and
    // 4.4 mm filled; the found segmental occlusions read 3.2 mm or less (README, s24-levels). Partial
    // defects: partialLevelFromCalibre (s25-levels).
    bool occlusionLevelFromCalibre = true;
    // Reported level of a partial finding (vessel_tree.h partialLevel): likewise at least the level of
    // its own filled calibre. The filled finding's deepest ball lies inside its artery, so the artery
    // is at least that wide (lobar 6-10 mm, segmental 3-5 mm wide, artery_levels.h). The path from the
    // trunk can be thinner than the artery at the clot itself: the detector finds part of a clot (the
    // regrading fills only that part) and the unfound rest, and the lumen the clot cut from the
    // vessel zone around it, still narrow the artery beside the finding. Raised C3N-00247 round 0
    // clot 5 (segmental eccentric, 12 of 18 voxels found: the path detours around the unfound part at
    // 1.6 mm, filled 2.52 mm) and pa-crop round 1 clot 4 (lobar eccentric, 19 of 61 voxels found: the
    // path 3.4 mm beside it, filled 4.74 mm) read one level too peripheral (s25-levels,
    // docs/history/embolism-detector.md). A thin artery merged into a thick one's lumen (findingLevel)
    // keeps the thin calibre: its filled section is bounded by the thin artery's wall (phantom test:
    // 2.5 mm beside a 5 mm artery).
    bool partialLevelFromCalibre = true;
    // The regrading (vessel_tree.h regradeWithDefectsFilled) seeds the widest-path calibre with the
    // trunk and main arteries of the scan as it is (artery_levels.h trunkSeeds before the filling), not
    // with lumen that only the filled findings make wide enough: a finding that reaches beyond its
    // artery's wall (a stump plug into the hilar tissue) is wider, filled in, than the artery, and
    // became a trunk seed of its own, so that the artery beyond it read central. Raised C3N-00247
    // round 3 clot 3 (lobar occlusive; the finding 212 voxels, 23 on the clot: filled radius 7.05 mm
    // against 6.77 on the clean scan, reached through 5.4 mm) read central (s25-levels). A clot of a
    // main artery still reads central: the filled section is reached from the trunk at its calibre.
    bool regradeKeepsTrunkSeeds = true;

    // Great arteries (great_arteries.h). The heart mask ends at the pulmonary valve, this far below
    // the carina: the trunk is about 5 cm long and runs up and back from the valve to its bifurcation
    // 1-2 cm below the carina (standard anatomy); measured on pa-crop: its reference PA mask starts
    // 43 mm below the carina found (carina.h), its bifurcation mask is centred 16 mm below it.
    double valveBelowCarinaMm = 45.0;
    // The aorta: enhanced regions of an axial slice that are round (bounding axes within this ratio,
    // area at least this share of the inscribed ellipse) and of aortic calibre (ascending aorta under
    // about 40 mm, descending 20-30 mm in adults; the smoothed lumen threshold trims about 1-2 mm),
    // linked slice to slice into a vertical tube (axis within this tilt, at least this long). The
    // trunk rises at about 45 degrees (an axial ellipse of axis ratio 1.4 or more) and the main PAs
    // run in-plane, so neither forms such a tube; the SVC does and, not being a PA, goes with it.
    double aortaMinDiameterMm = 16.0;
    double aortaMaxDiameterMm = 45.0;  // ascending aorta often ectatic to 40-45 mm in older adults (aneurysm from about 50 mm)
    double aortaMaxAxisRatio = 1.3;
    double aortaMinFill = 0.75;
    double aortaMaxTiltDeg = 20.0;
    double aortaMinLengthMm = 40.0;
    double aortaWallMm = 3.0;  // aortic wall about 2 mm, plus the partial-volume rim
    double aortaMaxGapMm = 6.0;      // a tube may lose its round section over this height (valve plane,
                                     // a touching vessel) and still be one tube
    double ascendingAortaMinDiameterMm = 24.0;  // the ascending aorta (25-37 mm) is the most anterior tube
                                                // this wide; the SVC (about 20 mm) lies right of it
    double aortaSeparationMm = 3.0;  // erosion that parts the aorta from the trunk and chambers it
                                     // touches at the lumen threshold (walls 1-2 mm, smoothed 1 mm)
    // Where the aorta still touches the trunk, the SVC or a chamber after that erosion (contact wider
    // than 2 x aortaSeparationMm), the merged slice region is eroded further in-plane, in steps, up
    // to this total: an aorta of 25 mm keeps a core of 7 mm, a contact neck up to 18 mm wide parts.
    // Off by default (= aortaSeparationMm): at 9 mm it parts the ascending aorta of C3N-00247, but
    // on pa-crop central detection fell from 15/27 to 13/23 and lobar from 2/4 to 0/4 (2026-11-30,
    // README "Embolus detector validation"): parts of the trunk are then taken for aorta.
    double aortaMaxErosionMm = 3.0;
    double aortaErosionStepMm = 1.5;
    // Sections up to this axis ratio (an aorta pressed oval by its neighbours, or curving at the
    // arch) continue a tube whose other sections are round, but do not start one.
    double aortaMaxOvalRatio = 1.6;

    // Candidates: multi-scale lumen completion radii (mm); larger closings only where the vessel is
    // at least that thick, so that bifurcation crotches of small vessels are not "completed".
    double closingRadiiMm[3] = {2.5, 5.0, 9.0};
    // ... "that thick": the radius of the 2.5 mm-closed lumen plus the depth in the r-closed one is at
    // least this x r at the voxel. (s15: also accepting voxels covered by a ball of 0.8 r inside the
    // completed lumen, an opening, found wall-adherent clots but joined the mediastinal webs between
    // the great vessels into candidates of 10,000-44,000 mm3 that swallowed detected clots: README.)
    double closingThicknessFraction = 0.8;
    // Wrapped pocket (candidates.cpp): voxels that only the thickness test above rejects, grouped apart
    // from every other defect, are a candidate when contrast wraps the group: no face neighbour
    // (smoothed) darker than the thrombus band (wrappedPocketMaxDarkFaceShare: fat or lung beside it is
    // tissue outside a vessel) and at least wrappedPocketMinBrightFaceShare brighter than any thrombus
    // (thrombusHighHu: lumen or its partial volume). Scored without the mediastinal polo-mint penalty
    // (candidate_scoring.cpp), as a round-section defect. pa-crop round 3 clot 3 (README, s25-pocket):
    // an occlusive clot filling the lateral part of the funnel where an upper branch leaves the right
    // PA is such a pocket (17 voxels, 2-3 thick, bright share 0.86). The 0.80 lies between that clot
    // (validation data) and the thickness guards' pockets against 40 HU soft tissue (0.74-0.75:
    // test_candidate_limits.cpp rimless clot, test_round_sections.cpp two touching vessels); 0.85 gave
    // the same validation result on all three backgrounds.
    bool wrappedPocket = true;
    double wrappedPocketMaxDarkFaceShare = 0.0;
    double wrappedPocketMinBrightFaceShare = 0.80;
    // The three size limits of candidate generation scale with the local vessel radius R: fixed in
    // mm they let only about one voxel per slice of a 2-3 mm-radius segmental artery (3-5 mm wide,
    // artery_levels.h) through, so clots there could not become candidates (README, s11 diagnosis).
    // The old mm value stays the cap for large vessels, where the partial-volume shell and noise
    // blobs it was set against are unchanged.
    // Intraluminal defect voxel: at least min(closing radius, defectShellMm, defectShellRadiusFraction
    // x R) deep inside the completed lumen (the partial-volume shell of the wall lies outside).
    // R = deepest completed-lumen voxel within about 2 x defectShellMm (the vessel's centreline).
    double defectShellMm = 1.2;
    double defectShellRadiusFraction = 0.45;
    // In vessels thinner than this radius the closing part tests the thrombus band on unsmoothed
    // working-grid HU: the 1 mm Gaussian spreads contrast over a 2-3 mm-radius artery (4-5 voxels
    // of 1.13 mm across), lifting a clot two voxels wide above the band ceiling (s16, README).
    double rawBandMaxVesselRadiusMm = 3.0;
    // Candidate volume at least min(minCandidateVolumeMm3, minCandidateVesselShare x the volume of
    // the vessel segment one diameter long, 2 pi R^3): 20 mm3 is noise at 1 mm voxels in a large
    // vessel, but a whole central clot (0.55 R, 4 R long) in a 2.5 mm-radius artery is 40 mm3, of
    // which the part in the thrombus band after smoothing is about half.
    double minCandidateVolumeMm3 = 20;
    double minCandidateVesselShare = 0.08;
    // Splitting a group of defect voxels at thin necks (candidate_split.h): a clot beside the web
    // of soft tissue between touching great vessels touches it through a neck one or two voxels
    // thick (pa-crop: a 7.6 mm eccentric left-PA clot joined a 7,276 mm3 web and was vetoed with it,
    // s20-pe-merge). Cores are voxels at least neckSplitCoreDepthMm inside the group: the half-width
    // of the thinnest central clot (0.55 x centralRadiusMm 7 mm = 3.85 mm; inserted clots 0.55-0.7 R)
    // less about half an in-plane working voxel (0.56-0.75 mm) for the grid. (2 mm, which also lets
    // lobar clots split off, cut the soft tissue in the groove between the pulmonary trunk and the
    // left atrial appendage of C3N-00247, 3 slices thick, out of its web: a finding of 0.95.) Each
    // part needs a core of at least neckSplitMinCoreMm3 (the minimum candidate volume: a smaller core
    // is a bulge of its group, not a body of its own). Parts stay one unless they meet at a neck at
    // most neckSplitMaxNeckDepthMm deep: a neck one or two voxels thick has every voxel within one
    // face or edge step of the outside (depth <= sqrt(2) x 1.5 mm = 2.12 mm on 1.5 mm voxels).
    double neckSplitCoreDepthMm = 3.3;
    double neckSplitMinCoreMm3 = 20;
    double neckSplitMaxNeckDepthMm = 2.2;
    // Splitting off a wrapped core (wrapped_core_split.h, s27-web): an eccentric clot in a central
    // artery that touches the web of soft tissue beyond the artery's wall joins it broadly (no thin
    // neck) and is vetoed with it (pa-crop section-fill r1 clot 4, r3 clot 5: webs of 338 and 1,848
    // voxels, score 0). A voxel inside its artery sees the artery's lumen along nearly every one of
    // the 26 grid directions (wrap): the clots' voxels in the merged groups 0.96-1.0 and 0.81-0.92
    // (10th-90th percentile), the web's 0.54-0.81 (pa-crop, reach 12 mm). Reach: a 12 mm ray crosses
    // the lumen beside an eccentric clot in a central artery (radius 7-15 mm: the clot is 0.6-0.8 R,
    // the lumen left beside it under 12 mm away). Rays stop at tissue below the thrombus band's floor
    // (fat, lung): a web between vessels runs out into mediastinal fat along its sheet.
    // wrappedCoreMinWrap 0.85: between the web's 90th percentile and the clots' 10th-25th. The core
    // must be a body (wrappedCoreMinMm3: the clots' cores measure 341 and 523 mm3, the web's largest
    // wrapped fragment 148 mm3, on pa-crop) and a minority of its group (wrappedCoreMaxShare: a clot
    // beside a larger web; a candidate that is mostly wrapped is one clot and stays whole).
    bool wrappedCoreSplit = true;
    double wrappedCoreReachMm = 12.0;
    double wrappedCoreMinWrap = 0.85;
    double wrappedCoreMinMm3 = 250;
    double wrappedCoreMaxShare = 0.5;
    // ... and the rest of the group must reach beyond the cores: at least wrappedCoreMinRestBeyondMm3
    // of it farther than wrappedCoreRestReachMm from every core voxel (s29-wallside). A web between
    // vessels runs on along its sheet; a wall-adherent clot whose group is the clot alone has its
    // wall side (lumen wrap under 0.85: the wall and what lies beyond it block part of its rays) right
    // beside its wrapped core, and the split cut it into two candidates whose cut faces count as
    // non-lumen faces (enclosure 0.36-0.45, scores 0.23-0.49; whole 0.75-0.78 and 0.98: held-out
    // seed 2000 pa-crop round 3 clots 1 and 4, round 4 clot 0, both modes). Measured on every
    // pa-crop round of seeds 7, 1000, 2000 (default and section fill) where a core qualified: the
    // clot-alone groups' rest beyond 7.5 mm 0-17 mm3 (beyond 6 mm: 0-54), the webs' 577-4,634 mm3
    // (seed 7 fill r1, the smallest web: 577; beyond 6 mm: 668-4,846). 250 mm3 (a body, as
    // wrappedCoreMinMm3) lies 15x above the clots and 2.3x below the smallest web.
    double wrappedCoreRestReachMm = 7.5;
    double wrappedCoreMinRestBeyondMm3 = 250;
    // Airway tier of the wrapped-core split (stop 33, docs/history/notes/s42-airway.md): a group whose
    // centroid lies in air (smoothed working value under airwayWrapMaxCentroidHu: the group wraps a
    // bronchus, the tissue of its wall and of the artery beside it marked by the lumen completion; a
    // clot is a solid body with its centroid inside it) is split again, when the tier above kept it
    // whole, with a smaller core (airwayWrapCoreMinMm3: a lobar or segmental clot, not a central one)
    // and a looser wrap (airwayWrapCoreMinWrap: a clot at the artery's wall beside the bronchus sees
    // the bronchus's air along part of its rays). Measured on raised C3N seed 27000 round 2, the lobar
    // clot [167,243,52] (85 mm3) inside a 635 mm3 group around the bronchus intermedius (centroid core
    // -322 HU, score 0.23): split off at wrap 0.6 (score 0.89), not at 0.5 (the group stays whole);
    // the same relaxation for every group added two central false findings at 0.7. Air: aerated lung
    // about -850 HU, a bronchus's lumen about -1000 HU, soft tissue over -100 HU. -200: a centroid with
    // at least a fifth of air in its smoothed value (a clot, +20..+100 HU, holds its own centroid).
    // First -400: the segmental clot [171,247,48] of seed 27000 round 0 (91 working voxels, inside an
    // 853 mm3 group around the same bronchus, core ball -270 HU: the centroid near the bronchus's wall)
    // was not split; with the tier's core and wrap applied to every group it splits off (0.71).
    // The rest need not reach beyond the cores (airwayWrapMinRestBeyondMm3, against
    // wrappedCoreMinRestBeyondMm3 above): that test keeps a wall-adherent clot's group, the clot alone,
    // whole; a group whose centroid lies in air is more than a clot. The same clot in the section-fill
    // round of that seed (another clot section-filled 10 slices below) kept under 250 mm3 of its
    // bronchial ring beyond 7.5 mm of the core and stayed whole (score 0.23); split without the test: 0.89.
    // Core size 20 mm3 since stop 35 (30 before): the smallest candidate the detector reports anyway
    // (minCandidateVolumeMm3). With 30 the same lobar clot stayed whole where its wrapped core is smaller
    // (raised C3N seeds 23000 and 31000 round 2, both modes; on seed 31000 whole at 25 mm3, split off at
    // 20 with 0.846; measured at the missed site, README stop 35).
    bool airwayWrapSplit = true;
    double airwayWrapMaxCentroidHu = -200;
    double airwayWrapCoreMinWrap = 0.6;
    double airwayWrapCoreMinMm3 = 20;
    double airwayWrapMinRestBeyondMm3 = 0;
    // Vessel reached through the heart only (candidate_scoring.cpp, CandidateFeatures::viaHeartFaceShare):
    // the tree grows from the trunk, and lumen it reaches only across a cardiac chamber (ArteryCode::ViaHeart,
    // artery_levels.h) is a pulmonary vein (they drain into the left atrium) or a chamber, where a defect is
    // no embolus (veins: 24 % of one commercial system's false positives, clinical-reference.md). On CTPA a
    // mostly mediastinal candidate with more than viaHeartMaxFaceShare of its faces onto tree voxels on such
    // lumen scores 0. Half: the vessel it lies in is more vein than artery. Measured (README stop 34): the
    // pa-crop section-fill false finding [30,40,68] 79 of 86 (0.92).
    bool viaHeartVeto = true;
    double viaHeartMaxFaceShare = 0.5;
    // A complete occlusion found from the artery's side (a stump plug or a gap run, RawCandidate::fromStump) is
    // spared the via-heart veto, as a central mass is: the artery beyond an occlusion is reached through the heart
    // only because the clot cut it off from the trunk (its veins touch the atrium), not because it is a vein.
    // Stop 42 (README "Stop 42"): pa-crop seed 86000 round 0, the right lobar occlusion [15,76,74] (1,310 mm3),
    // with gap.tube_mouth_in_piece off, is a 908 mm3 stump candidate with 0.93 of its tree faces via the heart.
    // OFF: with both switches (--pe-params {"via_heart_spares_stumps": true, "gap": {"tube_mouth_in_piece": false}})
    // that clot is found (0.84), and a 240 mm3 "complete" stump [63,56,67] beside no clot scores 0.72 on pa-crop
    // seeds 84000 and 71000 round 0 (via-heart face share 0.53): +1 clot, +2 false findings over 12 seeds with
    // left-lung sites; seeds 84000-89000 (standard sites) and pa-crop section fill 26000-30000 unchanged.
    bool viaHeartSparesStumps = false;
    // Occlusion of a cut-off (candidate_scoring.cpp f.complete, lumen_sides.h): a complete occlusion
    // fills its artery's cross-section (clinical-reference.md: complete occlusion, Qanadli d = 2), so
    // the enhanced lumen before it and after it touch it as separate pieces; a central or eccentric
    // clot leaves contrast beside it that joins them. Pieces are followed within the candidate's box
    // grown by this margin: the rim around a partial clot lies next to it (a central clot of 0.55 R
    // leaves 0.45 R, about 1-2 mm in segmental and lobar arteries), while a detour through other
    // branches back to the other side is longer.
    double occlusionSideMarginMm = 3.0;
    // ... pieces of fewer voxels are partial-volume specks at the wall, no lumen of the artery.
    int occlusionSideMinVoxels = 2;
    // Cut-off: soft tissue at least min(minOcclusionRadiusMm, occlusionRadiusFraction x R_stump)
    // deep, R_stump = widest lumen within minOcclusionRadiusMm + 2 voxels: an occluded vessel of
    // radius R shows a soft-tissue core of about R - 1.3 sigma in the smoothed lung (its -40 HU
    // contour lies where 90% of the voxel is clot), thicker than partial volume explains.
    // Never under occlusionMinDepthMm: above the 1.13-1.25 mm in-plane working spacing, so a soft-tissue
    // shell one voxel thin (depth = one spacing: the wall and partial-volume rim of every vessel) never passes.
    double minOcclusionRadiusMm = 1.6;
    double occlusionRadiusFraction = 0.55;
    double occlusionMinDepthMm = 1.3;
    // A second cut-off search in the lungs closed by this radius (0: none), outside the mediastinal
    // corridor, the heart and the aorta: a lobar artery's occlusion at the hilum bulges into the lung's
    // concavity beyond the 6 mm lung hull (ThoraxMasks::lungHull), where the first search does not look
    // and the 9 mm closing's thickness test rejects it (pa-crop's left lower lobe artery: 6 of the clot's
    // 161 working voxels in the 6 mm hull, lab notes s66-widehull). Its cut-offs on voxels no other pass
    // marked are candidates of their own (CandidateFeatures::hilarCutoff): merged with the first search's,
    // hilar soft tissue joined small hilar clots' candidates and lost them (same notes, arms W1-W2). Such a
    // candidate is spared the mediastinal polo-mint term as a stump plug is when its core reads at most
    // thrombusHighHu + 40 HU, the score's mixing limit (candidate_scoring.cpp); the vetoes and the
    // lymph-node term stay. 12 mm: twice the lung hull's closing, about a lobar artery's
    // diameter (up to about 10 mm, ThoraxParams::hilumMm). Measured (stop 57, README): on the tuning seeds
    // 65000-72000 four clots more (pa-crop's [81,82,80], raised C3N's lobar [167,243,52] and left segmental
    // [341,263,67] twice), none lost, false findings and clean backgrounds unchanged (8 in 80 rounds; 0).
    double cutoffHullClosingMm = 12;

    // Mediastinal candidates whose median (unsmoothed) HU is below this are not thrombus: acute
    // thrombus is +20..+100 HU (clinical-reference.md); below it lie mediastinal fat and its partial
    // volume with the walls between the aorta, the pulmonary arteries and the chambers, which become
    // "enclosed" when the whole blood pool is bright (most false positives on the raised C3N-00247).
    double mediastinalDefectMinHu = 20;
    // Mediastinal candidates whose centroid lies more than this above the carina are not in a
    // pulmonary artery: the trunk bifurcates below the carina and the left PA arches over the left
    // main bronchus at about its level (standard anatomy; the aortic arch and the aortopulmonary
    // window lie above). Above lie the aortic arch, its branches, the brachiocephalic veins and the
    // SVC. Measured: pa-crop's reference PA mask reaches 6.8 mm above the carina found (carina.h);
    // 15 mm leaves a margin of 8 mm (pa-crop's background finding, the wall between the left
    // brachiocephalic vein and the arch, lies 19 mm above it).
    double maxMediastinalAboveCarinaMm = 15;
    // Above the carina, cut-off candidates (complete occlusions) nearer the midline than this are
    // beside the trachea (20-25 mm wide): the azygos arch, paratracheal lymph nodes and the tracheal
    // wall, not an intrapulmonary artery (upper-lobe arteries run lateral to the mediastinum).
    // Raised C3N-00247's azygos arch (3 mm from the midline, 16 mm above the carina) was one.
    double minCutoffMidlineOffsetAboveCarinaMm = 30;

    // Context rules (candidate_context.h).
    double coreMinRadiusMm = 2.0;    // solid-core ball radius bounds: about the smallest clot the
    double coreMaxRadiusMm = 6.0;    //   1.25 mm grid resolves, and within one vessel
    // A clot is a solid body darker than its lumen: the mean HU in a ball at the candidate's
    // centroid (selection-bias free, solidCoreHu) must lie at least this share of the way from the
    // local lumen to thrombusMid (60 HU). Inserted clots: 0.86-0.98 (2026-11-29); hilar clefts 0.66,
    // venous-phase liver speckle 0.04-0.40. Noise of the ball mean on C3N as is (52 HU per voxel,
    // 9-13 voxels) is about 0.23 of the as-is range, so suboptimal scans lose some real clots here.
    double minCoreContrastNorm = 0.7;
    // A two-sided lung occlusion (a cut-off with lumen on two or more sides, not mostly mediastinal:
    // candidate_scoring.cpp's twoSidedOcclusion) needs this solid-core contrast instead, where above 0
    // (0 = off: minCoreContrastNorm for every candidate). The ball (coreMinRadiusMm, 2 mm at least) at the
    // centroid of a plug in a segmental artery of 2.5 mm radius holds the lumen on both its sides and the
    // artery's partial-volume rim; the threshold's documented background cases are mediastinal hilar
    // clefts and the venous-phase liver, not two-sided lung occlusions. Raised C3N-00247 s65000 r3's left
    // segmental clot [347,255,65]: its cut-off candidate, 206 mm3 with lumen on two sides in the lung,
    // has core 0.629 (lab notes s57-twosidedcore). 0.6 since stop 48: on the tuning seeds 65000-72000 it
    // found that clot in two more rounds, lost none and added one false finding in 80 CTPA-level rounds (a
    // 277 mm3 cut-off beyond a right PA occlusion on pa-crop, core 0.676); on the held-out seeds
    // 142000-145000 it changed no clot and no CTPA-level finding; on 126000-133000 it added one more false
    // finding at that same pa-crop place; the clean backgrounds keep 0 findings.
    double twoSidedOcclusionMinCoreContrastNorm = 0.6;
    // Below the heart centre, a candidate mostly under a lung base (lung above in its column, none
    // below) lies under the diaphragm: liver, spleen, stomach (anatomy: the lungs rest on the
    // diaphragm; no pulmonary artery runs below a lung base).
    double maxUnderLungBaseShare = 0.5;
    // A mediastinal candidate on one slice with more than this share of its voxels right above the heart
    // mask (candidate_context.h oneSliceOnHeartShare) is a sheet on the mask's planar cut at the
    // pulmonary valve (great_arteries.h), not a clot: the grooves and fat of the heart's surface just
    // above the cut close into a one-slice "defect", while a clot of the trunk is a body several slices
    // high (inserted clots are 4 R long, 8-25 mm). Measured (stop 24): raised C3N-00247's one background
    // finding since stop 15 (296,155,49), score 0.501, 46 mm3, one 3 mm slice 43.5 mm below the carina in
    // the groove between the right ventricular outflow and the left atrial appendage (valve cut 45 mm
    // below the carina): share 1.0; the clean raised scan's other candidates: 0.9 (score 0.011), 1.0
    // (score 0), all others 0. 1 (any share passes): off.
    double maxOneSliceOnHeartShare = 0.5;
    // A filling defect lies inside one artery: its half-width (smallest semi-axis) is at most the
    // vessel radius, 1.12 R for an occlusive cylinder (sqrt(5/4) R); 1.25 leaves a margin.
    double maxDefectWidthToRadius = 1.25;
    // ... and at most this for a cut-off in the lung hull (mediastinal share at most 0.5) that touches
    // at least two separate pieces of lumen (lumen_sides.h): contrast before and beyond it, an
    // occlusion of the whole cross-section (clinical-reference.md), not soft tissue between vessels.
    // The vessel radius beside it is the tree's (distance map of the lumen on the 1.13 mm working
    // grid, thresholded half-way to the blood), while the plug also fills the artery's partial-volume
    // rim, about one working voxel outside that lumen: at R = 2.5 mm, (1.12 R + 1.13 mm) / R = 1.57.
    // The 1.25 above stays for everything else (fat and pericardial recesses between the great vessels
    // are mediastinal). Raised C3N-00247 round 2 clot 1 (segmental occlusive, R 2.26 mm, artery
    // running in-plane, its blood before the insertion 6.2 mm across on the clot's middle slice): a
    // cut-off touching three lumen pieces, half-width 3.50 mm beside a tree radius of 2.52 mm (1.39),
    // vetoed; 0.72 without the veto (s24). Equal to maxDefectWidthToRadius: off.
    double occlusionMaxWidthToRadius = 1.5;
    // ... and at most this for a one-sided lung cut-off on the arterial tree at CTPA-level contrast (a
    // closed branch, closed_branch.h): a complete occlusion leaves the artery beyond it unenhanced, so
    // its cut-off touches one lumen piece, and its plug fills the partial-volume rim as the two-sided
    // occlusion's does (1.57 R at R = 2.5 mm, above). Raised C3N-00247 round 2 clot 1 section-filled
    // (embolism_validate --occlusive-fill section; branch s26-c3nocc): one lumen side, half-width
    // 3.157 mm beside a tree radius of 2.524 mm (1.2507), vetoed; 0.71 with the allowance. On every
    // background and round of both validation modes (2026-12-01) the other one-sided lung cut-offs
    // between 1.25 and 1.5 R scored at most 0.13 with it. Equal to maxDefectWidthToRadius: off.
    double closedBranchMaxWidthToRadius = 1.5;
    // ... and at most this for a two-sided lung occlusion (the cut-off of occlusionMaxWidthToRadius)
    // that touches at least branchingOcclusionMinLumenSides separate lumen pieces and is as dark as a
    // clot (contrastNorm at least branchingOcclusionMinContrastNorm): a plug at a branching point, with
    // the parent artery and its branches beyond it. A clot there fills the bifurcation's section, wider
    // than the one branch whose radius the tree reports (vesselRadiusMm). Raised C3N-00247 with
    // --occlusive-fill section (s31-segocc, embolism_review): three segmental occlusions at the right
    // lower-lobe branching [155-171,267-277,47-48] (seed 1000 round 0 clot 2, seed 2000 round 2 clot 0,
    // seed 3000 round 4 clot 1; 1,023-1,187 mm3, R 3.0) were cut-offs touching 5, 5 and 3 lumen pieces,
    // half-width 1.742, 1.830 and 1.643 x the tree radius (3.19-3.21 mm), contrastNorm 0.89-0.94:
    // vetoed by the 1.5 R limit; with this 0.85, 0.80 and 0.81. What else a wider limit releases (rule
    // with no width limit against off, operating point 0, clean backgrounds): on pa-crop two
    // cut-offs, (85,74,77) 6 sides 2.50 R contrastNorm 0.53, 0 -> 0.61, and (18,57,92) 4 sides 3.14 R
    // 0.25, 0 -> 0.33 (both held by either condition: 2.0 R and 0.7); on raised C3N and C3N as is
    // nothing. Margins: clots at most 1.83 R against 2.50 R; contrastNorm at least 0.887 against 0.53.
    // The lumen-side count: the clots 3-5; a plug with lumen before and beyond only (2) keeps 1.5 R.
    // Validation (raised C3N, section fill, seeds 7, 1000, 2000, 3000): the three clots found and
    // nothing else changed; FP per round and background findings identical (s31-segocc NOTES.md).
    // Equal to occlusionMaxWidthToRadius: off.
    double branchingOcclusionMaxWidthToRadius = 2.0;
    // ... with the artery's calibre measured on the enhanced blood, not the zone-limited lumen
    // (blood_calibre.h): the largest wall distance, within 2 working voxels of the occlusion, of the lumen
    // plus the blood the vessel zone cuts off (smoothed HU from the lumen threshold to the bone
    // threshold, not lungs, heart or aorta), closed by 2.5 mm like the tree's radius map, capped at
    // occlusionBloodCalibreMaxMm. Only for the two-sided lung occlusions of occlusionMaxWidthToRadius /
    // branchingOcclusionMaxWidthToRadius. Why: in the right hilum of raised C3N-00247 the zone cuts the
    // interlobar artery (working k49-51 half lumen, half cut blood): its section-filled occlusions
    // (g26 s7000 fill r2c0 [159,261,48], f25b s5000 fill r2c0 [157,267,47]) measured half-width 6.22 /
    // 6.14 mm against lumen radius 3.39 / 3.0 (1.84 R over 1.5; 2.05 R over 2.0: vetoed), blood calibre
    // 5.54 / 4.65 mm (1.12 / 1.32 R: a clot filling its artery, sqrt(5/4) = 1.12). 0 = off (the lumen).
    double occlusionBloodCalibreMaxMm = 8.0;
    int branchingOcclusionMinLumenSides = 3;
    double branchingOcclusionMinContrastNorm = 0.7;  // offTreeTwoSidedMinContrastNorm's value until stop 46
    // A cut-off (vessel ending) has contrast on one side only; above this enclosure a "cut-off" is an
    // intraluminal defect, and the rule for cut-offs beside no arterial-tree vessel does not apply.
    double maxCutoffEnclosure = 0.5;
    // The rule for cut-offs beside no arterial-tree vessel (candidate_scoring.cpp) spares a two-sided
    // lung occlusion: a cut-off in the lung hull touching at least two separate lumen pieces
    // (lumen_sides.h), the test occlusionMaxWidthToRadius already trusts (s29-segmental). Why: the rule
    // is for soft tissue where a vein or a bronchus ends; an occlusion with lumen before and beyond it
    // is no vessel ending, and it cuts its own artery from the tree: the levels (artery_levels.h) are
    // graded on the tree as scanned, so the lumen beside the clot is left uncoded (no longer
    // trunk-connected) or coded as a mediastinal branch (thin, outside the hilar zone), and the level
    // box (treeLevelNear) finds no arterial code. Raised C3N-00247, seed 2000 (embolism_review,
    // closed_branch_probe): four segmental occlusive clots (default round 0 clots 2 and 5, section
    // fill round 0 clot 2 and round 2 clot 3) and the lung end of a lobar one (default round 1 clot 1)
    // were such cut-offs, lumen sides 2, their lumen pieces coded 0 or 5 (on the background the artery
    // was coded 3-5), enclosure 0.14-0.36, width up to 1.11 R: vetoed; with the rule 0.36, 0.66, 0.72,
    // 0.74 and 0.93 (validation: 4 of the 5 found, nothing else changed on seeds 7, 1000, 2000, both
    // modes, pa-crop and C3N as is included). What else it releases (rule on against off,
    // operating point 0): on the clean raised background one cut-off, (180,272,54), 0.027; in the
    // seed-2000 rounds also (155,297,46) 0.015; on C3N as is nothing (not CTPA-level: the rule's veto
    // does not apply). false: the veto for every cut-off, as before.
    bool offTreeVetoSparesTwoSided = true;
    // ... when the plug is darker than the partial volume of crossing vessels (contrastNorm from its median
    // HU, at least this): an occlusion is clot through. pa-crop seed 2000 round 0 (no clot there): a
    // three-sided lung "cut-off" (14,76,91) on 1.5 mm voxels, median 328 HU against a 269 HU lumen threshold,
    // contrastNorm 0.48, rose from 0 to 0.52 without this; the released clots then 0.87-0.95 (the one under
    // 0.5, 0.735). 0.7 (the minCoreContrastNorm) until stop 46; 0.5 since (lab notes s55-twosided): a plug
    // one 3 mm slice thick in a left basal segmental artery of raised C3N-00247 is half partial-volume rim,
    // so its median reads 0.59-0.70 while its core reads 0.91-1.00 (every candidate's core must pass
    // minCoreContrastNorm anyway). Tuning seeds 65000-72000 with the threshold 0: every spared candidate
    // scored >= 0.2 was a clot (11; contrastNorm 0.589-0.945), none on a clean background; 0.5 gains five
    // left segmental clots (17 -> 22 of 32) at no false finding, and still holds the pa-crop plug (0.48).
    double offTreeTwoSidedMinContrastNorm = 0.5;
    // Detector, second pass (s32-cutpiece, cut_piece_contact.h): a clot occluding the trunk or a main PA cuts
    // the artery beyond it from the trunk's connectivity, so its lumen is coded a cut-off piece
    // (ArteryCode::MediastinalBranch) and a second clot further along it is vetoed "beside no arterial-tree
    // vessel" (pa-crop seed 3000 round 0 clot 1 [67,76,92] both modes, seed 4000 section-fill round 2 clot 5
    // [64,73,92]). After the report loop, a candidate that veto alone held (CTPA contrast, mostly
    // mediastinal, off the tree) and wrapped in contrast as a polo mint (enclosure at least
    // poloMintMinEnclosure: inside the piece's lumen, not beside it) is scored again with the piece counted
    // as artery, and reported when a cut-off piece in its level box (grown through its 6-connected piece
    // voxels) lies within this distance (mm, voxel centres) of a reported OCCLUSION (reported "complete":
    // the clot that cut the piece off). A vein or another mediastinal vessel has no reported occlusion
    // touching it. 0: off. Measured (level probe on the n3 round volumes, working grid 1.5 mm): the
    // occlusions that cut the gains' pieces lie 1.5 mm from them (adjacent voxels: s3000 default and fill
    // r0, s4000 fill r2, s4000 default r1, s1000 default r1); the nearest occlusion NOT touching a piece
    // with a held candidate beside it, 6.87 mm (s4000 fill r2; 7.65, 9.12, 9.25, 12.19 mm on other rounds:
    // the piece of the k 99 wrapped pockets above the carina). 3.0 mm: 1.5 mm over the contact, 3.87 mm
    // under the nearest non-contact. Raised C3N-00247's clean background: its one finding (46 mm3,
    // partial) touches a 34,664-voxel piece beside which ten held fine polo mints would score 0.53-0.97
    // (without the occlusion condition they are released); it is no occlusion, so nothing is released.
    // Enclosure: the one pa-crop false positive the contact alone released, s4000 fill r2 (65,75,99), a
    // wrapped pocket at k 99, enclosure 0.41 (0.65 and 0.71 for the k 99 pockets of s3000 r3 and s1000 r1,
    // whose piece touches no occlusion); the gains 0.86-1.0. Validation: s32-cutpiece notes.
    double cutPieceContactMm = 3.0;
    // ... and the occlusion that cut the piece off is at least this large (mm3): an occlusion of the trunk
    // or a main PA (a section of radius 8 mm filled over 10 mm: 2,000 mm3). Why: a lobar or segmental
    // occlusion does not cut a mediastinal artery from the trunk, and raised C3N-00247's mediastinal
    // pieces reach the hilum: with any occlusion counting (rule v1), its lobar and segmental occlusions
    // (reported complete, 161-734 mm3, 1.13 mm from a 34,000-voxel piece) released ten mediastinal fine
    // polo mints per round (seed 1000 default, FP per round [1,1,1,1] -> [11,10,11,1]). The occlusions
    // that cut the pa-crop gains' pieces: 8,120-24,695 mm3 (the largest touching each gain's piece).
    // Margins: 2.7x over 734, 4x under 8,120.
    double cutPieceMinOcclusionMm3 = 2000.0;
    // ... and the released candidate lies within this path length (mm, along the cut-off piece's
    // 6-connected voxels from the occlusion's contact, each face step its axis's spacing: a city-block
    // path, up to 1.7x the straight length on an oblique course) of the occlusion. The piece a massive
    // occlusion of the trunk or a main PA cuts off is that main artery and its lobar branches beyond the
    // clot (right PA about 5 cm, left about 3 cm, lobar arteries 2-4 cm: standard anatomy,
    // artery_levels.h), not the whole connected system of thin mediastinal vessels, bone cortex and
    // chest-wall vessels that C3N-00247 codes off the tree (27,000 working voxels on the left). 0: no
    // bound. Measured (stop 30, bound off, cut_piece_path_mm): the released clots of the validation,
    // 1.5-78.6 mm (pa-crop seed 3000 round 0 clot 1: 11.1 mm default, 78.6 mm section fill; seed 4000
    // r1 12.0, r2 1.5; seed 19000 fill r1 3.0); the false findings released on raised C3N-00247 (sites in
    // both lungs, seed 2000 round 0, 9 chest-wall findings at 0.5 beside a 2.1 cm3 lobar occlusion of the
    // left lower lobe artery): 213-355 mm. 120 mm: 1.5x the longest release, 1.8x under the nearest false one.
    double cutPieceMaxPathMm = 120.0;
    // ... and the released candidate lies beside a vessel of at least segmental calibre (its vessel radius,
    // the box treeLevelNear reads, >= segmentalRadiusMm): the piece a massive occlusion cuts off is that
    // main artery and its lobar branches, whose clots sit in vessels of several mm, not in the thin
    // mediastinal vessels that touch the piece. Measured (stop 38, every release at the operating point in
    // the untuned runs of seeds 27000-56000, both modes): the 40 true releases (all pa-crop) lie beside vessel
    // radii 2.6-6.0 mm; the 11 false ones are all raised C3N-00247 [339,251,65] (seeds 38000, 42000, 48000,
    // 49000, 55000, 56000; released by a 2,110-6,794 mm3 occlusion of the left lower lobe artery 42.7-64.7 mm
    // along the piece), beside 1.13 mm (one working voxel), a deficit of 11 mm3 and no polo mint
    // (hole share 0). Seeds 55000 and 56000 were run after the condition was set. false: any calibre, as
    // before stop 38.
    bool cutPieceNeedsSegmentalCalibre = true;
    // One finding per defect (embolism_detector.cpp): a candidate touching a finding reported before it
    // is dropped when one of the two is the fine pass's (the fine pass sees again what the working grid
    // found). Not a working-grid candidate reported complete with at least this volume (mm3; 0 = off):
    // a massive occlusion of the trunk or a main PA (as cutPieceMinOcclusionMm3: a section of radius
    // 8 mm filled over 10 mm) is no repeat of a fine finding, which covers a lobar or segmental defect
    // (fineMaxVesselRadiusMm) of at most a few hundred voxels. Measured (s33-centralocc, trace over the
    // stop-24 validation rounds): pa-crop seed 6000 round 3 clot 2 (trunk, 11,610 mm3) was missed because its
    // 17,695 mm3 stump-plug candidate (score 0.960) shared 5 voxels with a 117-voxel fine finding on
    // clot 0 (4 % of it; the true repeats there shared 44 of 55 and 89 of 105 voxels). Working-grid
    // candidates dropped as repeats on the other rounds traced (seeds 7, 1000, 2000 both modes, 6000
    // default; pa-crop and raised C3N): the largest 2,919 voxels (9,851 mm3, seed 2000 round 3, beside a
    // 23-voxel fine finding on its own clot, found either way); all others at most 278 voxels (938 mm3) on
    // pa-crop and 111 voxels on raised C3N-00247 (no clean background has one). Validation: s33-centralocc notes.
    double massiveOcclusionNoRepeatMm3 = 2000.0;
    // ... and a finding so released is reported at least at the level of the occlusion that cut its piece
    // off (cut_piece_contact.h releasedLevel): the piece is that artery beyond the clot (the right PA
    // beyond a trunk clot), a level the tree no longer tells, since the piece is coded off the tree, and
    // the regrading reads the released clot's own thin section in the filled tree (s32-cutpiece: the
    // three gains, truth central, read segmental (s3000 r0c1 both modes) and lobar (s4000 fill r2c5);
    // s4000 fill r1c4, matched by a release, read lobar). Only the reported level (and the obstruction
    // index) change, no detection. false: the release keeps its own graded level.
    bool cutPieceLevelFromOcclusion = true;
    // Scoring: a two-sided lung occlusion (the cut-off above: lumen on two sides, mostly in the lung
    // hull) reads the "mixing with contrast" penalty (median above thrombusHighHu + 40) from its core HU,
    // not its median, as fineLungScoredAsHole does for fine candidates. A plug filling a segmental artery
    // on the 1.13 mm working grid is mostly its partial-volume rim: its median is the rim's, while the
    // solid-core test (minCoreContrastNorm, applied before) has already found clot at its centre. Raised
    // C3N-00247 seed 2000 default round 0 clot 2 (segmental occlusive [161,277,43], 247 mm3, R 2.26):
    // median 157 HU, core 115 HU, 0.360 -> 0.604, found (embolism_review: the only candidate of that
    // round the rule lifts). Margins (embolism_review of the clean backgrounds, s30-cutmix): two-sided
    // lung cut-offs with median > 140 HU: pa-crop 16, raised C3N 3, C3N as is 0, every one vetoed
    // before scoring (0), so the rule changes nothing there. Limited to two-sided occlusions: every lung
    // cut-off would also lift two one-sided pa-crop cut-offs, (13,63,67) 0.13 -> 0.29 and (16,72,91)
    // 0.03 -> 0.07 (median 366 and 150 HU, core 44 and 120 HU): no evidence for that reach.
    // Validation (seeds 7, 1000, 2000, 3000, both modes, all three backgrounds, against main 343e018):
    // that clot is the only change; FP per round and background findings identical on all 24 runs.
    // false: the median for every cut-off, as before.
    bool twoSidedOcclusionMixingFromCore = true;
    // ... and in the lung hull (mediastinal share at most 0.5) a partial defect or a two-sided occlusion (not a
    // one-sided cut-off, above) reads it from the darker of its core and its median. Both estimate the candidate's
    // attenuation, and partial volume with the lumen raises each in its own way in a 2-5 mm artery on the 1.13 x
    // 1.13 x 3 mm working grid: the median is the rim's when the candidate is mostly rim, and the core ball (at
    // least 1.7 mm, half the voxel diagonal) reaches the lumen beside a plug in a 2.5 mm artery running in its
    // slice. The term is for candidates that are partial volume throughout, so it applies when both read bright.
    // Raised C3N-00247's right segmental artery [169,211-215,51] (11 misses in 40 seeds; lab notes s59-leftlower):
    // s65000 r0, an eccentric clot, finding 46 mm3 not a cut-off, median 181.5 HU, core 133.5 HU: 0.446 -> 0.687;
    // s67000 r0, occlusive 244 mm3, a cut-off with lumen on three sides, median 137.5, core 147.6: 0.363 -> 0.607.
    // The findings the term holds on the tuning seeds' backgrounds keep it: pa-crop (21,83,76) in the lung hull
    // reads 214 HU both ways, raised C3N (331,263,61) is mediastinal. Read off the sweep findings (>= 0.2) of
    // 44 seeds' runs before the change, every finding whose score crosses 0.5 with the rule: those two clots and
    // held-out s151000 r0 [167,254,60] (0.28 -> 0.51), no false finding, no finding lost. On since stop 50 (README
    // "Stop 50"): on the tuning seeds 65000-72000 it found those two clots, lost none and changed no false finding;
    // on the held-out seeds 162000-165000 it changed one finding, s163000 r0 [169,255,60] found (0.514, 0.28 without).
    // false: as before.
    bool lungMixingFromDarker = true;

    // Terms that scale with the candidate's vessel radius R (vesselRadiusMm; s13, README "Embolus
    // detector validation"). Segmental arteries are 2-2.5 mm in radius (artery_levels.h), where the
    // fixed-mm terms measured against large vessels rejected real clots.
    // Solid-core ball radius at least min(coreMinRadiusMm, coreVesselRadiusFraction x R), never under
    // half the voxel diagonal (1.70 mm on 1.13 x 1.13 x 3 mm; else the ball may hold no voxel centre): a 2 mm ball in a 2.3 mm-radius artery reaches over the whole
    // lumen into the wall and lung, so a wall-adherent clot (0.7 R) read as "no solid core" (0.64);
    // 0.5 R lies inside a central clot of 0.55 R (the smallest inserted shape).
    double coreVesselRadiusFraction = 0.5;
    // Volume term 1.2 log10(V / Vref), Vref = min(volumeScoreReferenceMm3, volumeScoreVesselShare x
    // 2 pi R^3): 40 mm3 is a whole central clot (semi-axes 0.55 R, 0.55 R, 2 R) in a 2.5 mm artery,
    // 2.53 R^3 = 0.40 x 2 pi R^3; in a thinner artery the whole clot is smaller, so the reference is.
    // Capped at 40 mm3: larger vessels keep the old term (their false positives were tuned against it).
    double volumeScoreReferenceMm3 = 40;
    double volumeScoreVesselShare = 0.40;
    // A complete occlusion fills its vessel: an occlusive cylinder's half-width is 1.12 R and the
    // inserted plugs measured 0.80-1.17 R (raised C3N-00247, rounds 1, 2, 4). A "cut-off" thinner than
    // cutoffMinFill x R is a strand (wall, septum, partial volume along a vessel's edge; the raised
    // background's cut-off at (341,258,59): 0.43 R) and loses cutoffThinPenalty. Replaces the old
    // +-0.5 lung-contact step (share > 0.3 of face neighbours under -400 HU), which real plugs in
    // 2-4 mm arteries never reach on the smoothed grid (0.04-0.16: the face neighbours lie in the
    // partial-volume rim of the 1 mm Gaussian) and which therefore cost every small-vessel plug 0.5.
    double cutoffMinFill = 0.6;
    double cutoffThinPenalty = 2.5;
    // A lung cut-off beside an artery thinner than this radius, touching its lumen, has its flatness
    // and the half-width its fill test reads (cutoffMinFill) from the moments of its voxels as boxes
    // (each adds spacing^2 / 12 per axis), as partial defects beside thin arteries have (candidate_scoring.cpp).
    // Why: a working voxel is a slab one slice thick. Where a thin artery runs in the slice plane its whole
    // diameter (4.5-6 mm) spans one or two 3 mm slices, so any defect in it, clot or not, is one slice of
    // voxels: its point moments read zero thickness (flatness 0.001, half-width 0), the sheet (-2.0) and
    // strand (-2.5) penalties both apply, and the score is at most a few hundredths whatever its contrast and
    // size (raised C3N-00247, right hilum, in-plane segmental arteries: seed 9000 round 0 clot 1, seed 10000
    // round 0 clot 4, s34-hilumzone's s8000 round 1 clot 4). On thin slices the box adds little (1 mm: 0.08 mm2).
    // A sheet one in-plane voxel thick and a one-voxel strand stay flat / thin: the box adds 0.11 mm2
    // in-plane (half-width 0.73 mm). Such a slab cut-off also reads its mixing term from its solid core, as a
    // two-sided lung occlusion does (twoSidedOcclusionMixingFromCore gates both): three working voxels across a
    // 2.3 mm artery are mostly partial-volume rim (seed 10000 round 0 clot 4: median 209 HU, core 94 HU).
    // Measured (s35-hilumecc, raised C3N-00247): seed 9000 r0c1 0.012 -> 0.519, seed 10000 r0c4 0.008 -> 0.671
    // (0.429 without the core mixing), and the same site in seed 8000 (r0c4); clean raised C3N unchanged (max 0.441),
    // C3N as is 2 candidates to 0.30 and 0.16, pa-crop 3 candidates to at most 0.29 (findings unchanged).
    // Validations on seeds 7, 1000, 2000: no clot and no FP changed. 0: off (point moments, as before).
    // Stop 27 (lead): only for candidates on one slice beside arteries of at least segmentalRadiusMm; without that
    // bound a 3-voxel strand beside a 1.5 mm vessel on pa-crop (1.5 mm voxels, seed 11000 fill round 0) scored 0.507.
    double cutoffSlabMaxVesselRadiusMm = 3.0;
    // ... and only when the tree radius on the candidate's own slice (CandidateFeatures::sliceVesselRadiusMm) is at
    // least this share of the radius in its 5-slice box (vesselRadiusMm): the artery runs in that slice. Where an
    // artery crosses from one slice to the next, partial volume with the lung leaves a one-slice gap between its two
    // lumens beside only a thin tail of lumen on its own slice: a sheet, which keeps its penalty. Measured
    // (s35-hilumecc, clean raised C3N-00247): such gaps at (180,272,54) 1.13 / 1.60 = 0.71 (score with the box
    // moments 0.71), (155,297,46) 1.13 / 2.52 = 0.45 (0.53), and the strand (341,258,59) 1.60 / 2.52 = 0.63 (0.87 in seed
    // 9000 round 0; on C3N as is (343,259,59) 0.67);
    // the target clots 2.26 / 2.52 = 0.90 and 2.52 / 2.52 = 1.0.
    double cutoffSlabMinSliceRadiusShare = 0.8;
    // ... or, when it is not, when at most this share of its voxels has lumen right above or right below it
    // (CandidateFeatures::lumenCoveredShare, slice_lumen_contact.h): a one-slice OCCLUSION of an artery running in
    // its slice. The clot removes the lumen on its own slice, so the tree radius there is only that of the lumen's
    // thin ends (slice R / box R 1.13 / 2.26 = 0.5, as low as a gap's), but no lumen of its artery lies over or under
    // it: the clot fills the artery's whole section on both slices the artery spans. A slice-transition gap lies
    // where the artery is shared between its slice and the next: the artery's lumen on the slice above or below
    // covers it through the plane. Measured (s36-inplaneocc, embolism_review with the slice gate off): target
    // seed 9000 round 1 clot 5 (the same site in seeds 8000 r1 and 12000 r2, default mode) 0.079; the gaps on the
    // clean raised C3N (155,297,46) 0.93 and (180,272,54) 0.53, on C3N as is (343,259,59) 0.27: 0.15 sits 0.07 over the
    // target and 0.12 under the lowest gap. With it no candidate of the clean raised C3N, C3N as is or pa-crop changed
    // score. One positive example only (one clot placement): a thin margin of evidence. Negative: off.
    double cutoffSlabMaxCoveredShare = 0.15;
    // A lung cut-off that lies along its artery's patent lumen is a wall-adherent partial defect open to the wall,
    // scored as a partial defect (CandidateFeatures::openWall, candidate_scoring.cpp): one lumen side, more than
    // maxCutoffEnclosure of its faces on contrast, more than one slice, on the arterial tree, and at least
    // openWallMinCoveredShare of its voxels with lumen right above or below (slice_lumen_contact.h).
    // Why: an eccentric clot against the wall of an artery of 3-3.4 mm radius (s37-smallseg class C) is not
    // closed by the lumen closings (no contrast on its wall side) and becomes a "cut-off" (thick soft tissue
    // beside the lumen); as a cut-off it is read as a plug filling its artery: its half-width (0.9 mm, 0.27 R)
    // takes the strand penalty (cutoffMinFill) and its flat lens shape the sheet penalty, 0.03 whatever its
    // contrast (s39-openwall NOTES).
    bool openWallDefect = true;
    double openWallMinCoveredShare = 0.8;
    // On suboptimal (venous-phase) contrast a cut-off is weaker evidence: blood of 125-150 HU is only
    // 65-90 HU above clot against 52 HU noise, so noise and partial-volume dips of a dim intrapulmonary
    // vessel under the 100 HU lumen threshold also look like plugs that fill their vessel. Keeps the
    // 0.5 the old lung-contact step took from these cut-offs: C3N-00247 as is gained a background
    // cut-off (167,273,50; fill 0.71, score 0.59) without it.
    double suboptimalCutoffPenalty = 0.5;
    // A partial (not complete, not cut-off) defect has contrast around it, so it is narrower than its
    // vessel: half-width at most this x R (inserted central/eccentric clots 0.48-0.78 R). The
    // subcarinal fat / pericardial recess of the raised C3N-00247 measures 1.15 R (under the 1.25 R
    // limit for occlusions above).
    double maxPartialDefectWidthToRadius = 1.0;
    // Polo-mint sign: at least this share of a defect's face neighbours is contrast (enclosure). Demanded
    // of mediastinal candidates (soft tissue between touching enhanced structures is completed as
    // "lumen" too), and only then is a partial defect's width measured against its completed lumen
    // rather than the rim of contrast beside it (s15; candidate_scoring.cpp).
    double poloMintMinEnclosure = 0.75;
    // Own-side enclosure (own_side_faces.h, s33-centralecc): in a central artery the 9 mm closing's
    // thickness test keeps only the deep slab of a wall-adherent clot; the clot's own wall side (voxels
    // only that test rejected) and its other parts (other candidates' defects: a neck-split part, a
    // stump plug) lie beside the slab as non-lumen faces, so the polo-mint terms (the enclosure term,
    // the lymph-node -1.5 under 0.35, the mediastinal -2.5 under poloMintMinEnclosure) veto the clot.
    // With the rule they read the enclosure with those faces left out, for a mediastinal closing
    // defect (not a cut-off or stump plug, not a fine-pass defect) on CTPA contrast of at least
    // ownSideMinVolumeMm3, and only when that enclosure shows the polo-mint sign (poloMintMinEnclosure;
    // without this, a 287 mm3 web between two great vessels, seed 4000 fill round 0 (43,36,66),
    // own-side enclosure 0.62, rose from 0.325 to 0.491). Measured (embolism_review, pa-crop f24 rounds and the clean pa-crop and
    // raised C3N-00247): the gains, seed 5000 default round 1 clot 0 (273 mm3, enclosure 0.49 -> 1.00,
    // 0.395 -> 0.984) and seed 4000 section-fill round 0 clot 1 (756 mm3, 0.25 -> 1.00, 0.086 -> 0.990);
    // every candidate the lifted enclosure would take over 0.5 without the volume bound is a notch or
    // fragment of 7-138 mm3 (clean pa-crop (22,65,87) 138 mm3 and (19,65,75) 111 mm3, raised C3N
    // 23-54 mm3, seed 4000 fill (33,64,78) 118 mm3). 200 mm3 lies 1.45x above them and 1.37x below
    // the smaller gain. (A central clot 0.55 R x 4 R in a 7 mm artery is about 870 mm3.)
    // The slab faces the lumen with one broad side: its plain enclosure is at least ownSideMinEnclosure
    // (a slab of thickness t and width w with one lumen side: about 1 / (2 + 4 t / w)). Gains 0.25 (seed
    // 4000 fill) and 0.49 (seed 5000); without the floor a 493 mm3 fragment of tissue between the great
    // vessels below the trunk (seed 1000 section-fill round 1 (71,57,69), plain enclosure 0.125, its other
    // faces a web's parts and thin-only tissue) rose to 0.988: a false positive. 0.2 lies 1.6x above it
    // and 1.27x under the smaller gain: a thin margin, from one case on each side.
    // The slab is a part of one clot, so its volume has a ceiling too (ownSideMaxVolumeMm3): on the
    // lead's validation of stop 25 (/work/runs/f25, seed 3000 default pa-crop round 1) a 1,698 mm3
    // region of mediastinal tissue below the pulmonary bifurcation, between the aorta, the trunk and the
    // left atrium (looked at; no truth voxel, plain enclosure 0.36, own-side 1.0), rose to 0.993: a false
    // positive. 1,100 mm3 lies 1.45x above the larger gain (756 mm3) and 1.54x below it; one case on
    // each side again. A larger slab of a real clot is left to the plain enclosure, as before the rule.
    bool ownSideEnclosure = true;
    double ownSideMinVolumeMm3 = 200;
    double ownSideMaxVolumeMm3 = 1100;
    double ownSideMinEnclosure = 0.2;

    // Round-section completion (round_sections.h): a wall-adherent clot whose contrast rim is thinner
    // than a working voxel meets periarterial tissue of its own density, so no closing covers its
    // wall side (README, s18-pe-lobar); the crescent of lumen it leaves keeps the artery's outer arc.
    // Levels whose tree voxels start sections (artery_levels.h codes): lobar arteries (6-10 mm wide,
    // up to about 15 mm for the interlobar artery) are round and lie in the hilum, where the rim is
    // lost against hilar soft tissue.
    bool roundSectionCentral = false;
    bool roundSectionLobar = true;
    bool roundSectionSegmental = false;
    // The section: sampled every roundSectionStepMm (under half the 1.13 mm working spacing) within
    // roundSectionWindowMm of the centreline voxel, which an eccentric clot pushes up to about 0.6 R
    // off the artery's centre: a lobar artery of up to 9 mm radius (roundSectionMaxRadiusMm, an
    // interlobar artery of 15 mm plus its partial-volume edge) still fits the window.
    double roundSectionWindowMm = 14.0;
    double roundSectionStepMm = 0.5;
    double roundSectionMaxRadiusMm = 9.0;
    // The outer arc: boundary samples of the lumen within this of its convex hull's boundary (1.5
    // samples: the hull runs through sample centres, the arc's samples lie on a staircase).
    double roundSectionHullToleranceMm = 0.75;
    // The circle is the artery only when its arc covers at least this much: an inserted eccentric clot
    // (0.7 R, offset 0.35 R) touches the wall over about 50 degrees, so its crescent covers about 310;
    // a clot filling half the section still leaves 200. A short arc fixes no circle.
    double roundSectionMinArcDeg = 200.0;
    // ... and fits the arc's samples within an RMS of this share of its radius, in quadrature with the
    // nearest-voxel rounding of the plane (round_sections.cpp; 0.65 mm across an axial vessel on the
    // 1.13 x 1.13 x 3 mm grid): an artery is round within about 10%; two touching vessels or a
    // bifurcation give two arcs, which no circle fits.
    double roundSectionMaxResidualFraction = 0.1;
    // The wall's partial-volume shell inside the circle is not a defect (defectShellMm's role for the
    // closings; the fitted circle runs through the outermost lumen samples, half a voxel beyond the
    // lumen's voxel centres).
    double roundSectionShellMm = 1.0;
    // Inside the shrunk circle: the crescent of lumen at least this share (a clot of 0.7 R leaves
    // about half; an occlusion has no crescent to fit), band tissue (thrombus) at least
    // roundSectionMinDefectShare (a partial-volume sliver is less; the inserted eccentric clot about
    // 0.45), and the non-lumen part mostly band tissue (roundSectionMinBandShare): fat, lung or another
    // vessel's lumen inside the circle is no artery's section.
    double roundSectionMinLumenShare = 0.3;
    double roundSectionMinDefectShare = 0.1;
    double roundSectionMinBandShare = 0.8;
    // Scoring: a candidate with at least this share of its voxels inside fitted round sections is a
    // wall-adherent defect inside its artery; outside the lung hull it is exempt from the polo-mint and
    // lymph-node terms (an eccentric clot touches the wall, so contrast cannot wrap it;
    // candidate_scoring.cpp).
    double roundSectionMinCandidateShare = 0.5;
    // Round-section voxels that no closing, cut-off or stump plug marks form candidates of their own
    // (a fragment of other defects under minCandidateVolumeMm3 that touches them stays with them), and
    // no gap run (stump_occlusions.h) takes them (s30-wallcentral). Joined to the other defects they
    // touch beyond the fitted circle, pa-crop's central clots at the right PA's origin were scored
    // with them and lost to the centroid's solid-core veto (core_contrast_norm < 0.7): held-out seed
    // 1000 default round 5 clot 0 (in a closing web of 6,990 mm3, 0.61) and seed 2000 section-fill
    // round 1 clot 4 (1,050 mm3 with other defects, 0.33); apart each is a finding (s30-wallcentral
    // notes: scores and volumes). No other clot's detection, FP or background finding changed on
    // seeds 7, 1000, 2000 in either mode, nor on raised or as-is C3N-00247 (the clean pa-crop has no
    // round-section voxel; the clean raised C3N-00247 14 section entries, repeats counted).
    bool roundSectionApart = true;
    // ... only on CTPA-level contrast (ContrastState::Adequate; candidateSearchParams, candidates.h). On
    // C3N-00247 as is (suboptimal, PA about 140 HU) it cut a lobar occlusive clot in two (held-out seed
    // 3000 round 1 clot 1 [325,257,62]): a round-section piece and a closing piece of 27 mm3 each, whose
    // centroid cores (0.51, 0.55) fail the solid-core test that the joined group passed (0.83, score 0.70).
    // Both clots the rule gained are on CTPA-level pa-crop, and no CTPA-level clot was lost (stop 22).
    bool roundSectionApartCtpaOnly = true;

    // Beyond-occlusion pass (beyond_occlusion_pass.h): a clot in the trunk or a main PA cuts the
    // arteries beyond it off from the trunk region the tree grows from; the detector then runs once more
    // on the working grid with the first run's findings filled with contrast (the measured PA
    // enhancement), and reports the findings of that run that keep away from the first run's. Measured
    // before it (README stop 31, lab notes s40-cleft): pa-crop's left lower lobe artery was lost in 5
    // validation rounds, each with large central clots upstream; the findings filled with 480 HU and the
    // scan analysed again found its clot in the 3 rounds with a complete finding of 10,000 mm3 or more
    // (s24000 fill r0, s23000 fill r1 and r2), not in the 2 where the first run had none over 1,400 mm3.
    // Validation with it: README stop 32.
    bool beyondOcclusionPass = true;
    // Trigger: a finding scored at least beyondOcclusionTriggerScore (the default operating point, fixed so
    // that the validation's sweep, which lowers operatingPoint, runs the same passes as a run at the
    // operating point) that is an occlusion ("complete") reported at the central level (trunk, main PAs)
    // with at least beyondOcclusionMinMm3: a clot that fills a main artery's section (radius 12 mm) over
    // 22 mm. Only the findings so scored are filled. Measured with 2000 mm3 and any level (stop 32, seeds
    // 19000-26000, both modes): every round where the pass added a true finding had a central occlusion of
    // 10,145-31,185 mm3; the one raised C3N-00247 round that triggered it (seed 21000 round 1: a lobar
    // occlusion of 2,114 mm3, reported central at 6,794 mm3 in section-fill mode) gained 2 false findings
    // in the left hilum (0.69, 0.60) and no clot. Chosen on those seeds: the next untuned seeds test it.
    double beyondOcclusionTriggerScore = 0.5;
    double beyondOcclusionMinMm3 = 10000.0;
    // The fill reaches this far beyond the findings (mm): a finding's voxels are those under the lumen
    // threshold, and the partial-volume rim around them (about one 1.1 mm working voxel wide) would
    // otherwise read as a thin shell of defect. Never lowers a voxel (beyond_occlusion_pass.cpp).
    double beyondOcclusionFillMarginMm = 1.5;
    // ... and only voxels of at least this HU are raised (the working grid, before smoothing): clot and
    // blood, not fat (about -100 HU) or lung. A finding that reaches lung or fat (the mediastinal tissue
    // around a massive central mass) would otherwise grow lumen there; on pa-crop, whose crop holds little
    // lung, filled lung left the contrast check no lungs (seed 21000 round 0, a 34,513 mm3 finding).
    // -30 HU: the contrast check's floor of blood and soft tissue (contrast_check.cpp).
    double beyondOcclusionFillMinHu = -30.0;
    // A finding of the pass with a voxel within this distance of a filled finding (mm) repeats it: the
    // first run reported that defect, and the fill's edge is no clot. 4 mm: the fill margin plus two
    // working voxels of smoothing (1 mm Gaussian).
    double beyondOcclusionRepeatMarginMm = 4.0;

    // Scoring / operating point.
    double operatingPoint = 0.5;     // candidates with score >= this are reported
    int maxCandidates = 20;
};

/// The parameters as analysis.json writes them under "parameters" / "embolism" (embolism_params.cpp).
void to_json(nlohmann::json& j, const EmbolismParams& p);

}  // namespace tv
