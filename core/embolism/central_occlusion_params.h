#pragma once
// Parameters of the massive-central-occlusion search (central_occlusions.h). A base of EmbolismParams
// (embolism_params.h) as OcclusionSearchParams is.

namespace tv {

struct CentralOcclusionParams {
    // Massive central occlusions (central_occlusions.h): mediastinal band tissue outside the lung hull
    // whose core lies at least this deep (mm from anything that is not band tissue) and comes within
    // reach (this + 2 voxels) of both central-level arterial lumen and a cut-off piece, grown back by
    // this depth, is a candidate apart from the other defects (scored as a gap run). 0 = off. Measured
    // (stop 23, docs/history/notes/s31-centralocc.md): a 9 mm core depth instead lost pa-crop seed 1000
    // round 0 (its core no longer reached the central lumen).
    double centralOcclusionCoreDepthMm = 6.0;
    // ... and the core reaches at least this deep somewhere (a clot filling a trunk or main artery of
    // 9-10 mm radius or more is about as deep as that radius). Measured (stop 23, 44 pa-crop rounds, their
    // clean backgrounds, raised C3N): tissue that is no clot is at most 8.2 mm deep (clean pa-crop 7.5 mm
    // behind the left atrium, raised C3N 7.1 mm); the four clots gained 11.5-12.0 mm; every core of
    // 9.5 mm or more lies at an inserted clot. Without this bound the 7.5 mm core scored 0.957 on every
    // pa-crop round (a false positive per scan). 10 -> 9 (stop 23, s31-wideveto, embolism_review of
    // main 83f0883's rounds): the lateral right PA clot of seed 4000 round 1 clot 4 [43,68,84] (10.0-11.6
    // cm3, R 9.0) has its core 9.6 mm deep (default) and 9.9 mm (section fill): 0.6 mm over this bound,
    // 0.8 mm over the deepest non-clot core measured (8.2 mm).
    double centralOcclusionMinDepthMm = 9.0;
    // ... or, shallower, at least this deep (mm; 0 = off) when the core is compact: its longest semi-axis
    // at most centralOcclusionCompactMaxElongation x its middle one. A clot filling the whole section of
    // a main or lobar artery at the hilum (section fill: the clot and its partial-volume band fill the
    // artery and its branch origins) is a plug about as long as it is wide, so its core is a compact
    // lump; the mediastinal tissue that is as deep (the oesophagus behind the left atrium, the anterior
    // thymic / fat-infiltrated tissue, the sheaths along the great veins) belongs to organs running
    // along the mediastinum, so its core is a line or a strip. The compact core must also be one material
    // (its 10th percentile of smoothed HU at least thrombusLowHu): thymic / fat-infiltrated tissue holds fat.
    // Measured (stop 26, s34-centralfill notes; tests/embolism/tools/central_core_probe on every f25b / g26
    // pa-crop round of seeds 7, 1000-8000 in both modes, and 20 raised C3N-00247 rounds): the missed
    // section-filled clots' cores are 7.5-8.9 mm deep, elongation 1.06-1.83, 10th percentile 38-44 HU; the
    // non-clot cores within reach of both lumens: the oesophagus (51,91,74) 7.5 mm, elongation 3.17 (p10 55
    // HU); anterior mediastinal tissue (51-52,30-31,77-78) 7.65-8.22 mm, elongation 2.14-2.40, p10 8-16 HU;
    // compact non-clot cores only shallower: pa-crop (50,39,101) 6.71 mm (1.17), raised C3N (170,110,50)
    // 7.06 mm (1.17, p10 30 HU: only this depth bound holds it, 0.44 mm margin).
    double centralOcclusionCompactMinDepthMm = 7.5;
    // The compact core's longest semi-axis over its middle one (sqrt of the covariance's eigenvalues):
    // clots 1.06-1.83, non-clot 2.14-3.17 (margins 1.09x / 1.07x). A plug filling a 7.5 mm artery is
    // compact up to 15 mm long, 2-3 x at 16-18 mm (test_central_occlusions.cpp): a long section-filled
    // clot under 9 mm deep is not taken by this.
    double centralOcclusionCompactMaxElongation = 2.0;
    // The width veto (maxDefectWidthToRadius 1.25: wider than the artery beside it is not inside one)
    // measures a massive central occlusion's mass (candidate_scoring.cpp, CandidateFeatures::centralMass)
    // against this many times its deepest core depth, which sizes it: the mass fills the trunk's
    // bifurcation or a main artery from its origin, a section no circle of that depth (a square section
    // is already 1.29 x its inscribed radius; a cylinder 1.12 x). Measured (stop 23, s31-wideveto,
    // embolism_review of main 83f0883's rounds): seed 3000 section fill round 1 clot 1 [50,67,84] (18.5
    // cm3) minor semi-axis 18.40 mm = 1.57 x its 11.7 mm core (score 0.976 with this limit, 0 at 1.25);
    // seed 4000 round 1 clot 4 (with the 9 mm depth bound) 12.67 / 9.6 = 1.32 x (default) and 13.06 /
    // 9.9 = 1.32 x (section fill). 1.25: off. The smallest semi-axis: a flat slab of any width is 1.29 x
    // its half-thickness (its core depth), so this rejects masses spread in all three directions only.
    // Phantoms (stop 24, s32-occmargin, test_central_occlusions.cpp): a branching clot 1.49 x (found);
    // pericardial fluid wrapped 240 degrees around the central lumen 2.19 x (vetoed; with 3 a finding),
    // wrapped 180 degrees 1.56 x (a finding: this limit does not hold it).
    double centralOcclusionMaxWidthToRadius = 1.75;
    // A mass is left to the gap run or stump plug that reached it (candidates.cpp) only when more than
    // this share of its voxels are theirs; its other voxels alone are its candidate. Measured (stop 23,
    // s31-wideveto): masses through which a gap run passes, 34-92 % theirs (seed 2000 section fill
    // round 2: 2,157 of 2,948 voxels, the s31-centralocc false positive when kept; seed 3000 section
    // fill round 2: 2,438 of 7,199 and 2,814 of 3,064); seed 4000 round 1 clot 4's mass, touched at its
    // rim (its neighbour clot 1 [27,66,84] is a stump plug's finding): 375 of 4,747 (7.9 %, default), 8
    // of 5,665 (section fill). 0: any voxel (as s31-centralocc). Validation (seeds 7, 1000-4000, both
    // modes; raised C3N 1000, 4000): with the 9 mm bound and the 1.75 width, +3 clots, nothing lost,
    // FP per round and background findings unchanged. Phantoms (stop 24, s32-occmargin,
    // test_central_occlusions.cpp): a neighbour's gap run at the mass's rim, 4.0 % (the mass stays a
    // finding; lost at 0); a gap run through the mass, 65.5 % (its soft-tissue rest a second finding at 1).
    double centralOcclusionMaxReachedShare = 0.2;
    // ... but only while that gap run or stump plug is reported (true; false: as before stop 27). A plug
    // reaching the mass is scored on its own and may be vetoed; the mass it reached was then lost with it.
    // With this a reached mass is a candidate too (the plug's and gap run's voxels included; the closings'
    // defects stay theirs), split at necks as any, scored as usual and reported only when the findings
    // reported before hold at most centralOcclusionMaxReachedShare of the whole mass
    // (embolism_detector.cpp, after the other findings). No new threshold.
    // Physical reason: the plug is the mass seen from one artery end; a massive clot that fills the trunk
    // and its bifurcation, or two such clots in a row, or a clot wider than that end's artery, make a plug
    // that spans what the mass search sees as parts (two cores) or is wider than the stump's radius, and
    // the plug's own vetoes (solid core at its centroid, width against the stump) then drop the clot.
    // Measured (stop 27, s35-massive notes, embolism_review --reported): pa-crop seed 10000 section fill
    // round 2, one stump plug 29,312 mm3 over clot 0 (25.3 cm3) and clot 3 (11.9 cm3), centroid in the
    // lumen between them (core ball 204 HU, core contrast 0.68 < 0.7): 0; the mass (11,132 voxels) split at
    // its neck: 0.970 (clot 0, 5,093 truth voxels) and 0.951 (clot 3, 3,227). Seed 6000 section fill round
    // 3 clot 2 (the s34-centralfill leftover, stump plug vetoed by width 13.76 > 1.25 x 10.5): its mass
    // (2,024 voxels) 0.926. When the plug is reported nothing changes (the s31 false positive, a mass's
    // rest around a reported gap run, stays held).
    bool centralOcclusionRestWhenPlugUnreported = true;
    // ... and lobar-level arterial lumen counts as the mass's proximal side too (false: central only). A
    // clot filling a main PA beyond the bifurcation (the left PA at the left hilum) lies between a
    // lobar artery's lumen (the tree reaches the lobar branches around it) and its cut-off piece, the
    // central lumen out of reach: pa-crop seed 7 round 1 clot 1 [70,77,91] (8,032 mm3, R 8.1): core 353
    // voxels, 10.1 mm deep, beside lobar lumen and a piece, none central (s33-centralocc notes: with
    // this, a 8,238 mm3 central-mass finding, 0.939, complete). Measured (temporary trace): on the clean
    // pa-crop and raised C3N-00247 no core of 6 mm or more comes within reach of lobar lumen (so their
    // findings stay 0); every piece-side core 9.6 mm or deeper on pa-crop rounds lies at an inserted
    // clot; raised C3N-00247's deep cores beside a piece alone (20.4 mm, 6,178 voxels; 9.9 mm, 1,062
    // voxels) have no lobar lumen within reach. The depth bound (centralOcclusionMinDepthMm) still applies.
    bool centralOcclusionLobarNearSide = true;
    // ... and so does a wide piece on the central lumen's own continuation: lumen coded a mediastinal branch
    // (a piece) that is part of a section at least this wide in radius (the piece opened by a ball of
    // this radius: its voxels within it of a piece voxel that far from the wall) and is reached from
    // central lumen through piece lumen alone (face neighbours). 0 = off; 4.0 = lobarRadiusMm, a lobar
    // artery's calibre. Why: the levels read the widest-path calibre from the trunk (artery_levels.h),
    // so clots narrowing the trunk leave their rim's calibre to everything beyond them, and a main PA
    // beyond them is coded a thin mediastinal branch although it continues the central lumen at an
    // artery's width; the search then sees no proximal side for a second clot filling it (s35-massive's
    // "level loss"). A mediastinal branch proper is thinner than a lobar artery; a cut-off piece beyond
    // a clot is not reached from the central lumen through pieces alone (so a core beside one cut-off
    // piece is still not taken: the lobar_near_side phantom with lobar lumen off finds nothing).
    // Measured (s36-palobar, temporary trace): gained pa-crop s11000 default round 1 clot 1 [67,51,83]
    // (9,325 mm3, core 9.6 mm deep: a 0.939 central-mass finding, complete, 2,206 truth voxels) and
    // s10000 fill round 0 clot 5 [70,77,91] (10,824 mm3, core 10.5 mm: 0.941, complete, 2,196 truth
    // voxels). Clean pa-crop: one more core gets a proximal side, (49,38,110), 7.3 mm deep, elongation
    // 3.04: not kept (under 7.5 / 9 mm, and not compact); the candidates are unchanged. Clean raised
    // C3N-00247: the 20.4 mm core (237,115,94), 124 mm off the midline, beside a wide piece that continues
    // central-coded lumen, is kept: an 86,135 mm3 central-mass candidate, scored 0 by the
    // above-carina veto (80.7 mm above the carina > maxMediastinalAboveCarinaMm 15); two 6.1 mm cores are
    // not kept; the candidates above 0.3 are unchanged and there is no finding. Risk: a wide piece
    // is also a proximal side for tissue beside a wide vein continuing central-coded blood pool: only the
    // scoring (above-carina veto, width, solid core) holds such a mass.
    double centralOcclusionWidePieceMinRadiusMm = 4.0;
};

}  // namespace tv
