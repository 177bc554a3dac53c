#include "embolism/lung_wrap_rays.h"

#include <algorithm>
#include <cmath>

namespace tv {

LungWrapRays::LungWrapRays(const Mask& lungs, const EmbolismParams& p) : lungs_(lungs) {
    const ImageGeometry& g = lungs.geometry();
    const int dirs = p.hilarDirections;
    cosA_.resize(dirs);
    sinA_.resize(dirs);
    for (int d = 0; d < dirs; ++d) {
        cosA_[d] = std::cos(2 * 3.14159265358979 * d / dirs);
        sinA_[d] = std::sin(2 * 3.14159265358979 * d / dirs);
    }
    stepMm_ = std::min(g.spacing[0], g.spacing[1]);
    sliceLung_.assign(g.size[2], 0);
    for (int k = 0; k < g.size[2]; ++k)
        for (int j = 0; j < g.size[1]; ++j)
            for (int i = 0; i < g.size[0]; ++i) sliceLung_[k] += lungs.at(i, j, k) != 0;
    const std::int64_t broadest = sliceLung_.empty() ? 0 : *std::max_element(sliceLung_.begin(), sliceLung_.end());
    minSliceLung_ = p.hilarMinLungSliceShare * broadest;
}

int LungWrapRays::directionsWithLung(int i, int j, int k, double reachMm) const {
    const ImageGeometry& g = lungs_.geometry();
    int withLung = 0;
    for (std::size_t d = 0; d < cosA_.size(); ++d)
        for (double t = stepMm_; t <= reachMm; t += stepMm_) {
            const int a = static_cast<int>(std::lround(i + t * cosA_[d] / g.spacing[0]));
            const int b = static_cast<int>(std::lround(j + t * sinA_[d] / g.spacing[1]));
            if (a < 0 || b < 0 || a >= g.size[0] || b >= g.size[1]) break;
            if (lungs_.at(a, b, k)) {
                ++withLung;
                break;
            }
        }
    return withLung;
}

}  // namespace tv
