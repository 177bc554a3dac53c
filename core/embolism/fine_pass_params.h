#pragma once
// Parameters of the native-resolution fine pass for lobar and segmental defects (fine_defects.h,
// fine_slice.h). A base of EmbolismParams (embolism_params.h), as OcclusionSearchParams is; the oblique
// planes across in-plane arteries are in ObliquePassParams.

namespace tv {

struct FinePassParams {
    // Native-resolution fine pass (fine_defects.h, s21): on sub-millimetre pixels the 2 x 2 binning and
    // the 1 mm Gaussian blend a segmental central clot (0.55 R = 1.2 mm radius) into its contrast rim;
    // at native resolution it is a hole about four pixels across. Runs when the working grid bins the
    // native pixels at least fineMinBinning x in-plane and the contrast-to-noise ratio (blood - thrombusMid) / paNoiseHu is at least fineMinCnr: the
    // holes are cut at the lumen threshold, (blood - thrombusMid) / 2 below the blood, which must lie
    // two noise SD (unsmoothed working grid) below it. Raised C3N-00247: (408 - 60) / 59.7 = 5.8;
    // C3N as is (venous phase, 150 HU): 1.75, where noise holes would be everywhere.
    // fineMinBinning 1 (s29): also on unbinned scans. pa-crop's 1.5 mm voxels are not binned, but the
    // working grid's 1 mm Gaussian still blends small and wall-adherent clots into their contrast. With
    // the pass on (and fineMinPixels, fineMaxAortaShare, which it needed: without them 2-4 false
    // positives per pa-crop round), held-out pa-crop (seeds 1000 and 2000) default central 40/48 ->
    // 45/48, lobar 1/7 -> 4/7; section fill central 38/48 -> 42/48, lobar 2/6 -> 4/6; seed 7 fill
    // central 26/27 -> 27/27, lobar 3/5 -> 5/5; FP and background findings unchanged everywhere, C3N
    // unchanged (docs/history/notes/s29-finebin.md). It was 2 (binned scans only).
    bool fineDefectPass = true;
    int fineMinBinning = 1;
    // At most this share of a fine-pass group's band pixels on the aorta mask (ThoraxMasks::aorta: the
    // enhanced aortic lumen dilated by aortaWallMm): where the aorta touches a pulmonary artery both
    // lumens merge at the lumen threshold and the walls between them close into a "hole" (polo mint).
    // pa-crop without insertions: (54,58,87), 128 mm3, scored 0.95, share 0.61-0.71 over 21 rounds;
    // (60,52,81) 1.0; (50,59,87) 0.56. Every clot the fine pass found there (seeds 7, 1000, 2000): 0.
    double fineMaxAortaShare = 0.25;
    double fineMinCnr = 4.0;
    // In-plane Gaussian on native HU: cuts white noise per pixel to about 0.45 at 0.56 mm pixels
    // (C3N-00247: about 25 HU, against the 170 HU between the raised blood and the lumen threshold)
    // while a clot 2.5 mm wide keeps its core: its 3 x 3 pixels of clot keep 97% of their weight at
    // 0.35 mm (0.62 pixel); at 0.5 mm (0.89 pixel) 82%, and the contrast ring lifts the core from
    // 60 to about 110 HU (test_fine_defects.cpp's central clot failed the contrast test).
    double fineSmoothingSigmaMm = 0.35;
    // A second scale (0: off): the slice analysis runs again at this sigma and a region is taken if
    // it passes every test at either scale (defect pixels united per slice). At 0.35 mm a lobar
    // central clot's noisy core broke into holes too small or too shallow (raised C3N round 0 clot 4
    // scored 0.75 at 0.5 mm alone, s21); 0.5 mm alone lost 4 of 5 phantom tests (the narrow clots).
    double fineSecondSigmaMm = 0.5;
    // Region: native pixels whose working voxel lies within this (in-plane box) of a lobar or segmental
    // tree voxel: a central clot of 0.55 R lies within 0.55 R of the lumen around it, an eccentric
    // one (0.7 R, offset 0.35 R) within 1.4 R; lobar arteries 6-10 mm wide (R <= 5 mm; the tree's
    // lumen voxels surround the defect on at least one side).
    double fineRegionMarginMm = 3.0;
    // ... also within fineRegionMarginMm of untraced enhanced lumen (tree code 0: not trunk-connected)
    // on slices k-1..k+1 that lies within this (in-plane box) of a lobar, segmental or mediastinal-branch
    // seed voxel. A clot that plugs most of its artery cuts the lumen on its far side off the traced
    // tree, so the lumen around it is code 0 (s29-segmental: seed 2000 raised C3N r0c0, r3c0 enclosed,
    // contrastNorm 0.83, depth 1.31 mm, failing only this region test: r3c0 needs 4 mm, r0c0 6 mm
    // (its whole branch is cut off); the box is floor(reach / spacing) working voxels). Measured
    // (s29-fineroi): r0c0 found (0.70); background findings and FP per round unchanged on seeds 7, 1000,
    // 2000 (pa-crop, raised, as is); fine-pass CPU on the raised copy 1.29 -> 1.39 s. 0: off.
    double fineRoiUntracedReachMm = 7.0;
    // Deficits: dark pixels inside the slice's contrast closed with a disk of this radius. An eccentric
    // clot (0.7 R, offset 0.35 R) cuts the wall over about 50 degrees, an opening of 0.85 R (2.7 mm in
    // a 3.2 mm artery); a disk of 2 mm bridges openings up to about 4 mm.
    double fineClosingRadiusMm = 2.0;
    // ... and at least this share of a deficit's contrast face neighbours belong to one section: a
    // clot's crescent wraps it from its own artery, the gap between two vessels borders both.
    double fineMinOneSectionShare = 0.9;
    // ... where a section bordering the deficit whose mean thickness there (its area over its contact
    // length with the deficit) is at most this counts with the artery section the deficit borders
    // most: a clot filling most of its artery's section can cut the contrast between itself and one
    // wall off from the rest of the lumen, a crescent thinner than the clot (an eccentric clot of
    // 0.7 R offset 0.35 R leaves at most 0.65 R, 1.5 mm at R = 2.26 mm, on its far side), while a
    // separate vessel beside the gap is a round section at least as thick as it is wide (pi r / 2 over
    // its whole diameter: 1.5 mm from r = 0.95 mm, thinner than the segmental arteries the fine pass
    // covers). Raised C3N-00247 round 0 clot 5 (segmental eccentric, R 2.26 mm, artery running
    // in-plane): its deficit borders a 1.0-1.3 mm crescent (21 and 16 faces) and its artery (24 and 20
    // faces), a share of 0.53-0.56 (s24). 0: every section counts on its own.
    double fineRimMaxThicknessMm = 1.5;
    // A slice's defect region: at least this area (3 native pixels of 0.56 mm; a central segmental clot
    // is 4.8 mm2 at its widest), at most fineMaxDefectShare of its section (a partial defect leaves
    // contrast around it; inserted central 0.3, eccentric 0.5 of the section), at most fineMaxLowShare
    // of its pixels below the thrombus band floor (a pocket of lung or fat enclosed by two vessels).
    double fineMinSliceAreaMm2 = 1.0;
    // ... and at most this area: an eccentric clot of 0.7 R in a lobar artery of R = 5 mm (6-10 mm wide)
    // covers 38 mm2 of a section across it; larger enclosed regions lie between great vessels.
    double fineMaxSliceAreaMm2 = 40.0;
    // ... except a hole (enclosed all round by one section: a polo mint, no wall closed in) in an
    // artery the fine pass scores: the tree lumen radius next to it (VesselTree::radius of the tree
    // voxels 26-adjacent to its working voxels) at most fineMaxVesselRadiusMm. Such a hole is capped at
    // the largest defect that widest artery holds, fineMaxDefectShare x pi x fineMaxVesselRadiusMm^2
    // (79 mm2 at 0.7 and 6 mm), not at an eccentric clot's crescent in a 5 mm artery. Held-out raised
    // C3N (seed 1000) round 2 clot 2 (segmental eccentric, 123 mm3): a hole of 43.6 mm2 (contrast 0.92,
    // enclosure 1, tree radius 3.9 mm) was dropped by the 40 mm2 cap (s28-heldlobar). On the clean raised
    // background the smallest hole over 40 mm2 passing every other region test is 58.9 mm2 beside a
    // 9.1 mm tree radius; the smallest beside a radius <= 6 mm is 84.7 mm2 (s28-areacap). The segmental
    // section that holds the hole is not the measure: on the slice it is one contrast component with
    // its neighbours (288 mm2). false: the fixed cap for holes too.
    bool fineHoleCapFromVesselRadius = true;
    // Scoring: a fine candidate beside a vessel wider than this (vesselRadiusMm) is left to the
    // working grid, which resolves a clot of 0.55 R there (6.6 mm wide at R = 6 mm); lobar arteries are
    // 6-10 mm wide (R <= 5 mm), and the central ones' surroundings (walls between the great vessels,
    // enclosed when the whole blood pool is bright) gave the fine pass's false positives (s21).
    double fineMaxVesselRadiusMm = 6.0;
    // Scoring: a fine candidate with at least this share of its band pixels in holes (enclosed by its
    // artery's section on each slice) has its flatness from voxel boxes (candidate_scoring.cpp) beside
    // any vessel the fine pass covers, not only thinner than rawBandMaxVesselRadiusMm: contrast wraps it
    // in-plane, so it is neither a wall between two vessels (two sections) nor a vessel's edge (open),
    // and one 3 mm slice of it is a slab. Raised C3N round 3 clot 4 (segmental central, one slice of
    // holes beside a 3.4 mm vessel radius) scored "a sheet" (flatness 0.001, -2) and 0.15 (s22).
    double fineSlabMinHoleShare = 0.5;
    // ... counting the pixels of deficits wrapped by their artery and a rim cut off from it
    // (fineRimMaxThicknessMm) with the holes: contrast wraps them in-plane too, on one side the artery,
    // on the other the rim, so they are neither a wall between two vessels nor a vessel's open edge.
    // Raised C3N-00247 round 0 clot 5 (segmental eccentric, artery running in-plane): one slice of
    // rim-wrapped deficit beside a 3.2 mm vessel radius scored "a sheet" (flatness 0.001, -2) and
    // 0.28 (s24). false: holes only.
    bool fineSlabRimWrapped = true;
    // Scoring: such a fine candidate (holes at least fineSlabMinHoleShare) has its contrast term
    // (contrastNorm) from its core HU (fineCoreQuantile), not its median: a hole's region reaches the
    // lumen threshold, so in a clot a few pixels across most pixels are partial-volume rim and the
    // median measures the hole's size, not its attenuation. Raised C3N round 1 clot 3 (segmental
    // central, an 11-pixel hole): median 194 HU (contrast 0.56), core 97 HU (0.88); score 0.32 -> 0.55 (s23).
    bool fineHoleContrastFromCore = true;
    // Scoring: a fine candidate mostly inside the lung hull (mediastinalShare <= 0.5) is scored as a hole
    // is (fineSlabMinHoleShare, fineHoleContrastFromCore) whether or not contrast closes round it:
    // flatness from voxel boxes, contrast from its core HU, and the "mixing with contrast" penalty
    // (median above thrombusHighHu + 40) read from its core HU too. Why: the fine pass's region is a
    // defect of one artery section out to the lumen threshold, so a clot a few native pixels across has a
    // median that is its partial-volume rim, and one 3 mm slice of it is a slab, not a sheet; the walls
    // and grooves between touching great vessels that the sheet and mixing terms hold lie outside the
    // lung hull. Measured (s30-segraised, fine_veto_probe --all --whatif-lung): raised C3N-00247 seed 2000
    // round 3 clot 0 (segmental central, a one-slice deficit beside a 3.19 mm vessel radius, median 158 /
    // core 124 HU) 0.12 -> 0.79; seed 1000 round 0 clot 1 (segmental eccentric, median 169 / core 127
    // HU) 0.37 -> 0.70. The clean raised C3N, clean pa-crop and C3N as is have NO fine candidate in the
    // lung hull (101, 4 and 0 fine candidates, all mediastinal), so nothing there changes; the mediastinal
    // groove (313,250,61) that scoring every fine candidate as a hole (fineSlabMinHoleShare 0) lifts to
    // 0.62 stays 0.13. In the rounds of seeds 7, 1000, 2000 and 3000 (default) every one of the 27 fine
    // candidates in the lung hull holds an inserted clot: the rule has no negative example to take a
    // margin from. Validation against main 3ca31ec: raised C3N segmental seed 2000 8/12 -> 9/12 and
    // seed 1000 8/10 -> 9/10 (section fill 8/12 -> 9/12, 7/10 -> 8/10); seeds 7 and 3000 unchanged;
    // FP per round and background findings identical on every run (docs/history/notes/s30-segraised.md).
    // false: as before.
    bool fineLungScoredAsHole = true;
    // ... and such a fine candidate in the lung hull carries no "mixing with contrast" term at all
    // (scoreCandidate: -1 when it reads brighter than thrombusHighHu + 40 = 140 HU). The fine pass has measured its
    // attenuation at native resolution before scoring (fineMinContrastNorm at fineCoreQuantile against its own
    // section's lumen, fineMinCoreHu); the term re-reads it on the 1.13 x 1.13 x 3 mm working grid at a fixed HU,
    // where both the core ball and the median of a defect a few pixels across in a 2.3-3 mm artery take in lumen.
    // The walls and grooves between great vessels the term was made for are mediastinal and keep it, as do
    // two-sided occlusions and slabs (no native-resolution test). Read off the sweep findings (>= 0.2) of 52 seeds'
    // runs (stops 48-50's detectors, each finding re-scored from its features against stop 50's terms; lab notes
    // s60-heldout): 9 clots cross 0.5, no false finding does, no finding is
    // lost; the tuning seeds' one: raised C3N-00247 s69000 r0 [167,239,45] (eccentric segmental clot, a 15 mm3
    // finding, core 151 HU, median 168 HU) 0.399 -> 0.643. An extension to every core-read lung-hull candidate
    // added a false finding (pa-crop s130000 r1 [8,64,74], 0.446 -> 0.686). false: as before stop 51.
    bool fineLungWithoutMixing = true;
    // Scoring: a fine candidate outside the lung hull beside a central-level artery is vetoed (walls
    // and grooves between the great vessels, candidate_scoring.cpp) unless at least this share of its
    // thrombus-band pixels lies in holes enclosed by one artery section (RawCandidate::fineHoleShare):
    // a polo mint, the most specific sign of an acute embolus (clinical-reference.md), which a groove
    // between two structures, open to the outside, is not. Raised C3N-00247 (s22): the lobar clot
    // r3 c2 beside the right main PA 1.0; the natural clefts beside the main PAs the veto holds (a
    // background finding in every round without it) 0.46 and 0.
    double fineCentralVetoMaxHoleShare = 0.9;
    // ... read on the group's own polo-mint slice too (RawCandidate::fineSliceHoleShare, the larger of the
    // two counts): the fine pass groups defects across two slices, so a polo mint in a segmental artery
    // beside a central junction joins the junction's non-hole defects on the slices beside it (raised
    // C3N-00247 s210000 r0 [335,251,67]: group share 0.23 over slices 65-67, lab notes s64). false: the
    // group's share only.
    bool fineCentralVetoSliceHoleShare = false;
    // Scoring: such a polo mint (at least fineCentralVetoMaxHoleShare of its pixels in holes) beside a
    // central- or lobar-level artery meets fineMaxVesselRadiusMm with the vessel radius on its own
    // slices, not in the box two slices up and down (candidate_scoring.cpp): at a lobar artery's origin
    // that box reaches the main PA. Raised C3N-00247 round 2 clot 2 (lobar central, R 3.0 mm, where the
    // artery leaves the left PA): 6.4 mm in the box, 3.9 mm on its slices; the central clefts the veto
    // holds 7.1 and 6.4 mm on their slices (s23). false: the box for every fine candidate.
    bool fineRadiusOwnSlices = true;
    double fineMaxDefectShare = 0.7;
    double fineMaxLowShare = 0.25;
    // A region with a native pixel brighter than calcium (ThoraxParams::boneHu, 900 HU: above enhanced
    // blood even on CTPA) within this distance is not judged: calcium is not contrast, and a calcified
    // lymph node or plaque touching a vessel closes the tissue beside it into a "hole" or "deficit" of
    // one section (lymph nodes beside arteries are a known mimic, clinical-reference.md). Raised
    // C3N-00247's right hilum (s22): the fat plane between two vessels closed by a calcification (0.93
    // at the 0.5 mm scale, round 2) and a pocket between a vessel and the same calcification one slice
    // pair lower (0.61 once holes counted 0.5 mm deep; a background finding in every round). There the
    // calcium's partial-volume rim stays above the lumen threshold 1-2 native pixels (up to 1.1 mm:
    // 612 and 486 HU beside 1182 HU) beyond its 900 HU core and the smoothing reaches 2 sigma further
    // (1 mm at 0.5 mm): the dark regions it closed began 1.1 and 1.8 mm from its brightest pixel.
    double fineCalciumMarginMm = 2.0;
    // Darker than the section's lumen by this share of the way to thrombusMid, measured at the
    // fineCoreQuantile of the region's HU against the (1 - fineCoreQuantile) quantile of the section's:
    // the region's darker quarter is the clot's core (its rim down to the lumen threshold is half the
    // way by construction; a clot four pixels across has a rim of about half its pixels), the section's
    // brighter quarter its lumen (a segmental artery 4-8 pixels across is half partial-volume rim).
    double fineMinContrastNorm = 0.7;
    double fineCoreQuantile = 0.25;
    // A fine-pass defect whose core (the fineCoreQuantile of its native HU) is darker than this is not thrombus: acute
    // thrombus is +20..+100 HU (clinical-reference.md, EmbolismParams::thrombusLowHu), and this floor keeps the 20 HU
    // margin for noise and partial volume that the fat / lung penalty of the median allows (scoreCandidate:
    // thrombusLowHu - 20). A fine region's median is its partial-volume rim, so that penalty cannot see a cleft whose
    // core holds lung or fat. Measured (stop 43, docs/history/notes/s52-untuned-90000.md): with the lung bridges on,
    // the clean raised C3N-00247 reports the fine cleft [324,314,47] (core -14 HU, 0.88) in every round; the darkest
    // core of a true fine finding >= 0.5 over the validation runs of stops 42-43 (1,834 counted per round) is 28 HU.
    double fineMinCoreHu = 0;
    // A fine-pass defect (fine_defects.h) with at least this share of its regions' native pixels over aerated lung on the
    // slice above or below (RawCandidate::fineThroughLungShare: the same pixel under ThoraxParams::airHu), and holding a
    // native pixel darker than the thrombus band's floor (EmbolismParams::defectFloorHu, -40 HU: "lung or fat",
    // fine_defects.cpp), is a lung pocket: the lung of the next slice seen through a bend of the artery's wall, not a clot.
    // Both parts are needed: a true clot at an artery's upper or lower edge lies over lung too (tuning seeds 65000-72000
    // with the lung bridges: two true fine findings under the operating point, 0.40, had shares 0.52 and 0.88, their
    // darkest pixels 24-25 HU), and a true clot's darkest pixel falls below the floor by noise (to -357 HU on raised
    // C3N-00247, noise 60 HU; those findings' shares at most 0.25). Measured (stop 44, docs/history/notes/s53-pocket.md):
    // with the lung bridges on, the clean raised C3N-00247 reports the pocket [321,338,53] (share 0.56, darkest
    // pixel -221 HU, 0.76) in every round; every true fine finding >= 0.5 on the tuning seeds (120) has a share of at
    // most 0.37. Above 1: off.
    double fineLungPocketShare = 0.5;
    // The solid-core test of a fine-pass candidate (minCoreContrastNorm in scoreCandidate) reads its native
    // core HU (fineCoreQuantile) against the mean lumen HU of the artery sections its band pixels lie in
    // (sectionBloodHu, the reference its region test already used: RawCandidate::fineBloodHu), not against
    // the working grid's lumen voxels around it, when it lies mostly in the lung hull (mediastinal share at
    // most 0.5, where the thin arteries are; beside the mediastinum's central and lobar arteries the working
    // grid's interior voxels are blood). Why: in a segmental artery of 2.3-3.4 mm radius those
    // voxels (1.13 mm, smoothed at 1 mm) are partial volume with the wall and with the clot itself, so the
    // native core is measured against blood diluted by up to 15 %. Raised C3N-00247 seed 7 round 1 clot 3
    // (segmental eccentric [169,259,64], 51 mm3, R 2.26 mm): working blood 343 HU, section blood 394 HU,
    // core 150 HU: 0.683 (vetoed, score 0) -> 0.73 (score 0.55; its k64 region passed the region test at
    // 0.73). Only the veto reads the section's blood; the score's contrast term is unchanged (measured:
    // reading it there too lifted the clean raised scan's 3.8 mm3 mediastinal hole (305,93,57) from 0 to
    // 0.42, the clot only 0.55 -> 0.58). Without the lung-hull condition that mediastinal hole (section
    // blood about 504 HU against 318 HU working) rose 0 -> 0.279 (core 0.7045, 0.0045 above the floor): one
    // more background candidate in every raised round of the operating-point sweep at points <= 0.279;
    // with it the clean raised scan's candidate list is unchanged. Validated (s37-smallseg, against l28/m29):
    // raised C3N segmental seed 7 13/14 -> 14/14 in both modes; seeds 1000, 2000, 7000, 9000, 15000 and
    // pa-crop seeds 7, 1000, 2000: no clot, FP or background change. false: the working grid's blood, as
    // before s37-smallseg.
    bool fineCoreAgainstSectionBlood = true;
    // Inscribed radius of the region at least this: a clot of 0.55 R in a 2.26 mm artery is 1.24 mm in
    // radius; the notch beside a touching artery of radius R inside the hull is a wedge whose
    // inscribed circle is R / 4 (0.57 mm for R = 2.26 mm).
    double fineMinDepthMm = 0.8;
    // ... and for a hole (enclosed by one artery section, polo mint) at least this: the wedge above is
    // open to the gap between the vessels, a hole has no opening. 0.5 mm asks for a pixel whose four
    // face neighbours lie in the hole (sqrt 2 pixels less half a pixel = 0.52 mm at 0.56 mm): raised
    // C3N round 1 clot 3 (segmental central, 0.55 R = 1.24 mm) is an 11-pixel hole 0.52 mm deep on its
    // widest slice, where the 0.8 mm (a 3 x 3 pixel block) lost it (s22).
    double fineMinHoleDepthMm = 0.5;
    // A group of fine defect pixels across slices (working voxels, 26-neighbours): at least this volume
    // of thrombus-band pixels (a central segmental clot: 0.55 R x 0.55 R x 2 R ellipsoid, 29 mm3 at
    // R = 2.26 mm; half of it is its partial-volume rim after the smoothing).
    double fineMinVolumeMm3 = 6.0;
    // ... and at least this many native pixels (band pixels, and a hole's rim with fineHoleWholeArea):
    // on an unbinned scan a native pixel is a whole working voxel (pa-crop: 3.4 mm3), so the 6 mm3
    // floor, set for C3N-00247's 0.96 mm3 pixels (7 of them), admits a pair of noise-dark voxels.
    // pa-crop without insertions: (28,59,76) and (36,59,76), 2 voxels each, scored 0.93 and 0.78 in
    // every round. The smallest fine groups on clots there hold 3 voxels (seed 2000 round 1 clot 5, seed
    // 7 round 3 clot 1: 0-based); no clot was lost to the floor in the six validation runs (seeds 7,
    // 1000, 2000, both modes). No effect on binned scans (7 pixels or more by the volume floor).
    int fineMinPixels = 3;
    // ... where a hole's pixels above the band (partial volume, up to the lumen threshold) count too:
    // contrast encloses a hole on every side, so its whole area is the clot's (its rim is clot blended
    // with the contrast around it), where a deficit's rim may be a vessel's wall or the gap beside it.
    // Raised C3N round 1 clot 3 (segmental central, 32 truth voxels): one 11-pixel hole passing every
    // region test, 5 pixels in the band (4.8 mm3), the slice below 0.64 < fineMinContrastNorm (s23).
    bool fineHoleWholeArea = true;
    // "Breached hole" (s27-breach; on by default since s28, with fineCentralVetoSectionLevel below:
    // together they find raised C3N seed 7 round 2 clot 2 and seed 1000 round 0 clot 1, round 1 clots 1
    // and 3 with no added FP or background finding, docs/history/notes/s28-breach.md): a deficit region counts as a hole (RawCandidate::
    // fineHoleShare: the central-veto exemption, the own-slice radius at central and lobar levels, the
    // box flatness and the core contrast above) when it passes every region test at a closing of up to
    // fineBreachedHoleClosingMm (the regular fineClosingRadiusMm, or this wider disk), at least
    // fineBreachedHoleMinSeedShare of its pixels lie in lobar, segmental or mediastinal-branch tree
    // voxels (the fine pass's seed codes, on its slice or the next: the tree traced the artery through
    // the defect, so it lies inside the artery, not in a groove beside the central arteries) and at
    // least fineBreachedHoleMinEnclosure of its in-plane outline (4-neighbour faces) borders contrast
    // (lumen threshold). Why: a near-wall partial clot whose ramp reaches the wall over 2-4 mm opens into
    // the dark tissue outside its artery on a 3 mm slice and is no longer enclosed, though contrast still
    // wraps most of it. Raised C3N-00247 round 2 clot 2 (lobar, R 3.0 mm, sized 0.55 S of S = 3.64 mm:
    // ramp 2.8 mm from the axis; s27-lobar): at 2.5 mm a 26 mm2 deficit, seed share 85/86, enclosure
    // 0.91 (0.84 at sigma 0.5), then vetoed at the central level as a non-hole. Kept out (measured on
    // the clean raised background, s27-lobar): the 2.5 mm-closing finding (338,266,58), seed share 0/32,
    // enclosure 0.61; the central clefts the veto holds, enclosure 0.85-0.94 but seed share <= 0.67;
    // #4 (331,263,61) enclosure 0.75; #54 (291,109,68) enclosure 0.84 / 0.80 (a margin of 0.01).
    bool fineBreachedHole = true;
    double fineBreachedHoleClosingMm = 2.5;
    double fineBreachedHoleMinSeedShare = 0.9;
    double fineBreachedHoleMinEnclosure = 0.85;
    // ... and whether breached holes count as holes for the central-level veto too
    // (fineCentralVetoMaxHoleShare). false: only for the own-slice radius, the box flatness and the core
    // contrast. Why: with it on, raised C3N round 2 (s27-breach) gained a breached-hole candidate at
    // (321,257,44) beside the left PA (central level, hole share 1, enclosure 0.90, box radius 6.2 mm,
    // own slices 4.4 mm) scoring 0.87, held today by that veto, while the clot the rule is for
    // (r2 c2, (322,262,57)) is lobar-level and passes on the own-slice radius alone.
    bool fineBreachedHoleCentralExempt = false;
    // Scoring (s28-breach, on by default since s28): the central-level veto above (fineCentralVetoMaxHoleShare) reads
    // the level of the artery section that encloses the fine defect (vessel_tree.h findingLevel on the
    // tree as scored: the widest inscribed ball on the lumen's axis holding the defect's deepest lumen
    // voxels, else those voxels' own codes, else the box below), not the most central code in the box
    // of treeLevelNear (half-width the vessel radius + 1 voxel around the centroid). Why: the veto is
    // for walls and grooves between the central arteries (the trunk and main PAs up to their first
    // division, path calibre >= centralRadiusMm: artery_levels.h), i.e. for defects whose own artery is
    // central; on 3 mm slices the box reaches ceil(6.5 / 3) + 1 = 4 slices (12 mm) up and down and takes
    // the main PA beside a lobar artery's origin (the reason findingLevel replaced that box for the
    // reported level, s22). Raised C3N-00247 round 2 clot 2 (lobar central, a breached hole): box level
    // central from a central-coded voxel 15 mm away, 4 slices up; its own lumen voxels code lobar, the
    // level it is reported at. The background breached hole (321,257,44) beside the left PA: the box's
    // central voxel 3.5 mm away on its own slice, findingLevel central (axis ball 6.4 mm, central).
    bool fineCentralVetoSectionLevel = true;
};

}  // namespace tv
