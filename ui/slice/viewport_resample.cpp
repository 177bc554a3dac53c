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
    out.resize(w * h * 4);
    auto* px = reinterpret_cast<std::uint32_t*>(out.data());  // vector storage is suitably aligned
    constexpr std::uint32_t opaqueBlack = 0xFF000000u;        // bytes R, G, B, A on little-endian
    static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "RGBA byte order assumes little-endian");
    if (!rgb || nx <= 0 || ny <= 0 || w == 0 || h == 0) {
        std::fill(px, px + w * h, opaqueBlack);
        return;
    }
    const std::vector<Tap> cols = taps(m.width, m.centreX, m.mmPerPixel, sx, nx);
    const std::vector<Tap> rows = taps(m.height, m.centreY, m.mmPerPixel, sy, ny);
    // Columns on the image form one run (the mapping is monotonic): loop over that run only.
    const auto first = std::find_if(cols.begin(), cols.end(), [](const Tap& t) { return t.inside; });
    const auto last = std::find_if(first, cols.end(), [](const Tap& t) { return !t.inside; });
    const std::size_t x0 = static_cast<std::size_t>(first - cols.begin()), x1 = static_cast<std::size_t>(last - cols.begin());
    const std::size_t rowBytes = static_cast<std::size_t>(nx) * 3;

    // Separable: each source row is interpolated horizontally once (rounded to 8 bits) and kept
    // while consecutive output rows use it; output rows then blend two such rows vertically.
    struct HRow {
        int source = -1;
        std::vector<std::uint8_t> v;
    };
    // Four lanes per pixel (alpha lane fixed at 255) so the vertical blend below is one straight
    // loop over 8-bit lanes with 16-bit products (255 * 256 + 128 fits), twice the lanes per vector
    // register of 32-bit products.
    HRow cache[2];
    cache[0].v.resize((x1 - x0) * 4);
    cache[1].v.resize((x1 - x0) * 4);
    auto horizontal = [&](int j, int avoid) -> const std::uint8_t* {
        for (HRow& c : cache)
            if (c.source == j) return c.v.data();
        HRow& c = cache[0].source == avoid ? cache[1] : cache[0];
        c.source = j;
        const std::uint8_t* a = rgb + static_cast<std::size_t>(j) * rowBytes;
        std::uint8_t* o = c.v.data();
        for (std::size_t x = x0; x < x1; ++x, o += 4) {
            const Tap& t = cols[x];
            const int wx = t.w, vx = 256 - wx;
            const std::uint8_t* p0 = a + static_cast<std::size_t>(t.i0) * 3;
            const std::uint8_t* p1 = a + static_cast<std::size_t>(t.i1) * 3;
            for (int k = 0; k < 3; ++k) o[k] = static_cast<std::uint8_t>((p0[k] * vx + p1[k] * wx + 128) >> 8);
            o[3] = 255;
        }
        return c.v.data();
    };
    for (std::size_t y = 0; y < h; ++y) {
        std::uint32_t* row = px + y * w;
        const Tap& r = rows[y];
        if (!r.inside) {
            std::fill(row, row + w, opaqueBlack);
            continue;
        }
        std::fill(row, row + x0, opaqueBlack);
        std::fill(row + x1, row + w, opaqueBlack);
        const std::uint8_t* top = horizontal(r.i0, -1);
        std::uint8_t* o = reinterpret_cast<std::uint8_t*>(row + x0);
        const std::size_t lanes = (x1 - x0) * 4;
        if (r.w == 0 || r.i1 == r.i0) {  // on a source row (or clamped at the edge): a plain copy
            std::copy(top, top + lanes, o);
            continue;
        }
        const std::uint8_t* bottom = horizontal(r.i1, r.i0);
        const auto wy = static_cast<std::uint16_t>(r.w), vy = static_cast<std::uint16_t>(256 - r.w);
        for (std::size_t q = 0; q < lanes; ++q)
            o[q] = static_cast<std::uint8_t>(static_cast<std::uint16_t>(top[q] * vy + bottom[q] * wy + 128) >> 8);
    }
}

}  // namespace tvui
