#pragma once
// Splitting off the wrapped core of a defect group: a wall-adherent clot inside a central artery
// grouped with the web of soft tissue beyond the artery's wall (README "Embolus detector validation",
// s27-web). The lumen completion marks soft tissue between touching great vessels (webs) as defect;
// an eccentric clot that touches such a web across the wall joins it broadly (no thin neck:
// candidate_split.h keeps it whole), and the group's size, width and off-clot core then veto the clot
// with the web (pa-crop section-fill round 1 clot 4 and round 3 clot 5, both with the background web
// of 6,568 mm3 that scores 0 on the clean scan).
//
// Why not the artery's fitted round section (round_sections.h): at both clots no section of the
// central artery closes inside the window (the lumen in the plane runs on into the touching vessels
// across the web and through the division of the main artery), the centreline voxels beside the clot
// are thin mediastinal-branch ridges of the crescent, and where a circle is fitted it holds none of
// the clot (embolism_round_probe; docs/history/notes/s27-web.md).
//
// What does separate them: a voxel inside the artery sees the artery's lumen in nearly every
// direction (the clot is wrapped by its artery but for the wall it adheres to), a voxel of a web
// between vessels sees lumen across its two faces and along its sheet runs out into fat, lung or
// other tissue. Lumen wrap of a voxel: the share of the 26 grid directions along which the tree lumen
// is reached within wrappedCoreReachMm before the ray leaves the thrombus band's floor (fat, lung).
#include <cstddef>
#include <functional>
#include <vector>

#include "embolism/embolism_params.h"
#include "image/geometry.h"

namespace tv {

/// Lumen wrap of voxel `n` (working grid `g`): share of the 26 directions whose ray (steps of one
/// voxel along the direction) reaches a voxel with `isLumen` within `reachMm` before one with
/// `stops` (or the grid's edge).
double lumenWrap(std::size_t n, const ImageGeometry& g, const std::function<bool(std::size_t)>& isLumen,
                 const std::function<bool(std::size_t)>& stops, double reachMm);

/// `voxels`: working-grid offsets of one candidate group (a part of splitAtNecks). The wrapped
/// voxels (lumen wrap >= wrappedCoreMinWrap) form 26-connected cores; each core of at least
/// wrappedCoreMinMm3 that is at most wrappedCoreMaxShare of the group (a body beside something larger
/// that is not wrapped) becomes a part of its own, the rest of the group one part, when that rest
/// reaches beyond the cores (at least wrappedCoreMinRestBeyondMm3 of it farther than
/// wrappedCoreRestReachMm from every core voxel: a web running on along its sheet, not the wall side
/// of a wall-adherent clot whose group is the clot alone). Returns the
/// parts, each in the input's order; the input alone when no core qualifies or the rule is off
/// (EmbolismParams::wrappedCoreSplit).
std::vector<std::vector<std::size_t>> splitWrappedCores(const std::vector<std::size_t>& voxels, const ImageGeometry& g,
                                                        const std::function<bool(std::size_t)>& isLumen,
                                                        const std::function<bool(std::size_t)>& stops, const EmbolismParams& p);

/// Whether the centroid of `voxels` (working grid `g`, rounded to the nearest voxel) lies in air: not one
/// of the voxels and `hu` there under EmbolismParams::airwayWrapMaxCentroidHu. Such a group wraps a
/// bronchus (the airway tier of the split, EmbolismParams::airwayWrapSplit); false when the tier is off.
bool centroidInAirway(const std::vector<std::size_t>& voxels, const ImageGeometry& g, const std::function<double(std::size_t)>& hu,
                      const EmbolismParams& p);

/// splitWrappedCores with the airway tier: when the group stays whole and centroidInAirway, it is split
/// again with the airway tier's core size, wrap and rest (EmbolismParams::airwayWrapCoreMinMm3, airwayWrapCoreMinWrap,
/// airwayWrapMinRestBeyondMm3).
std::vector<std::vector<std::size_t>> splitWrappedCoresOrAirway(const std::vector<std::size_t>& voxels, const ImageGeometry& g,
                                                                const std::function<bool(std::size_t)>& isLumen,
                                                                const std::function<bool(std::size_t)>& stops,
                                                                const std::function<double(std::size_t)>& hu, const EmbolismParams& p);

}  // namespace tv
