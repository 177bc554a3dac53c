#pragma once
// Per-slice opacity that belongs to a lesion seen in 3-D: readers mark every slice on which a
// lesion is visible, including the tapered ends above and below its largest section, which are
// smaller than any single-slice area threshold that keeps normal lungs clear.
#include <vector>

#include "image/image.h"
#include "util/progress.h"

namespace tv {

/// For each axial slice k of `opacity` (non-zero = opacity), the area (mm^2) on that slice of the
/// 3-D opacity components (6-connected) whose largest axial section is at least
/// `minLargestSectionMm2`.
std::vector<double> confirmedLesionAreaPerSlice(const LabelMap& opacity, double minLargestSectionMm2,
                                                const CancelToken& cancel = neverCancel());

}  // namespace tv
