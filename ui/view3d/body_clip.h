#pragma once
// Clipping the 3D view to the patient's body. A radiologist expects the lungs and vessels presets
// to show the thorax contents, not the table, the arms and the box of air around (in `lungs` the
// skin/air boundary crosses the same HU band as the lung walls and reads as a translucent box).
// The render copies of a volume (full quality and LOD) read voxels outside the body mask as
// kOutsideBodyHu; the CT itself is not changed.
#include <memory>

#include "image/image.h"
#include "lung/body_mask.h"
#include "util/progress.h"

namespace tvui {

/// Water: transparent in every preset (lungs shows -950..-300 HU, vessels starts at +120 HU, bone
/// at +200 HU), and no preset's band lies between it and the soft tissue or fat at the body's
/// edge, so the cut leaves no shell.
constexpr std::int16_t kOutsideBodyHu = 0;

/// The body mask parameters of the 3D view: arms removed (computeBodyMask's lung-based rule) and a
/// 3 mm skin margin, so the skin's partial-volume rim (-600..-300 HU, the lung wall band) goes too.
tv::BodyMaskParams renderBodyMaskParams();

/// computeBodyMask(ct.hu, renderBodyMaskParams()) as a shared mask for the render copies (binned
/// in-plane by 2 when the slices are at least 256 x 256).
/// Throws tv::CancelledError.
std::shared_ptr<const tv::LabelMap> renderBodyMask(const tv::CtVolume& ct,
                                                   const tv::CancelToken& cancel = tv::neverCancel());

/// Voxel n of `ct` as the render copies see it: kOutsideBodyHu outside `body` (when given).
inline std::int16_t clippedHu(const tv::CtVolume& ct, const tv::LabelMap* body, std::size_t n) {
    return (body && !(*body)[n]) ? kOutsideBodyHu : ct.hu[n];
}

}  // namespace tvui
