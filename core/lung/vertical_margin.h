#pragma once
// Partial volume where a slice cuts a lung surface obliquely: the diaphragm dome below the lung
// and the apical dome above it. In-plane erosion (the pleural margin) does not see these
// surfaces, because the non-lung tissue lies in the slice above or below, not beside the voxel.
#include <array>

#include "image/image.h"
#include "lung/lung_regions.h"

namespace tv {

enum class VerticalSide { kBelow, kAbove };

/// Clears `opacity` at lung voxels (lungLabels 1 or 2) that lie within `marginMm` (measured along
/// the slice axis, voxel centre to voxel centre) of the last non-lung voxel on `side` of them in
/// the same column: kBelow walks each column upwards from the feet (the diaphragm), kAbove walks
/// it downwards from the head (the apex). `frame` says which way k points. Only voxels at or above
/// `minHeightFraction` of their lung's height (`ext` by Side; 0 base, 1 apex) are cleared (0: all).
/// Returns the number of opacity voxels cleared.
std::size_t clearNearVerticalLungSurface(LabelMap& opacity, const LabelMap& lungLabels, const AxialFrame& frame,
                                         VerticalSide side, double marginMm,
                                         const std::array<LungExtent, 2>& ext = {}, double minHeightFraction = 0.0);

}  // namespace tv
