#include "lung/body_mask.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "embolism/volume_ops.h"
#include "image/bin_in_plane.h"
#include "lung/binary_morphology.h"
#include "lung/lung_frame.h"

namespace tv {
namespace {

// 1 where a voxel is air outside the patient: 3-D air regions judged by isOutsideAir().
LabelMap outsideAir(const Image<std::int16_t>& hu, const BodyMaskParams& p, const CancelToken& cancel) {
    const ImageGeometry& g = hu.geometry();
    const int nx = hu.nx(), ny = hu.ny(), nz = hu.nz();
    LabelMap air(g, 0);
    for (std::size_t n = 0; n < hu.voxelCount(); ++n) air[n] = hu[n] < p.airHu ? 1 : 0;
    const Components cc = connectedComponents(air);
    cancel.throwIfCancelled();
    const int count = cc.count();
    const std::int64_t minEnclosed =
        static_cast<std::int64_t>(std::ceil(p.minEnclosedOutsideAirMl * 1000.0 / g.voxelVolumeMm3()));
    std::vector<char> touches(count + 1, 0), left(count + 1, 0), right(count + 1, 0);
    for (int k = 0; k < nz; ++k)
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; i += (j == 0 || j == ny - 1) ? 1 : std::max(1, nx - 1)) {
                const int l = cc.labels.at(i, j, k);
                if (!l) continue;
                touches[l] = 1;
                if (i == 0) left[l] = 1;
                if (i == nx - 1) right[l] = 1;
            }
    // Median HU of the regions that are judged: 10-HU bins from -1100 HU up to the air threshold.
    constexpr double kLow = -1100.0, kBin = 10.0;
    const int bins = std::max(1, static_cast<int>(std::ceil((p.airHu - kLow) / kBin)) + 1);
    std::vector<std::vector<std::int64_t>> hist(count + 1);
    for (int l = 1; l <= count; ++l)
        if (touches[l] || cc.sizes[l] >= minEnclosed) hist[l].assign(bins, 0);
    for (std::size_t n = 0; n < hu.voxelCount(); ++n) {
        const int l = cc.labels[n];
        if (!l || hist[l].empty()) continue;
        ++hist[l][std::clamp(static_cast<int>((hu[n] - kLow) / kBin), 0, bins - 1)];
    }
    std::vector<char> outside(count + 1, 0);
    for (int l = 1; l <= count; ++l) {
        if (hist[l].empty()) continue;
        std::int64_t acc = 0;
        int b = 0;
        while (b < bins - 1 && (acc += hist[l][b]) * 2 < cc.sizes[l]) ++b;
        outside[l] = isOutsideAir(p.outsideAir, kLow + (b + 0.5) * kBin, left[l] && right[l]) ? 1 : 0;
    }
    for (std::size_t n = 0; n < air.voxelCount(); ++n) air[n] = outside[cc.labels[n]];
    return air;
}

// Drops body voxels further than armMarginMm left or right of the lungs (aerated regions inside
// the body of at least minLungMl). Returns false (nothing dropped) without lungs or on a
// non-axial grid.
bool clipArms(const Image<std::int16_t>& hu, const BodyMaskParams& p, BodyMask& out, const CancelToken& cancel) {
    const ImageGeometry& g = hu.geometry();
    try {
        axialFrame(g);  // i must run left-right
    } catch (const InvalidArgumentError&) {
        return false;
    }
    LabelMap inner(g, 0);
    for (std::size_t n = 0; n < hu.voxelCount(); ++n) inner[n] = (out.mask[n] && hu[n] < p.airHu) ? 1 : 0;
    const std::vector<Component> comps = findComponents(inner, 1, cancel);
    const double voxelMl = g.voxelVolumeMm3() / 1000.0;
    int lo = g.size[0], hi = 0;
    for (const Component& c : comps)
        if (c.voxels * voxelMl >= p.minLungMl) lo = std::min(lo, c.lo[0]), hi = std::max(hi, c.hi[0]);
    out.lungsFound = hi > lo;
    if (!out.lungsFound) return false;
    const int margin = static_cast<int>(std::lround(p.armMarginMm / g.spacing[0]));
    out.armCutLowI = std::max(0, lo - margin);
    out.armCutHighI = std::min(g.size[0], hi + margin);
    for (int k = 0; k < hu.nz(); ++k)
        for (int j = 0; j < hu.ny(); ++j) {
            std::uint8_t* row = &out.mask.at(0, j, k);
            std::fill(row, row + out.armCutLowI, 0);
            std::fill(row + out.armCutHighI, row + g.size[0], 0);
        }
    return true;
}

}  // namespace

BodyMask computeBodyMask(const Image<std::int16_t>& hu, const BodyMaskParams& p, const CancelToken& cancel) {
    BodyMask out;
    if (p.inPlaneStep > 1) {
        const int step = p.inPlaneStep;
        BodyMaskParams q = p;
        q.inPlaneStep = 1;
        BodyMask coarse = computeBodyMask(binInPlane(hu, step), q, cancel);
        out = coarse;
        out.mask = LabelMap(hu.geometry(), 0);
        for (int k = 0; k < hu.nz(); ++k)
            for (int j = 0; j < hu.ny(); ++j)
                for (int i = 0; i < hu.nx(); ++i) out.mask.at(i, j, k) = coarse.mask.at(i / step, j / step, k);
        out.armCutLowI = std::min(hu.nx(), coarse.armCutLowI * step);
        out.armCutHighI = std::min(hu.nx(), coarse.armCutHighI * step);
        return out;
    }
    out.mask = outsideAir(hu, p, cancel);
    for (std::size_t n = 0; n < out.mask.voxelCount(); ++n) out.mask[n] = out.mask[n] ? 0 : 1;
    keepLargestRegionSlices(out.mask, cancel);  // the table and tubes are apart from the body
    fillHolesSlices(out.mask, cancel);
    if (p.removeArms) {
        out.armsRemoved = clipArms(hu, p, out, cancel);
        // A clipped arm can leave pieces that only joined the body through the dropped columns.
        if (out.armsRemoved) keepLargestRegionSlices(out.mask, cancel);
    }
    if (p.skinMarginMm > 0) erodeSlices(out.mask, p.skinMarginMm, cancel);
    return out;
}

}  // namespace tv
