#pragma once
// Lumen wider than the artery: where an artery of radius R runs joined to a much wider vessel without
// a wall (its parent, or a large artery alongside), its blood core and the wider vessel's are one
// face-connected region, so neither the section fill (lesion_insertion.h) nor the closing measure
// (clot_occlusion.h) can tell them apart by connection (C3N raised round 1 clot 2: a lobar branch,
// R 3.19 mm, on the lateral wall of the left pulmonary artery, some 25 mm wide; the fill took a cap-
// shaped bite out of the pulmonary artery). By calibre they differ: a ball of k x R (k = 2: twice the
// artery's radius, above its parent at a bifurcation, 1.26 R by Murray's law) fits only in the wider
// vessel. Both use the same rule, each on its own grid: the opening of the blood core by that ball
// (the union of the balls of radius k R that lie inside the core), kept where a part of it holds the
// artery's own axis core (then the site radius under-estimates the artery and nothing is cut).
#include <cstdint>
#include <vector>

#include "embolism/volume_ops.h"

namespace tv {

/// The artery's own axis core, the seeds below: its blood core within this x R of the site axis over the
/// clot's axial reach. Half the radius: the whole section (R) reaches the junction with a wider vessel
/// merged with it, where the wider vessel's balls reach too (a parent of 7 mm overlapping a 3 mm
/// branch by 1 mm: its 6 mm balls come to 0.5 mm inside the branch's wall).
constexpr double kWiderAxisCoreRadii = 0.5;

/// `core`: the blood core on a box grid (its geometry's spacing is used, origin and direction are not);
/// `seeds`: the artery's own axis core on the same grid. Returns the voxels of `core` that lie in a
/// ball of radius `ballMm` inside `core` and whose face-connected part of that opening holds no seed:
/// another, wider vessel's lumen. The box must reach 2 x ballMm beyond the voxels that matter (voxels
/// beyond the box border count as core, as distanceInsideMm has it).
Mask widerVesselLumen(const Mask& core, const Mask& seeds, double ballMm);

}  // namespace tv
