#include "slice/viewport_resample.h"

#include <algorithm>
#include <cmath>

namespace tvui {

namespace {

/// One output column (or row): the two source texels it blends, the weight of the second one in
/// 1/256 steps, and whether it lies on the image at all.
struct Tap {
    int i0 = 0, i1 = 0;
    int w = 0;
    bool inside = false;
};

std::vector<Tap> taps(int outCount, double centre, double mmPerPixel, double spacing, int n) {
    std::vector<Tap> t(static_cast<std::size_t>(outCount));
    for (int p = 0; p < outCount; ++p) {
        // Pixel centre -> scene mm -> texel coordinate (texel centres at integers).
        const double u = (centre + (p + 0.5 - outCount / 2.0) * mmPerPixel) / spacing;
        Tap& tap = t[static_cast<std::size_t>(p)];
        tap.inside = u >= -0.5 && u < n - 0.5;
        if (!tap.inside) continue;
        const double f = std::floor(u);
        const int i = static_cast<int>(f);
        tap.i0 = std::clamp(i, 0, n - 1);
        tap.i1 = std::clamp(i + 1, 0, n - 1);
        tap.w = static_cast<int>(std::lround((u - f) * 256.0));
    }
    return t;
}

}  // namespace

void resampleToViewport(const std::uint8_t* rgb, int nx, int ny, double sx, double sy, const ViewportMapping& m,
                        std::vector<std::uint8_t>& out) {
    const std::size_t w = static_cast<std::size_t>(std::max(0, m.width)), h = static_cast<std::size_t>(std::max(0, m.height));
    out.assign(w * h * 4, 0);
    for (std::size_t q = 3; q < out.size(); q += 4) out[q] = 255;
    if (!rgb || nx <= 0 || ny <= 0 || w == 0 || h == 0) return;
    const std::vector<Tap> cols = taps(m.width, m.centreX, m.mmPerPixel, sx, nx);
    const std::vector<Tap> rows = taps(m.height, m.centreY, m.mmPerPixel, sy, ny);
    // Columns on the image form one run (the mapping is monotonic): loop over that run only.
    const auto first = std::find_if(cols.begin(), cols.end(), [](const Tap& t) { return t.inside; });
    const auto last = std::find_if(first, cols.end(), [](const Tap& t) { return !t.inside; });
    const std::size_t x0 = static_cast<std::size_t>(first - cols.begin()), x1 = static_cast<std::size_t>(last - cols.begin());
    const std::size_t rowBytes = static_cast<std::size_t>(nx) * 3;
    for (std::size_t y = 0; y < h; ++y) {
        const Tap& r = rows[y];
        if (!r.inside) continue;
        const std::uint8_t* a = rgb + static_cast<std::size_t>(r.i0) * rowBytes;
        const std::uint8_t* b = rgb + static_cast<std::size_t>(r.i1) * rowBytes;
        const int wy = r.w, vy = 256 - wy;
        std::uint8_t* o = out.data() + (y * w + x0) * 4;
        for (std::size_t x = x0; x < x1; ++x, o += 4) {
            const Tap& c = cols[x];
            const int wx = c.w, vx = 256 - wx;
            const std::size_t p0 = static_cast<std::size_t>(c.i0) * 3, p1 = static_cast<std::size_t>(c.i1) * 3;
            for (int k = 0; k < 3; ++k) {
                const int top = a[p0 + k] * vx + a[p1 + k] * wx;
                const int bottom = b[p0 + k] * vx + b[p1 + k] * wx;
                o[k] = static_cast<std::uint8_t>((top * vy + bottom * wy + 32768) >> 16);
            }
        }
    }
}

}  // namespace tvui
