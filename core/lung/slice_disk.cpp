#include "lung/slice_disk.h"

#include <algorithm>
#include <cstring>

#include "lung/byte_words.h"

namespace tv {
namespace {

// squaredDistance2d's value for a target `m` pixels along the row and `t` rows away: the row pass
// stores float((sx m)^2), the column pass adds (sy t)^2 in double and rounds to float (capped at
// its "no target" value 1e12).
float squaredDistanceOf(double sx, double sy, int m, int t) {
    const double di = sx * m, dj = sy * t;
    const auto rowPart = static_cast<float>(di * di);
    return static_cast<float>(std::min(dj * dj + double(rowPart), 1e12));
}

// First pixel in [q, n) of the row whose (row[q] != 0) equals `set`, or n; 8 bytes at a time.
int findFirst(const std::uint8_t* row, int q, int n, bool set) {
    for (; q + 8 <= n; q += 8) {
        const std::uint64_t w = loadByteWord(row + q);
        if (set ? w != 0 : hasZeroByte(w)) break;
    }
    while (q < n && (row[q] != 0) != set) ++q;
    return q;
}

}  // namespace

SliceDisk::SliceDisk(double sx, double sy, float maxMm2) {
    // Both parts of the value grow with m and with t and the roundings keep the order, so each row
    // of the disk is the segment 0..w(t), and the rows end at the first t whose centre is outside.
    std::vector<int> halfWidth;
    for (int t = 0; squaredDistanceOf(sx, sy, 0, t) <= maxMm2; ++t) {
        if (t + 1 >= kFarRow) return;  // more rows than a byte reach holds: fits_ stays false
        int m = 0;
        while (squaredDistanceOf(sx, sy, m + 1, t) <= maxMm2) {
            if (++m >= kFarRow) return;  // wider than the byte row distances
        }
        halfWidth.push_back(m);
    }
    // w(t) does not grow with t: the rows a distance m reaches are 0..reach(m).
    for (int m = 0; m < kFarRow; ++m) {
        int rows = 0;
        while (rows < static_cast<int>(halfWidth.size()) && halfWidth[static_cast<std::size_t>(rows)] >= m) ++rows;
        reach_[static_cast<std::size_t>(m)] = static_cast<std::uint8_t>(rows);
    }
    reach_[kFarRow] = 0;
    fits_ = true;
}

void rowTargetDistances(const std::uint8_t* row, int n, bool targetSet, std::uint8_t* out) {
    // Runs of non-target pixels between targets get min(distance to the previous target, to the
    // next) in one vectorisable loop; target runs are zeroed.
    int prev = -1;  // the last target before q (-1: none)
    for (int q = 0; q < n;) {
        const int next = findFirst(row, q, n, targetSet);
        std::uint8_t* o = out + q;
        const int len = next - q;
        if (prev < 0 && next == n) std::memset(o, kFarRow, static_cast<std::size_t>(len));
        else if (prev < 0)
            for (int p = 0; p < len; ++p) o[p] = static_cast<std::uint8_t>(std::min(len - p, int{kFarRow}));
        else if (next == n)
            for (int p = 0; p < len; ++p) o[p] = static_cast<std::uint8_t>(std::min(q + p - prev, int{kFarRow}));
        else
            for (int p = 0; p < len; ++p) o[p] = static_cast<std::uint8_t>(std::min(std::min(q + p - prev, len - p), int{kFarRow}));
        if (next == n) break;
        const int end = findFirst(row, next, n, !targetSet);
        std::memset(out + next, 0, static_cast<std::size_t>(end - next));
        prev = end - 1;
        q = end;
    }
}

void diskHits(const std::uint8_t* rowDist, int w, int h, const SliceDisk& disk, bool inverted, std::uint8_t* out,
              std::size_t outStride, std::vector<std::uint8_t>& reach) {
    const auto width = static_cast<std::size_t>(w);
    const std::size_t area = width * static_cast<std::size_t>(h);
    reach.resize(area + width);  // each pixel's reach (plus one), then one row of carried reach
    for (std::size_t q = 0; q < area; ++q) reach[q] = disk.reachPlusOne(rowDist[q]);
    std::uint8_t* carry = reach.data() + area;
    // Down the rows: the reach carried from the rows above, one less per row, or the pixel's own.
    std::fill_n(carry, width, std::uint8_t{0});
    for (int j = 0; j < h; ++j) {
        const std::uint8_t* r = reach.data() + static_cast<std::size_t>(j) * width;
        std::uint8_t* o = out + static_cast<std::size_t>(j) * outStride;
        for (std::size_t i = 0; i < width; ++i) {
            const std::uint8_t c = std::max(static_cast<std::uint8_t>(carry[i] - (carry[i] != 0)), r[i]);
            carry[i] = c;
            o[i] = c != 0;
        }
    }
    // Up the rows, the same from below; the two marks together are the hits.
    std::fill_n(carry, width, std::uint8_t{0});
    const std::uint8_t flip = inverted ? 1 : 0;
    for (int j = h - 1; j >= 0; --j) {
        const std::uint8_t* r = reach.data() + static_cast<std::size_t>(j) * width;
        std::uint8_t* o = out + static_cast<std::size_t>(j) * outStride;
        for (std::size_t i = 0; i < width; ++i) {
            const std::uint8_t c = std::max(static_cast<std::uint8_t>(carry[i] - (carry[i] != 0)), r[i]);
            carry[i] = c;
            o[i] = static_cast<std::uint8_t>((o[i] | (c != 0)) ^ flip);
        }
    }
}

}  // namespace tv
