#pragma once
// A validation round's clot by its place: the entry of runInsertionExperiment's metrics["clots"]
// (validation_run.h) whose centre voxel lies within `tolerance` voxels of `voxel` on every axis, for the
// real-data tests that pin one inserted clot of a round.
#include <array>
#include <cstdlib>
#include <optional>
#include <utility>

#include <nlohmann/json.hpp>

#include "embolism/embolism_params.h"
#include "evaluation/validation_run.h"

namespace tvtest {

inline std::optional<nlohmann::json> roundClotAt(const nlohmann::json& metrics, const std::array<int, 3>& voxel, int tolerance = 1) {
    for (const auto& c : metrics["clots"]) {
        const auto& v = c["center_voxel"];
        bool near = true;
        for (int a = 0; a < 3; ++a) near = near && std::abs(v[a].get<int>() - voxel[a]) <= tolerance;
        if (near) return c;
    }
    return std::nullopt;
}

// Whether that clot was found (nullopt: no clot of the round lies there).
inline std::optional<bool> roundClotFoundAt(const nlohmann::json& metrics, const std::array<int, 3>& voxel, int tolerance = 1) {
    if (const auto c = roundClotAt(metrics, voxel, tolerance)) return (*c)["detected"].get<bool>();
    return std::nullopt;
}

// One detector run of the round `cfg` on `ct` with `p`: whether the clot at `voxel` is found (nullopt: none placed
// there) and the round's false findings.
inline std::pair<std::optional<bool>, int> roundClotRun(const tv::CtVolume& ct, const tv::EmbolismParams& p, const tv::ValidationConfig& cfg,
                                                        const std::array<int, 3>& voxel) {
    const auto run = tv::runInsertionExperiment(ct, p, cfg);
    return {roundClotFoundAt(run.metrics, voxel), run.metrics["false_positives"].get<int>()};
}

}  // namespace tvtest
