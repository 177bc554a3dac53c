#pragma once
// Which air around a CT is outside the patient. One pair of thresholds, shared by the embolus
// detector's thorax masks and the body mask of the 3D view (each measures its regions' median HU
// its own way).
namespace tv {

struct OutsideAirRule {
    // Room air and air under the table are about -1000 HU; aerated lung about -850 (3D Slicer
    // LCTA: aerated lung below -750), so a median this dark is outside air, never lung.
    double medianHu = -960;
    // Sharp kernels (B70f in C3N-00247) lift the median of outside air to about -915..-945 HU: an
    // air region that also reaches both lateral edges of the field of view is outside (a lung
    // never crosses the midline).
    double wideMedianHu = -900;
};

/// True when an air region with median `medianHu` (that touches the field of view's left and right
/// edges when `reachesBothLateralEdges`) is air outside the patient.
inline bool isOutsideAir(const OutsideAirRule& rule, double medianHu, bool reachesBothLateralEdges) {
    return medianHu < rule.medianHu || (reachesBothLateralEdges && medianHu < rule.wideMedianHu);
}

}  // namespace tv
