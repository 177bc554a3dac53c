#include "embolism/own_side_faces.h"

#include <algorithm>

namespace tv {

std::vector<std::size_t> ownSideFaces(const std::vector<std::size_t>& voxels, const ImageGeometry& g,
                                      const std::function<bool(std::size_t)>& ownSide) {
    std::vector<std::size_t> self = voxels;
    std::sort(self.begin(), self.end());
    std::vector<std::size_t> out;
    const int nb[6][3] = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
    for (const std::size_t n : self) {
        const int i = static_cast<int>(n % g.size[0]), j = static_cast<int>((n / g.size[0]) % g.size[1]),
                  k = static_cast<int>(n / (static_cast<std::size_t>(g.size[0]) * g.size[1]));
        for (const auto& d : nb) {
            if (!g.contains(i + d[0], j + d[1], k + d[2])) continue;
            const std::size_t q = (static_cast<std::size_t>(k + d[2]) * g.size[1] + (j + d[1])) * g.size[0] + (i + d[0]);
            if (!std::binary_search(self.begin(), self.end(), q) && ownSide(q)) out.push_back(q);
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace tv
