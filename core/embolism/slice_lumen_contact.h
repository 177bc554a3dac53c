#pragma once
// Where a one-slice candidate touches enhanced lumen: along its own slice (in-plane faces) or through the
// slice above and below (through-plane faces). A clot occluding a thin artery that runs in the slice plane
// meets the artery's lumen where the lumen resumes along the artery on the same slice; a partial-volume gap
// where an artery steps from one slice to the next lies between the artery's lumen on the slice above and
// the slice below, which cover it through the plane.
#include <cstddef>
#include <vector>

#include "embolism/volume_ops.h"

namespace tv {

struct SliceLumenContact {
    int inPlaneFaces = 0;        // faces onto lumen along the candidate's slice (i and j neighbours)
    int throughPlaneFaces = 0;   // faces onto lumen on the slices above and below (k neighbours)
    double coveredShare = 0;     // share of the candidate's voxels with lumen right above or right below it
};

/// Lumen contact of the candidate's `voxels` (working-grid offsets) on `lumen`.
SliceLumenContact sliceLumenContact(const std::vector<std::size_t>& voxels, const Mask& lumen);

}  // namespace tv
