// A cut-off of the wide hull's pass only (CandidateFeatures::hilarCutoff, EmbolismParams::cutoffHullClosingMm):
// outside the 6 mm lung hull it is mostly "mediastinal", and like a stump plug it is spared the mediastinal polo-mint
// term (an occluded artery has contrast on its near side only) when its core reads clot (at most the mixing limit,
// thrombusHighHu + 40 HU); the lymph-node term below enclosure 0.35 and every veto stay. Features as measured
// on pa-crop seed 71000 round 1's lobar occlusion [81,82,80] (lab notes s66-widehull), rounded, so its score is met
// to 0.003; the term is exactly 2.5 on the logit.
#include <catch2/catch.hpp>

#include <cmath>

#include "embolism/candidate_scoring.h"
#include "embolism/embolism_params.h"

namespace {

double logit(double s) { return std::log(s / (1 - s)); }

tv::CandidateFeatures hilarOcclusion() {
    tv::CandidateFeatures f;
    f.cutoff = true;
    f.hilarCutoff = true;
    f.lumenSides = 2;
    f.volumeMm3 = 749.25;
    f.vesselRadiusMm = 4.5;
    f.sliceVesselRadiusMm = 4.5;
    f.completedRadiusMm = 4.5;
    f.aboveCarinaMm = -24.7;
    f.midlineOffsetMm = 30.4;
    f.contrastNorm = 0.908;
    f.coreContrastNorm = 0.889;
    f.enclosure = 0.406;
    f.elongation = 1.294;
    f.flatness = 0.669;
    f.medianHu = 105;
    f.coreHu = 114;
    f.localBloodHu = 548;
    f.mediastinalShare = 0.968;
    f.minorSemiAxisMm = 4.18;
    f.onArterialTree = true;
    f.ctpaContrast = true;
    return f;
}

}  // namespace

TEST_CASE("hilar cut-off: spared the mediastinal polo-mint term, nothing else", "[embolism][unit]") {
    const tv::EmbolismParams p;
    tv::CandidateFeatures f = hilarOcclusion();
    tv::CandidateFeatures plain = f;
    plain.hilarCutoff = false;
    const double on = tv::scoreCandidate(f, p), before = tv::scoreCandidate(plain, p);
    CHECK(on == Approx(0.793).margin(0.003));
    CHECK(before == Approx(0.239).margin(0.003));
    CHECK(logit(on) - logit(before) == Approx(2.5));
    // A core brighter than the mixing limit (hilar soft tissue between a bronchus and an artery, clean raised C3N
    // [331,288,55]: 159 HU) keeps the term.
    tv::CandidateFeatures mixed = f;
    mixed.coreHu = p.thrombusHighHu + 41;
    tv::CandidateFeatures mixedPlain = mixed;
    mixedPlain.hilarCutoff = false;
    CHECK(tv::scoreCandidate(mixed, p) == Approx(tv::scoreCandidate(mixedPlain, p)));
    tv::CandidateFeatures atLimit = f;
    atLimit.coreHu = p.thrombusHighHu + 40;
    CHECK(tv::scoreCandidate(atLimit, p) == Approx(on));
    // Below enclosure 0.35 the lymph-node term (-1.5) applies to it as to any mediastinal candidate.
    tv::CandidateFeatures node = f;
    node.enclosure = 0.3;
    tv::CandidateFeatures nodeAt35 = f;
    nodeAt35.enclosure = 0.35;
    CHECK(logit(tv::scoreCandidate(nodeAt35, p)) - logit(tv::scoreCandidate(node, p)) == Approx(1.5));
    // Off the arterial tree it is vetoed like any mediastinal candidate.
    tv::CandidateFeatures offTree = f;
    offTree.onArterialTree = false;
    CHECK(tv::scoreCandidate(offTree, p) == 0.0);
}
