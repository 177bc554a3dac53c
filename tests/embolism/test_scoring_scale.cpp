// Synthetic tests with exact answers for the scoring terms that scale with the vessel radius
// (candidate_scoring.h: coreBallMinRadiusMm, volumeScoreReferenceMm3, cutoffFill; embolism_params.h
// "Terms that scale with the candidate's vessel radius"). Segmental arteries are 2-2.5 mm in radius.
#include <catch2/catch.hpp>

#include <cmath>

#include "embolism/candidate_context.h"
#include "embolism/candidate_scoring.h"
#include "test_support.h"

namespace {
constexpr double kPi = 3.14159265358979323846;

double logistic(double z) { return 1.0 / (1.0 + std::exp(-z)); }

// An occlusive plug in a segmental artery of radius 2.5 mm in the lung, as measured on the raised
// C3N-00247 (plugs: contrast 0.79-0.86, lung contact 0.04-0.16, half-width 0.80-1.17 R): every
// term chosen so that the logistic sum is known exactly.
tv::CandidateFeatures segmentalPlug(const tv::EmbolismParams& p) {
    tv::CandidateFeatures f;
    f.cutoff = true;
    f.vesselRadiusMm = 2.5;
    f.minorSemiAxisMm = 2.0;                                          // fill 0.8
    f.volumeMm3 = tv::volumeScoreReferenceMm3(f.vesselRadiusMm, p);    // volume term 0
    f.contrastNorm = 0.9;                                             // contrast term 3 x 0.5 = 1.5
    f.elongation = 1.7;                                               // tube term 0.7
    f.lungContact = 0.1;                                              // face neighbours in the partial-volume rim
    f.enclosure = 0.1;
    f.medianHu = 60;
    f.localBloodHu = 400;
    f.flatness = 0.8;
    f.onArterialTree = true;
    f.ctpaContrast = true;
    f.coreContrastNorm = 0.9;
    return f;
}
}  // namespace

TEST_CASE("volume term: the reference is the whole clot a thin artery can hold, capped at 40 mm3", "[embolism][unit]") {
    const tv::EmbolismParams p;
    // Whole central clot (semi-axes 0.55 R, 0.55 R, 2 R) = 2.53 R^3 = 0.40 x 2 pi R^3.
    CHECK(tv::volumeScoreReferenceMm3(2.0, p) == Approx(0.40 * 2 * kPi * 8.0));   // 20.1 mm3
    CHECK(tv::volumeScoreReferenceMm3(2.5, p) == Approx(0.40 * 2 * kPi * 15.625)); // 39.3 mm3
    CHECK(tv::volumeScoreReferenceMm3(3.0, p) == Approx(40.0));                    // cap: large vessels unchanged
    CHECK(tv::volumeScoreReferenceMm3(9.0, p) == Approx(40.0));
    CHECK(tv::volumeScoreReferenceMm3(0.0, p) == Approx(40.0));                    // radius unknown
}

