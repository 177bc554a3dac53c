#include "embolism/lung_smoothing.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace tv {

double lumenThresholdFor(double paEnhancementHu, const EmbolismParams& p) {
    return std::max(p.thrombusHighHu, 0.5 * (paEnhancementHu + p.thrombusMidHu));
}

double partialVolumeSigmaMm(double radiusMm, double bloodHu, double backgroundHu, double thresholdHu, const EmbolismParams& p) {
    // Peak fraction needed: (threshold - b) / (blood - b) = 1 - exp(-R^2 / 2 sigma^2).
    if (bloodHu <= thresholdHu || thresholdHu <= backgroundHu) return p.smoothingSigmaMm;
    const double sigma = radiusMm / std::sqrt(2.0 * std::log((bloodHu - backgroundHu) / (bloodHu - thresholdHu)));
    return std::clamp(sigma, p.lungSmoothingMinSigmaMm, p.smoothingSigmaMm);
}

double lungMedianHu(const Image<float>& hu, const Mask& lungs) {
    std::array<std::size_t, 1025> hist{};
    std::size_t count = 0;
    for (std::size_t n = 0; n < hu.voxelCount(); ++n) {
        if (!lungs[n]) continue;
        ++hist[static_cast<std::size_t>(std::clamp(static_cast<int>(std::lround(hu[n])) + 1024, 0, 1024))];
        ++count;
    }
    std::size_t acc = 0;
    for (std::size_t b = 0; b < hist.size(); ++b)
        if ((acc += hist[b]) * 2 >= count && count) return static_cast<double>(b) - 1024.0;
    return -850.0;
}

double smoothLungsPartialVolume(Image<float>& s, const Image<float>& hu, const ThoraxMasks& m, const ContrastResult& c,
                                const EmbolismParams& p) {
    if (p.lungVesselMinRadiusMm <= 0 || c.state != ContrastState::Adequate) return p.smoothingSigmaMm;
    const double sigma = partialVolumeSigmaMm(p.lungVesselMinRadiusMm, c.paEnhancementHu, lungMedianHu(hu, m.lungs),
                                              lumenThresholdFor(c.paEnhancementHu, p), p);
    if (sigma >= p.smoothingSigmaMm) return p.smoothingSigmaMm;
    Image<float> lungSmoothed = hu;
    gaussianSmooth(lungSmoothed, sigma);
    for (std::size_t n = 0; n < s.voxelCount(); ++n)
        if (m.lungHull[n] && !m.mediastinum[n] && !m.heart[n]) s[n] = lungSmoothed[n];
    return sigma;
}

}  // namespace tv
