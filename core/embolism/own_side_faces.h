#pragma once
// The own side of a closing defect (EmbolismParams::ownSideEnclosure, s33-centralecc). In a central
// artery the 9 mm closing's thickness test (EmbolismParams::closingThicknessFraction) keeps only the
// deep part of a wall-adherent clot: its wall side fails the test, so the candidate is the clot's core
// slab, lumen on one side and the clot's own rest on the other; that rest (and neighbouring parts of
// the same clot cut off by the neck split or found as a stump plug) counts as non-lumen in the
// enclosure, and the polo-mint penalty vetoes the clot (pa-crop seed 5000 default round 1 clot 0:
// 273 mm3, enclosure 0.49; seed 4000 section-fill round 0 clot 1: 756 mm3, enclosure 0.25).
#include <cstddef>
#include <functional>
#include <vector>

#include "image/geometry.h"

namespace tv {

/// Face neighbours (6-connected, sorted, unique) of `voxels` (working-grid offsets of one candidate,
/// any order) that are not its own and for which `ownSide` holds: voxels only the closings' thickness
/// test rejected, or defect voxels of other candidates.
std::vector<std::size_t> ownSideFaces(const std::vector<std::size_t>& voxels, const ImageGeometry& g,
                                      const std::function<bool(std::size_t)>& ownSide);

}  // namespace tv
