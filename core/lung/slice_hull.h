#pragma once
// Per-slice convex hull of a binary mask: the costal pleura is convex in every axial section, so
// the hull of a lung's section reaches the pleural line even where dense consolidation has left a
// wide, shallow dent in the air-threshold outline that no rolling ball of a safe radius fills.
#include <cstdint>

namespace tv {

/// Replaces the nx x ny slice `s` (row-major, non-zero = set) with the convex hull of its set
/// pixels (pixel centres; a pixel is inside when its centre lies in the hull, edges included).
void convexHullSlice(std::uint8_t* s, int nx, int ny);

}  // namespace tv
