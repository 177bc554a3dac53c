#pragma once
// Size of the validation's non-occlusive (central, eccentric) clots: from the artery's calibre measured
// in its section at the site (median lumen ray, below), not only from the site radius.
//
// Why: the site radius (VesselSite::radiusMm) is the distance-map value at a ridge voxel of the
// detector's smoothed lumen, i.e. the radius of the largest disc inscribed in the section. Where the
// section is oval, the ridge voxel lies off the middle of the artery or the artery's lumen is joined to
// a neighbour at the threshold, it is far below the artery's calibre. pa-crop (s26-lostdiag.md, fill
// run): round 2 clot 8 site radius 3.0 mm, section 56 mm2 (equivalent radius 4.2 mm), round 3 clot 4
// site radius 2.1 mm, section 41 mm2 (3.6 mm): "central" clots of 0.55 R were 2-3 voxels wide (21 and
// 7 truth voxels), the second brighter on average than the lumen threshold: no filling defect at all.
//
// Rule: sizing radius S = max(R, min(median lumen ray, floor)), floor = minCrossRadiusMm / 0.55 (the
// central clot's share of S, lesion_insertion.h clotCrossRadiusMm): a site whose central clot would be
// narrower than minCrossRadiusMm gets a larger clot, up to the artery's measured calibre and no further
// than the floor; sites with R >= floor (3.6 mm) keep the clots they had.
// - minCrossRadiusMm 2 mm = 2 x the detector's smoothing sigma (EmbolismParams::smoothingSigmaMm): the
//   centre of a long clot of cross radius r keeps 1 - exp(-r^2 / 2 sigma^2) of its contrast on the
//   smoothed view: 49 % at r = 1.16 mm (pa-crop round 3 clot 4), 74 % at 1.65 mm (round 2 clot 8), 86 %
//   at 2 mm. Below that the validation tests the smoothing, not the detector.
// - The lumen ray: in the plane through the site centre normal to its axis, on the detector's smoothed
//   view of the background, the distance from the centre along one of `rays` directions to the first
//   sample that is not the artery's lumen (below the lumen threshold, or brighter than the artery's
//   own blood band: clot_occlusion.h sameBloodBand), searched up to floor + marginMm. The median over
//   the directions is the artery's calibre at the threshold, the scale R is measured at (the distance
//   map of the same lumen), along the typical direction instead of the narrowest one; a neighbour
//   joined over less than half of the directions does not move it.
// Two unbounded versions were built and measured first (s27, pa-crop, docs/history/notes/s27-sizing.md) and
// rejected: S = clamp(sqrt(section area / pi), R, 2 R) (clot_occlusion.h's section: the blood core
// connected to the centre, which joins neighbouring lumen, so its area grows with the search radius:
// round 0 clot 1, R 7 mm, 149 mm2 within 7.6 mm of the axis, 332 mm2 within 17 mm) gave central 16/27
// (was 26/27) in the default mode; S = clamp(median ray, R, 2 R) gave 18/27 default and 17/27 fill (was
// 24/27). Both grew the central arteries' clots (R 5-12 mm) by 1.1-1.9 x, eccentric ones to 700-1,200
// truth voxels reaching 8-13 mm from the axis of arteries of inscribed radius 7-9 mm, i.e. across the
// whole short axis of an oval section: no longer a partial, wall-adherent clot. A round clot cannot
// follow an oval lumen, so the calibre is used only to lift clots that are too small to be seen.
// Occlusive clots keep the site radius: their cylinder (1.6 R) or section fill (the artery's own
// section, lesion_insertion.h OcclusiveFill::Section) is not a scale of R alone.
// The clot's length stays clotLengthMm(site radius): the site's tubularity test (vessel_axis.h) checked
// a straight tube over that length.
#include <optional>
#include <string>

#include "evaluation/lesion_insertion.h"

namespace tv {

enum class ClotSizing {
    Site,     // 0.55 / 0.7 x the site radius (the validation's clots up to stop 18)
    Section,  // from the median lumen ray in the site's section (above); the default from s27
};
std::string toString(ClotSizing s);
std::optional<ClotSizing> clotSizingFromString(const std::string& s);

struct ClotSizingRule {
    double minCrossRadiusMm = 2.0;  // central clot cross radius the sizing lifts small sites to (above)
    double marginMm = 3.0;  // rays searched up to floor + this: the detector's smoothing blur
                            // (2 sigma) plus about one working voxel, as clot_occlusion.h's margin
    int rays = 36;          // directions in the plane (10 degrees apart)
    double stepMm = 0.25;   // sampling step along a ray (trilinear)
    double sameBloodBand = 1.0;  // lumen brighter than blood + this x (blood - threshold) is another
                                 // vessel (clot_occlusion.h ClotOcclusionRule::sameBloodBand)
};

struct SiteSectionSize {
    double medianRayMm = 0;      // median lumen ray (0: the centre is not lumen)
    double sizingRadiusMm = 0;   // max(R, min(medianRayMm, floor)) (above)
};

/// Measures the lumen rays at `site` on `beforeView` (detectorSmoothedView of the background, the
/// same working grid as the site search) at the lumen threshold `lumenThresholdHu`, and the sizing
/// radius.
SiteSectionSize measureSiteSectionSize(const Image<float>& beforeView, const VesselSite& site, double lumenThresholdHu,
                                       const ClotSizingRule& rule = {});

}  // namespace tv
