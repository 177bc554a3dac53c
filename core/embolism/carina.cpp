#include "embolism/carina.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace tv {
namespace {

// In-plane 4-connected component of `m` in slice k containing (i, j); stops growing at `limit`
// pixels. Marks visited pixels in `seen` (nx*ny).
std::vector<int> blob(const Mask& m, int i0, int j0, int k, std::size_t limit, std::vector<std::uint8_t>& seen) {
    const int nx = m.nx(), ny = m.ny();
    std::vector<int> out, stack{j0 * nx + i0};
    seen[j0 * nx + i0] = 1;
    while (!stack.empty() && out.size() < limit) {
        const int q = stack.back();
        stack.pop_back();
        out.push_back(q);
        const int i = q % nx, j = q / nx;
        const int nb[4][2] = {{i - 1, j}, {i + 1, j}, {i, j - 1}, {i, j + 1}};
        for (const auto& b : nb) {
            if (b[0] < 0 || b[1] < 0 || b[0] >= nx || b[1] >= ny) continue;
            const int r = b[1] * nx + b[0];
            if (!seen[r] && m.at(b[0], b[1], k)) {
                seen[r] = 1;
                stack.push_back(r);
            }
        }
    }
    return out;
}

using Mask2d = std::vector<std::uint8_t>;

bool touchesBorder(const std::vector<int>& px, int nx, int ny) {
    for (const int q : px) {
        const int i = q % nx, j = q / nx;
        if (i == 0 || j == 0 || i == nx - 1 || j == ny - 1) return true;
    }
    return false;
}

// Follows an airway region down from slice k (pixels `tube` of the slice above) through the next
// slices' in-plane airway regions. Returns the slice where it splits into two regions of bronchus
// size that both continue it, or where it joins the lung in-plane after at least
// minTracheaLengthMm of tube; -1 when it grows beyond trachea size before that, or ends.
// `tubeMm` receives the length followed as a single region.
double followDown(const Mask& air, std::vector<int> tube, int k, const CarinaParams& p, double& tubeMm) {
    const int nx = air.nx(), ny = air.ny();
    const auto& sp = air.geometry().spacing;
    const double pxMm2 = sp[0] * sp[1];
    const int ri = static_cast<int>(std::ceil(p.footprintMm / sp[0])), rj = static_cast<int>(std::ceil(p.footprintMm / sp[1]));
    const std::size_t limit = static_cast<std::size_t>(p.mergedAreaMm2 / pxMm2);
    Mask2d foot(static_cast<std::size_t>(nx) * ny), seen(foot.size());
    tubeMm = 0;
    for (; k >= 0; --k) {
        std::fill(foot.begin(), foot.end(), 0);
        for (const int q : tube)
            for (int dj = -rj; dj <= rj; ++dj)
                for (int di = -ri; di <= ri; ++di) {
                    const int i = q % nx + di, j = q / nx + dj;
                    if (i >= 0 && j >= 0 && i < nx && j < ny && air.at(i, j, k)) foot[j * nx + i] = 1;
                }
        // Whole in-plane airway regions, seeded from the region's own pixels; from its footprint
        // widened by footprintMm only when none is airway (the trachea runs obliquely: at 3 mm slices
        // its cross-section moves by millimetres; seeding wider would reach the abutting apices).
        std::fill(seen.begin(), seen.end(), 0);
        std::vector<std::vector<int>> parts;
        for (const int q : tube)
            if (air.at(q % nx, q / nx, k) && !seen[q]) parts.push_back(blob(air, q % nx, q / nx, k, limit, seen));
        for (int q = 0; q < nx * ny && parts.empty(); ++q)
            if (foot[q] && !seen[q]) parts.push_back(blob(air, q % nx, q / nx, k, limit, seen));
        // A part continues the airway when it overlaps the region above itself (air beside the
        // trachea, e.g. in the oesophagus, only touches the widened footprint).
        Mask2d above(foot.size(), 0);
        for (const int q : tube) above[q] = 1;
        int big = 0;
        for (const auto& b : parts) {
            if (b.size() * pxMm2 < p.minBronchusAreaMm2) continue;
            big += std::any_of(b.begin(), b.end(), [&](int q) { return above[q] != 0; });
        }
        if (big >= 2) return k + 0.5;  // split into the two main bronchi
        if (parts.empty()) return -1;
        std::size_t largest = 0;
        for (std::size_t a = 1; a < parts.size(); ++a)
            if (parts[a].size() > parts[largest].size()) largest = a;
        // Joined the lung in-plane (the main bronchi enter the hila): the carina is about here;
        // before any length of tube: a lung apex, not the trachea.
        if (parts[largest].size() * pxMm2 > p.maxTracheaAreaMm2) return tubeMm >= p.minTracheaLengthMm ? k + 0.5 : -1;
        tube = parts[largest];
        tubeMm += sp[2];
    }
    return -1;
}

}  // namespace

double findCarinaK(const Image<float>& raw, double midlineX, const CarinaParams& p) {
    Mask air(raw.geometry(), 0);
    for (std::size_t n = 0; n < air.voxelCount(); ++n) air[n] = raw[n] < p.airwayHu ? 1 : 0;
    const int nx = air.nx(), ny = air.ny(), nz = air.nz();
    const auto& sp = air.geometry().spacing;
    const double pxMm2 = sp[0] * sp[1];
    const std::size_t limit = static_cast<std::size_t>(p.mergedAreaMm2 / pxMm2);
    std::vector<std::uint8_t> seen(static_cast<std::size_t>(nx) * ny);
    // From the top: an isolated, trachea-sized air region near the midline that continues down as
    // one tube of trachea size for at least minTracheaLengthMm and then splits in two.
    for (int k = nz - 1; k >= 0; --k) {
        std::fill(seen.begin(), seen.end(), 0);
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i) {
                if (seen[j * nx + i] || !air.at(i, j, k)) continue;
                const std::vector<int> b = blob(air, i, j, k, limit, seen);
                const double area = b.size() * pxMm2;
                if (area < p.minTracheaAreaMm2 || area > p.maxTracheaAreaMm2 || touchesBorder(b, nx, ny)) continue;
                double cx = 0;
                for (const int q : b) cx += q % nx;
                cx /= b.size();
                if (std::abs(cx - midlineX) * sp[0] > p.maxMidlineOffsetMm) continue;
                double tubeMm = 0;
                const double carina = followDown(air, b, k - 1, p, tubeMm);
                if (carina >= 0 && tubeMm >= p.minTracheaLengthMm) return carina;
            }
    }
    return -1;
}

}  // namespace tv
