#pragma once
// Which 3D preset shows a chest CT best by default: "vessels" when the blood pool is enhanced by
// contrast, else "lungs". A quick look at the data (no segmentation): the upper percentile of the
// soft-tissue-to-enhanced-blood voxels in a central box that, in a chest CT, lies in the
// mediastinum (heart and great vessels). VTK-free, so tests and the screenshot command can call it.
//
// Numbers (../shared/notes/clinical-reference.md, "CT numbers"): soft tissue and unenhanced blood
// +20..+60 HU, acute clot +20..+100, contrast-enhanced pulmonary artery on CTPA +250..+600 (a
// routine venous phase reaches about +150). Without contrast the heart, vessels and muscle stay
// under +100, so even their 90th percentile does; an enhanced blood pool fills a large part of the
// mediastinum and lifts it above +150.
#include <nlohmann/json.hpp>
#include <string>

#include "image/image.h"

namespace tvui {

struct PresetChoiceParams {
    // Central box, as fractions of the volume along i (R-L), j (A-P), k (I-S): the mediastinum of a
    // chest CT whose field of view is centred on the body, in front of the spine.
    double boxLow[3] = {0.30, 0.20, 0.25};
    double boxHigh[3] = {0.70, 0.60, 0.75};
    // Voxels counted: soft tissue to enhanced blood (fat, lung and air below, cortical bone above).
    double sampleLowHu = 0.0;
    double sampleHighHu = 700.0;
    double percentile = 0.90;
    // Enhanced when the percentile reaches this: above unenhanced blood and clot (+20..+100 HU,
    // clinical-reference.md) plus the upper tail of image noise. Measured P90 (2026-11-29): P001
    // without contrast 118 HU, C3N-00247 venous phase (blood 140-160 HU, noise 55 HU) 233 HU,
    // pa-crop CTPA 562 HU; 170 lies midway between the first two.
    double enhancedBloodHu = 170.0;
    std::size_t minimumSamples = 1000;  // fewer: no mediastinum in view, keep "lungs"
};

struct PresetChoice {
    std::string presetId = "lungs";  // "vessels" or "lungs"
    double percentileHu = 0.0;       // the measured percentile (0 when too few samples)
    std::size_t samples = 0;
    std::string reason;              // one sentence for the log/status bar
};

/// Chooses the default 3D preset of `ct` (decision support for display only).
PresetChoice chooseVolumePreset(const tv::CtVolume& ct, const PresetChoiceParams& params = {});

void to_json(nlohmann::json& j, const PresetChoiceParams& p);
void to_json(nlohmann::json& j, const PresetChoice& c);

}  // namespace tvui
