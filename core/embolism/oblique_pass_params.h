#pragma once
// Parameters of the fine pass across in-plane lobar arteries (oblique_defects.h). A base of EmbolismParams
// (embolism_params.h) as OcclusionSearchParams is; its deficit tests are the fine pass's own fields there.

namespace tv {

struct ObliquePassParams {
    // The fine pass across in-plane arteries (oblique_defects.h, s33-leftlower): at lobar centreline
    // voxels whose axis lies within asin(fineObliqueMaxAxisZ) of the axial plane, the fine deficit test
    // (closing, area, share, core contrast, depth, calcium, breached-hole enclosure: the fields above)
    // runs on the plane across the artery, sampled every fineObliqueStepMm from the native HU over at
    // most fineObliqueMaxHalfWidthMm either side of the axis. A defect seen on the cross-sections of at
    // least fineObliqueMinSupport centreline voxels (its regions share working voxels) is a fine candidate,
    // scored as a breached hole. Why: where a lobar artery runs in the axial plane the axial slice cuts it
    // lengthwise, so an eccentric clot against its wall is a strip open along the whole wall (raised
    // C3N-00247's left lower lobar artery, axis 14 degrees from the axial plane: seed 2000 / 3000 round 0
    // clot 2, [327,263,60]; the axial pass sees a 46-pixel deficit with enclosure 0.70 < 0.85 and a
    // 42-48 mm2 footprint over the 40 mm2 cap, docs/history/notes/s31-c3nlobar.md). Across the artery it is
    // a 13-19 mm2 deficit with enclosure 0.87-1.0. Measured (oblique_deficit_probe, s33-leftlower NOTES):
    // on the clean raised C3N-00247, 127 in-plane lobar centreline voxels give 3 passing regions, each seen
    // from ONE centreline voxel ((185,234,53), (327,258,58), (329,265,59)); seed 2000 round 0's clot 2 is
    // seen from 16 and its clot 4 from 11 and 3. In nine raised round volumes (seeds 1000, 7, 3000, rounds 0-2)
    // background regions reach a support of 2 ((327,258,58)); the clots' clusters 3-16. Clean pa-crop: 161
    // in-plane lobar centreline voxels, 1 region, support 1. 0.35: 20 degrees (the artery's centreline axes
    // there read 0.03-0.34). Cost: about 0.22 s CPU on raised C3N-00247 (timing stage "oblique"). false: off.
    bool fineObliquePass = true;
    // Since s34-hilumsmall: 1.0, every orientation (the pass was measured first on in-plane arteries, 0.35 =
    // 20 degrees). Why: at the right hilar confluence of raised C3N-00247 ([167,243,52], where an upper
    // branch meets the interlobar artery, s32-rightlobar) the centreline's Hessian axes point every way
    // (z 0.08, 0.99, -0.99, -0.70 at the four centreline voxels whose cross-sections see the seed 4000
    // round 1 / seed 6000 round 0 eccentric lobar clot, 140 mm3), and the axial fine pass sees that clot
    // only as a one-slice sheet (flatness 0.29, scored 0.29). Across the artery at any orientation it is
    // one defect seen from 4 centreline voxels, scored 0.83. The clean raised C3N's notch at the same
    // junction ((171,231,52), 0.84 as a candidate) is seen from 2. Over 55 raised round volumes (seeds
    // 1000-5000 both modes, 6000 default r0-r2; oblique_group_probe, s34-hilumsmall NOTES) background groups
    // have support 1 (147) or 2 (32, at (171,231,52) and (327,259,58)), none 3: fineObliqueMinSupport 3
    // keeps them out (a margin of 1; the target clot's support is 4). Raised-C3N validations of seeds 7,
    // 1000, 2000, 4000, 6000, 7000, 8000 (default): lobar 23/30 -> 25/30, FP and background findings unchanged.
    // Cost: 347 lobar centreline voxels with an axis instead of 127; cpu.oblique about 0.25-0.44 ->
    // 0.75-1.1 s under load (timing stage "oblique").
    double fineObliqueMaxAxisZ = 1.0;
    double fineObliqueStepMm = 0.25;
    double fineObliqueMaxHalfWidthMm = 12.0;
    int fineObliqueMinSupport = 3;
    // ... only where the native pixels are at least this many times finer in-plane than the working grid
    // (WorkingGrid::bin): the plane across a 3-6 mm artery is sampled from the native in-plane pixels,
    // and a 2 mm closing on it needs sub-millimetre ones (C3N-00247: 0.56 mm, bin 2). On pa-crop (1.5 mm
    // pixels, bin 1) a background site, (25,64,87), that the clean scan's cross-sections see once is seen
    // by 2-5 centreline voxels in rounds with a clot inserted in the same artery, and was reported at
    // 0.75 and 0.85 (seed 7 round 2: FP 1 -> 2; seed 1000 round 3: 0 -> 1) with this gate at 1.
    int fineObliqueMinBinning = 2;
    // The level the central-level veto (EmbolismParams::fineCentralVetoSectionLevel) reads for a defect of this
    // pass: lobar, the level of the centreline voxels whose cross-sections see it (s36-hilarlobar). Why: the pass
    // runs only at lobar-coded centreline voxels and keeps a region only inside ONE artery section round it on the
    // plane across that artery's axis, so the section enclosing the defect is that lobar artery's. The veto is for
    // walls and grooves between the central arteries (defects whose own artery is central). findingLevel reads the
    // widest axis ball within 16 mm (or the box of treeLevelNear), which at a lobar artery's origin from a main PA
    // is the PA's. Measured (raised C3N-00247, the right hilar junction [167,241-247,52-53], oblique_group_probe):
    // findingLevel there reads the right PA's 6.39 mm central axis ball. Seed 11000 round 4 clot 1 (eccentric
    // 140 mm3, support 4) and seed 12000 round 3 clot 2 (eccentric 157 mm3, support 11), both modes, were held by the
    // veto alone: 0 -> 0.853 and 0 -> 0.873 (found in the validations). Over the 105 raised round volumes of
    // /work/runs/j27 (seeds 7, 1000, 2000, 7000-12000, both modes) the rule changes 8 groups, all on inserted clots
    // (those two, and [167,245/247,52] in s9000 r2 / s10000 r1, already found: 0 -> 0.886 / 0.840); every one of the
    // 48 groups of support >= 3 lies on a clot. The clean scan's central-level group (187,235,53), support 1, now
    // scores 0.786 instead of 0: only fineObliqueMinSupport (3) holds it (s34-hilumsmall: background support <= 2
    // in 55 volumes, this site 1). Notes: docs/history/notes/s36-hilarlobar.md. false: findingLevel, as before.
    bool obliqueSectionLevelFromSeeds = true;
};

}  // namespace tv
