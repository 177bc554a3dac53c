#pragma once
// The hilar zone's wrapping test (artery_levels.h hilarZone), shared with the lung bridges
// (lung_bridges.h): in-plane rays from a voxel that reach aerated lung within a given reach, counted
// over EmbolismParams::hilarDirections directions, on the slices where the lungs are broad.
#include <cstdint>
#include <vector>

#include "embolism/embolism_params.h"
#include "embolism/volume_ops.h"

namespace tv {

class LungWrapRays {
public:
    LungWrapRays(const Mask& lungs, const EmbolismParams& p);
    /// Whether slice k holds at least hilarMinLungSliceShare of the broadest slice's lung (the hila lie where
    /// the lungs are broad; near the apices the lung also wraps the subclavian and brachiocephalic vessels).
    bool onBroadSlice(int k) const { return sliceLung_[k] >= minSliceLung_; }
    /// Number of in-plane directions whose ray from (i, j, k) meets lung within reachMm.
    int directionsWithLung(int i, int j, int k, double reachMm) const;
    int directions() const { return static_cast<int>(cosA_.size()); }

private:
    const Mask& lungs_;
    std::vector<double> cosA_, sinA_;
    double stepMm_;
    std::vector<std::int64_t> sliceLung_;
    double minSliceLung_;
};

}  // namespace tv
