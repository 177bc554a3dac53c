// Partial-volume-aware smoothing inside the lungs (core/embolism/lung_smoothing.h): the sigma
// formula, and small arteries (4 mm and 3 mm wide) in lung that must be in the arterial tree when it
// is on; control: no findings on the defect-free phantom.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "embolism/embolism_detector.h"
#include "embolism/lung_smoothing.h"
#include "tube_phantom.h"

namespace {
constexpr double kBlood = 400, kLung = -850;
constexpr int kBranchI[2] = {30, 90};     // one branch in each lung
constexpr double kBranchR[2] = {2.0, 1.5};  // 4 mm and 3 mm wide
constexpr int kBranchJ0 = 40, kBranchJ1 = 64;

// tubePhantom at 400 HU plus a branch along +j from each main artery into its lung (partial volume
// at the edge) and Gaussian noise (SD 25 HU, fixed seed).
tv::CtVolume lungBranchPhantom() {
    tv::CtVolume ct = tv::testing::tubePhantom(kBlood);
    for (int b = 0; b < 2; ++b) tv::testing::addLungBranch(ct, kBranchI[b], kBranchR[b], kBranchJ0, kBranchJ1, kBlood, kLung);
    tv::testing::addNoise(ct, 25.0, 7);
    return ct;
}
}  // namespace

TEST_CASE("lung smoothing sigma keeps a vessel of the given radius at the lumen threshold", "[embolism][unit]") {
    const tv::EmbolismParams p;
    // R / sqrt(2 ln((blood - lung) / (blood - threshold))): 1.25 / sqrt(2 ln(1258 / 174)) = 0.6284 mm.
    CHECK(tv::partialVolumeSigmaMm(1.25, 408, -850, 234, p) == Approx(1.25 / std::sqrt(2 * std::log(1258.0 / 174.0))).epsilon(1e-9));
    CHECK(tv::partialVolumeSigmaMm(1.25, 408, -850, 234, p) == Approx(0.6284).margin(1e-4));
    // The peak formula at that sigma gives the threshold back.
    const double s = tv::partialVolumeSigmaMm(1.5, 400, -850, 230, p);
    CHECK(-850 + 1250 * (1 - std::exp(-1.5 * 1.5 / (2 * s * s))) == Approx(230).margin(1e-6));
    CHECK(tv::partialVolumeSigmaMm(0.1, 408, -850, 234, p) == Approx(p.lungSmoothingMinSigmaMm));  // floor
    CHECK(tv::partialVolumeSigmaMm(5.0, 408, -850, 234, p) == Approx(p.smoothingSigmaMm));         // never above the default
    CHECK(tv::partialVolumeSigmaMm(1.25, 200, -850, 234, p) == Approx(p.smoothingSigmaMm));        // blood under the threshold
    CHECK(tv::lumenThresholdFor(408, p) == Approx(234));
    CHECK(tv::lumenThresholdFor(125, p) == Approx(p.thrombusHighHu));

    tv::ImageGeometry g;
    g.size = {4, 1, 1};
    tv::Image<float> hu(g, 0.f);
    hu[0] = -900;
    hu[1] = -850;
    hu[2] = -820;
    hu[3] = 300;  // not lung
    tv::Mask lungs(g, 1);
    lungs[3] = 0;
    CHECK(tv::lungMedianHu(hu, lungs) == Approx(-850));
}

// Centreline voxels of branch b (away from its origin and its end) that are in the arterial tree.
int branchCentrelineInTree(const tv::EmbolismResult& r, int b) {
    const int ci = kBranchI[b];
    const int ck = static_cast<int>(std::lround(tv::testing::arteryK(ci)));
    int inTree = 0;
    for (int j = kBranchJ0 + 8; j <= kBranchJ1 - 2; ++j) inTree += r.arteries.at(ci, j, ck) != 0;
    return inTree;
}
constexpr int kCentreline = kBranchJ1 - 2 - (kBranchJ0 + 8) + 1;

TEST_CASE("4 mm and 3 mm arteries in lung are in the tree with the lung smoothing, the 3 mm one not without it", "[embolism][unit]") {
    const tv::CtVolume ct = lungBranchPhantom();
    tv::EmbolismParams p;
    p.thinLumenNoiseSd = 0;  // this test is about the lung smoothing alone (thin_vessel_lumen.h adds the branch too)
    const auto off = tv::detectEmboli(ct, p, tv::noProgress(), tv::neverCancel());
    REQUIRE(off.contrastState == "adequate");
    CHECK(off.lungSmoothingSigmaMm == Approx(p.smoothingSigmaMm));
    // sigma 1 mm: a 3 mm artery peaks at -850 + 1250 (1 - exp(-1.125)) = -6 HU, far under 230 HU.
    CHECK(branchCentrelineInTree(off, 1) == 0);

    p.lungVesselMinRadiusMm = 1.25;
    const auto on = tv::detectEmboli(ct, p, tv::noProgress(), tv::neverCancel());
    // sigma for 400 HU blood, -850 HU lung (median of the noisy lung within 1 HU), threshold 230 HU.
    CHECK(on.lungSmoothingSigmaMm == Approx(1.25 / std::sqrt(2 * std::log(1250.0 / 170.0))).margin(0.01));
    for (int b = 0; b < 2; ++b) {
        INFO("branch " << b << " radius " << kBranchR[b] << " mm");
        CHECK(branchCentrelineInTree(on, b) == kCentreline);
    }
    // Control: the noisier lung grid adds no finding on the defect-free phantom.
    CHECK(on.candidates.empty());
    CHECK(off.candidates.empty());
}
