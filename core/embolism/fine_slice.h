#pragma once
#include <algorithm>
// One native-resolution axial slice of the fine pass (fine_defects.h) and its defect regions: shared by
// the detector (fine_defects.cpp) and the review tool fine_defect_probe, so that the probe prints the
// numbers of the code the detector runs.
#include <cstdint>
#include <vector>

#include "embolism/candidates.h"
#include "embolism/working_grid.h"

namespace tv {
namespace fine_slice {
inline constexpr double kPi = 3.14159265358979323846;
}

// One axial slice of native pixels over a box of working voxels, in the working grid's canonical
// orientation: fine pixel (x, y) lies in working voxel (i0 + x / b0, j0 + y / b1).
struct FineSlice {
    int i0 = 0, j0 = 0, b0 = 1, b1 = 1, w = 0, h = 0;
    double sx = 0, sy = 0;           // native pixel spacing (mm)
    std::vector<float> raw;          // native HU
    std::vector<float> hu;           // smoothed native HU (smoothFineSlice)
    std::vector<float> rawNear;      // darker of the native HU of the same pixel on the slices above and below (those that exist)
    std::vector<std::uint8_t> code;  // lobar, segmental or mediastinal-branch tree code of the pixel's working
                                     // voxel or, failing that, of the voxel above or below it (0: none)
    std::vector<std::uint8_t> roi;   // the pixel's working voxel lies within the region margin of a seed voxel or of
                                     // untraced lumen near one (EmbolismParams::fineRoiUntracedReachMm)
    std::size_t working(const WorkingGrid& wg, int s, int k) const {
        return wg.hu.offset(i0 + (s % w) / b0, j0 + (s / w) / b1, k);
    }
};

struct SliceDefect {
    std::vector<int> pixels;  // fine pixels of the region (slice offsets)
    int section = 0;          // contrast component (artery section) it belongs to
    bool hole = false;        // enclosed by the section (polo mint); else a deficit of its closing
    bool rimWrapped = false;  // a deficit wrapped by its section and a rim cut off from it (fineRimMaxThicknessMm)
    bool wide = false;        // a deficit of the breached-hole closing (fineBreachedHoleClosingMm): taken only as a breached hole
};

// Connected components of the pixels where on != 0 in a w x h slice (4- or 8-neighbours); labels
// 1..count, 0 off. Returns the count.
int label2d(const std::vector<std::uint8_t>& on, int w, int h, bool eight, std::vector<int>& labels);

// Tree codes whose working voxels seed a fine slice: lobar, segmental, mediastinal branch.
bool seedCode(std::uint8_t c);

// Builds slice k's fine pixels over the working box around its lobar and segmental tree voxels
// (false: none on this slice).
bool buildFineSlice(const CtVolume& ct, const WorkingGrid& wg, const VesselTree& tree, int k, const EmbolismParams& p, FineSlice& fs);

// fs.hu = fs.raw smoothed in-plane with sigmaMm.
void smoothFineSlice(FineSlice& fs, double sigmaMm);

// Deepest pixel of a region: largest distance (mm, centre to centre) from a region pixel to the
// nearest pixel outside it, less half a pixel (the inscribed radius of the region as pixel squares).
double regionDepthMm(const FineSlice& fs, const std::vector<int>& pixels, const std::vector<std::uint8_t>& inRegion);

// The defect regions of one slice (holes and hull deficits of artery sections, the deficits of a
// closing with a disk of closingMm: EmbolismParams::fineClosingRadiusMm, or fineBreachedHoleClosingMm),
// before the tests.
std::vector<SliceDefect> sliceRegions(const FineSlice& fs, double thresholdHu, const EmbolismParams& p, double closingMm,
                                      std::vector<int>& sectionOf, std::vector<int>& sectionArea);

/// The section's lumen level: the (1 - fineCoreQuantile) quantile of its pixels (its brighter pixels,
/// its lumen, not its partial-volume rim).
double sectionBloodHu(const FineSlice& fs, const std::vector<int>& sectionOf, int section, const EmbolismParams& p);
/// A region's core: the fineCoreQuantile quantile of its pixels (the clot's darker core, not the rim
/// down to the threshold).
double regionCoreHu(const FineSlice& fs, const std::vector<int>& pixels, const EmbolismParams& p);
/// The region test's contrast: (blood - core) / max(20, blood - thrombusMidHu); at least
/// fineMinContrastNorm passes.
inline double fineContrastNorm(double bloodHu, double coreHu, const EmbolismParams& p) {
    return (bloodHu - coreHu) / std::max(20.0, bloodHu - p.thrombusMidHu);
}

// Largest tree lumen radius (VesselTree::radius, mm) among the arterial-tree working voxels
// 26-adjacent to the working voxels of `pixels` on slice k (0: none).
double adjacentTreeRadiusMm(const FineSlice& fs, const WorkingGrid& wg, const VesselTree& tree, int k, const std::vector<int>& pixels);

// Whether region d of slice k is within the fine pass's area cap: EmbolismParams::fineMaxSliceAreaMm2,
// or for a hole beside an artery the fine pass scores, fineHoleCapFromVesselRadius.
bool withinFineAreaCap(const FineSlice& fs, const WorkingGrid& wg, const VesselTree& tree, int k, const SliceDefect& d, const EmbolismParams& p);

// Whether a native pixel brighter than calciumHu (unsmoothed) lies within marginMm of a region pixel.
bool besideCalcium(const FineSlice& fs, const std::vector<int>& pixels, double calciumHu, double marginMm);

}  // namespace tv
