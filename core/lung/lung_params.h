#pragma once
// Parameters of the lung segmentation and opacity (GGO / consolidation) scorer, with defaults and
// the source of every clinical number. Serialised into analysis.json ("parameters"."lung_opacity")
// so that a run can be reproduced and audited.
#include <nlohmann/json.hpp>

namespace tv {

struct LungOpacityParams {
    // --- lung segmentation -------------------------------------------------------------------
    /// Voxels below this (HU) count as aerated lung / air. Aerated lung is -950..-700 HU and soft
    /// tissue above about -100 HU (clinical-reference.md, "CT numbers"); -400 keeps most GGO-affected
    /// lung in the seed while leaving a wide margin to the chest wall.
    double airThresholdHu = -400.0;
    /// Air components smaller than this fraction of the largest are not lung (bowel gas, stomach).
    double minLungComponentFraction = 0.15;
    /// Airway lumen threshold for the trachea region growing (lumen air is about -1000 HU).
    double airwayLumenHu = -900.0;
    /// Trachea and bronchi narrower than this diameter (mm) are left inside the lung mask; wider
    /// ones (trachea, main and intermediate bronchi) are labelled airway.
    double airwayMinDiameterMm = 7.0;
    /// Radius (mm) of the per-slice closing of the grown lumen before the airwayMinDiameterMm
    /// opening: fills the lumen voxels that noise lifts above airwayLumenHu (with Gaussian noise of
    /// 55 HU, C3N-00247's, about 9 % of -1000 HU lumen voxels lie above its -925 HU threshold), which
    /// pierce the trachea's section so that the opening drops it. 1.5 mm fills holes up to about
    /// 3 mm across (2-5 pixels at 0.56-0.75 mm pixels); the
    /// closed lumen is intersected with the air below airThresholdHu, so the wall is not added.
    double airwayLumenClosingMm = 1.5;
    /// A wide airway section interrupted along the slice axis for at most this length (mm) of air
    /// (below airThresholdHu) stays airway: the trachea and main bronchi do not narrow below airwayMinDiameterMm for
    /// a slice or two, noise and partial volume do (normal001: one 2 mm slice of the trachea below
    /// the seed failed the opening and cut the seed off the rest, s18). 6 mm: up to two failing
    /// slices at 2-3 mm (the shared scans' spacing; the measured need is one 2 mm slice) and one at
    /// 5 mm; still well under the trachea's own diameter (15-25 mm), and the bridge runs only through
    /// air between sections that are already wide, so it cannot join separate airways.
    double airwayMaxGapMm = 6.0;
    /// The lumen grown below airwayLumenHu ends inside the partial-volume rim at the airway wall; the
    /// wall contour lies near the half-maximum between air and wall, i.e. near airThresholdHu. Before
    /// the opening the lumen is grown this far (mm, in-plane, through air below airThresholdHu only)
    /// so that airwayMinDiameterMm is measured at the wall: on normal001 the -900 HU lumen of the
    /// main bronchi is 2-3 pixels (0.75 mm) narrower on each side than their -400 HU section (s18).
    double airwayLumenRimMm = 2.0;
    /// Lung voxels within this distance (mm, in the axial slice) of the central airway label are the
    /// airway wall's partial-volume rim, not lung, and the lung fill never adds voxels there. The
    /// airway label ends near the wall's inner contour (airwayLumenRimMm); the tracheal and main
    /// bronchial wall is about 1-3 mm thick and the lung lies beyond it. Without the clearance, rim
    /// voxels of the trachea below airThresholdHu that the airway growth missed stay in the lung label
    /// and the 12 mm closing bridges the mediastinum between them and the lung: on C3N-00247 the lung
    /// apices reached the trachea through strips of mediastinal fat and soft tissue (mean -121 HU right,
    /// +30 HU left, slice 85; s19). 1.5 mm is under the thinnest wall plus pleura between trachea and
    /// apical lung (the right paratracheal stripe, about 1-4 mm).
    double airwayWallClearanceMm = 1.5;
    /// Radius (mm) of the per-slice rolling-ball closing that puts juxta-pleural and dense
    /// posterior consolidation back into the lung (threshold methods cut it off).
    double closingRadiusMm = 12.0;
    /// Per-slice convex hull step after the closing: the costal pleura is convex in every axial
    /// section, so where consolidation leaves a dent wider than the rolling ball (COVID-CT-MD P001,
    /// posterior left lower lobe, slices 89-98) the hull reaches the pleural line. A region the hull
    /// adds is kept only when its mean HU is at most this: soft tissue is +20..+60 HU and fat about
    /// -100 HU (clinical-reference.md), so a mean of -200 HU or less means air in the region, i.e.
    /// partly aerated (consolidated) lung; the heart, liver, diaphragm, hilum and paravertebral fat
    /// in the hull's mediastinal and diaphragmatic concavities stay out. -200 lies inside the
    /// consolidation band (-300..+50) and Lung CT Analyzer's "collapsed" class (-400..0).
    double pleuralHullMaxMeanHu = -200.0;
    /// Denser hull regions (mean above pleuralHullMaxMeanHu, up to this) hold no air: consolidation
    /// (-300..+50 HU) and fat (about -100 HU) both fall here. They are kept only when, joined across
    /// slices into 3-D groups, the group is capped in z by lung: at least
    /// pleuralHullMinLungCapFraction of the voxel faces where the group ends above or below border
    /// the lung mask. Consolidation is a lesion inside the lung's outline (aerated lung over and under
    /// it: the dent closes in the slices above and below); extrapleural and mediastinal fat and muscle
    /// in the hull's concavities continue in z into more chest wall or mediastinum. -50 HU stays below
    /// soft tissue (+20..+60), so the liver, spleen and heart under lung (capped by it above) never
    /// qualify; fully solid consolidation denser than that is still left out.
    double pleuralHullDenseMaxMeanHu = -50.0;
    double pleuralHullMinLungCapFraction = 0.6;

