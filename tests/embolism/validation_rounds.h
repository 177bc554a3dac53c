#pragma once
// The validation round configs of scripts/validate_pe.sh's lines, for the real-data tests that replay one round of
// a seed: C3N-00247 (lobar and segmental clots, 10 per level) and pa-crop (central and lobar, 6 per level, its
// reference artery mask), both 20 mm apart and 8 mm from earlier rounds' clots; and round n of a series.
#include <cstdint>
#include <set>
#include <utility>

#include "embolism/embolism_params.h"
#include "evaluation/lesion_insertion.h"
#include "evaluation/validation_run.h"
#include "io/nifti_io.h"
#include "io/volume_source.h"
#include "test_support.h"

namespace tvtest {

// C3N-00247 from the shared data with its blood pool raised to 400 HU by the default parameters' measure: the
// validation line's CTPA-level background (--raise 400). Exits as skipped when the shared data are absent
// (requireSharedData).
inline tv::CtVolume raisedC3n() {
    tv::CtVolume ct = tv::loadVolume(requireSharedData("chest-ct-contrast/C3N-00247"));
    tv::raiseBloodPool(ct, 400, tv::EmbolismParams{});
    return ct;
}

// Round 0 of `seed` on the validation line's spacing (--spacing 20 --round-spacing 8). Round n of the same series:
// tv::setValidationRound (validation_run.h), with the rounds before's usedSitesLps in excludedSitesLps.
inline tv::ValidationConfig validationRound0(std::set<tv::VesselLevel> levels, int clotsPerLevel, std::uint32_t seed) {
    tv::ValidationConfig cfg;
    cfg.levels = std::move(levels);
    cfg.clotsPerLevel = clotsPerLevel;
    cfg.minSpacingMm = 20;
    cfg.excludedSpacingMm = 8;
    cfg.seed = seed;
    return cfg;
}

// C3N-00247's line (--levels lobar,segmental --per 10).
inline tv::ValidationConfig c3nValidationRound0(std::uint32_t seed) {
    return validationRound0({tv::VesselLevel::Lobar, tv::VesselLevel::Segmental}, 10, seed);
}

// pa-crop's line (--levels central,lobar --per 6 --artery-mask).
inline tv::ValidationConfig paCropValidationRound0(std::uint32_t seed, const tv::LabelMap& referenceArteries) {
    tv::ValidationConfig cfg = validationRound0({tv::VesselLevel::Central, tv::VesselLevel::Lobar}, 6, seed);
    cfg.referenceArteries = referenceArteries;
    return cfg;
}

// Round n of the series whose round 0 is `round0`, as embolism_validate chains them: rounds 0..n-1 run on `ct` with
// `p` for their sites only, which round n keeps excludedSpacingMm from (their findings are not kept).
inline tv::ValidationConfig validationRound(const tv::CtVolume& ct, const tv::EmbolismParams& p, tv::ValidationConfig round0, int n) {
    const std::uint32_t seed0 = round0.seed;
    for (int r = 0; r < n; ++r) {
        tv::setValidationRound(round0, seed0, r);
        const auto earlier = tv::runInsertionExperiment(ct, p, round0);
        round0.excludedSitesLps.insert(round0.excludedSitesLps.end(), earlier.usedSitesLps.begin(), earlier.usedSitesLps.end());
    }
    tv::setValidationRound(round0, seed0, n);
    return round0;
}

// Round `round` of pa-crop's validation series `seed` (the pa-crop line of scripts/validate_pe.sh), its earlier rounds
// run with the default detector for their sites, as embolism_validate chains them.
struct PaCropRound {
    tv::CtVolume ct;
    tv::ValidationConfig cfg;
};
inline PaCropRound paCropRound(std::uint32_t seed, int round) {
    const auto dir = requireSharedData("pa-crop");
    tv::CtVolume ct = tv::readNiftiCt(dir / "ct_cropped.nii.gz");
    const tv::LabelMap reference = tv::readNiftiLabelsOnGrid(dir / "pulmonary_artery.nii.gz", ct.geometry());
    tv::ValidationConfig cfg = validationRound(ct, tv::EmbolismParams{}, paCropValidationRound0(seed, reference), round);
    return {std::move(ct), std::move(cfg)};
}

}  // namespace tvtest
