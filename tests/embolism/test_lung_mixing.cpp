// The "mixing with contrast" score term in the lung hull (EmbolismParams lungMixingFromDarker, embolism_params.h):
// a partial defect or a two-sided occlusion reads it from the darker of its core and its median; a one-sided
// cut-off and a mediastinal candidate as before. Features as measured on raised C3N-00247's right segmental
// artery at [169,211-215,51] (lab notes s59-leftlower), rounded, so the runs' scores are met to 0.003; the term is
// exactly -1 on the logit.
#include <catch2/catch.hpp>

#include <cmath>

#include "embolism/candidate_scoring.h"
#include "embolism/embolism_params.h"

namespace {

double logit(double s) { return std::log(s / (1 - s)); }

// s65000 r0's finding: an eccentric clot's partial defect in the lung hull, median 181.5 HU (its rim), core 133.5 HU.
tv::CandidateFeatures lungPartial() {
    tv::CandidateFeatures f;
    f.volumeMm3 = 45.88;
    f.vesselRadiusMm = 3.0;
    f.contrastNorm = 0.64;
    f.coreContrastNorm = 0.78;
    f.enclosure = 0.71;
    f.elongation = 1.37;
    f.flatness = 0.89;
    f.medianHu = 181.5;
    f.coreHu = 133.5;
    f.localBloodHu = 398.5;
    f.onArterialTree = true;
    f.ctpaContrast = true;
    return f;
}

// s67000 r0's finding: a cut-off with lumen on three sides in the lung hull, median 137.5 HU, core 147.6 HU.
tv::CandidateFeatures lungTwoSided() {
    tv::CandidateFeatures f;
    f.cutoff = true;
    f.lumenSides = 3;
    f.volumeMm3 = 256.16;
    f.vesselRadiusMm = 2.52;
    f.minorSemiAxisMm = 2.46;
    f.contrastNorm = 0.769;
    f.coreContrastNorm = 0.739;
    f.enclosure = 0.26;
    f.elongation = 1.36;
    f.flatness = 0.54;
    f.medianHu = 137.5;
    f.coreHu = 147.6;
    f.localBloodHu = 395.75;
    f.onArterialTree = true;
    f.ctpaContrast = true;
    return f;
}

}  // namespace

TEST_CASE("lung mixing: a partial defect in the lung hull whose core is clot-dark loses the mixing term", "[embolism][unit]") {
    const tv::EmbolismParams p;
    REQUIRE(p.lungMixingFromDarker);
    REQUIRE(p.thrombusHighHu + 40 == Approx(140));
    tv::EmbolismParams off;
    off.lungMixingFromDarker = false;
    const tv::CandidateFeatures f = lungPartial();
    const double on = tv::scoreCandidate(f, p), before = tv::scoreCandidate(f, off);
    CHECK(on == Approx(0.687).margin(0.003));      // the run's finding without the term
    CHECK(before == Approx(0.446).margin(0.003));  // the run's score (stop 49's default)
    CHECK(on > 0.5);
    CHECK(before < 0.5);
    CHECK(logit(on) - logit(before) == Approx(1.0));
    // Both read bright: the term stays.
    tv::CandidateFeatures bright = f;
    bright.coreHu = 141;
    CHECK(tv::scoreCandidate(bright, p) == Approx(tv::scoreCandidate(bright, off)));
    CHECK(logit(tv::scoreCandidate(f, p)) - logit(tv::scoreCandidate(bright, p)) == Approx(1.0));
    // Mediastinal (walls and grooves between great vessels, lymph nodes): as before, the median.
    tv::CandidateFeatures mediastinal = f;
    mediastinal.mediastinalShare = 0.6;
    mediastinal.enclosure = 0.8;  // past the polo-mint demands, so only the mixing term is compared
    CHECK(tv::scoreCandidate(mediastinal, p) == Approx(tv::scoreCandidate(mediastinal, off)));
    tv::EmbolismParams noTerm;
    noTerm.thrombusHighHu = 200;  // the mixing limit at 240 HU: no term for either reading
    CHECK(logit(tv::scoreCandidate(mediastinal, noTerm)) - logit(tv::scoreCandidate(mediastinal, p)) == Approx(1.0));
}

TEST_CASE("lung mixing: a two-sided occlusion reads the darker of its core and median, a one-sided cut-off its median", "[embolism][unit]") {
    const tv::EmbolismParams p;
    tv::EmbolismParams off;
    off.lungMixingFromDarker = false;
    const tv::CandidateFeatures f = lungTwoSided();
    const double on = tv::scoreCandidate(f, p), before = tv::scoreCandidate(f, off);
    CHECK(before == Approx(0.363).margin(0.003));  // the core (147.6 HU) read by twoSidedOcclusionMixingFromCore
    CHECK(on == Approx(0.607).margin(0.003));      // the median (137.5 HU) is the darker
    CHECK(logit(on) - logit(before) == Approx(1.0));
    // A one-sided cut-off (lumen before it only) keeps the median's reading (embolism_params.h: no evidence for that
    // reach), whichever is darker.
    tv::CandidateFeatures oneSided = f;
    oneSided.lumenSides = 1;
    oneSided.medianHu = 181.5;
    oneSided.coreHu = 120;
    CHECK(tv::scoreCandidate(oneSided, p) == Approx(tv::scoreCandidate(oneSided, off)));
    tv::CandidateFeatures oneSidedDark = oneSided;
    oneSidedDark.medianHu = 120;
    CHECK(logit(tv::scoreCandidate(oneSidedDark, p)) - logit(tv::scoreCandidate(oneSided, p)) == Approx(1.0));
}
