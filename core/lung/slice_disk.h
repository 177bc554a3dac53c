#pragma once
// Whether a target pixel lies within a disk around each pixel of a slice, without a distance
// transform. The disk is a stack of row segments: a target pixel m pixels along row j + t is inside
// when m <= w(t), and since the half-widths w(t) shrink with |t|, a row distance m reaches the rows
// within reach(m) = max{t : w(t) >= m} of its own. So each pixel's nearest target along its row
// (one scan per row) is turned into a reach, and two passes over the rows (down and up, carrying
// the reach left, minus one per row) mark every pixel some reach covers. The half-widths are found
// with the arithmetic of squaredDistance2d (row distance rounded to float, plus the squared row
// offset in double, rounded to float), so "hit" is exactly "squaredDistance2d's value <= maxMm2",
// which the disk morphology thresholds. Everything is bytes: the passes vectorise.
#include <array>
#include <cstdint>
#include <vector>

namespace tv {

/// Row distances are capped here: "no target within 254 pixels along the row".
constexpr std::uint8_t kFarRow = 255;

/// The disk {squared distance <= maxMm2} on a pixel grid with spacing sx along rows, sy across.
class SliceDisk {
public:
    SliceDisk(double sx, double sy, float maxMm2);
    /// Whether the disk fits the byte row distances and reaches (half-widths and rows below
    /// kFarRow); diskHits needs it, callers fall back to the distance transform otherwise.
    bool fitsBytes() const { return fits_; }
    /// 1 + the rows a row distance m (pixels, kFarRow: none within 254) reaches; 0: not even its own.
    std::uint8_t reachPlusOne(std::uint8_t m) const { return reach_[m]; }
    /// The largest row distance that reaches its own row (the disk's half-width); -1 for none.
    int halfWidth() const { return halfWidth_; }

private:
    std::array<std::uint8_t, 256> reach_{};
    int halfWidth_ = -1;
    bool fits_ = false;
};

/// reachPlusOne of each pixel of a row of n pixels: of its distance (pixels along the row) to the
/// nearest pixel whose (row[q] != 0) equals `targetSet`. Requires disk.fitsBytes().
void rowReach(const std::uint8_t* row, int n, bool targetSet, const SliceDisk& disk, std::uint8_t* out);

/// For a w x h rectangle whose rowReach values are `reach` (row-major, w per row): out row j,
/// pixel i (at out + j * outStride + i) becomes 1 when a target lies within the disk of (i, j) and
/// 0 otherwise, or the reverse with `inverted` (an erosion when the targets are the background).
/// Rows outside the rectangle hold no target. `carry` is scratch.
void diskHits(const std::uint8_t* reach, int w, int h, bool inverted, std::uint8_t* out, std::size_t outStride,
              std::vector<std::uint8_t>& carry);

}  // namespace tv
