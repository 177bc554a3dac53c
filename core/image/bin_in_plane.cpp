#include "image/bin_in_plane.h"

#include <tbb/parallel_for.h>

#include <algorithm>

namespace tv {

Image<std::int16_t> binInPlane(const Image<std::int16_t>& hu, int step, std::int16_t ceiling) {
    ImageGeometry g = hu.geometry();
    g.size = {(g.size[0] + step - 1) / step, (g.size[1] + step - 1) / step, g.size[2]};
    g.spacing[0] *= step;
    g.spacing[1] *= step;
    Image<std::int16_t> out(g, 0);
    tbb::parallel_for(0, g.size[2], [&](int k) {
        for (int jb = 0; jb < g.size[1]; ++jb)
            for (int ib = 0; ib < g.size[0]; ++ib) {
                int sum = 0, n = 0;
                for (int j = jb * step; j < std::min(hu.ny(), (jb + 1) * step); ++j)
                    for (int i = ib * step; i < std::min(hu.nx(), (ib + 1) * step); ++i) sum += std::min(hu.at(i, j, k), ceiling), ++n;
                out.at(ib, jb, k) = static_cast<std::int16_t>(sum / n);
            }
    });
    return out;
}

}  // namespace tv