    // --- opacity classification --------------------------------------------------------------
    /// Gaussian smoothing before the HU bands. The sigma actually used grows with the measured
    /// noise: sigma = clamp(baseSmoothingSigmaMm * noise / referenceNoiseHu, min, max).
    double baseSmoothingSigmaMm = 1.0;
    double referenceNoiseHu = 25.0;
    double minSmoothingSigmaMm = 0.7;
    double maxSmoothingSigmaMm = 2.0;
    /// Ground-glass opacity band [ggoLowHu, consolidationLowHu): about -750..-300 HU
    /// (clinical-reference.md; -300 HU split: BMC Infect Dis 2021; 3D Slicer Lung CT Analyzer
    /// "infiltrated" starts at -750).
    double ggoLowHu = -750.0;
    /// Consolidation band [consolidationLowHu, consolidationHighHu]: about -300..+50 HU
    /// (clinical-reference.md). Denser voxels (calcification, contrast) are not counted.
    double consolidationLowHu = -300.0;
    double consolidationHighHu = 50.0;
    /// Multiscale Hessian vesselness (Frangi et al., MICCAI 1998) removes the pulmonary vessels,
    /// end-on or in plane, with their partial-volume halo. Scales: for a solid tube of radius r the
    /// sigma^2-normalised second derivative peaks at sigma of about r/2 (a disk's profile has a
    /// standard deviation of r/2), so sigma 0.7-2.4 mm covers vessels of about 3-10 mm diameter;
    /// thinner vessels are removed by the thin-structure opening below and are blurred by the
    /// 2-3 mm slices anyway. The smallest scale is the analysis' own minimum smoothing (0.7 mm):
    /// a scale at or below the smoothing sigma uses the smoothed CT itself; the others are spaced
    /// geometrically and computed in a cascade from it.
    double vesselnessMinSigmaMm = 0.7;
    double vesselnessMaxSigmaMm = 2.4;
    double vesselnessScaleCount = 3;
    /// Frangi's plate-vs-tube and blob-vs-tube sensitivities (0.5 and 0.5 in Frangi 1998).
    double vesselnessAlpha = 0.5;
    double vesselnessBeta = 0.5;
    /// Frangi's structure (contrast) term c, on the sigma^2-normalised Hessian norm (HU). At the
    /// matched scale that norm is about 0.35 x the tube's contrast: about 300 HU for a vessel
    /// (blood about 40 HU in lung at -850 HU), 100-150 HU for small vessels blurred by partial
    /// volume. c at 60 HU lets small vessels count fully; ground glass is kept out by
    /// vesselCoreMinHu, not by this term.
    double vesselnessContrastHu = 60.0;
    /// A candidate voxel is a vessel when its vesselness at any scale reaches this (0..1). A vessel
    /// at the matched scale scores about 0.85 (tube ratios 1 and 0); 0.25 also takes elliptical
    /// cross-sections (in-plane vessels on 2-3 mm slices) and gently curved vessels.
    double vesselnessThreshold = 0.25;
    /// ... and when its smoothed HU reaches this: the lumen of a vessel is blood (about 40 HU;
    /// small vessels above about -500 HU after smoothing), while ground glass is -750..-300 HU
    /// with early COVID-19 lesions peaking at -700..-500 HU (clinical-reference.md). Without it,
    /// the off-centre voxels of a round GGO nodule look tubular to the Hessian (two equal strong
    /// curvatures, one weaker) and the nodule is erased.
    double vesselCoreMinHu = -500.0;
    /// Vessel voxels are searched only this far (mm, in the axial slice) from the lung surface:
    /// subpleural vessels are under about 2 mm across (removed by the thin-structure opening), and
    /// dense juxta-pleural consolidation, which meets the chest wall in a ridge, looks tubular to
    /// the Hessian (it erased the synthetic pleural consolidation without this).
    double vesselnessMinPleuraDistanceMm = 5.0;
    /// Candidates within this distance (mm, in the axial slice) of a vessel voxel are its
    /// partial-volume halo (from the -500 HU core boundary out to the -750 HU candidate boundary
    /// the smoothed profile of a vessel spans about 1-2 mm) and are removed with it. The value holds
    /// up to the base smoothing sigma (baseSmoothingSigmaMm, 1 mm); on noisier scans, smoothed more,
    /// it grows in proportion to the sigma (the blurred halo is wider: 3.5 mm on C3N-00247 at 1.76 mm).
    double vesselHaloMm = 2.0;
    /// 1: candidates at the in-plane position of a vessel voxel in the slice above or below are
    /// halo too (the slice profile blurs a vessel into its neighbour slices: a through-plane
    /// partial-volume halo that the in-slice vesselHaloMm does not reach); 0: in-slice halo only.
    /// Measured (s18, 2026-11-30): normal001 involved slices 2 -> 0 (slices 99-100, a -585 HU patch
    /// beside a right hilar vessel and a band along the great vessels), involvement 0.07 -> 0.03 %;
    /// P001 sensitivity / specificity unchanged under both label readings, lobe agreement
    /// 0.754 -> 0.769 (as given) and 0.886 -> 0.901 (reversed).
    double vesselHaloThroughPlane = 1.0;
    /// Nodule-scale blob protection (a blob-vs-tube decision that does not rely on connectivity):
    /// a ground-glass or part-solid nodule of 8-14 mm that a vessel runs into has dense voxels that
    /// pass the tube test at the vessel scales (its off-centre voxels look tubular, and the vessel
    /// tree connects to it), so the nodule was erased with the vessels. At the nodule's own scale
    /// the Hessian of the Gaussian-smoothed CT has three negative eigenvalues of similar size
    /// (a bright blob), while a vessel, even where it forks, keeps one weak eigenvalue along its
    /// axis. Scale-space blob detection with sigma^2-normalised derivatives: Lindeberg T.,
    /// "Feature detection with automatic scale selection", Int J Comput Vis 30(2):79-116, 1998;
    /// the dot (nodule) vs line (vessel) filters on Hessian eigenvalues: Li Q., Sone S., Doi K.,
    /// "Selective enhancement filters for nodules, vessels, and airway walls in two- and
    /// three-dimensional CT scans", Med Phys 30(8):2040-2051, 2003. Scales: a ball of radius R
    /// has an axial standard deviation of R/sqrt(5), and the sigma^2-normalised response of its
    /// centre peaks at sigma of about that to 1.4 times that (2.2-4.4 mm for 10-14 mm nodules);
    /// scales of 3-5 mm are above the vessel scales (0.7-2.4 mm) so that thin vessels and their
    /// forks are blurred away. The detector runs on a grid binned in-plane to about
    /// noduleBlobGridMm and only near tube voxels. noduleBlobScaleCount 0 disables it.
    double noduleBlobMinSigmaMm = 3.0;
    double noduleBlobMaxSigmaMm = 5.0;
    double noduleBlobScaleCount = 2;
    /// All three eigenvalues negative and the weakest at least this fraction of the strongest
    /// (1 at the centre of a ball, about 0 on a straight vessel). A vessel entering a nodule
    /// stretches its curvature along the vessel: with 0.6, 68% of a synthetic 10 mm nodule that a
    /// 5 mm vessel enters end-on was kept, with 0.5 all of it; 0.4 flagged 16 instead of 10 slices
    /// of normal001. A synthetic bifurcation (5 mm parent, 4 mm branches at +-30 degrees) yields no
    /// blob centre at 0.4-0.6.
    double noduleBlobMinEigenRatio = 0.5;
    /// ... and the weakest eigenvalue, sigma^2-normalised, at least this (HU): about 0.14 x the
    /// contrast of a 10 mm ball at sigma 3 mm, so 25 HU keeps nodules of about 180 HU above the
    /// parenchyma (ground glass at -650 HU in lung at -850 HU) and more.
    double noduleBlobMinContrastHu = 25.0;
    /// The detector sees the CT clipped at this HU (the ground-glass / consolidation split): blood
    /// in a vessel (about 40 HU) is 900 HU above the parenchyma and would dominate the curvature of
    /// a nodule at -650..-300 HU that it enters; clipped, a 2-5 mm vessel blurred at 3-5 mm is a
    /// weak response beside a 10 mm nodule.
    double noduleBlobClipHu = -300.0;
    /// ... and of the voxels in the opacity band around a blob centre (Gaussian-weighted at the
    /// blob's scale) at most this fraction may be denser than noduleBlobClipHu: a knot of vessels
    /// seen end-on (a branch point, crossing vessels) can pass the clipped blob test, but it is
    /// mostly blood with a thin partial-volume rim, while a ground-glass or part-solid nodule is
    /// mostly below -300 HU even with a vessel inside it. Measured (2026-11-29): P001's nodules
    /// 0.00-0.12; a vessel knot in P001's right lung (slice 74) 0.21-0.23; normal001's blob centres
    /// mostly 0.4-0.84. Limit: a 10 mm nodule that a 5 mm vessel enters end-on scores 0.30 (a
    /// synthetic case) and is not protected; with a 3 mm vessel it is.
    double noduleBlobMaxDenseFraction = 0.2;
    /// In-plane spacing (mm) of the grid the blob detector works on (integer binning).
    double noduleBlobGridMm = 2.0;
    /// Tube and halo voxels within this distance (mm, 3-D) of a blob-centre voxel of the coarse
    /// grid are kept as opacity: the blob test passes within about 0.7 x the blurred nodule's
    /// standard deviation of its centre (2-3 mm for a 10 mm nodule at sigma 3 mm), so this margin
    /// reaches the nodule's edge. 3 mm left the rim of P001's slice-110 nodule to the tube test
    /// (the slice stayed below the area threshold); 5 mm flagged 13 instead of 10 normal001 slices.
    double noduleBlobProtectRadiusMm = 4.0;
    /// Opacity narrower than this (mm) in an axial slice after the vessel removal is an airway
    /// wall, a fissure or the remnant of a vessel branch point, not GGO: removed by a per-slice
    /// opening with a disk of this diameter (fissures are 1-2 mm thick, 3-4 mm with their halo).
    /// Holds up to baseSmoothingSigmaMm and grows in proportion to the smoothing sigma actually used
    /// (thick noisy slices: in-plane vessels diluted below vesselCoreMinHu are removed here).
    double thinStructureMaxWidthMm = 4.0;
    /// Wide components at the hilum are the central pulmonary vessels with their halo, not
    /// opacity: a per-slice component whose mean smoothed HU is above hilarVesselMinHu and with
    /// more than half of its pixels in the medial hilarMaxMedialFraction of its lung's width on
    /// that slice (and in the central 15-75% of the lung's antero-posterior depth, 15-95% of its
    /// height) is excluded. The width is measured along each pixel's own row, from the lung's
    /// medial edge in that row (the mediastinum or hilum) to its lateral edge: the slice's own
    /// medial extreme is often the anterior or posterior junction line at the midline, which put
    /// P001's dense left hilar structure beside the upper-lobe bronchus (slices 76-83) at 0.40-0.41
    /// of the width, just outside the band (s13, 2026-11-29). COVID-19 opacities are predominantly peripheral and posterior; central
    /// opacities are missed by this rule.
    double hilarVesselMinHu = -500.0;
    double hilarMaxMedialFraction = 0.4;
    /// 1: the width is measured along each row as described above; 0: from the slice's medial
    /// extreme of the lung (the rule before branch s13-ggo-specificity, 2026-11-29). On by default
    /// since 2026-11-29 23:40 UTC: on the screenshot of P001 slice 80 the structure it removes (slices
    /// 76-83) is a consolidation-band blob inside the left pulmonary artery's cross-section beside the
    /// upper-lobe bronchus, not ground glass; the labels as given call 79-80 infected only because of
    /// it (README "GGO scorer validation").
    double hilarWidthAlongRows = 1.0;
    /// The rule applies between these fractions of the lung height (base 0, apex 1) only.
    double hilarMinHeightFraction = 0.15;
    double hilarMaxHeightFraction = 0.95;
    /// Isolated opacity components smaller than this volume (mm^3) are ignored (specks).
    double minOpacityComponentMm3 = 100.0;
    /// Voxels within this distance (mm) of the lung surface are ignored for opacity, because of
    /// partial volume with the chest wall (the closing already puts dense pleural lung back in).
    double pleuralMarginMm = 1.5;
    /// Voxels within this height (mm) above non-lung tissue (the diaphragm dome, cut obliquely by
    /// the slices) are ignored for opacity: partial volume puts them in the GGO band.
    double diaphragmMarginMm = 4.0;
    /// Voxels within this depth (mm) below non-lung tissue (the apical dome, cut obliquely by the
    /// slices) are ignored for opacity, for the same partial-volume reason as at the diaphragm.
    /// Measured on P001 (2 mm slices; 2026-11-29, s13): every flagged voxel of the apical false
    /// positives (slices 133, 137; normal001 slice 143) had non-lung tissue in the very next slice
    /// above (2 mm), while the nearest flagged voxels of the posterior lesions on slices 42 and 67
    /// were 6 mm below it; 4 mm matches diaphragmMarginMm (one slice at 3 mm, two at 2 mm).
    double apicalMarginMm = 4.0;
    /// ... in the upper part of each lung only (fraction of its height, base 0, apex 1): lower down
    /// the same walk would clear the lower half of dense juxta-pleural consolidation that the
    /// rolling-ball closing put back only partly (the synthetic posterior consolidation at 0.3 of
    /// the height: 16.5 % of it measured before s13, 10.6 % with the walk at every height, 15.3 %
    /// with this limit) and lung under the hilar structures. The apical false positives lie at 0.87-0.99 (P001 left 120, 137; right 133;
    /// normal001 143).
    double apicalMarginMinHeightFraction = 0.75;
    /// Voxels within this distance (mm, in the axial slice) of the mediastinum (non-lung tissue
    /// between the two lungs along a row, in front of mediastinalMaxPosteriorFraction of the lungs'
    /// antero-posterior extent, and beside the heart: see mediastinalMarginMaxHeightFraction) are
    /// ignored for opacity: on CT without ECG gating the heart moves during the acquisition of a
    /// slice, which smears its border into the adjacent lung as a band in the GGO range (cardiac-motion / pulsation
    /// artifact, a known mimic of ground glass); the chest-wall pleura does not move this way,
    /// hence a margin larger than pleuralMarginMm on this side only. Measured (2026-11-29, s13):
    /// normal001 flagged 8 slices with 0 mm, 6 with 5 mm and 1 with 8 mm; on P001 8 mm changed no
    /// slice decision and removed 1.1 mL of 76 mL opacity; see README "GGO scorer validation".
    double mediastinalMarginMm = 8.0;
    /// Behind this fraction of the lungs' antero-posterior extent on the slice (0 front, 1 back)
    /// the tissue between the lungs is spine, aorta and oesophagus, and the paravertebral lung
    /// beside it is a typical site of COVID-19 opacity: no mediastinal margin there (the same
    /// posterior limit as the hilar rule).
    double mediastinalMaxPosteriorFraction = 0.75;
    /// The mediastinal margin applies to each lung at or below this fraction of its height (base 0,
    /// apex 1) only: beside the heart. Above the heart the lung borders the great vessels and the
    /// hilum, which move far less than the ventricles' walls; there the margin left central lung
    /// unsearched (7-9 % of the lung with the margin at every height, about half of it above the
    /// heart). The heart's upper border (the left atrium and the roots of the aorta and pulmonary
    /// trunk, at the level of the 3rd costal cartilages in standard anatomy texts) lies at about mid-height
    /// of the lungs: measured on screenshots (mediastinum window, 2026-11-30, s15) at 0.48 of the lung
    /// height on P001 (slice 68 shows the aortic root, 76 the ascending aorta and pulmonary trunk)
    /// and at 0.50 on normal001 (slice 78 heart, 88 ascending aorta and right pulmonary artery).
    /// Measured (2026-11-30, s15) against 1: lung left out P001 422 -> 249 mL, normal001 328 -> 179
    /// mL; P001 slice decisions unchanged; normal001 1 -> 2 flagged slices (99: a perivascular halo
    /// at the right hilum, which the margin had been hiding), 0.05 -> 0.08 %, severity 0; 0.65
    /// also hides that halo but covers the hilum again. 1: every height (the rule before s15).
    double mediastinalMarginMaxHeightFraction = 0.55;

