#pragma once
// Shared by the phantom tests: the default phantom (generated once per process) and small
// measurements on label maps.
#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <vector>

#include "phantom/chest_phantom.h"

namespace phantomtest {

inline const tv::ChestPhantom& defaultPhantom() {
    static const tv::ChestPhantom ph = tv::makeChestPhantom(tv::ChestPhantomParams{});
    return ph;
}

inline double medianHu(const tv::ChestPhantom& ph, std::uint8_t label) {
    std::vector<std::int16_t> v;
    for (std::size_t n = 0; n < ph.truth.voxelCount(); ++n)
        if (ph.truth[n] == label) v.push_back(ph.ct.hu[n]);
    REQUIRE(!v.empty());
    std::nth_element(v.begin(), v.begin() + static_cast<long>(v.size() / 2), v.end());
    return v[v.size() / 2];
}

inline Eigen::Vector3d centroid(const tv::ChestPhantom& ph, std::uint8_t label) {
    Eigen::Vector3d sum = Eigen::Vector3d::Zero();
    std::size_t count = 0;
    const auto& g = ph.truth.geometry();
    for (int k = 0; k < ph.truth.nz(); ++k)
        for (int j = 0; j < ph.truth.ny(); ++j)
            for (int i = 0; i < ph.truth.nx(); ++i)
                if (ph.truth.at(i, j, k) == label) {
                    sum += g.voxelToPatient(Eigen::Vector3d(i, j, k));
                    ++count;
                }
    REQUIRE(count > 0);
    return sum / static_cast<double>(count);
}

/// 26-connected components of `label`: the voxel offsets of each.
inline std::vector<std::vector<std::size_t>> components(const tv::LabelMap& m, std::uint8_t label) {
    std::vector<std::vector<std::size_t>> out;
    std::vector<char> seen(m.voxelCount(), 0);
    for (int k = 0; k < m.nz(); ++k)
        for (int j = 0; j < m.ny(); ++j)
            for (int i = 0; i < m.nx(); ++i) {
                const std::size_t start = m.offset(i, j, k);
                if (m[start] != label || seen[start]) continue;
                std::vector<std::size_t> comp;
                std::vector<std::array<int, 3>> stack{{i, j, k}};
                seen[start] = 1;
                while (!stack.empty()) {
                    const auto [a, b, c] = stack.back();
                    stack.pop_back();
                    comp.push_back(m.offset(a, b, c));
                    for (int dk = -1; dk <= 1; ++dk)
                        for (int dj = -1; dj <= 1; ++dj)
                            for (int di = -1; di <= 1; ++di) {
                                const int x = a + di, y = b + dj, z = c + dk;
                                if (!m.geometry().contains(x, y, z)) continue;
                                const std::size_t o = m.offset(x, y, z);
                                if (m[o] == label && !seen[o]) {
                                    seen[o] = 1;
                                    stack.push_back({x, y, z});
                                }
                            }
                }
                out.push_back(std::move(comp));
            }
    return out;
}

inline Eigen::Vector3d lpsOf(const tv::LabelMap& m, std::size_t o) {
    const auto nx = static_cast<std::size_t>(m.nx()), ny = static_cast<std::size_t>(m.ny());
    return m.geometry().voxelToPatient(Eigen::Vector3d(
        static_cast<double>(o % nx), static_cast<double>((o / nx) % ny), static_cast<double>(o / (nx * ny))));
}

}  // namespace phantomtest
