#include "evaluation/blood_pool_region.h"

#include <cmath>
#include <limits>

namespace tv {

std::vector<double> diaphragmSliceMap(const Mask& lungs, double maxBaseK) {
    const ImageGeometry& g = lungs.geometry();
    const int nx = g.size[0], ny = g.size[1], nz = g.size[2];
    const double unknown = std::numeric_limits<double>::quiet_NaN();
    std::vector<double> h(static_cast<std::size_t>(nx) * ny, unknown);
    bool any = false;
    for (int j = 0; j < ny; ++j)
        for (int i = 0; i < nx; ++i)
            for (int k = 0; k < nz; ++k)
                if (lungs.at(i, j, k)) {
                    if (k < maxBaseK) {
                        h[static_cast<std::size_t>(j) * nx + i] = k;
                        any = true;
                    }
                    break;
                }
    if (!any) return {};
    // Along i within each row: the mediastinum lies between the two lungs.
    std::vector<char> rowHas(ny, 0);
    for (int j = 0; j < ny; ++j) {
        double* row = &h[static_cast<std::size_t>(j) * nx];
        std::vector<int> known;
        for (int i = 0; i < nx; ++i)
            if (!std::isnan(row[i])) known.push_back(i);
        if (known.empty()) continue;
        rowHas[j] = 1;
        std::size_t next = 0;
        for (int i = 0; i < nx; ++i) {
            if (!std::isnan(row[i])) continue;
            while (next < known.size() && known[next] < i) ++next;
            if (next == 0) row[i] = row[known.front()];
            else if (next == known.size()) row[i] = row[known.back()];
            else {
                const int a = known[next - 1], b = known[next];
                const double t = static_cast<double>(i - a) / (b - a);
                row[i] = (1 - t) * row[a] + t * row[b];
            }
        }
    }
    // Rows without lung (in front of or behind the lungs): the nearest row with a value.
    for (int j = 0; j < ny; ++j) {
        if (rowHas[j]) continue;
        int best = -1;
        for (int d = 1; d < ny && best < 0; ++d) {
            if (j - d >= 0 && rowHas[j - d]) best = j - d;
            else if (j + d < ny && rowHas[j + d]) best = j + d;
        }
        for (int i = 0; i < nx; ++i) h[static_cast<std::size_t>(j) * nx + i] = h[static_cast<std::size_t>(best) * nx + i];
    }
    return h;
}

Mask supradiaphragmaticBloodPool(const Mask& lumen, const Mask& seeds, const std::vector<double>& diaphragmK) {
    const ImageGeometry& g = lumen.geometry();
    Mask domain(g, 0);
    const int nx = g.size[0], ny = g.size[1];
    for (int k = 0; k < g.size[2]; ++k)
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i) {
                const std::size_t n = lumen.offset(i, j, k);
                const bool above = diaphragmK.empty() || k >= diaphragmK[static_cast<std::size_t>(j) * nx + i];
                domain[n] = lumen[n] && above ? 1 : 0;
            }
    return reconstruct(domain, seeds);
}

}  // namespace tv
