#include "view3d/body_clip.h"

namespace tvui {

tv::BodyMaskParams renderBodyMaskParams() {
    tv::BodyMaskParams p;
    p.removeArms = true;
    p.skinMarginMm = 3.0;  // the skin rim (1-2 voxels of 0.5-0.8 mm) plus one binned pixel
    return p;
}

std::shared_ptr<const tv::LabelMap> renderBodyMask(const tv::CtVolume& ct, const tv::CancelToken& cancel) {
    tv::BodyMaskParams p = renderBodyMaskParams();
    // Binned by 2 for full-size slices (4x faster; the edge moves by at most one binned pixel,
    // which the skin margin covers); small crops at full resolution.
    p.inPlaneStep = ct.hu.nx() >= 256 && ct.hu.ny() >= 256 ? 2 : 1;
    return std::make_shared<const tv::LabelMap>(tv::computeBodyMask(ct.hu, p, cancel).mask);
}

}  // namespace tvui