TEST_CASE("solid-core ball: scaled with the vessel so it fits inside a small clot", "[embolism][unit]") {
    const tv::EmbolismParams p;
    CHECK(tv::coreBallMinRadiusMm(2.5, 1.0, p) == Approx(1.25));  // 0.5 R
    CHECK(tv::coreBallMinRadiusMm(8.0, 1.0, p) == Approx(2.0));   // cap: the old 2 mm
    CHECK(tv::coreBallMinRadiusMm(1.5, 1.125, p) == Approx(1.125)); // never under half the voxel diagonal
    // On the 1.13 x 1.13 x 3 mm working grid half the voxel diagonal is 1.70 mm: a smaller ball
    // between two slices can hold no voxel centre (NaN core, which must not pass the rule).
    CHECK(tv::coreBallMinRadiusMm(2.5, 0.5 * std::sqrt(1.13 * 1.13 * 2 + 9.0), p) == Approx(0.5 * std::sqrt(11.5538)));  // 1.70 mm
    CHECK(tv::coreBallMinRadiusMm(0.0, 1.0, p) == Approx(2.0));   // radius unknown
    // 1 x 1 x 4 mm grid (the ball never reaches the next slice), lumen 400 HU. A wall-adherent clot
    // (60 HU) covers the centre voxel and its 4 in-plane neighbours in a 2.5 mm-radius artery: the
    // 1.25 mm ball holds exactly those 5 voxels; the old 2 mm ball adds the 4 diagonals (1.41 mm) and
    // the 4 voxels at 2 mm, all lumen: 13 voxels.
    const tv::ImageGeometry g = tvtest::grid(11, 11, 3, 1.0, 1.0, 4.0);
    tv::Image<float> hu(g, 400.0f);
    const int clot[5][2] = {{5, 5}, {4, 5}, {6, 5}, {5, 4}, {5, 6}};
    for (const auto& c : clot) hu.at(c[0], c[1], 1) = 60;
    const Eigen::Vector3d centre(5, 5, 1);
    const double scaled = tv::solidCoreHu(hu, centre, tv::coreBallMinRadiusMm(2.5, 1.0, p));
    const double old = tv::solidCoreHu(hu, centre, p.coreMinRadiusMm);
    CHECK(scaled == Approx(60.0));
    CHECK(old == Approx((5 * 60.0 + 8 * 400.0) / 13.0));
    const auto coreNorm = [&](double core) { return (400.0 - core) / (400.0 - p.thrombusMidHu); };
    CHECK(coreNorm(scaled) == Approx(1.0));                      // passes the 0.7 solid-core rule
    CHECK(coreNorm(old) < p.minCoreContrastNorm);                // the old ball rejected it (0.38)
    CHECK(coreNorm(old) == Approx(1.0 - (8.0 * 340.0 / 13.0) / 340.0));
}

TEST_CASE("a plug filling a small segmental artery passes the operating point, a thin strand does not", "[embolism][unit]") {
    const tv::EmbolismParams p;
    tv::CandidateFeatures f = segmentalPlug(p);
    CHECK(tv::cutoffFill(f) == Approx(0.8));
    // z = -2 + 1.5 (contrast) + 0 (volume) + 0.7 (tube) = 0.2; the old lung-contact step gave -0.5
    // more (contact 0.1 < 0.3): 0.426, under the operating point.
    CHECK(tv::scoreCandidate(f, p) == Approx(logistic(0.2)));
    CHECK(tv::scoreCandidate(f, p) >= p.operatingPoint);
    // The same candidate 0.4 R wide: a strand (wall, septum, partial volume along an edge).
    f.minorSemiAxisMm = 1.0;
    CHECK(tv::scoreCandidate(f, p) == Approx(logistic(0.2 - p.cutoffThinPenalty)));
    CHECK(tv::scoreCandidate(f, p) < p.operatingPoint);
    // On suboptimal (venous-phase) contrast the cut-off is weaker evidence.
    f.minorSemiAxisMm = 2.0;
    f.ctpaContrast = false;
    CHECK(tv::scoreCandidate(f, p) == Approx(logistic(0.2 - p.suboptimalCutoffPenalty)));
    f.ctpaContrast = true;
    // No voxel in the core ball (NaN): no solid core.
    f.coreContrastNorm = std::nan("");
    CHECK(tv::scoreCandidate(f, p) == 0.0);
    f.coreContrastNorm = 0.9;
    // Just at the fill limit the plug counts as filling.
    f.minorSemiAxisMm = p.cutoffMinFill * f.vesselRadiusMm;
    CHECK(tv::scoreCandidate(f, p) == Approx(logistic(0.2)));
    // A smaller plug in a thinner (2 mm) artery: the whole clot there is 20.1 mm3, no volume penalty.
    f = segmentalPlug(p);
    f.vesselRadiusMm = 2.0;
    f.minorSemiAxisMm = 1.6;
    f.volumeMm3 = 0.40 * 2 * kPi * 8.0;
    CHECK(tv::scoreCandidate(f, p) == Approx(logistic(0.2)));
    // With the old fixed 40 mm3 reference it lost 1.2 log10(40 / 20.1) = 0.36.
    CHECK(tv::scoreCandidate(f, p) - logistic(0.2 + 1.2 * std::log10(f.volumeMm3 / 40.0)) > 0.08);
}

