#pragma once
// Size of the validation's non-occlusive (central, eccentric) clots: from the artery's measured
// section at the site, not only from the site radius.
//
// Why: the site radius (VesselSite::radiusMm) is the distance-map value at a ridge voxel of the
// detector's smoothed lumen, i.e. the radius of the largest disc inscribed in the section. Where the
// section is oval, the ridge voxel lies off the middle of the artery or the artery's lumen is joined to
// a neighbour at the threshold, it is far below the artery's calibre. pa-crop (s26-lostdiag.md, fill
// run): round 2 clot 8 site radius 3.0 mm, section 56 mm2 (equivalent radius 4.2 mm), round 3 clot 4
// site radius 2.1 mm, section 41 mm2 (3.6 mm): "central" clots of 0.55 R were 2-3 voxels wide (21 and
// 7 truth voxels), the second brighter on average than the lumen threshold: no filling defect at all.
//
// Rule: sizing radius = clamp(sqrt(A / pi), R, maxRadii x R), A the artery's original section at the
// site (clot_occlusion.h arterySectionAreaMm2: the artery's blood core on the detector's smoothed
// view, in the plane normal to the site axis, connected to the centre), measured within maxRadii x R
// + marginMm of the axis, independent of the clot's shape.
// - Lower bound R (max of the two radii, not the section alone): the section counts only the blood
//   core (smoothed value at least midway between the threshold and the blood), which in a thin artery
//   lies well inside the wall (C3N raised, segmental sites of R 2.3 mm: sections of 3-11 mm2, i.e.
//   equivalent radii 0.9-1.9 mm). There the site radius is the better calibre, and the clots stay as
//   they were.
// - Upper bound maxRadii x R: the section is an upper bound of the artery's own lumen (a vessel merged
//   with it at blood level joins it, clot_occlusion.h); the measured pa-crop ratios sqrt(A/pi) / R are
//   0.9-1.7 (1.71: round 3 clot 4), so 2 leaves every measured artery its section and stops a section
//   that runs into a merged chamber from growing the clot without bound.
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
    Section,  // from the measured section (above); the default from s27
};
std::string toString(ClotSizing s);
std::optional<ClotSizing> clotSizingFromString(const std::string& s);

struct ClotSizingRule {
    double maxRadii = 2.0;  // sizing radius at most this x the site radius (above)
    double marginMm = 3.0;  // the section is searched within maxRadii x R + this of the axis: the
                            // detector's smoothing blur (2 sigma) plus about one working voxel, as
                            // clot_occlusion.h's neighbourhood margin
};

struct SiteSectionSize {
    double sectionAreaMm2 = 0;       // the artery's section at the site (0: none found)
    double equivalentRadiusMm = 0;   // sqrt(sectionAreaMm2 / pi)
    double sizingRadiusMm = 0;       // clamp(equivalent, R, maxRadii x R)
};

/// Measures the section at `site` on `beforeView` (detectorSmoothedView of the background, the same
/// working grid as the site search) at the lumen threshold `lumenThresholdHu`, and the sizing radius.
SiteSectionSize measureSiteSectionSize(const Image<float>& beforeView, const VesselSite& site, double lumenThresholdHu,
                                       const ClotSizingRule& rule = {});

}  // namespace tv
