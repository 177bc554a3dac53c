#pragma once
// A validation round's clot by its place: the entry of runInsertionExperiment's metrics["clots"]
// (validation_run.h) whose centre voxel lies within `tolerance` voxels of `voxel` on every axis, for the
// real-data tests that pin one inserted clot of a round.
#include <array>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <utility>

#include <catch2/catch.hpp>

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

// A scoring rule replayed on one round: the round `cfg` on `ct` run with `on` (the default) and with `off` (the rule
// switched off); whether the clot at `voxel` is found in each and the round's false findings in each. Requires that a
// clot lies there and prints one line headed `what`.
struct RuleReplay {
    bool foundWith = false, foundWithout = false;
    int fpWith = 0, fpWithout = 0;
};
inline RuleReplay replayRule(const tv::CtVolume& ct, const tv::EmbolismParams& on, const tv::EmbolismParams& off, const tv::ValidationConfig& cfg,
                             const std::array<int, 3>& voxel, const std::string& what) {
    const auto [with, fpWith] = roundClotRun(ct, on, cfg, voxel);
    const auto [without, fpWithout] = roundClotRun(ct, off, cfg, voxel);
    REQUIRE(with.has_value());
    REQUIRE(without.has_value());
    std::cout << what << ": rule on " << (*with ? "found" : "missed") << " (" << fpWith << " false findings), off "
              << (*without ? "found" : "missed") << " (" << fpWithout << ")\n";
    return {*with, *without, fpWith, fpWithout};
}

}  // namespace tvtest
