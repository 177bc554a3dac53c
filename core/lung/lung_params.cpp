#include "lung/lung_params.h"

#include <string>

#include "util/errors.h"

namespace tv {

// One list of (name, member) pairs drives writing, reading and nothing can be forgotten in JSON.
#define TV_LUNG_PARAM_FIELDS(X)                                                                    \
    X(airThresholdHu) X(minLungComponentFraction) X(airwayLumenHu) X(airwayMinDiameterMm) X(airwayLumenClosingMm) X(airwayMaxGapMm) X(airwayLumenRimMm) X(airwayWallClearanceMm) \
    X(closingRadiusMm) X(pleuralHullMaxMeanHu) X(pleuralHullDenseMaxMeanHu) X(pleuralHullMinLungCapFraction) X(baseSmoothingSigmaMm) X(referenceNoiseHu) X(minSmoothingSigmaMm)          \
    X(maxSmoothingSigmaMm) X(ggoLowHu) X(consolidationLowHu) X(consolidationHighHu)                \
    X(vesselnessMinSigmaMm) X(vesselnessMaxSigmaMm) X(vesselnessScaleCount) X(vesselnessAlpha) X(vesselnessBeta) \
    X(vesselnessContrastHu) X(vesselnessThreshold) X(vesselCoreMinHu) X(vesselnessMinPleuraDistanceMm) X(vesselHaloMm) X(vesselHaloThroughPlane) X(noduleBlobMinSigmaMm) X(noduleBlobMaxSigmaMm) X(noduleBlobScaleCount) X(noduleBlobMinEigenRatio) X(noduleBlobMinContrastHu) X(noduleBlobClipHu) X(noduleBlobMaxDenseFraction) X(noduleBlobGridMm) X(noduleBlobProtectRadiusMm) X(thinStructureMaxWidthMm) X(hilarVesselMinHu) X(hilarMaxMedialFraction) X(hilarWidthAlongRows) X(hilarMinHeightFraction) X(hilarMaxHeightFraction) X(minOpacityComponentMm3)      \
    X(pleuralMarginMm) X(diaphragmMarginMm) X(apicalMarginMm) X(apicalMarginMinHeightFraction) X(mediastinalMarginMm) X(mediastinalMaxPosteriorFraction) X(mediastinalMarginMaxHeightFraction) X(sliceMinOpacityAreaMm2) X(sliceMinOpacityFraction) X(sliceLesionEndMinAreaMm2)                        \
    X(lobeMinOpacityAreaMm2) X(scoreNoneBelowPercent) X(fissureMinCurvature) X(fissureBandFraction) X(fissureMinSupport) X(fissureCurvedHalfWidth) X(fissureCurvedMinInlierGain) X(fissureCurvedMaxDeviation) X(middleLobePosteriorLimit)

nlohmann::json toJson(const LungOpacityParams& p) {
    nlohmann::json j;
#define TV_WRITE(name) j[#name] = p.name;
    TV_LUNG_PARAM_FIELDS(TV_WRITE)
#undef TV_WRITE
    j["sources"] = {
        {"hu_bands", "clinical-reference.md: GGO about -750..-300 HU, consolidation about -300..+50 HU; "
                     "-300 HU split (BMC Infect Dis 2021); 3D Slicer Lung CT Analyzer classes"},
        {"ct_severity_score", "Chang 2005; Pan, Radiology 2020; Francone 2020: per lobe 0 none, 1 <5%, "
                              "2 5-25%, 3 26-50%, 4 51-75%, 5 >75%"},
        {"vesselness", "Frangi AF, Niessen WJ, Vincken KL, Viergever MA. Multiscale vessel enhancement "
                       "filtering. MICCAI 1998 (alpha = beta = 0.5)"},
        {"nodule_blob", "Lindeberg T. Feature detection with automatic scale selection. IJCV 30(2):79-116, "
                        "1998; Li Q, Sone S, Doi K. Selective enhancement filters for nodules, vessels, and "
                        "airway walls in two- and three-dimensional CT scans. Med Phys 30(8):2040-2051, 2003"},
        {"six_zone_score", "upper/middle/lower zone of each lung, 0-4 by 25% steps"}};
    return j;
}

LungOpacityParams lungOpacityParamsFromJson(const nlohmann::json& j) {
    LungOpacityParams p;
    if (!j.is_object()) throw InvalidArgumentError("lung_opacity parameters: expected a JSON object");
    for (const auto& [key, value] : j.items()) {
        if (key == "sources") continue;
        bool known = false;
#define TV_READ(name)                                                                               \
    if (key == #name) {                                                                             \
        if (!value.is_number())                                                                     \
            throw InvalidArgumentError("lung_opacity parameter " + key + ": expected a number, found " + \
                                       value.dump());                                               \
        p.name = value.get<double>();                                                               \
        known = true;                                                                               \
    }
        TV_LUNG_PARAM_FIELDS(TV_READ)
#undef TV_READ
        if (!known) throw InvalidArgumentError("lung_opacity parameters: unknown key '" + key + "'");
    }
    p.validate();
    return p;
}

void LungOpacityParams::validate() const {
    auto require = [](bool ok, const char* what) {
        if (!ok) throw InvalidArgumentError(std::string("lung_opacity parameters: ") + what);
    };
    require(airThresholdHu > -1000 && airThresholdHu < 0, "airThresholdHu must be in (-1000, 0)");
    require(ggoLowHu < consolidationLowHu && consolidationLowHu < consolidationHighHu,
            "expected ggoLowHu < consolidationLowHu < consolidationHighHu");
    require(minSmoothingSigmaMm >= 0 && minSmoothingSigmaMm <= maxSmoothingSigmaMm,
            "expected 0 <= minSmoothingSigmaMm <= maxSmoothingSigmaMm");
    require(referenceNoiseHu > 0, "referenceNoiseHu must be positive");
    require(closingRadiusMm >= 0 && airwayWallClearanceMm >= 0 && airwayLumenClosingMm >= 0 && airwayMaxGapMm >= 0 && airwayLumenRimMm >= 0 && thinStructureMaxWidthMm >= 0 && vesselHaloMm >= 0 && vesselnessMinPleuraDistanceMm >= 0 && minOpacityComponentMm3 >= 0 && pleuralMarginMm >= 0 && diaphragmMarginMm >= 0 && apicalMarginMm >= 0 && mediastinalMarginMm >= 0,
            "radii, diameters and sizes must not be negative");
    require(minLungComponentFraction > 0 && minLungComponentFraction <= 1,
            "minLungComponentFraction must be in (0, 1]");
    require(vesselnessScaleCount >= 0 && vesselnessScaleCount <= 8 && vesselnessMinSigmaMm > 0 &&
                vesselnessMinSigmaMm <= vesselnessMaxSigmaMm,
            "expected 0 <= vesselnessScaleCount <= 8 and 0 < vesselnessMinSigmaMm <= vesselnessMaxSigmaMm");
    require(vesselnessAlpha > 0 && vesselnessBeta > 0 && vesselnessContrastHu > 0,
            "vesselnessAlpha, vesselnessBeta and vesselnessContrastHu must be positive");
    require(noduleBlobScaleCount >= 0 && noduleBlobScaleCount <= 8 && noduleBlobMinSigmaMm > 0 &&
                noduleBlobMinSigmaMm <= noduleBlobMaxSigmaMm && noduleBlobGridMm > 0 && noduleBlobProtectRadiusMm >= 0 &&
                noduleBlobMinEigenRatio >= 0 && noduleBlobMinEigenRatio <= 1,
            "expected 0 <= noduleBlobScaleCount <= 8, 0 < noduleBlobMinSigmaMm <= noduleBlobMaxSigmaMm, "
            "noduleBlobGridMm > 0, noduleBlobProtectRadiusMm >= 0 and noduleBlobMinEigenRatio in [0, 1]");
    require(hilarMinHeightFraction >= 0 && hilarMinHeightFraction <= hilarMaxHeightFraction && hilarMaxHeightFraction <= 1,
            "expected 0 <= hilarMinHeightFraction <= hilarMaxHeightFraction <= 1");
    require(fissureBandFraction > 0 && fissureBandFraction < 0.5, "fissureBandFraction must be in (0, 0.5)");
    require(fissureCurvedHalfWidth > 0 && fissureCurvedHalfWidth <= fissureBandFraction && fissureCurvedMinInlierGain >= 0 &&
                fissureCurvedMaxDeviation >= 0,
            "expected 0 < fissureCurvedHalfWidth <= fissureBandFraction, fissureCurvedMinInlierGain >= 0 and "
            "fissureCurvedMaxDeviation >= 0");
    require(hilarWidthAlongRows == 0 || hilarWidthAlongRows == 1, "hilarWidthAlongRows must be 0 or 1");
    require(vesselHaloThroughPlane == 0 || vesselHaloThroughPlane == 1, "vesselHaloThroughPlane must be 0 or 1");
    require(apicalMarginMinHeightFraction >= 0 && apicalMarginMinHeightFraction <= 1 &&
                mediastinalMaxPosteriorFraction >= 0 && mediastinalMaxPosteriorFraction <= 1 &&
                mediastinalMarginMaxHeightFraction >= 0 && mediastinalMarginMaxHeightFraction <= 1,
            "apicalMarginMinHeightFraction, mediastinalMaxPosteriorFraction and mediastinalMarginMaxHeightFraction must be in [0, 1]");
    require(middleLobePosteriorLimit > 0 && middleLobePosteriorLimit <= 1, "middleLobePosteriorLimit must be in (0, 1]");
}

}  // namespace tv
