#pragma once
// Does an inserted clot really close its artery? The validation's "occlusive" clot is a cylinder of
// 1.6 R about the site axis (lesion_insertion.h), which replaces the whole section of a round artery
// of radius R. Where the lumen is wider than that (a bifurcation funnel, pa-crop round 3 clot 3: the
// cylinder fills the lateral two thirds of a funnel and the branch beyond stays enhanced and joined
// to the parent), enhanced blood flows past the clot and the truth label "occlusive" overstates it:
// a detector reporting such a clot "partial" is right. This measure says, per inserted clot, what
// the scan shows, so the occlusion agreement can be judged against it (scripts/compare_pe.py).
//
// What is measured, and why:
// - On the detector's own view of the lumen: the working grid (working_grid.h) Gaussian-smoothed
//   with the detector's sigma, enhanced where >= the detector's lumen threshold (VesselTree::
//   lumenThresholdHu). A channel the detector cannot see (narrower than the smoothing) is no
//   channel for the question "should the finding read complete?", and raw voxels (noise 50 HU on
//   C3N-00247's native grid) would open and close channels at random.
// - Neighbourhood: the cylinder about the site axis out to the clot's radial reach (its cross-section
//   and ramp, lesion_insertion.h clotRadialReachMm) plus `marginMm`, along the axis out to the clot's
//   end reach plus the side depth. A channel past a clot inside its artery is part of the artery's
//   section that the clot does not cover, so it touches the clot's surface and runs along it; a wider
//   neighbourhood lets the path leave the artery through a partial-volume contact into another vessel
//   and come back beyond the clot (pa-crop round 0 clot 6, central R 7.5 mm: with a 3 R = 22 mm
//   neighbourhood the path ran 15-20 mm from the axis, through a parallel mediastinal vessel joined
//   to the artery at both ends at 273-293 HU, threshold 269: no flow past the clot).
// - Channel voxels: smoothed value >= the lumen threshold after the insertion, inside the artery as
//   it was before the insertion: its blood core (smoothed value (a) at least midway between the
//   threshold and the site's blood, VesselSite::bloodHu in the same view, and (b) at most as far above
//   that blood as the threshold lies below it) face-connected to the core within one radius of the
//   axis, plus the lumen face-adjacent to that core (the artery's own partial-volume rim: in a thin
//   artery the lumen left beside a central clot is all rim). (a) keeps the path out of vessels joined
//   to the artery only through partial volume (pa-crop round 2 clot 4: a path left the right PA
//   through a 298 HU contact, threshold 269, into the aorta, 430-450 HU, and came back beyond the
//   clot); (b) out of brighter lumen, another vessel joined to the artery without a wall the smoothed
//   view resolves (pa-crop round 2 clot 1: a path through the superior vena cava, 900-1700 HU, beside
//   the right PA's 500-600 HU). A first version required (a) of every channel voxel: on C3N's thin
//   raised arteries it closed the rim beside central clots (3 partial clots "occluding" with 58-88 %
//   of their section patent).
// - Bypass: enhanced voxels (after insertion) beyond both clot ends on the site axis (within one
//   vessel radius of it, one radius deep: the artery's own lumen on each side; not elsewhere in the
//   neighbourhood, where an unrelated vessel running alongside would join both sides without any
//   flow past the clot) are joined by face-connected enhanced voxels inside the neighbourhood. Face
//   neighbours, as the detector's own occlusion test (lumen_sides.h).
// - Patent share: in the plane through the site centre normal to the axis, the original section is
//   the artery's blood core (before insertion, (a) and (b) above) connected in that plane to the centre, within the
//   neighbourhood's radius (a funnel belongs to the section, a separate vessel beside it does not);
//   the share of its area still enhanced after insertion. Sampled every `sectionStepMm` with
//   trilinear interpolation, so the figure does not depend on how the plane cuts the voxels. A
//   vessel merged with the artery through lumen of such values joins the section too (the share is
//   an upper bound of the artery's own patent share; the bypass is the verdict).
// - Channel level: with a bypass, the highest level up to which the two sides stay joined (the
//   path's weakest voxel, maximised over paths): whether the channel is a partial-volume rim just
//   over the threshold or blood-filled lumen; reported beside the verdict, which is at the threshold.
// - A wider vessel joined to the artery without a wall (its parent, or a large artery alongside: C3N
//   raised round 1 clot 2, a lobar branch on the left pulmonary artery's wall) is one blood core with
//   it; within the clot's axial reach, its lumen (wide_lumen.h: where a ball of widerRadii x R fits,
//   away from the artery's axis core) is neither artery nor channel nor section, the cut the section
//   fill takes (lesion_insertion.h). Blood flowing along the wider vessel beside the clot does not
//   pass the clot in its artery; beyond the clot's ends the wider vessel counts as before (the side
//   seeds of an artery rising from it lie in it).
// - occludes = both sides found and no bypass. A section with some patent area but no bypass (a
//   pocket of contrast cut off on both ends) still occludes. Without the artery's enhanced lumen on
//   the axis beyond one end (the artery bends away or ends within a radius of the end: the site test
//   checks a straight tube over 60 % of the clot's length only), no bypass can be seen and the clot
//   is not counted as occluding (sidesFound false: "undetermined").
#include <vector>

