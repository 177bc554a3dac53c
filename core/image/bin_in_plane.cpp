#include "image/bin_in_plane.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <vector>

namespace tv {

Image<std::int16_t> binInPlane(const Image<std::int16_t>& hu, int step, std::int16_t ceiling) {
    ImageGeometry g = hu.geometry();
    const int nx = hu.nx(), ny = hu.ny();
    g.size = {(nx + step - 1) / step, (ny + step - 1) / step, g.size[2]};
    g.spacing[0] *= step;
    g.spacing[1] *= step;
    Image<std::int16_t> out(g, 0);
    const int cx = g.size[0];
    tbb::parallel_for(0, g.size[2], [&](int k) {
        std::vector<int> rowSum(static_cast<std::size_t>(nx));
        const std::int16_t* in = hu.slice(k);
        std::int16_t* o = out.slice(k);
        for (int jb = 0; jb < g.size[1]; ++jb) {
            // Sum the block's rows first (contiguous, vectorises), then the columns of each block.
            std::fill(rowSum.begin(), rowSum.end(), 0);
            const int j1 = std::min(ny, (jb + 1) * step);
            for (int j = jb * step; j < j1; ++j) {
                const std::int16_t* row = in + static_cast<std::size_t>(j) * nx;
                for (int i = 0; i < nx; ++i) rowSum[i] += std::min(row[i], ceiling);
            }
            const int rows = j1 - jb * step;
            for (int ib = 0; ib < cx; ++ib) {
                const int i0 = ib * step, i1 = std::min(nx, i0 + step);
                int sum = 0;
                for (int i = i0; i < i1; ++i) sum += rowSum[i];
                o[static_cast<std::size_t>(jb) * cx + ib] = static_cast<std::int16_t>(sum / (rows * (i1 - i0)));
            }
        }
    });
    return out;
}

}  // namespace tv
