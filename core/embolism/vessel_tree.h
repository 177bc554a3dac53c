#pragma once
// Enhanced pulmonary arterial tree on the working grid: lumen above a threshold set from the
// measured PA enhancement, grown from the trunk region into the lungs; local radius; branching
// level from radius and position; side. Artery/vein separation is limited to what connectivity
// and enhancement allow (see README): vessels are kept when connected to the trunk region, and on
// CTPA-quality scans a candidate whose lumen is clearly darker than the trunk is scored vein-like
// (candidate_scoring).
#include <string>

#include "embolism/contrast_check.h"

namespace tv {

enum class VesselLevel { Central, Lobar, Segmental, Subsegmental };
std::string toString(VesselLevel l);

struct VesselTree {
    double lumenThresholdHu = 0;
    double bloodHu = 0;   // measured PA enhancement
    Mask connected;       // enhanced lumen connected to the trunk region (the arterial tree)
    Mask lumen;           // all enhanced lumen in the vessel zone (used for lumen completion)
    Image<float> radius;  // distance to the lumen border (mm) of the 2.5 mm-closed lumen
};

VesselTree buildVesselTree(const Image<float>& smoothed, const ThoraxMasks& masks, const ContrastResult& contrast,
                           const EmbolismParams& p, const CancelToken& cancel);

/// Level from the local vessel radius and whether the point is central (mediastinum / hilum).
VesselLevel levelFor(double radiusMm, bool mediastinal, const EmbolismParams& p);

}  // namespace tv
