#pragma once
// Approximate obstruction index in the spirit of Qanadli (clinical-reference.md: 10 segmental
// arteries per lung; per embolus n = segmental arteries distal to it, d = 1 partial, 2 total;
// index = sum(n x d) / 40 x 100%). The detector knows only the level of each finding, not the
// exact branch, so n is estimated from the level: main/central 10 per side (20 for the trunk),
// lobar 3 (a lobar artery feeds 2-5 segments), segmental and subsegmental 1. An estimate.
#include <string>
#include <vector>

#include "embolism/vessel_tree.h"

namespace tv {

struct ObstructionFinding {
    VesselLevel level;
    std::string side;  // "left", "right", "central" (trunk / both)
    bool complete;
};

/// Percentage 0-100 (capped at 100).
double estimateObstructionIndex(const std::vector<ObstructionFinding>& findings);

}  // namespace tv
