#pragma once
// The detector works on a "working grid": the CT re-indexed so that i runs to the patient's left,
// j posterior and k superior (canonical LPS axes, so anatomical rules can use plain index
// comparisons whatever the file's orientation) and binned in-plane to about 1 mm, which halves
// the noise of sharp-kernel scans (C3N-00247, B70f, 0.56 mm pixels) while keeping segmental
// arteries (3-5 mm) several voxels wide. Results are painted back onto the original grid.
#include <array>

#include "image/image.h"

namespace tv {

struct WorkingGrid {
    ImageGeometry geometry;      // canonical, binned grid (LPS patient frame, identity-like axes)
    Image<float> hu;             // block-averaged HU on `geometry`
    std::array<int, 3> axisOf{}; // working axis w -> source axis
    std::array<bool, 3> flip{};  // working axis runs opposite to its source axis
    std::array<int, 3> bin{};    // source voxels per working voxel along each working axis
    Index3 sourceSize{};

    /// First source voxel (lowest index along each source axis) of working voxel w's block.
    Index3 sourceBlockStart(const Index3& w) const;
    /// Working voxel that contains source voxel s (may be outside when the size was not divisible).
    Index3 workingFromSource(const Index3& s) const;
};

/// Builds the working grid. `targetInPlaneMm`: in-plane spacing to bin towards (integer factors
/// only; no binning when the spacing is already at least that). Slices are never binned.
/// Throws InvalidArgumentError for an empty volume.
WorkingGrid makeWorkingGrid(const CtVolume& ct, double targetInPlaneMm);

/// Paints a working-grid label map back onto the source grid (each source voxel takes the label of
/// the working voxel containing it).
LabelMap labelsToSource(const WorkingGrid& grid, const LabelMap& working, const ImageGeometry& sourceGeometry);

/// Resamples a source-grid label map onto the working grid (majority-free: a working voxel is set
/// when at least half of its block carries a non-zero label; the most frequent label wins).
LabelMap labelsToWorking(const WorkingGrid& grid, const LabelMap& source);

}  // namespace tv