#include "evaluation/lesion_insertion.h"

namespace tv {

// The neighbourhood and both blood bounds were added after paths seen on the validation data (header
// comment above); their values are the detector's own scales, a midpoint and a symmetric band, not
// set to give any clot its verdict.
struct ClotOcclusionRule {
    double marginMm = 3.0;            // neighbourhood beyond the clot's radial reach: the detector's
                                      // smoothing blur (2 sigma = 2 mm) plus about one working voxel,
                                      // i.e. the lumen touching the clot's surface as the detector sees
                                      // it (the detector's own occlusion test follows the lumen 3 mm
                                      // beyond a candidate, EmbolismParams::occlusionSideMarginMm)
    double bloodCoreShare = 0.5;      // the artery's own blood before the insertion is at least this
                                      // share of the way from the threshold to the site's blood: a
                                      // channel runs through lumen that held blood, not through the
                                      // partial volume of a wall or of a contact between two vessels
    double sameBloodBand = 1.0;       // the artery's own blood reaches this x (blood - threshold) above
                                      // the site's blood: symmetric about it (the threshold is midway
                                      // between blood and thrombus, lung_smoothing.h lumenThresholdFor)
    double sideRadii = 1.0;           // side seeds within this x R of the axis: the artery's own lumen
    double sideDepthRadii = 1.0;      // side seeds this x R deep beyond the clot end ...
    double sideMinDepthVoxels = 1.5;  // ... and at least this many of the grid's largest spacing (C3N:
                                      // 3 mm slices; a thinner slab may fall between slices)
    double sectionStepMm = 0.25;      // sampling step of the mid-section plane
    double widerRadii = 2.0;          // the section fill's cut (ClotSpec::sectionWiderRadii, wide_lumen.h):
                                      // within the clot's axial reach, blood core in a ball of this x R,
                                      // in a part of that opening away from the artery's axis core, is a
                                      // wider vessel joined to the artery, not its section: no channel
                                      // and no section area (0: off)
};

struct ClotOcclusion {
    bool sidesFound = false;     // enhanced lumen on the axis beyond both ends of the clot
    bool bypass = false;         // ... joined around/through the clot inside the neighbourhood
    bool occludes = false;       // sidesFound && !bypass
    double channelHu = 0;        // bypass: the channel's bottleneck, the highest smoothed level at which
                                 // enhanced lumen still joins both sides (near the threshold: a partial-
                                 // volume rim; near the blood: a wide channel); 0 without a bypass
    double sectionAreaMm2 = 0;   // original blood-core section at the clot's middle (in-plane connected)
    double patentAreaMm2 = 0;    // ... still enhanced after insertion
    double patentShare = 0;      // patentAreaMm2 / sectionAreaMm2 (0 when there is no section)
    std::vector<Index3> bypassPath;  // shortest face-connected channel (working-grid voxels), for review
};

/// Trilinear value of `img` at the continuous voxel index x; NaN outside the grid.
double trilinear(const Image<float>& img, const Eigen::Vector3d& x);

/// The detector's view of the lumen: `ct` on the working grid, Gaussian-smoothed with
/// p.smoothingSigmaMm (embolism_detector.cpp; the lung partial-volume smoothing is off by default,
/// p.lungVesselMinRadiusMm 0, and not applied here).
Image<float> detectorSmoothedView(const CtVolume& ct, const EmbolismParams& p);

/// Measures the clot `spec` (inserted by insertClot) from the smoothed views before and after the
/// insertion (detectorSmoothedView of the same grid) at the detector's lumen threshold.
ClotOcclusion measureClotOcclusion(const Image<float>& before, const Image<float>& after, const ClotSpec& spec,
                                   double lumenThresholdHu, const ClotOcclusionRule& rule = {});

}  // namespace tv
