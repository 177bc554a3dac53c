#pragma once
// Splitting a group of defect voxels at thin necks (distance-map watershed). The lumen completion
// marks soft tissue between touching great vessels (webs) as well as clots; a clot beside such a web
// touches it through a neck one or two voxels thick and is grouped with it into one candidate, whose
// size and width then veto both (README "Embolus detector validation", s20-pe-merge). A clot in a
// central artery is a solid body with a core deeper than any such neck.
#include <cstddef>
#include <vector>

#include "embolism/embolism_params.h"
#include "image/geometry.h"

namespace tv {

/// `voxels`: working-grid offsets (grid `g`) of one 26-connected group of defect voxels. Cores are
/// the voxels at least EmbolismParams::neckSplitCoreDepthMm inside the group (distance to the
/// nearest voxel outside it), 26-connected; cores of at least neckSplitMinCoreMm3 seed a watershed
/// on that depth (each voxel joins the core it is reached from along the deepest path), so parts
/// meet at the thinnest neck; parts whose boundary holds a neighbouring voxel pair both deeper than
/// neckSplitMaxNeckDepthMm are joined again (no thin neck). Returns one voxel list per part, in the
/// input's order within each part; the input alone when fewer than two parts remain.
std::vector<std::vector<std::size_t>> splitAtNecks(const std::vector<std::size_t>& voxels, const ImageGeometry& g,
                                                   const EmbolismParams& p);

}  // namespace tv
