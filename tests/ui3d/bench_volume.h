#pragma once
// Helpers shared by the 3D-view benchmark and tests: the 512x512x256 benchmark volume the issue
// asks for, synthesized from a real series by linear interpolation between slices.
#include "image/image.h"

namespace tvtest3d {

/// `ct` resampled along k to `slices` slices spanning the same extent (linear interpolation of HU
/// between neighbouring slices; i and j untouched). Spacing along k becomes extent / slices.
tv::CtVolume resampleSlices(const tv::CtVolume& ct, int slices);

}  // namespace tvtest3d