TEST_CASE("a partial-volume crescent at a small bifurcation stays under the operating point", "[embolism][unit]") {
    const tv::EmbolismParams p;
    // Soft tissue in the cleft where two 2.5 mm branches part: thin (0.6 mm half-width), flat, small
    // (10 mm3), half wrapped in contrast, only half as dark as a clot.
    tv::CandidateFeatures f;
    f.vesselRadiusMm = 2.5;
    f.minorSemiAxisMm = 0.6;
    f.volumeMm3 = 10;
    f.contrastNorm = 0.5;
    f.enclosure = 0.5;
    f.elongation = 1.5;
    f.flatness = 0.3;
    f.medianHu = 150;
    f.localBloodHu = 400;
    f.onArterialTree = true;
    f.ctpaContrast = true;
    f.coreContrastNorm = 0.75;  // even when its core passes
    f.coreHu = 145;             // what that core contrast reads against 400 HU blood: 400 - 0.75 x (400 - 60)
    const double z = -2.0 + 3.0 * 0.1 + 1.2 * std::log10(10.0 / tv::volumeScoreReferenceMm3(2.5, p)) + 4.0 * 0.25 + 0.4 * 0.5
                     - 1.0 /* median and core above the thrombus band + 40 */ - 2.0 /* sheet */;
    CHECK(tv::scoreCandidate(f, p) == Approx(logistic(z)));
    CHECK(tv::scoreCandidate(f, p) < 0.1);
    f.coreContrastNorm = 0.4;  // lumen at its centroid: the solid-core rule
    CHECK(tv::scoreCandidate(f, p) == 0.0);
    // The same crescent found as a "cut-off": thinner than the plug rule allows.
    f.coreContrastNorm = 0.75;
    f.cutoff = true;
    f.enclosure = 0.2;
    CHECK(tv::scoreCandidate(f, p) < 0.05);
}

TEST_CASE("a partial defect is narrower than its artery, an occlusion may fill it", "[embolism][unit]") {
    const tv::EmbolismParams p;
    tv::CandidateFeatures f;
    f.volumeMm3 = 300;
    f.medianHu = 60;
    f.localBloodHu = 450;
    f.contrastNorm = 1.0;
    f.enclosure = 0.9;  // wrapped in contrast
    f.vesselRadiusMm = 8.0;
    f.elongation = 2.0;
    f.flatness = 0.6;
    f.mediastinalShare = 1.0;
    f.onArterialTree = true;
    f.coreContrastNorm = 1.0;
    f.minorSemiAxisMm = 0.78 * f.vesselRadiusMm;  // widest inserted central/eccentric clot
    CHECK(tv::scoreCandidate(f, p) > 0.9);
    f.minorSemiAxisMm = (p.maxPartialDefectWidthToRadius + 0.05) * f.vesselRadiusMm;  // the subcarinal recess: 1.15 R
    CHECK(tv::scoreCandidate(f, p) == 0.0);
    f.complete = true;  // an occlusion (enclosure < 0.15) may be as wide as its artery: not this rule
    f.enclosure = 0.1;
    CHECK(tv::scoreCandidate(f, p) > 0.0);
}

TEST_CASE("a partial defect's width is measured against its completed artery, not the rim of contrast beside it", "[embolism][unit]") {
    // pa-crop round 1: a central clot in an 11.7 mm artery, half-width 5.48 mm, rim of contrast
    // beside it 5.2 mm in radius, completed lumen 9.6 mm or more.
    const tv::EmbolismParams p;
    tv::CandidateFeatures f;
    f.volumeMm3 = 1500;
    f.medianHu = 69;
    f.localBloodHu = 480;
    f.contrastNorm = 0.98;
    f.enclosure = 0.91;
    f.vesselRadiusMm = 5.2;
    f.elongation = 1.95;
    f.flatness = 0.92;
    f.mediastinalShare = 1.0;
    f.onArterialTree = true;
    f.coreContrastNorm = 0.99;
    f.minorSemiAxisMm = 5.48;
    CHECK(tv::scoreCandidate(f, p) == 0.0);  // completed radius unknown: 1.05 x the rim's radius
    f.completedRadiusMm = 9.6;
    CHECK(tv::scoreCandidate(f, p) > 0.9);
    f.enclosure = p.poloMintMinEnclosure - 0.05;  // no wrapping rim: the completed lumen may span a gap between vessels
    CHECK(tv::scoreCandidate(f, p) == 0.0);
    f.enclosure = 0.91;
    f.minorSemiAxisMm = (p.maxPartialDefectWidthToRadius + 0.05) * f.completedRadiusMm;  // wider than the completed artery
    CHECK(tv::scoreCandidate(f, p) == 0.0);
}
