#include "view3d/preset_choice.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <vector>

namespace tvui {

PresetChoice chooseVolumePreset(const tv::CtVolume& ct, const PresetChoiceParams& p) {
    PresetChoice out;
    const tv::Index3& n = ct.geometry().size;
    std::array<int, 3> lo{}, hi{};
    for (std::size_t a = 0; a < 3; ++a) {
        lo[a] = std::clamp(static_cast<int>(std::floor(p.boxLow[a] * n[a])), 0, n[a]);
        hi[a] = std::clamp(static_cast<int>(std::ceil(p.boxHigh[a] * n[a])), lo[a], n[a]);
    }
    // A histogram with 1 HU bins over the sampled range: exact percentile, no sort.
    const int low = static_cast<int>(p.sampleLowHu), high = static_cast<int>(p.sampleHighHu);
    std::vector<std::size_t> histogram(static_cast<std::size_t>(std::max(1, high - low)), 0);
    for (int k = lo[2]; k < hi[2]; ++k)
        for (int j = lo[1]; j < hi[1]; ++j)
            for (int i = lo[0]; i < hi[0]; ++i) {
                const int hu = ct.hu.at(i, j, k);
                if (hu < low || hu >= high) continue;
                ++histogram[static_cast<std::size_t>(hu - low)];
                ++out.samples;
            }
    char text[200];
    if (out.samples < p.minimumSamples) {
        std::snprintf(text, sizeof text, "3D preset lungs: only %zu soft-tissue voxels in the central box", out.samples);
        out.reason = text;
        return out;
    }
    const auto rank = static_cast<std::size_t>(std::ceil(p.percentile * static_cast<double>(out.samples)));
    std::size_t seen = 0;
    for (std::size_t b = 0; b < histogram.size(); ++b) {
        seen += histogram[b];
        if (seen >= std::max<std::size_t>(1, rank)) {
            out.percentileHu = low + static_cast<double>(b);
            break;
        }
    }
    const bool enhanced = out.percentileHu >= p.enhancedBloodHu;
    out.presetId = enhanced ? "vessels" : "lungs";
    std::snprintf(text, sizeof text, "3D preset %s: mediastinal P%.0f %.0f HU %s %.0f HU (%s)", out.presetId.c_str(),
                  100 * p.percentile, out.percentileHu, enhanced ? ">=" : "<", p.enhancedBloodHu,
                  enhanced ? "contrast-enhanced blood pool" : "no enhanced blood pool");
    out.reason = text;
    return out;
}

void to_json(nlohmann::json& j, const PresetChoiceParams& p) {
    j = nlohmann::json{{"box_low", {p.boxLow[0], p.boxLow[1], p.boxLow[2]}},
                       {"box_high", {p.boxHigh[0], p.boxHigh[1], p.boxHigh[2]}},
                       {"sample_hu", {p.sampleLowHu, p.sampleHighHu}},
                       {"percentile", p.percentile},
                       {"enhanced_blood_hu", p.enhancedBloodHu},
                       {"minimum_samples", p.minimumSamples},
                       {"sources", {{"enhanced_blood_hu", "above unenhanced blood +20..+60 and clot +20..+100 HU; "
                                                          "enhanced PA +250..+600 HU (clinical-reference.md)"}}}};
}

void to_json(nlohmann::json& j, const PresetChoice& c) {
    j = nlohmann::json{{"preset", c.presetId}, {"percentile_hu", c.percentileHu}, {"samples", c.samples},
                       {"reason", c.reason}};
}

}  // namespace tvui