    // --- per-slice decision ------------------------------------------------------------------
    /// A slice is "involved" when its opacity area reaches this (mm^2; a patch about 11 mm across) ...
    double sliceMinOpacityAreaMm2 = 100.0;
    /// ... and this fraction of its lung area.
    double sliceMinOpacityFraction = 0.002;
    /// A slice is also "involved" when it holds at least this area (mm^2; a patch about 5 mm
    /// across) of a 3-D opacity component whose largest axial section passes the slice threshold
    /// above: the tapered ends of a lesion confirmed on its main slice, which readers mark too.
    double sliceLesionEndMinAreaMm2 = 20.0;
    /// A lobe is involved on a slice when its opacity area on that slice reaches this (mm^2).
    double lobeMinOpacityAreaMm2 = 20.0;
    /// Scores: a lobe or zone with less involvement than this (%) scores 0 ("none"). The published
    /// scores start at "any involvement"; an automatic method needs a floor above its
    /// false-positive level on normal lungs (set from normal001: with the vesselness filter its
    /// largest false lobe involvement is 0.55% (RML), the next 0.28%; it was 1.3% before, when the
    /// floor was 1%; see README).
    double scoreNoneBelowPercent = 0.6;

    // --- regions -----------------------------------------------------------------------------
    /// Fissure search on the smoothed CT: a voxel is a fissure candidate when the Hessian has one
    /// strongly negative eigenvalue (a bright plate) below -fissureMinCurvature (HU/mm^2) and the
    /// other two are small; candidates are fitted within a band (fraction of the lung height) around
    /// the geometric prior surface.
    double fissureMinCurvature = 30.0;
    double fissureBandFraction = 0.25;
    /// Minimum fraction of the fitted fissure surface (cells of a 12 x 12 grid) that must hold
    /// plate voxels for it to replace the geometric fallback; the best surface must also hold at
    /// least 1.5 times the plate voxels of a typical candidate surface.
    double fissureMinSupport = 0.25;
    /// Curved fissures: after the plane fit, a quadratic height map v(u, w) is fitted to the plate
    /// voxels with Tukey's biweight of this half-width (fraction of the lung height; twice the
    /// plane's inlier band, so that the fit can follow a fissure that bends away from the plane)
    /// and replaces the plane when it holds at least fissureCurvedMinInlierGain times the plane's
    /// inliers (three more degrees of freedom also pick up some evenly spread plate voxels of vessel
    /// walls without a real bend) and departs from the plane by at most fissureCurvedMaxDeviation
    /// wherever it cuts the lung (the fissures are gently curved sheets; a larger swing is the fit
    /// jumping to a vessel wall or extrapolating beyond the voxels). fissureCurvedMinInlierGain 0
    /// keeps the planes.
    double fissureCurvedHalfWidth = 0.04;
    double fissureCurvedMinInlierGain = 1.05;
    double fissureCurvedMaxDeviation = 0.12;
    /// The middle lobe ends behind at the junction of the horizontal and the oblique fissure, which
    /// lies at the mid-axillary line (Gray's Anatomy, 41st ed., ch. 54: the horizontal fissure runs
    /// from the oblique fissure at the mid-axillary line forward to the 4th costal cartilage).
    /// Right-lung voxels above the oblique fissure and behind this fraction of the lung's
    /// antero-posterior extent (u) are upper lobe, whatever the fitted planes say: planes fitted to
    /// curved fissures can meet far behind the real junction (P001: at u = 0.97, so a strip up to
    /// the posterior chest wall was called middle lobe). On P001 the most lateral point of the right
    /// lung lies at u = 0.45-0.49 on the slices at the fissures' height (v 0.41-0.73) and the
    /// lateral contact spans u 0.34-0.61; the limit is the posterior end of that span.
    double middleLobePosteriorLimit = 0.6;

    /// Throws InvalidArgumentError naming the first parameter out of range.
    void validate() const;
};

nlohmann::json toJson(const LungOpacityParams& p);
/// Reads the keys present in `j` over the defaults (unknown keys are an error).
LungOpacityParams lungOpacityParamsFromJson(const nlohmann::json& j);

}  // namespace tv
