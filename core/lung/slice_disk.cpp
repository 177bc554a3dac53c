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
    std::vector<int> widths;
    for (int t = 0; squaredDistanceOf(sx, sy, 0, t) <= maxMm2; ++t) {
        if (t + 1 >= kFarRow) return;  // more rows than a byte reach holds: fits_ stays false
        int m = 0;
        while (squaredDistanceOf(sx, sy, m + 1, t) <= maxMm2) {
            if (++m >= kFarRow) return;  // wider than the byte row distances
        }
        widths.push_back(m);
    }
    // w(t) does not grow with t: the rows a distance m reaches are 0..reach(m).
    for (int m = 0; m < kFarRow; ++m) {
        int rows = 0;
        while (rows < static_cast<int>(widths.size()) && widths[static_cast<std::size_t>(rows)] >= m) ++rows;
        reach_[static_cast<std::size_t>(m)] = static_cast<std::uint8_t>(rows);
    }
    reach_[kFarRow] = 0;
    halfWidth_ = widths.empty() ? -1 : widths[0];
    fits_ = true;
}

void rowReach(const std::uint8_t* row, int n, bool targetSet, const SliceDisk& disk, std::uint8_t* out) {
    // Target runs reach the most rows; in the runs between targets only the pixels within the
    // half-width of a target reach any (the table is looked up there), the rest reach none.
    const int w0 = disk.halfWidth();
    const std::uint8_t onTarget = disk.reachPlusOne(0);
    int prev = -1;  // the last target before q (-1: none)
    for (int q = 0; q < n;) {
        const int next = findFirst(row, q, n, targetSet);
        std::memset(out + q, 0, static_cast<std::size_t>(next - q));
        // Pixels near the previous target, then near the next one (distance: the nearer of the two).
        const int nearPrevEnd = prev < 0 ? q : std::min(next, prev + w0 + 1);
        const int nearNextBegin = next == n ? next : std::max(nearPrevEnd, next - w0);
        for (int p = q; p < nearPrevEnd; ++p) {
            const int d = next == n ? p - prev : std::min(p - prev, next - p);
            out[p] = disk.reachPlusOne(static_cast<std::uint8_t>(std::min(d, int{kFarRow})));
        }
        for (int p = nearNextBegin; p < next; ++p) out[p] = disk.reachPlusOne(static_cast<std::uint8_t>(std::min(next - p, int{kFarRow})));
        if (next == n) break;
        const int end = findFirst(row, next, n, !targetSet);
        std::memset(out + next, onTarget, static_cast<std::size_t>(end - next));
        prev = end - 1;
        q = end;
    }
}

void diskHits(const std::uint8_t* reach, int w, int h, bool inverted, std::uint8_t* out, std::size_t outStride,
              std::vector<std::uint8_t>& carry) {
    const auto width = static_cast<std::size_t>(w);
    carry.assign(width, 0);
    // Raw pointers: a byte store through a vector's operator[] could alias the vector itself,
    // which keeps the compiler from vectorising the loops.
    std::uint8_t* c = carry.data();
    // Down the rows: the reach carried from the rows above, one less per row, or the pixel's own.
    for (int j = 0; j < h; ++j) {
        const std::uint8_t* r = reach + static_cast<std::size_t>(j) * width;
        std::uint8_t* o = out + static_cast<std::size_t>(j) * outStride;
        for (std::size_t i = 0; i < width; ++i) {
            const std::uint8_t v = std::max(static_cast<std::uint8_t>(c[i] - (c[i] != 0)), r[i]);
            c[i] = v;
            o[i] = v != 0;
        }
    }
    // Up the rows, the same from below; the two marks together are the hits.
    std::fill_n(c, width, std::uint8_t{0});
    const std::uint8_t flip = inverted ? 1 : 0;
    for (int j = h - 1; j >= 0; --j) {
        const std::uint8_t* r = reach + static_cast<std::size_t>(j) * width;
        std::uint8_t* o = out + static_cast<std::size_t>(j) * outStride;
        for (std::size_t i = 0; i < width; ++i) {
            const std::uint8_t v = std::max(static_cast<std::uint8_t>(c[i] - (c[i] != 0)), r[i]);
            c[i] = v;
            o[i] = static_cast<std::uint8_t>((o[i] | (v != 0)) ^ flip);
        }
    }
}

}  // namespace tv
