#pragma once
// The validation round config of scripts/validate_pe.sh's C3N-00247 lines (lobar and segmental clots, 10 per
// level, 20 mm apart, 8 mm from earlier rounds' clots), for the real-data tests that replay one round of a seed.
#include <cstdint>

#include "evaluation/validation_run.h"

namespace tvtest {

// Round 0 of `seed`. Round n of the same series: tv::setValidationRound (validation_run.h), with the rounds
// before's usedSitesLps in excludedSitesLps.
inline tv::ValidationConfig c3nValidationRound0(std::uint32_t seed) {
    tv::ValidationConfig cfg;
    cfg.levels = {tv::VesselLevel::Lobar, tv::VesselLevel::Segmental};
    cfg.clotsPerLevel = 10;
    cfg.minSpacingMm = 20;
    cfg.excludedSpacingMm = 8;
    cfg.seed = seed;
    return cfg;
}

}  // namespace tvtest
