// `thromboview analyze --pe-operating-point` and `thromboview evaluate --operating-point / --sweep` as a
// user runs them (the built binary): on a tube phantom with two clots of different scores, the operating
// point decides which are reported, and the sweep's rows agree with runs at those points.

// GCC 12 reports a false -Wrestrict on `"literal" + std::string` at -O3 (GCC bug 105329).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wrestrict"
#endif
#include <catch2/catch.hpp>

#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "embolism/embolism_detector.h"
#include "io/nifti_io.h"
#include "test_support.h"
#include "tube_phantom.h"

namespace fs = std::filesystem;
using nlohmann::json;
using tv::testing::arteryK;

namespace {

using Run = tvtest::CommandRun;
using tvtest::slurp;

Run thromboview(const std::string& args, const fs::path& scratch) { return tvtest::runCommand(TV_THROMBOVIEW_EXE, args, scratch); }

std::string q(const fs::path& p) { return tvtest::shellQuoted(p); }

// Tube phantom with two 60 HU clots, 12 mm long: radius 2.5 mm in the left artery, 2 mm in the right
// one (as test_operating_point_sweep.cpp), written with its truth (label 1 left, 2 right).
struct TwoClots {
    fs::path ct, truth;
    double scoreLeft = 0, scoreRight = 0;  // from a detector run at operating point 0
};

TwoClots writeTwoClots(const fs::path& dir) {
    tv::CtVolume ct = tv::testing::tubePhantom(450);
    tv::LabelMap truth(ct.geometry(), 0);
    for (int k = 0; k < 60; ++k)
        for (int j = 0; j < 80; ++j) {
            for (int i = 84; i <= 96; ++i)
                if (std::hypot(j - 40.0, k - arteryK(i)) < 2.5) ct.hu.at(i, j, k) = 60, truth.at(i, j, k) = 1;
            for (int i = 24; i <= 36; ++i)
                if (std::hypot(j - 40.0, k - arteryK(i)) < 2.0) ct.hu.at(i, j, k) = 60, truth.at(i, j, k) = 2;
        }
    TwoClots t{dir / "two_clots.nii.gz", dir / "two_clots_truth.nii.gz"};
    tv::writeNifti(ct, t.ct);
    tv::writeNifti(truth, t.truth);
    tv::EmbolismParams p;
    p.operatingPoint = 0.0;
    const auto r = tv::detectEmboli(ct, p, tv::noProgress(), tv::neverCancel());
    for (const auto& c : r.candidates) (c.centerVoxel[0] > 60 ? t.scoreLeft : t.scoreRight) = std::max(c.score, c.centerVoxel[0] > 60 ? t.scoreLeft : t.scoreRight);
    return t;
}

}  // namespace

TEST_CASE("analyze --pe-operating-point and evaluate --operating-point / --sweep decide which clots are reported", "[embolism][cli]") {
    const fs::path dir = tvtest::scratchDir("embolism_cli");
    const TwoClots t = writeTwoClots(dir);
    INFO("scores left " << t.scoreLeft << ", right " << t.scoreRight);
    REQUIRE(t.scoreLeft > 0);
    REQUIRE(t.scoreRight > 0);
    REQUIRE(std::abs(t.scoreLeft - t.scoreRight) > 0.02);
    const double between = (t.scoreLeft + t.scoreRight) / 2, below = std::min(t.scoreLeft, t.scoreRight) - 0.01;
    const int higher = t.scoreLeft > t.scoreRight ? 1 : 2;

    // analyze: the point between the two scores reports one finding, the point below both two.
    std::ostringstream betweenArg, belowArg;
    betweenArg << between;
    belowArg << below;
    Run a = thromboview("analyze " + q(t.ct) + " --quiet --out " + q(dir / "between") + " --pe-operating-point " + betweenArg.str(), dir);
    REQUIRE(a.exitCode == 0);
    const json one = json::parse(slurp(dir / "between" / "analysis.json"));
    CHECK(one["embolism"]["candidates"].size() == 1);
    CHECK(one["parameters"]["embolism"]["operating_point"].get<double>() == Approx(between));
    a = thromboview("analyze " + q(t.ct) + " --quiet --out " + q(dir / "below") + " --pe-operating-point " + belowArg.str(), dir);
    REQUIRE(a.exitCode == 0);
    CHECK(json::parse(slurp(dir / "below" / "analysis.json"))["embolism"]["candidates"].size() == 2);
    a = thromboview("analyze " + q(t.ct) + " --quiet --out " + q(dir / "bad") + " --pe-operating-point 1.5", dir);
    CHECK(a.exitCode != 0);
    CHECK_THAT(a.err, Catch::Contains("--pe-operating-point"));

    // evaluate --labels-are-lesions: at the point between, the higher-scoring clot only; the sweep's rows
    // step by 0.05 from 0.1 and count a clot at every point up to its score.
    Run e = thromboview("evaluate " + q(t.ct) + " --truth " + q(t.truth) + " --labels-are-lesions --json --sweep --operating-point " + betweenArg.str(), dir);
    REQUIRE(e.exitCode == 0);
    const json j = json::parse(e.out);
    CHECK(j["detected"] == 1);
    CHECK(j["false_positives"] == 0);
    REQUIRE(j["sweep"].size() == 17);
    for (const auto& row : j["sweep"]) {
        const double point = row["operating_point"].get<double>();
        const int expected = (t.scoreLeft >= point - 1e-9) + (t.scoreRight >= point - 1e-9);
        INFO("point " << point << " higher clot " << higher);
        CHECK(row["detected"].get<int>() == expected);
    }
}
