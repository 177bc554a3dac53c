#pragma once
// Parameters of the complete cut-off of a wide (central or lobar) artery (stump_occlusions.h, gap search,
// untraced far side). A base of EmbolismParams (embolism_params.h) as OcclusionSearchParams is; kept in
// its own header so the rule merges apart from the other occlusion searches.

namespace tv {

struct WideOcclusionParams {
    // A complete occlusion of a main or lobar artery cuts the artery beyond it off from the trunk: on the
    // scan it stays enhanced (fed around the clot, or an inserted clot's kept contrast) but the vessel
    // zone (vessel_tree.h: the lungs' near tissue and 3 mm around the trunk region) no longer holds it,
    // so the gap search's runs through the clot end in enhanced tissue that is no lumen (the untraced far
    // side, OcclusionSearchParams gapUntraced*). The gap's band calibre of such a plug is that of the wide
    // artery plus its wall and periarterial tissue: pa-crop round 1 clot 2 (section-filled 8.5 mm left-PA
    // occlusion, `embolism_validate --occlusive-fill section`): 88 runs through it from the cut-off piece
    // before it ended in the enhanced left interlobar artery beyond, calibres 8.25-13.25 mm, all rejected
    // by gapUntracedMaxRadiusMm (5 mm; README, s26-cutoff). An untraced far side is therefore also taken
    // for a gap up to wideOcclusionUntracedMaxRadiusMm when (1) the near mouth is the lumen of a wide
    // artery: its calibre (mouthCalibre, the widest inscribed ball within half the gap's radius of the
    // mouth point) at least wideOcclusionMinMouthRadiusMm (lobar calibre, artery_levels.h: a thin vessel's
    // run through hilar soft tissue is the case gapUntracedMaxRadiusMm keeps out), and (2) the far side's
    // round section (16 chords, gapUntracedMaxChordRatio, centred on the run's axis, as for narrow gaps)
    // is at most wideOcclusionMaxFarRadiusMm in radius: the artery beyond a main PA's occlusion is its
    // lobar or interlobar continuation (4-8 mm), while the descending aorta, a cardiac chamber or the
    // SVC beside a main PA are wider (the chamber-sized far side of the 7 mm run beside the heart on
    // raised C3N-00247 that gapUntracedMaxRadiusMm was set against). The far side's heart distance
    // (gapUntracedMinHeartDistanceMm) still applies, and (3) every point of the gap keeps
    // wideOcclusionMinHeartDistanceMm from the heart mask: soft tissue against the heart (pericardium,
    // myocardium, the atrioventricular groove) between a cut-off piece and raised blood is no artery
    // (raised C3N-00247 background, 60 mm below the carina: a 14 mm run, calibre 7 mm, smoothed median
    // 18 HU, 16 mm from the heart, scored 0.91 without it; pa-crop's left-PA runs: 30-34.5 mm). A
    // complete occlusion of the trunk or of a main artery's first centimetres, within it of the heart,
    // is therefore not found by this rule from a cut-off piece (README; from central lumen see below).
    // 0 = off (narrow gaps only, as before).
    double wideOcclusionUntracedMaxRadiusMm = 14.0;
    double wideOcclusionMinMouthRadiusMm = 4.0;
    double wideOcclusionMaxFarRadiusMm = 8.0;
    double wideOcclusionMinHeartDistanceMm = 20.0;
    // ... except from a main artery's own lumen: where the near mouth (half a radius behind the run's
    // start, wideOcclusionMinMouthRadiusMm wide) is central-level lumen (ArteryCode::Central; the face the
    // run starts from lies in the main artery's outer shell, which the central code leaves to the cut-off
    // pieces), the artery is known from the trunk's side and the run keeps only this distance from the
    // heart. A section-filled occlusion of the right PA behind the SVC and above the left atrium:
    // pa-crop seed 2000 round 0 clot 6 (3814 voxels, 12.5 cm3) and seed 1000 round 3 clot 6 (3106 voxels),
    // both `--occlusive-fill section`, were reached only by wide runs of 19-26.5 mm, calibre 9.75-10.75 mm,
    // smoothed median 55-90 HU, passing 10-14 mm from the heart mask (measured in 1 mm steps); none had
    // another route (s29-wideocc notes). The raised C3N-00247 runs rejected by the 20 mm above (14 mm, 7 mm
    // calibre, 17 mm from the heart, median 14 HU) start from a cut-off piece whose near mouth is a piece
    // too, as do the other wide untraced runs on the clean backgrounds (pa-crop: none; raised C3N: three,
    // all near mouth code MediastinalBranch). 8 mm keeps runs through the pericardium or myocardium
    // against the chamber out. 0 = off (wideOcclusionMinHeartDistanceMm everywhere, as before).
    double wideOcclusionCentralMouthMinHeartDistanceMm = 8.0;
    // ... and, from a cut-off piece, only wideOcclusionClotRunMinHeartDistanceMm where the run is clot, not
    // the pericardium and fat against the heart: the smoothed median HU on the run's axis between its
    // partial-volume ends (stumpPlugStartMm + half a voxel from each mouth) at least
    // wideOcclusionClotRunMinHu. Thrombus is +20..+100 HU (the validation inserts 45-65 HU); the soft
    // tissue between a cut-off piece and raised blood beside the heart is a fat/pericardium mix. Measured
    // (s32-lobarocc notes: every wide untraced run reaching this test in 19 validations, pa-crop seeds
    // 7-6000 both modes and raised C3N-00247): the left lower lobar occlusion beside the left atrium,
    // pa-crop seed 6000 default round 0 clot 2 (1745 mm3), run median 74.5 HU, 18.0-18.25 mm from the
    // heart mask (its far mouth 16.5 mm), no other route; the raised C3N-00247 background run the 20 mm
    // were set against: median 6.9 HU, 16.5 mm from the heart (the only background run under 20 mm; pa-crop
    // has none). Runs through inserted clots: medians 43.9-101.7 HU. 35 HU lies 28 HU above that
    // background run and 8.9 HU under the lowest clot run; 15 mm is the far mouth's own bound
    // (gapUntracedMinHeartDistanceMm), so the run may come no nearer the heart than its far side. A
    // background run of clot density exists far from the heart (raised C3N: 45.8 HU, 92 mm; accepted
    // before and after, no finding), so the HU separates only the runs beside the heart.
    // 0 = off (wideOcclusionMinHeartDistanceMm for every run from a cut-off piece, as before).
    double wideOcclusionClotRunMinHu = 35.0;
    double wideOcclusionClotRunMinHeartDistanceMm = 15.0;
    // A wide band around a thin artery's occlusion: a clot that fills its artery's whole section spills
    // into the partial-volume band around it (`embolism_validate --occlusive-fill section`), so the gap's
    // band calibre (the band tissue across the run) can be twice the artery's: pa-crop seed 4000 fill
    // round 0 clot 2, the left lower lobar artery beside the heart (truth radius 3.35 mm): 11 runs of band
    // calibre 6.5-8 mm, each rejected as a wide run from a thin mouth (near mouth 3.35-3.67 mm <
    // wideOcclusionMinMouthRadiusMm). When this is set, such a run (band calibre over
    // gapUntracedMaxRadiusMm, near mouth thinner than wideOcclusionMinMouthRadiusMm) is taken at the
    // artery's calibre read on the enhanced lumen on both sides of the run instead: the wider of the near
    // mouth's calibre (mouthCalibre) and the far side's round section radius (the gap's far-side test), the
    // near mouth being narrowed by the clot's own partial volume. Every test of a narrow untraced gap then
    // applies at that calibre (gapMinRadiusMm .. gapUntracedMaxRadiusMm, length, full mouths, the far
    // section's spread and its centre within half the calibre of the run's axis, the tube or the tube at
    // the near mouth's calibre), and the heart rules of a wide run still apply (its band is wide:
    // wideOcclusionMinHeartDistanceMm, or the clot-run bound). Measured (s34-paocc notes): on the clean
    // raised C3N-00247, 11 such runs reach the artery calibre in 4-5 mm; 10 fail the far section's centre
    // (off the run's axis by more than half the calibre), 1 the tube's axis offset; clean pa-crop: none.
    // false = off (every wide run needs the wide mouth, as before).
    bool wideOcclusionThinMouthLumenCalibre = true;
};

}  // namespace tv
