#pragma once
// Trachea and main bronchi: found from a seed in the trachea and grown through the airway lumen,
// with the lumen threshold lowered whenever the growth leaks into the lung parenchyma.
#include <optional>

#include "image/image.h"
#include "lung/lung_params.h"
#include "util/progress.h"

namespace tv {

struct AirwayResult {
    // The trachea seed was found and its lumen grown (and removed from the lungs). `central` can
    // still be empty when no section the lumen reaches is airwayMinDiameterMm wide (airway_ml 0).
    bool found = false;
    LabelMap grown;     // every voxel reached by the lumen growing (lumen of all visible generations)
    LabelMap central;   // trachea and bronchi wider than airwayMinDiameterMm, connected to the trachea
    double lumenThresholdHu = 0;  // threshold finally used
    Index3 seed{0, 0, 0};
    double grownVolumeMl = 0;
};

/// `candidates`: internal air (non-zero) on the same grid as `hu`. Returns found=false (and empty
/// masks of the right size) when no trachea-like blob exists (e.g. a scan that starts below it).
AirwayResult segmentAirway(const Image<std::int16_t>& hu, const LabelMap& candidates, const LungOpacityParams& p,
                           const CancelToken& cancel);

}  // namespace tv
